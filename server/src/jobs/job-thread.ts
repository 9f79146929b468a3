// Runs a job's task (thread-tasks.ts) on a thread of its own, so its CPU-heavy stages never stall
// the server thread (health checks, tiles, other users); its statements still go to the server's
// one database through this thread (thread-database.ts). A failed task rejects with its code,
// status and details, as the same error thrown here would.
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Database } from '../db/database.ts';
import type { Report } from './job-runner.ts';
import { serveDatabase } from './thread-database.ts';
import type { ThreadTask, ThreadTaskArgs } from './thread-tasks.ts';

type Message =
  | { kind: 'progress'; stage: string; done: number; total: number }
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; error: Record<string, unknown> & { message: string } };

export function runOnThread<K extends ThreadTask>(db: Database, task: K, args: ThreadTaskArgs<K>, report: Report): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  const endTransactions = serveDatabase(port1, db);
  const worker = new Worker(new URL('./job-thread-entry.mjs', import.meta.url), {
    workerData: { task, args, backend: db.backend, dbPort: port2 },
    transferList: [port2],
  });
  return new Promise<unknown>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      endTransactions();
      port1.close();
      void worker.terminate();
      fn();
    };
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') report(m.stage, m.done, m.total);
      else if (m.kind === 'result') finish(() => resolve(m.result));
      else finish(() => reject(Object.assign(new Error(m.error.message), m.error)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the job thread stopped (exit ${code}) before it finished`))));
  });
}
