// Server backend: node-postgres against PostgreSQL + PostGIS.
import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { OID, parseInt8, parseNumeric } from './type-parsers.ts';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.int8) return parseInt8;
    if (oid === OID.numeric) return parseNumeric;
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await client.query({ text: sql, values: params as unknown[], types: typeParsers });
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export async function openServerDatabase(url: string): Promise<Database> {
  // A server that does not answer fails a request within 5 s (→ 503) instead of hanging it.
  const pool = new pg.Pool({ connectionString: url, max: 10, types: typeParsers, connectionTimeoutMillis: 5_000 });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const base = wrap(pool);
  await base.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    backend: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
