// Issue 11 item 5: the folder-backed embedded database runs on its own thread, so this thread (the
// server's requests) keeps running while a long statement executes. Before, a statement blocked
// it to the end: /api/health took 29.7 s during a 29.8 s recompute (see docs/status.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.ts';
import { openEmbeddedDatabase } from '../../server/src/db/embedded-database.ts';
import { embeddedOverPort } from '../../server/src/db/embedded-thread.ts';
import { urgently, withStatementSignal } from '../../server/src/db/statement-scope.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-thread-'));
let db: Database;
beforeAll(async () => {
  db = await openEmbeddedDatabase(path.join(tmp, 'pglite'));
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, n bigint, x numeric, at timestamptz, g geometry(Point, 4326))');
  await db.exec('CREATE TABLE served (seq serial PRIMARY KEY, who text NOT NULL)');
}, 120_000);
afterAll(async () => {
  await db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('embedded database on its own thread', () => {
  it('returns the same values as the in-thread backend: int8 as number, numeric as text, dates, PostGIS', async () => {
    await db.query("INSERT INTO t VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint(71.4, 51.1), 4326))", [1, 9007199254740991, '12.50', new Date('2026-01-10T00:00:00Z')]);
    const [row] = await db.query<{ n: number; x: string; at: Date; lon: number }>('SELECT n, x, at, ST_X(g) AS lon FROM t WHERE id = $1', [1]);
    expect(row).toEqual({ n: 9007199254740991, x: '12.50', at: new Date('2026-01-10T00:00:00Z'), lon: 71.4 });
  });

  it('keeps SQLSTATE codes on errors, and rolls a failed transaction back', async () => {
    await expect(db.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (2)');
      throw new Error('stop');
    })).rejects.toThrow('stop');
    expect(await db.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }]);
  });

  it('a statement outside an open transaction waits for it and sees only committed rows', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db.transaction(async (q) => {
      await q.query('INSERT INTO t (id) VALUES (3)');
      await gate;
      await q.query('INSERT INTO t (id) VALUES (4)');
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
    release();
    await tx;
    expect((await outside)[0]!.n).toBe(3);
  });

  it('this thread keeps running (timers fire) while a long statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await db.query('SELECT count(*) FROM generate_series(1, 3000000) s, LATERAL (SELECT s * 2) x');
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });

  // Issue 11: under 200 clients the thread served statements first come, first served, so a request
  // went to the back of the queue at each of its statements and some waited > 10 s. Now the oldest
  // request goes first, and a liveness probe before all of them.
  it('serves waiting statements oldest request first, an urgent probe before all, once the thread is free', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The thread is held, as by a long statement or another request's transaction.
    const holder = db.transaction(async (q) => {
      await q.query("INSERT INTO served (who) VALUES ('holder')");
      await gate;
    });
    await new Promise((r) => setTimeout(r, 50));
    const serve = (who: string) => db.query('INSERT INTO served (who) VALUES ($1)', [who]);
    const signal = new AbortController().signal;
    // Arrival order: a request begun at 2 000, one begun at 1 000 (its second statement, say), a probe.
    const waiting = [
      withStatementSignal(signal, () => serve('began-2000'), 2_000),
      withStatementSignal(signal, () => serve('began-1000'), 1_000),
      urgently(() => serve('probe')),
    ];
    release();
    await holder;
    await Promise.all(waiting);
    const order = (await db.query<{ who: string }>('SELECT who FROM served ORDER BY seq')).map((r) => r.who);
    expect(order).toEqual(['holder', 'probe', 'began-1000', 'began-2000']);
  });

  // Issue 11: a job thread's statements went job thread → server thread → database thread, so the
  // server thread cloned every row of a recompute (health p99 249 ms during one, idle 7.9 ms).
  describe('a port straight to the database thread (a job thread)', () => {
    it('shares the one queue with the server thread, each side getting its own answers', async () => {
      const job = embeddedOverPort(db.ports!());
      const asked = Array.from({ length: 20 }, (_, i) => i);
      const answers = await Promise.all(asked.map((i) => (i % 2 ? job : db).query<{ n: number }>('SELECT $1::int AS n', [i])));
      expect(answers.map((r) => r[0]!.n)).toEqual(asked);
      await job.close();
    });

    it('keeps its transaction apart: the server thread waits for it and sees it only once committed', async () => {
      const job = embeddedOverPort(db.ports!());
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = job.transaction(async (q) => {
        await q.query('INSERT INTO t (id) VALUES (10)');
        await gate;
        await q.query('INSERT INTO t (id) VALUES (11)');
      });
      await new Promise((r) => setTimeout(r, 50));
      const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id IN (10, 11)');
      release();
      await tx;
      expect((await outside)[0]!.n).toBe(2);
      await job.close();
    });

    it('a port closed inside a transaction (its thread died) rolls it back instead of holding the database', async () => {
      const job = embeddedOverPort(db.ports!());
      const tx = job.transaction(async (q) => {
        await q.query('INSERT INTO t (id) VALUES (12)');
        await job.close();
        await new Promise(() => {});
      });
      tx.catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      expect(await db.query('SELECT id FROM t WHERE id = 12')).toEqual([]);
    });
  });
});
