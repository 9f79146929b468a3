// GET /api/audit: the audit log for administrators, newest first, with filters and paging.
import { Router } from 'express';
import { listAudit } from '../access/audit.ts';
import { auditQuerySchema } from '../access/schemas.ts';
import type { AppContext } from './context.ts';
import { asyncHandler, parseInput } from './errors.ts';

export function auditRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/api/audit', asyncHandler(async (req, res) => {
    const q = parseInput(auditQuerySchema, req.query);
    const page = await listAudit(ctx.db, q);
    res.json({ ...page, limit: q.limit, offset: q.offset });
  }));
  return r;
}
