// GET /api/audit: the audit log for administrators, newest first, with filters and paging.
import { Router } from 'express';
import { listAudit } from '../access/audit.ts';
import { auditQuerySchema } from '../access/schemas.ts';
import type { AppContext } from './context.ts';
import { asyncHandler, fromZod } from './errors.ts';

export function auditRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/api/audit', asyncHandler(async (req, res) => {
    const q = auditQuerySchema.safeParse(req.query);
    if (!q.success) throw fromZod(q.error);
    const page = await listAudit(ctx.db, q.data);
    res.json({ ...page, limit: q.data.limit, offset: q.data.offset });
  }));
  return r;
}
