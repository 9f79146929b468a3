// The API's errors turned into HTTP in one place (errorHandler): every AppError (server/src/app-error.ts),
// thrown by a route or by a domain module, keeps its status, code and details; zod, body-parser,
// URL-decoding and database-unavailable errors get theirs here; anything else is a logged 500.
// Shape: { "error": { "code": "…", "message": "…", "details": [ { "field": "…", "message": "…" } ] } }
// Also the one request parser (parseInput) and the one async wrapper (asyncHandler).
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError, type z } from 'zod';
import { AppError, type ErrorDetail } from '../app-error.ts';
import { StatementCancelled } from '../db/statement-scope.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { Logger } from '../logger.ts';

/** An AppError raised by the HTTP layer itself, with the common shapes as constructors. */
export class ApiError extends AppError {
  static badRequest(message: string, details: ErrorDetail[] = []) {
    return new ApiError(400, 'bad_request', message, details);
  }
  static notFound(what: string) {
    return new ApiError(404, 'not_found', `${what} not found`);
  }
}

/** Seconds a client is asked to wait when the database is unreachable (it usually is back within seconds). */
export const DATABASE_RETRY_S = 5;

export const malformedUrl = (): ApiError =>
  new ApiError(400, 'malformed_url', 'the URL has a malformed percent-encoding (e.g. %FF or a lone %)');

/** 504: the request used its whole time budget (http/request-budget.ts); its database work was stopped. */
export const timeBudgetExceeded = (budgetMs?: number): ApiError =>
  new ApiError(504, 'time_budget_exceeded', `the request took longer than its time budget${budgetMs ? ` of ${budgetMs / 1000} s` : ''} and was stopped; narrow it (filters, a smaller area) or try again later`);

export function sendError(res: Response, e: AppError): void {
  if (res.headersSent) return;
  res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details } });
}

export function fromZod(err: ZodError, where = 'query'): ApiError {
  return new ApiError(
    400,
    'invalid_input',
    `invalid ${where}`,
    err.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message })),
  );
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `no route for ${req.method} ${req.path}`));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (err instanceof ZodError) e = fromZod(err);
    else if (err?.type === 'entity.too.large') e = new ApiError(413, 'payload_too_large', 'request body is too large');
    else if (err?.type === 'entity.parse.failed') e = new ApiError(400, 'malformed_json', 'request body is not valid JSON');
    // Express could not decode a path parameter (e.g. /api/gaps/%FF): the caller's mistake.
    else if (err instanceof URIError) e = malformedUrl();
    // Stopped by the request's budget, or by its client leaving (nobody to answer then).
    else if (err instanceof StatementCancelled) {
      if (err.reason === 'client_gone' || res.headersSent) return;
      e = timeBudgetExceeded(err.budgetMs);
    }
    // PostgreSQL's statement_timeout (57014 query_canceled) set by an operator: the same answer.
    else if (err?.code === '57014') e = timeBudgetExceeded();
    else if (isDatabaseUnavailable(err)) {
      logger.warn({ method: req.method, path: req.path, reason: (err as Error).message }, 'database unavailable');
      res.set('Retry-After', String(DATABASE_RETRY_S));
      e = new AppError(503, 'database_unavailable', `the database cannot be reached right now; try again in ${DATABASE_RETRY_S} s`);
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
      e = new AppError(500, 'internal', 'internal error; see the server log');
    }
    sendError(res, e);
  };
}

/** Validates a request part with a zod schema; on failure a 400 `invalid_input` naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where = 'query'): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZod(r.error, where);
  return r.data;
}

/** Lets async handlers throw instead of calling next(err). */
export function asyncHandler<H extends (...a: Parameters<RequestHandler>) => Promise<unknown>>(h: H): RequestHandler {
  return (req, res, next) => {
    h(req, res, next).catch(next);
  };
}
