// Converts one source value to a layer field's type, or says why it cannot. Pure.
import type { FieldSpec } from '../layers.ts';
import type { Problem } from './geometry-checks.ts';

export type Converted = { value: string | number | boolean | null } | { problem: Problem };

const INT4_MAX = 2_147_483_647;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** Parses a number from a JSON number or text; `decimalComma` accepts "71,4" (Excel in ru/kk locales). */
export function parseNumber(v: unknown, decimalComma = false): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  let s = v.trim();
  if (decimalComma && DECIMAL_COMMA.test(s)) s = s.replace(',', '.');
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const show = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function convertValue(raw: unknown, field: FieldSpec, options: { decimalComma?: boolean } = {}): Converted {
  const problem = (code: Problem['code'], reason: string): Converted => ({ problem: { code, field: field.name, reason } });
  if (isBlank(raw)) {
    if (field.default !== undefined) return { value: field.default };
    if (field.required) return problem('missing_field', 'required value is missing');
    return { value: null };
  }
  switch (field.type) {
    case 'text': {
      if (typeof raw === 'object') return problem('value_not_allowed', `expected text, got ${show(raw)}`);
      const s = String(raw);
      if (field.values && !field.values.includes(s)) {
        return problem('value_not_allowed', `${show(s)} is not one of ${field.values.join(', ')}`);
      }
      return { value: s };
    }
    case 'integer':
    case 'number': {
      const n = parseNumber(raw, options.decimalComma);
      if (n === undefined) {
        const hint = typeof raw === 'string' && DECIMAL_COMMA.test(raw.trim()) ? ' (a decimal comma? use a point)' : '';
        return problem('not_a_number', `${show(raw)} is not a number${hint}`);
      }
      if (field.type === 'integer' && (!Number.isInteger(n) || Math.abs(n) > INT4_MAX)) {
        return problem('not_an_integer', `${show(raw)} is not a whole number within ±${INT4_MAX}`);
      }
      if (field.min !== undefined && n < field.min) return problem('below_minimum', `${n} is below the minimum ${field.min}`);
      return { value: n };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const s = String(raw).trim().toLowerCase();
      if (['true', '1', 'yes', 'y', 'да', 'иә'].includes(s)) return { value: true };
      if (['false', '0', 'no', 'n', 'нет', 'жоқ'].includes(s)) return { value: false };
      return problem('not_a_boolean', `${show(raw)} is not true/false`);
    }
  }
}
