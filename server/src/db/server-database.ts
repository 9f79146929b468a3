// Server backend: node-postgres against PostgreSQL + PostGIS.
// A statement run for a request (statement-scope.ts) is cancelled on the server, with
// pg_cancel_backend over a connection of its own, as soon as the request's budget runs out or its
// client hangs up: abandoned requests stop using the database instead of running to the end.
import pg from 'pg';
import { withArraysAsText } from './array-text.ts';
import type { Database, Queryable } from './database.ts';
import { copyInto } from './server-copy.ts';
import { loadSql } from './sql.ts';
import { cancelError, statementSignal } from './statement-scope.ts';
import { serverTypeParsers } from './server-types.ts';
import { transactionOnThread, WriteThreadUnavailable } from './server-thread.ts';

const cancelBackendSql = loadSql(import.meta.url, './cancel-backend.sql');

const typeParsers = serverTypeParsers;

function wrap(client: pg.Pool | pg.PoolClient, signal?: AbortSignal): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      if (signal?.aborted) throw cancelError(signal);
      const res = await client.query({ text: sql, values: withArraysAsText(params), types: typeParsers });
      return res.rows as T[];
    },
    async exec(sql: string) {
      if (signal?.aborted) throw cancelError(signal);
      await client.query(sql);
    },
    async copyFrom(sql: string, rows: Uint8Array<ArrayBuffer>) {
      if (signal?.aborted) throw cancelError(signal);
      if (!(client instanceof pg.Pool)) return copyInto(client, sql, rows);
      const c = await client.connect();
      const held = holdErrors(c);
      try {
        return await copyInto(c, sql, rows);
      } finally {
        held.release();
      }
    },
  };
}

/** A pool connection, or the request's cancellation if that comes first (a full pool can take long). */
function connect(pool: pg.Pool, signal: AbortSignal): Promise<pg.PoolClient> {
  if (signal.aborted) return Promise.reject(cancelError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    pool.connect().then(
      (client) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          client.release();
          reject(cancelError(signal));
        } else resolve(client);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/**
 * While a client is checked out the pool's idle 'error' listener is off it, and a connection the
 * server ends between two statements (restart, pg_terminate_backend) would be an uncaught
 * exception. Held errors fail the next statement instead, and the broken client is destroyed.
 */
function holdErrors(client: pg.PoolClient): { release(): void } {
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  return {
    release() {
      client.off('error', onError);
      client.release(broken);
    },
  };
}

export async function openServerDatabase(url: string, options: { replica?: boolean; max?: number } = {}): Promise<Database> {
  // A server that does not answer fails a request within 5 s (→ 503) instead of hanging it.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: typeParsers, connectionTimeoutMillis: 5_000 });
  // Cancels travel on their own connection: with every pooled one busy they could not wait for one.
  const canceller = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000 });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  canceller.on('error', () => {});
  const base = wrap(pool);

  /** Runs fn on one connection whose statement is cancelled on the server when `signal` aborts. */
  async function onCancellable<T>(signal: AbortSignal, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await connect(pool, signal);
    const held = holdErrors(client);
    const pid = (client as pg.PoolClient & { processID?: number }).processID;
    let cancelling: Promise<unknown> | undefined;
    const onAbort = () => {
      cancelling = canceller.query(cancelBackendSql.text, [pid]).catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await fn(client);
    } catch (err) {
      // The server's "canceling statement due to user request" (57014) is the request's own end.
      throw signal.aborted ? cancelError(signal) : err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Released only once the cancel has landed, so it can never hit the next user's statement.
      if (cancelling) await cancelling;
      held.release();
    }
  }

  // A hot standby refuses DDL, even one with nothing to do: the primary made the extension.
  if (!options.replica) await base.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const database: Database = {
    backend: 'postgres',
    query<T>(sql: string, params?: readonly unknown[]) {
      const signal = statementSignal();
      if (!signal) return base.query<T>(sql, params);
      return onCancellable(signal, (c) => wrap(c, signal).query<T>(sql, params));
    },
    exec(sql: string) {
      const signal = statementSignal();
      if (!signal) return base.exec(sql);
      return onCancellable(signal, (c) => wrap(c, signal).exec(sql));
    },
    copyFrom(sql: string, rows: Uint8Array<ArrayBuffer>) {
      const signal = statementSignal();
      if (!signal) return base.copyFrom(sql, rows);
      return onCancellable(signal, (c) => wrap(c, signal).copyFrom(sql, rows));
    },
    async transaction(fn) {
      const signal = statementSignal();
      const body = async (client: pg.PoolClient) => {
        await client.query('BEGIN');
        try {
          const out = await fn(wrap(client, signal));
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      };
      if (signal) return onCancellable(signal, body);
      const client = await pool.connect();
      const held = holdErrors(client);
      try {
        return await body(client);
      } finally {
        held.release();
      }
    },
    async transactionOnThread(fn) {
      try {
        return await transactionOnThread(url, fn, statementSignal(), (pid) => canceller.query(cancelBackendSql.text, [pid]).catch(() => {}));
      } catch (err) {
        // No thread or no connection for it (too many clients, say): nothing has run, the pool will do.
        if (err instanceof WriteThreadUnavailable) return database.transaction(fn);
        throw err;
      }
    },
    close: async () => {
      await pool.end();
      await canceller.end();
    },
  };
  return database;
}
