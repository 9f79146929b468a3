// A time budget per request, and an end to its database work when the client hangs up: the rest
// of the request runs inside a statement scope (db/statement-scope.ts) whose signal aborts at the
// deadline or when the connection closes before the answer was sent. PostgreSQL cancels the running
// statement; the embedded database drops the request's statements still waiting for their turn.
import type { Request, RequestHandler } from 'express';
import { StatementCancelled, withStatementSignal } from '../db/statement-scope.ts';
import { sendError, timeBudgetExceeded } from './errors.ts';

/** Requests meant to stay open: the live status stream; heavy work's `?wait=true` (a job it waits for). */
const UNBOUNDED: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'GET', path: /^\/api\/sites\/events\/?$/i },
  { method: 'POST', path: /^\/api\/plan\/recompute\/?$/i },
  { method: 'POST', path: /^\/api\/scenarios\/[^/]+\/run\/?$/i },
  { method: 'POST', path: /^\/api\/sites\/import\/?$/i },
];

export const isUnbounded = (req: Pick<Request, 'method' | 'path'>): boolean =>
  UNBOUNDED.some((u) => u.method === req.method && u.path.test(req.path));

export function requestBudget(budgetMs: number): RequestHandler {
  return (req, res, next) => {
    if (isUnbounded(req)) return next();
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new StatementCancelled('time_budget', budgetMs));
      // Answer now whatever the handler is waiting for; its late answer is dropped (headersSent).
      if (!res.headersSent) sendError(res, timeBudgetExceeded(budgetMs));
    }, budgetMs);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) controller.abort(new StatementCancelled('client_gone'));
    });
    withStatementSignal(controller.signal, next);
  };
}
