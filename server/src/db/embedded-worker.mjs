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
// Waiting messages, served in order of `at` (when their request began; 0 = urgent), then arrival.
// PGlite is one connection: under 200 clients hundreds of statements wait here. First come, first
// served per *statement* sent a request with five statements to the back of the queue five times
// (its later statements waited behind requests that began after it); oldest request first lets a
// begun request finish. A begun transaction is served alone until it ends, as on one connection.
const ready = [];
let activeTx = null; // `port:tx` of the transaction whose BEGIN has run; only its statements run until it ends
let pumping = false;
let arrivals = 0;
// Statements come from the server thread (port 0) and from job threads over ports of their own
// (embedded-thread.ts ports()): ids and transaction numbers are each sender's own.
let ports = 0;

const before = (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
function enqueue(item) {
  let lo = 0;
  let hi = ready.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(ready[mid], item)) lo = mid + 1;
    else hi = mid;
  }
  ready.splice(lo, 0, item);
}
function next() {
  const i = activeTx === null ? (ready.length ? 0 : -1) : ready.findIndex((m) => m.txKey === activeTx);
  return i < 0 ? undefined : ready.splice(i, 1)[0];
}

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
    case 'copy': // COPY … FROM '/dev/blob' (embedded-thread.ts spells it so): the rows are the blob
      return (await pg.query(msg.sql, [], { blob: new Blob([msg.rows]) })).affectedRows ?? 0;
    case 'begin':
      await pg.exec('BEGIN');
      return null;
    case 'commit':
    case 'rollback':
      try {
        await pg.exec(msg.op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      } finally {
        activeTx = null;
      }
      return null;
    case 'close':
      await pg?.close();
      return null;
    default:
      throw new Error(`embedded worker: unknown op ${msg.op}`);
  }
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    for (let item = next(); item; item = next()) {
      const { msg, reply } = item;
      try {
        const rows = await run(msg);
        if (msg.op === 'begin') activeTx = item.txKey;
        reply.postMessage({ id: msg.id, ok: true, rows });
      } catch (err) {
        reply.postMessage({ id: msg.id, ok: false, error: serialise(err) });
      }
    }
  } finally {
    pumping = false;
  }
}

function dispatch(msg, port, reply) {
  if (msg.op === 'port') {
    const n = ++ports;
    msg.port.on('message', (m) => dispatch(m, n, msg.port));
    // Its thread gone: its waiting statements never run, and a transaction it left open ends.
    msg.port.on('close', () => {
      for (let i = ready.length - 1; i >= 0; i--) if (ready[i].port === n && ready[i].msg.op !== 'rollback') ready.splice(i, 1);
      if (activeTx !== null && activeTx.startsWith(`${n}:`)) {
        enqueue({ msg: { op: 'rollback', id: 0 }, port: n, reply: { postMessage() {} }, at: 0, seq: ++arrivals, txKey: activeTx });
        void pump();
      }
    });
    return;
  }
  // A request that gave up (time budget, client gone): its statement leaves the queue unrun. One
  // already running cannot be stopped; nobody waits for its answer.
  if (msg.op === 'cancel') {
    const i = ready.findIndex((m) => m.port === port && m.msg.id === msg.target);
    if (i >= 0) ready.splice(i, 1);
    return;
  }
  const at = typeof msg.at === 'number' ? msg.at : Date.now();
  enqueue({ msg, port, reply, at, seq: ++arrivals, txKey: msg.tx === undefined || msg.tx === null ? null : `${port}:${msg.tx}` });
  void pump();
}

parentPort.on('message', (m) => dispatch(m, 0, parentPort));
