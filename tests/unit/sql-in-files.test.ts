// SQL lives in .sql files beside the module that runs it (docs/architecture.md). This guard fails on
// a statement written inline in server code: a string literal handed to query()/exec() that reads
// or writes data (SELECT, INSERT, UPDATE, DELETE, WITH). Utility commands (SET LOCAL, SET TRANSACTION, TRUNCATE,
// ANALYZE, a temp table, an advisory lock, `SELECT 1`) and the database layer itself are exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../server/src');
/** The layer that runs SQL (migrations, drivers, the thread bridge) and benchmarks that build fixtures. */
const EXEMPT = [/^db\//, /^jobs\/thread-database\.ts$/, /\.bench\.ts$/];
/** Statements that are plumbing, not data: allowed inline. */
const UTILITY = [/^SET LOCAL /, /^SET TRANSACTION ISOLATION LEVEL /, /^TRUNCATE /, /^ANALYZE/, /^SELECT 1$/, /^SELECT pg_advisory_xact_lock\(/, /^CREATE TEMP TABLE /, /^SELECT to_regclass\(/, /^SELECT count\(\*\)::int AS n FROM dataset$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function inlineStatements(source: string): string[] {
  const out: string[] = [];
  // query('…'), query<T>(`…`), exec("…"): the first argument when it is a literal.
  for (const m of source.matchAll(/\.(?:query|exec)(?:<[^>]*>)?\(\s*(['"`])([\s\S]*?)\1/g)) {
    const sql = m[2]!.replace(/\s+/g, ' ').trim();
    if (/^(SELECT|INSERT|UPDATE|DELETE|WITH|TRUNCATE|SET|ANALYZE|CREATE)\b/i.test(sql) && !UTILITY.some((u) => u.test(sql))) out.push(sql);
  }
  return out;
}

describe('SQL in files', () => {
  it('finds an inline statement when there is one (the guard can fail)', () => {
    expect(inlineStatements("await db.query('SELECT id FROM site WHERE x = $1', [1]);")).toEqual(['SELECT id FROM site WHERE x = $1']);
    expect(inlineStatements('await tx.query<{ n: number }>(`UPDATE plan_state\n SET a = 1`);')).toEqual(['UPDATE plan_state SET a = 1']);
    expect(inlineStatements("await tx.exec('SET LOCAL jit = off');")).toEqual([]);
  });

  it('no server module outside the database layer writes a data statement inline', () => {
    const found = files(ROOT)
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
      .filter((f) => !EXEMPT.some((e) => e.test(f)))
      .flatMap((f) => inlineStatements(readFileSync(path.join(ROOT, f), 'utf8')).map((s) => `${f}: ${s.slice(0, 80)}`));
    expect(found).toEqual([]);
  });
});
