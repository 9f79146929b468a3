// Monitoring API: the site inventory, per-site availability / outages / traffic / events, SLA
// reports (JSON and CSV), maintenance windows, live status events (SSE), the public share view
// and the planning feedback. Logic lives in server/src/monitoring; this file parses and shapes.
import { reader } from '../db/database.ts';
import express, { Router, type Request } from 'express';
import { scopeFor } from './request-principal.ts';
import { z } from 'zod';
import { siteAvailabilityFromHistory, siteScheduledFromHistory } from '../monitoring/history.ts';
import { dailyAvailability, siteAvailability, siteAvailabilityBoth } from '../monitoring/measures.ts';
import { groupReport, reportSpan, siteOutages, siteReport, sitesReportRows } from '../monitoring/reports.ts';
import { siteEvents, trafficSeries } from '../monitoring/series.ts';
import { shareView } from '../monitoring/share-view.ts';
import { slaCsv } from '../monitoring/sla-csv.ts';
import { addMaintenance, deleteMaintenance, listMaintenance } from '../monitoring/maintenance.ts';
import { createSite, deleteSite, findSites, importSites, measuredState, publicSite, renewShareToken, updateSite } from '../monitoring/sites.ts';
import { monthOf, WINDOW_NAMES, windowSpan } from '../monitoring/windows.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler, parseInput } from './errors.ts';
import { startJob } from './job-routes.ts';
import { csvSeparator, requestLang } from './request-lang.ts';
import { SSE_DEFAULTS, statusEventsHandler, type SseOptions } from './site-events-sse.ts';


const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-03');
const windowQuery = z.object({ window: z.enum(WINDOW_NAMES as [string, ...string[]]).default('24h'), month: month.optional() });
const spanOf = (q: { window: string; month?: string | undefined }, now: number) =>
  reportSpan(q.month ? { month: q.month } : (q.window as (typeof WINDOW_NAMES)[number]), now);

const maintenanceSchema = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().max(500).optional(),
}).strict().refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });

