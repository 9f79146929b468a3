// Runs a job's task (thread-tasks.ts) on the job thread, so its CPU-heavy stages never stall the
// server thread (health checks, tiles, other users); its statements still go to the server's one
// database through this thread (thread-database.ts) — on PostgreSQL through connections of its own
// instead: the pg driver parses rows and writes parameters on the thread that calls it, and the
// recompute's 19,000-row reads and result writes blocked the server thread for up to 0.9 s
// (issue 11, health during a recompute). One long-lived thread per database: what a
// task keeps in memory between runs (the planning input cache) stays warm. A failed task rejects
// with its code, status and details, as the same error thrown here would.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Database } from '../db/database.ts';
import { EVALUATION_YOUNG_GENERATION_MB } from '../planning/heap-share.ts';
import type { Report } from './job-runner.ts';
import { serveDatabase } from './thread-database.ts';
import type { ThreadTask, ThreadTaskArgs } from './thread-tasks.ts';

type Message =
  | { kind: 'progress'; id: number; stage: string; done: number; total: number }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: Record<string, unknown> & { message: string } };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; report: Report };

class JobThread {
  dead = false;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly endTransactions: () => void;
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  constructor(db: Database) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.endTransactions = serveDatabase(port1, db);
    // Embedded (folder-backed): a port straight to the database thread, so the job's rows are not
    // cloned through this thread on their way (the relay above stays for in-memory databases).
    const embeddedPort = db.ports?.();
    this.worker = new Worker(new URL('./job-thread-entry.mjs', import.meta.url), {
      workerData: { backend: db.backend, dbPort: port2, serverUrl: db.server?.url, embeddedPort },
      transferList: embeddedPort ? [port2, embeddedPort] : [port2],
      // Recomputes evaluate here: a young generation that fits an evaluation's short-lived objects (heap-share.ts).
      resourceLimits: { maxYoungGenerationSizeMb: EVALUATION_YOUNG_GENERATION_MB },
    });
    // Idle, the thread keeps nothing alive: the server's own shutdown decides when the process ends.
    this.worker.unref();
    port1.unref();
    this.worker.on('message', (m: Message) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') return p.report(m.stage, m.done, m.total);
      this.pending.delete(m.id);
      if (m.kind === 'result') p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.error.message), m.error));
    });
    const die = (err: Error) => {
      this.dead = true;
      this.endTransactions();
      this.port.close();
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`the job thread stopped (exit ${code}) before the job finished`)));
  }

  run(task: string, args: unknown, report: Report): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, report });
      this.worker.postMessage({ kind: 'run', id, task, args });
    });
  }
}

const threads = new WeakMap<Database, JobThread>();

export function runOnThread<K extends ThreadTask>(db: Database, task: K, args: ThreadTaskArgs<K>, report: Report): Promise<unknown> {
  let t = threads.get(db);
  if (!t || t.dead) threads.set(db, (t = new JobThread(db)));
  return t.run(task, args, report);
}
