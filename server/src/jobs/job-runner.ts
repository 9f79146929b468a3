// Heavy work (recompute, scenario runs, imports through the API) as jobs off the request path: a
// request starts a job and is answered 202 with its URL; the job runs detached from the request
// (its client may leave, its time budget does not apply), one at a time per process, and reports
// its stage and progress until it has a result or an error. Jobs live in this process's memory:
// a restart forgets them (the work they did is in the database, or rolled back with it).
import { randomBytes } from 'node:crypto';
import { detached } from '../db/statement-scope.ts';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';
export type JobProgress = { stage: string; done: number; total: number };
export type JobError = { status: number; code: string; message: string; details: unknown[] };

export type Job = {
  id: string;
  kind: string;
  /** Who started it (user id); only they and administrators may read it. */
  ownerId: number | null;
  state: JobState;
  progress: JobProgress | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result: unknown;
  error: JobError | null;
};

export type Report = (stage: string, done: number, total: number) => void;

/** What a failed job tells its reader: the API's code and message when the error carries them. */
export function jobError(err: unknown): JobError {
  const e = err as { code?: unknown; message?: unknown; details?: unknown; status?: unknown };
  if (typeof e?.status === 'number' && typeof e.code === 'string') {
    return { status: e.status, code: e.code, message: String(e.message), details: Array.isArray(e.details) ? e.details : [] };
  }
  return { status: 500, code: 'internal', message: 'the job failed; see the server log', details: [] };
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly ends = new Map<string, Promise<void>>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: { keep?: number; onError?: (job: Job, err: unknown) => void } = {},
  ) {}

  /** Queues `work`; it starts when the jobs before it have ended. */
  start<T>(kind: string, ownerId: number | null, work: (report: Report) => Promise<T>): Job {
    const job: Job = {
      id: randomBytes(12).toString('base64url'), kind, ownerId, state: 'queued', progress: null,
      createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, result: null, error: null,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    const report: Report = (stage, done, total) => {
      job.progress = { stage, done, total };
    };
    // Detached: the request that started it may end, time out or be abandoned; the job goes on.
    const run = detached(() => this.tail.then(async () => {
      job.state = 'running';
      job.startedAt = new Date().toISOString();
      try {
        job.result = await work(report);
        job.state = 'succeeded';
      } catch (err) {
        job.error = jobError(err);
        job.state = 'failed';
        if (job.error.code === 'internal') this.options.onError?.(job, err);
      } finally {
        job.finishedAt = new Date().toISOString();
      }
    }));
    this.tail = run;
    this.ends.set(job.id, run);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the job has ended (tests, and callers that asked to wait). */
  async settled(id: string): Promise<Job | undefined> {
    await this.ends.get(id);
    return this.jobs.get(id);
  }

  /** Keeps the newest `keep` ended jobs (default 200) and every unfinished one. */
  private forgetOld(): void {
    const keep = this.options.keep ?? 200;
    const ended = [...this.jobs.values()].filter((j) => j.state === 'succeeded' || j.state === 'failed');
    for (const j of ended.slice(0, Math.max(0, ended.length - keep))) {
      this.jobs.delete(j.id);
      this.ends.delete(j.id);
    }
  }
}

const runners = new WeakMap<object, JobRunner>();

/** The one job runner of a database (so every router of an app shares its queue). */
export function jobRunnerFor(db: object, options?: ConstructorParameters<typeof JobRunner>[0]): JobRunner {
  let r = runners.get(db);
  if (!r) runners.set(db, (r = new JobRunner(options)));
  return r;
}