export function monitoringRoutesWith(options: { sse?: SseOptions; now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  return (ctx: AppContext): Router => {
    const r = Router();
    const db = ctx.db;
    const maintenanceOf = (siteId: string) => listMaintenance(db, siteId);
    // Partners see their regions' sites, site staff their own: out of scope answers like absent.
    const site = async (req: Request, id = String(req.params.id)) => {
      const [row] = await findSites(db, { ...scopeFor(req), id, limit: 1 });
      if (!row) throw ApiError.notFound(`site '${id}'`);
      return row;
    };

    // Inventory.
    r.get('/api/sites', asyncHandler(async (req, res) => {
      const q = parseInput(z.object({ operator: z.string().optional(), limit: z.coerce.number().int().min(1).max(10_000).default(10_000), offset: z.coerce.number().int().min(0).default(0) }), req.query);
      const rows = await findSites(db, { ...q, ...scopeFor(req) });
      res.json({ items: rows.map((row) => publicSite(row, now())) });
    }));
    r.post('/api/sites', asyncHandler(async (req, res) => {
      const id = await createSite(db, ctx.config.secretKey, req.body);
      ctx.logger.info({ siteId: id }, 'monitored site created');
      res.status(201).location(`/api/sites/${id}`).json({ site: publicSite(await site(req, id), now()) });
    }));
    r.post('/api/sites/import', express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }), asyncHandler(async (req, res) => {
      const csv = typeof req.body === 'string';
      const text = csv ? (req.body as string) : JSON.stringify(req.body);
      // A job (job-routes.ts): 202 with its URL; its error names the rows as before.
      await startJob(ctx, req, res, 'sites-import', async () => {
        const result = await importSites(db, ctx.config.secretKey, text, csv ? 'csv' : 'json');
        ctx.logger.info({ imported: result.imported, format: csv ? 'csv' : 'json' }, 'monitored sites imported');
        return result;
      });
    }));
    r.get('/api/sites/events', asyncHandler(statusEventsHandler(db, scopeFor, options.sse ?? SSE_DEFAULTS, now)));
    r.get('/api/sites/:id', asyncHandler(async (req, res) => {
      const row = await site(req);
      const t = now();
      const pub = publicSite(row, t);
      const a24 = await siteAvailability(db, { id: row.id, intervalS: row.interval_s }, windowSpan('24h', t));
      const am = await siteAvailabilityBoth(db, { id: row.id, intervalS: row.interval_s }, windowSpan('month', t), pub.schedule);
      res.json({
        site: {
          ...pub, availability24h: a24.availability, coverage24h: a24.coverage, availabilityMonth: am.all.availability,
          // Over the site's schedule (school hours): what the school itself experiences.
          availabilityMonthScheduled: am.scheduled?.availability ?? null, coverageMonthScheduled: am.scheduled?.coverage ?? null,
        },
        // The last month's events (reboots, wraps, idle, config errors) and maintenance windows.
        events: await siteEvents(db, row.id, windowSpan('30d', t), 200),
        maintenance: await maintenanceOf(row.id),
      });
    }));
    r.patch('/api/sites/:id', asyncHandler(async (req, res) => {
      await updateSite(db, ctx.config.secretKey, String(req.params.id), req.body);
      ctx.logger.info({ siteId: req.params.id, fields: Object.keys(req.body ?? {}) }, 'monitored site changed');
      res.json({ site: publicSite(await site(req), now()) });
    }));
    // A leaked share link is revoked by issuing a new token; the old link stops working at once.
    r.post('/api/sites/:id/share-token', asyncHandler(async (req, res) => {
      const row = await site(req);
      await renewShareToken(db, row.id);
      ctx.logger.info({ siteId: row.id }, 'share link renewed');
      res.json({ site: publicSite(await site(req), now()) });
    }));
    r.delete('/api/sites/:id', asyncHandler(async (req, res) => {
      if (!(await deleteSite(db, String(req.params.id)))) throw ApiError.notFound(`site '${req.params.id}'`);
      ctx.logger.info({ siteId: req.params.id }, 'monitored site deleted');
      res.status(204).end();
    }));

    // Per-site figures.
    r.get('/api/sites/:id/availability', asyncHandler(async (req, res) => {
      const q = parseInput(windowQuery, req.query);
      const row = await site(req);
      const span = spanOf(q, now());
      const schedule = publicSite(row, now()).schedule;
      // From the rollups where they exist, so a month past the raw retention still has its figures.
      const a = await siteAvailabilityFromHistory(db, { id: row.id, intervalS: row.interval_s }, span);
      const sch = schedule && await siteScheduledFromHistory(db, { id: row.id, intervalS: row.interval_s }, span, schedule);
      res.json({
        siteId: row.id, window: q.month ?? q.window, from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString(),
        availability: a.availability, coverage: a.coverage, upS: a.upMs / 1000, downS: a.downMs / 1000,
        unknownS: a.unknownMs / 1000, maintenanceS: a.maintenanceMs / 1000, slaTarget: row.sla_target,
        meetsSla: a.availability === null ? null : a.availability >= row.sla_target,
        // The same over the site's schedule (school hours); null when it has none.
        scheduled: sch && schedule && {
          schedule, availability: sch.availability, coverage: sch.coverage, upS: sch.upMs / 1000, downS: sch.downMs / 1000,
          unknownS: sch.unknownMs / 1000, maintenanceS: sch.maintenanceMs / 1000, scheduledS: sch.scheduledMs / 1000,
          // Past what is kept (raw polls, or hourly rollups for a schedule on whole hours) it covers only from coveredFrom.
          partial: sch.partial, coveredFrom: new Date(sch.coveredFrom).toISOString(),
        },
        // Day by day (Kazakhstan time) for the chart; 24 h is a single day's worth already.
        series: q.window === '24h' && !q.month ? [] : await dailyAvailability(db, { id: row.id, intervalS: row.interval_s }, span),
      });
    }));
    r.get('/api/sites/:id/outages', asyncHandler(async (req, res) => {
      const q = parseInput(windowQuery.extend({ window: windowQuery.shape.window.removeDefault().default('30d') }), req.query);
      const row = await site(req);
      res.json({ siteId: row.id, items: await siteOutages(db, row.id, spanOf(q, now())) });
    }));
    r.get('/api/sites/:id/traffic', asyncHandler(async (req, res) => {
      const q = parseInput(windowQuery, req.query);
      const row = await site(req);
      const span = spanOf(q, now());
      // At most ~500 points whatever the window; never finer than the poll interval.
      const bucketS = Math.max(row.interval_s, Math.ceil((span.to - span.from) / 1000 / 500));
      res.json({ siteId: row.id, bucketS, committedMbps: row.committed_mbps, items: await trafficSeries(db, row.id, span, bucketS) });
    }));
    // Reports are for staff (policy: /api/reports/*); no scope to apply.
    r.get('/api/reports/sites/:id', asyncHandler(async (req, res) => {
      const q = parseInput(z.object({ months: z.string().optional() }), req.query);
      const months = q.months ? q.months.split(',').map((m) => parseInput(month, m.trim(), 'months')) : [monthOf(now())];
      const report = await siteReport(reader(db), String(req.params.id), now(), months.slice(0, 24));
      if (!report) throw ApiError.notFound(`site '${req.params.id}'`);
      res.json(report);
    }));

    // Maintenance windows (site_id null: all sites). Excluded from SLA, silence alerts.
    r.post('/api/sites/:id/maintenance', asyncHandler(async (req, res) => {
      const row = await site(req);
      const m = parseInput(maintenanceSchema, req.body, 'body');
      const id = await addMaintenance(db, { siteId: row.id, ...m });
      res.status(201).json({ id, siteId: row.id, ...m });
    }));
    r.delete('/api/sites/:id/maintenance/:windowId', asyncHandler(async (req, res) => {
      const id = parseInput(z.coerce.number().int().positive(), req.params.windowId, 'windowId');
      if (!(await deleteMaintenance(db, String(req.params.id), id))) throw ApiError.notFound(`maintenance window ${id}`);
      res.status(204).end();
    }));

    // SLA reports.
    r.get('/api/reports/sla', asyncHandler(async (req, res) => {
      const q = parseInput(windowQuery.extend({ by: z.enum(['operator', 'contract']).default('operator'), value: z.string().optional() }), req.query);
      const span = spanOf(q, now());
      res.json({ by: q.by, window: q.month ?? q.window, from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString(), items: await groupReport(reader(db), q.by, span, q.value) });
    }));
    r.get('/api/reports/sla.csv', asyncHandler(async (req, res) => {
      const q = parseInput(windowQuery.extend({ operator: z.string().optional(), contract: z.string().optional(), codes: z.enum(['true', 'false']).optional() }), req.query);
      const rows = await sitesReportRows(reader(db), now(), q, q.month ? { month: q.month } : (q.window as (typeof WINDOW_NAMES)[number]));
      // `codes=true`: stable column codes for scripts; otherwise headers and yes/no in the reader's language.
      const csv = slaCsv(rows, q.codes === 'true' ? { codes: true } : { lang: requestLang(req), sep: csvSeparator(req) });
      res.type('text/csv; charset=utf-8').attachment(`sla-${q.month ?? q.window}.csv`).send(csv);
    }));

    // Public school view and planning feedback.
    r.get('/api/share/:token', asyncHandler(async (req, res) => {
      const view = await shareView(db, String(req.params.token), now());
      if (!view) throw ApiError.notFound('shared site');
      res.set('cache-control', 'no-store').json(view);
    }));
    r.get('/api/reports/measured-state', asyncHandler(async (_req, res) => {
      res.json({ items: await measuredState(db) });
    }));
    return r;
  };
}

export const monitoringRoutes = monitoringRoutesWith();
