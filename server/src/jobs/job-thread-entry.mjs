// A job thread's entry: loads TypeScript (tsx) whatever started the server (tsx, node, the test
// runner), then runs one task of thread-tasks.ts against the server's database over a MessagePort.
import { workerData, parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { THREAD_TASKS } = await import('./thread-tasks.ts');
const { remoteDatabase } = await import('./thread-database.ts');
const { task, args, backend, dbPort } = workerData;
const db = remoteDatabase(dbPort, backend);
try {
  const result = await THREAD_TASKS[task](db, args, (stage, done, total) => parentPort.postMessage({ kind: 'progress', stage, done, total }));
  parentPort.postMessage({ kind: 'result', result });
} catch (err) {
  const error = { message: err instanceof Error ? err.message : String(err) };
  if (err && typeof err === 'object') for (const [k, v] of Object.entries(err)) if (['string', 'number', 'boolean'].includes(typeof v)) error[k] = v;
  if (err && typeof err === 'object' && Array.isArray(err.details)) error.details = err.details;
  parentPort.postMessage({ kind: 'error', error });
} finally {
  dbPort.close();
}
