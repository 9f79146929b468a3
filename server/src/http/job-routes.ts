// Jobs over HTTP: heavy routes answer 202 with the job's URL (startJob), GET /api/jobs/:id tells
// its state, progress and, at the end, its result or error. `?wait=true` on a heavy route keeps the
// old synchronous answer (scripts, tests): the work still runs as a job, the request waits for it.
import { Router, type Request, type Response } from 'express';
import { principalOf } from './request-principal.ts';
import { jobRunnerFor, type Job, type Report } from '../jobs/job-runner.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler } from './errors.ts';

export const jobUrl = (id: string) => `/api/jobs/${id}`;

function publicJob(job: Job) {
  const { ownerId: _owner, ...rest } = job;
  return { ...rest, url: jobUrl(job.id) };
}

export const jobsOf = (ctx: AppContext) =>
  jobRunnerFor(ctx.db, { onError: (job, err) => ctx.logger.error({ err, job: job.id, kind: job.kind }, 'job failed') });

/** Starts `work` as a job for this request and answers 202 + Location (or, with ?wait=true, its result). */
export async function startJob(ctx: AppContext, req: Request, res: Response, kind: string, work: (report: Report) => Promise<unknown>): Promise<void> {
  const p = principalOf(req);
  const runner = jobsOf(ctx);
  const job = runner.start(kind, p.kind === 'anonymous' ? null : p.userId, work);
  if (req.query.wait !== 'true') {
    res.status(202).location(jobUrl(job.id)).json({ job: publicJob(job) });
    return;
  }
  const ended = (await runner.settled(job.id)) ?? job;
  if (ended.error) throw new ApiError(ended.error.status, ended.error.code, ended.error.message, ended.error.details as ApiError['details']);
  res.json(ended.result);
}

export function jobRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/api/jobs/:id', asyncHandler(async (req, res) => {
    const job = jobsOf(ctx).get(String(req.params.id));
    const p = principalOf(req);
    // Another user's job reads as absent (administrators see all).
    const mine = job && (job.ownerId === null || (p.kind !== 'anonymous' && (p.role === 'admin' || p.userId === job.ownerId)));
    if (!job || !mine) throw ApiError.notFound(`job '${req.params.id}' (jobs are kept in memory until the server restarts)`);
    res.json({ job: publicJob(job) });
  }));
  return r;
}
