// One error type, mapped to the wire in one place: a domain module throws an AppError (or a
// subclass) without knowing about HTTP, and errorHandler answers with its status, code and details.
// Before issue 16 each route file caught its own domain errors (five mappings, three async wrappers).
import express from 'express';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserExistsError } from '../../server/src/access/users.ts';
import { AppError } from '../../server/src/app-error.ts';
import { asyncHandler, errorHandler, parseInput } from '../../server/src/http/errors.ts';
import { createLogger } from '../../server/src/logger.ts';
import { SecretKeyError } from '../../server/src/monitoring/credentials.ts';
import { SiteError } from '../../server/src/monitoring/sites.ts';
import { monthSpan } from '../../server/src/monitoring/windows.ts';

function appThrowing(fail: () => unknown) {
  const app = express();
  app.get('/x', asyncHandler(async (req, res) => {
    await Promise.resolve();
    fail();
    res.json(parseInput(z.object({ n: z.coerce.number().int() }), req.query));
  }));
  app.use(errorHandler(createLogger('silent')));
  return app;
}

const cases: Array<[string, () => unknown, number, string]> = [
  ['a site that does not exist', () => { throw new SiteError('site_not_found', 'site s-1 not found'); }, 404, 'site_not_found'],
  ['an invalid site', () => { throw new SiteError('invalid_site', 'bad host', [{ row: 2, field: 'host', message: 'not a host' }]); }, 400, 'invalid_site'],
  ['a missing secret key', () => { throw new SecretKeyError('BAYLANYS_SECRET_KEY is not set'); }, 503, 'secret_key'],
  ['a taken login', () => { throw new UserExistsError('a@b.kz'); }, 409, 'conflict'],
  ['a malformed month', () => monthSpan('2026-13'), 400, 'invalid_month'],
  ['any AppError', () => { throw new AppError(422, 'too_far', 'while costing fibre: 900 km is beyond the model'); }, 422, 'too_far'],
  ['a programming error', () => { throw new RangeError('Invalid time value'); }, 500, 'internal'],
];

describe('errorHandler maps every AppError in one place', () => {
  for (const [what, fail, status, code] of cases) {
    it(`${what} → ${status} ${code}`, async () => {
      const res = await supertest(appThrowing(fail)).get('/x?n=1');
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    });
  }
  it('keeps the details (row, field) of a domain error', async () => {
    const res = await supertest(appThrowing(() => { throw new SiteError('invalid_site', 'bad host', [{ row: 2, field: 'host', message: 'not a host' }]); })).get('/x?n=1');
    expect(res.body.error.details).toEqual([{ row: 2, field: 'host', message: 'not a host' }]);
  });
  it('parseInput names each invalid field', async () => {
    const res = await supertest(appThrowing(() => undefined)).get('/x?n=1.5');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', details: [{ field: 'n' }] });
  });
});
