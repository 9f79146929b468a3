// SQL lives in .sql files beside the module that runs it, with named parameters (:name).
// They are compiled once to positional parameters, so values are always bound, never spliced.
import { readFileSync } from 'node:fs';
import type { Queryable } from './database.ts';

export type SqlStatement = { readonly file: string; readonly text: string; readonly names: readonly string[] };

// :name, but not PostgreSQL casts (::type); string literals in our .sql files never contain ':word'.
const NAMED = /(?<![:\w]):([a-zA-Z_][a-zA-Z0-9_]*)/g;

export function compileSql(source: string, file = '(inline)'): SqlStatement {
  const names: string[] = [];
  const text = source.replace(NAMED, (_m, name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return `$${i + 1}`;
  });
  return { file, text, names };
}

/** Loads `name` from the folder of the module whose import.meta.url is given. */
export function loadSql(moduleUrl: string, name: string): SqlStatement {
  const url = new URL(name, moduleUrl);
  return compileSql(readFileSync(url, 'utf8'), url.pathname);
}

export async function runSql<T = Record<string, unknown>>(
  db: Queryable,
  stmt: SqlStatement,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const values = stmt.names.map((n) => {
    if (!(n in params)) throw new Error(`while running ${stmt.file}: parameter :${n} was not given`);
    const v = params[n];
    return v === undefined ? null : v;
  });
  return db.query<T>(stmt.text, values);
}
