// Inventory errors → the API's one error shape.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../../http/errors.ts';
import { SiteError } from '../sites.ts';
import { SecretKeyError } from '../credentials.ts';

export function toApiError(e: unknown): unknown {
  if (e instanceof SiteError) {
    const status = e.code === 'site_not_found' ? 404 : e.code === 'secret_key' ? 503 : 400;
    return new ApiError(status, e.code, e.message, e.details);
  }
  if (e instanceof SecretKeyError) return new ApiError(503, 'secret_key', e.message);
  if (e instanceof RangeError) return ApiError.badRequest(e.message);
  return e;
}

/** Wraps an async handler: inventory errors become API errors, the rest goes to errorHandler. */
export function handle(fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch((e) => next(toApiError(e)));
  };
}
