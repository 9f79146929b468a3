// The language of what a person reads from the server (CSV headers and values, the printable
// report): `?lang=` when given, else the browser's Accept-Language, else Russian. And the CSV
// separator: `;` (`?sep=;` or `?sep=semicolon`) for Excel set to Russian or Kazakh, `,` otherwise.
import type { Request } from 'express';
import { isLang, type Lang } from '../portfolio/report-labels.ts';
import type { CsvSeparator } from '../csv.ts';
import { ApiError } from './errors.ts';

export function requestLang(req: Request): Lang {
  const q = req.query.lang;
  if (q !== undefined) {
    if (isLang(q)) return q;
    throw new ApiError(400, 'invalid_input', 'invalid query', [{ field: 'lang', message: 'use ru, kk or en' }]);
  }
  const best = req.acceptsLanguages('ru', 'kk', 'en');
  return isLang(best) ? best : 'ru';
}

export function csvSeparator(req: Request): CsvSeparator {
  const q = req.query.sep;
  if (q === undefined || q === ',' || q === 'comma') return ',';
  if (q === ';' || q === 'semicolon') return ';';
  throw new ApiError(400, 'invalid_input', 'invalid query', [{ field: 'sep', message: "use ',' (comma) or ';' (semicolon)" }]);
}
