// The job thread's entry: loads TypeScript (tsx) whatever started the server (tsx, node, the test
// runner), then runs the tasks of thread-tasks.ts it is sent, one at a time, against the server's
// database over a MessagePort, straight to the embedded database thread, or a small pool of its
// own (PostgreSQL). Plain JavaScript: it must load before the TypeScript loader does.
import { workerData, parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { THREAD_TASKS } = await import('./thread-tasks.ts');
const { remoteDatabase } = await import('./thread-database.ts');
// PostgreSQL: two connections of this thread's own (rows parsed here, not on the server thread).
// Embedded on a data folder: a port straight to the database thread (rows not cloned through the server thread).
// Work that must not overlap (db/exclusive.ts): on PostgreSQL the advisory lock at the server's URL;
// embedded, the server thread's queue, asked over the relay port.
const { withServer } = await import('../db/database.ts');
const relay = remoteDatabase(workerData.dbPort, workerData.backend);
const db = workerData.serverUrl
  ? withServer(await (await import('../db/server-database.ts')).openServerDatabase(workerData.serverUrl, { max: 2 }), workerData.serverUrl)
  : workerData.embeddedPort
    ? { ...(await import('../db/embedded-thread.ts')).embeddedOverPort(workerData.embeddedPort), exclusive: relay.exclusive }
    : relay;

/** An error as a plain object that keeps what the API answers with (status, code, details). */
function plain(err) {
  const out = { message: err instanceof Error ? err.message : String(err) };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
    if (Array.isArray(err.details)) out.details = err.details;
  }
  return out;
}

let chain = Promise.resolve();
parentPort.on('message', (m) => {
  if (m.kind !== 'run') return;
  chain = chain.then(async () => {
    try {
      const report = (stage, done, total) => parentPort.postMessage({ kind: 'progress', id: m.id, stage, done, total });
      parentPort.postMessage({ kind: 'result', id: m.id, result: await THREAD_TASKS[m.task](db, m.args, report) });
    } catch (err) {
      parentPort.postMessage({ kind: 'error', id: m.id, error: plain(err) });
    }
  });
});
