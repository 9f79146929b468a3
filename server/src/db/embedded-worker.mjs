// The embedded database's own thread: PGlite is WebAssembly and runs each statement to the end on
// the thread that calls it, so a minute-long recompute query would freeze every request of the
// server. Here it runs on a worker thread; embedded-database.ts talks to it by messages.
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader everywhere
// (tsx yes, the test runner no), and this file is only a message loop around PGlite.
import { parentPort } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

// Same values as type-parsers.ts (the in-thread backend uses that module; parity tests hold both).
const parseInt8 = (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} exceeds 2^53; cast it to numeric or text`);
  return n;
};
const parsers = { [types.INT8]: parseInt8, [types.NUMERIC]: (v) => v };

/** An error as a plain object that keeps what callers match on (SQLSTATE code, detail …). */
function serialise(err) {
  const out = { message: err instanceof Error ? err.message : String(err), name: err?.name ?? 'Error' };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
}

let pg;
let openTx = null; // id of the open transaction; other work waits until it ends
const waiting = [];
let chain = Promise.resolve();
// Messages whose request gave up (time budget, client gone) before they ran: they never run.
const queued = new Set();
const cancelled = new Set();

async function run(msg) {
  switch (msg.op) {
    case 'open':
      pg = await PGlite.create({ dataDir: msg.dataDir, extensions: { postgis }, parsers });
      await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
      return null;
    case 'query':
      return (await pg.query(msg.sql, msg.params ?? [])).rows;
    case 'exec':
      await pg.exec(msg.sql);
      return null;
    case 'begin':
      await pg.exec('BEGIN');
      return null;
    case 'commit':
    case 'rollback':
      try {
        await pg.exec(msg.op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      } finally {
        openTx = null;
      }
      return null;
    case 'close':
      await pg?.close();
      return null;
    default:
      throw new Error(`embedded worker: unknown op ${msg.op}`);
  }
}

function dispatch(msg) {
  if (msg.op === 'cancel') {
    const i = waiting.findIndex((m) => m.id === msg.target);
    if (i >= 0) waiting.splice(i, 1);
    else if (queued.has(msg.target)) cancelled.add(msg.target);
    return;
  }
  // Statements outside the open transaction wait for it, as with one connection.
  if (openTx !== null && msg.tx !== openTx) {
    waiting.push(msg);
    return;
  }
  // Claimed now, not when BEGIN runs: whatever arrives after it waits for the transaction's end.
  if (msg.op === 'begin') openTx = msg.tx;
  queued.add(msg.id);
  chain = chain.then(async () => {
    queued.delete(msg.id);
    if (cancelled.delete(msg.id)) {
      // Nobody waits for the answer; a BEGIN that never ran opens no transaction.
      if (msg.op === 'begin') openTx = null;
    } else try {
      parentPort.postMessage({ id: msg.id, ok: true, rows: await run(msg) });
    } catch (err) {
      if (msg.op === 'begin') openTx = null;
      parentPort.postMessage({ id: msg.id, ok: false, error: serialise(err) });
    }
    if (openTx === null) {
      while (waiting.length && openTx === null) dispatch(waiting.shift());
    }
  });
}

parentPort.on('message', dispatch);
