// SQL templates: a .sql file with {{slot}} placeholders for what bind parameters cannot carry (a
// table, a column list, a fixed filter). Every slot takes a Fragment, made only by the helpers
// below: catalogue identifiers are checked against the layer catalogue (server/src/data/layers.ts),
// code-owned SQL is marked as such. Filling fails on an unfilled placeholder, so a template and its
// caller cannot drift apart silently. Values still go in as :name parameters.
import { readFileSync } from 'node:fs';
import { LAYERS } from '../data/layers.ts';
import { compileSql, type SqlStatement } from './sql.ts';

declare const fragment: unique symbol;
/** A piece of SQL text that is safe to splice: a checked identifier or SQL written in our code. */
export type Fragment = string & { readonly [fragment]: true };

/** Columns every catalogue table has besides its fields (migrations 00x). */
const COMMON_COLUMNS = ['id', 'geom', 'provenance', 'dataset_id'];
const TABLES = new Set<string>(Object.values(LAYERS).map((l) => l.table));
const COLUMNS = new Map<string, Set<string>>(
  Object.values(LAYERS).map((l) => [l.table, new Set([...COMMON_COLUMNS, ...l.fields.map((f) => f.name)])]),
);

/** A table of the layer catalogue. */
export function catalogueTable(table: string): Fragment {
  if (!TABLES.has(table)) throw new Error(`while filling SQL: '${table}' is not a table of the layer catalogue`);
  return table as Fragment;
}

/** Columns of a catalogue table, each written by `format` (default: the name), joined with ", ". */
export function catalogueColumns(table: string, columns: readonly string[], format: (c: string) => string = (c) => c): Fragment {
  catalogueTable(table);
  const known = COLUMNS.get(table)!;
  for (const c of columns) {
    if (!known.has(c)) throw new Error(`while filling SQL: '${c}' is not a column of ${table} in the layer catalogue`);
  }
  return columns.map(format).join(', ') as Fragment;
}

/** Columns of a catalogue table as `'col', t.col, …` pairs for json_build_object. */
export const catalogueProperties = (table: string, columns: readonly string[]): Fragment =>
  catalogueColumns(table, columns, (c) => `'${c}', t.${c}`);

/** SQL written in this codebase (a constant, never from a request or a file being imported). */
export const trusted = (sql: string): Fragment => sql as Fragment;

/** Reads a template beside the module whose import.meta.url is given. */
export function loadSqlTemplate(moduleUrl: string, name: string): { file: string; source: string } {
  const url = new URL(name, moduleUrl);
  return { file: name.replace(/^\.\//, ''), source: readFileSync(url, 'utf8') };
}

/** Fills every {{slot}} and compiles the result; `label` names it in errors ("tile-shapes.sql(roads)"). */
export function fillSql(template: { file: string; source: string }, slots: Readonly<Record<string, Fragment>>, label = template.file): SqlStatement {
  // A slot named in a comment would be filled too, and a multi-line fragment would escape the comment.
  if (/--[^\n]*\{\{\w+\}\}/.test(template.source)) throw new Error(`while filling ${label}: a {{slot}} inside a -- comment; name it without braces`);
  const text = template.source.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => {
    const v = slots[k];
    if (v === undefined) throw new Error(`while filling ${label}: {{${k}}} has no value`);
    return v;
  });
  return compileSql(text, label);
}
