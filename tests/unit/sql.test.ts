import { describe, expect, it } from 'vitest';
import { compileSql, runSql } from '../../server/src/db/sql.ts';

describe('compileSql', () => {
  it('turns :names into positional parameters, reusing a repeated name', () => {
    const s = compileSql('SELECT * FROM t WHERE a = :a AND (:b::text IS NULL OR b = :b)');
    expect(s.text).toBe('SELECT * FROM t WHERE a = $1 AND ($2::text IS NULL OR b = $2)');
    expect(s.names).toEqual(['a', 'b']);
  });

  it('leaves casts and array slices alone', () => {
    const s = compileSql("SELECT x::numeric, y[1:2], '{}'::jsonb FROM t WHERE id = :id");
    expect(s.text).toBe("SELECT x::numeric, y[1:2], '{}'::jsonb FROM t WHERE id = $1");
  });

  it('refuses to run with a missing parameter, naming it and the file', async () => {
    const s = compileSql('SELECT :missing', 'probe.sql');
    const db = { query: async () => [], exec: async () => {}, copyFrom: async () => 0 };
    await expect(runSql(db, s, {})).rejects.toThrow('while running probe.sql: parameter :missing was not given');
  });
});
