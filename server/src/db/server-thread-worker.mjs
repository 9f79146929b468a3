// A PostgreSQL connection driven from a thread of its own (server-thread.ts): one transaction's
// statements arrive as messages and are sent from here, so the Buffers node-postgres builds for a
// bulk write are allocated in this thread's small heap instead of the caller's large one.
// Plain JavaScript that loads the TypeScript through tsx, as evaluate-worker.mjs does.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';

const { serverTypeParsers } = await tsImport('./server-types.ts', import.meta.url);
const { serialise } = await tsImport('./thread-error.ts', import.meta.url);
const { copyInto } = await tsImport('./server-copy.ts', import.meta.url);

const client = new pg.Client({ connectionString: workerData.url, types: serverTypeParsers, connectionTimeoutMillis: 5_000, application_name: 'baylanys write thread' });
// The server ending the connection between two statements fails the next one, not the thread.
let broken = null;
client.on('error', (err) => {
  broken = err;
});
try {
  await client.connect();
  parentPort.postMessage({ ready: true, pid: client.processID });
} catch (err) {
  parentPort.postMessage({ ready: false, error: serialise(err) });
}

// Statements run one at a time in arrival order (the caller awaits each, as on one connection).
let queue = Promise.resolve();
parentPort.on('message', (m) => {
  queue = queue.then(async () => {
    try {
      if (m.end) {
        await client.end().catch(() => {});
        parentPort.postMessage({ id: m.id, ok: true, rows: [] });
        return;
      }
      if (broken) throw broken;
      if (m.copy !== undefined) {
        parentPort.postMessage({ id: m.id, ok: true, rows: await copyInto(client, m.sql, m.copy) });
        return;
      }
      const res = m.params === undefined
        ? await client.query(m.sql)
        : await client.query({ text: m.sql, values: m.params, types: serverTypeParsers });
      parentPort.postMessage({ id: m.id, ok: true, rows: Array.isArray(res) ? [] : res.rows });
    } catch (err) {
      parentPort.postMessage({ id: m.id, ok: false, error: serialise(err) });
    }
  });
});
