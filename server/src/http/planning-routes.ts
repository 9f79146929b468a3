// Gap engine API: recompute, ranked gaps (list, one facility's explanation, CSV, GeoJSON), roll-ups.
import { reader } from '../db/database.ts';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { GAP_CLASSES } from '../planning/gap-class.ts';
import { activeParameters } from '../planning/active-parameters.ts';
import { explainFacility } from '../planning/explain.ts';
import { countGaps, decodeCursor, encodeCursor, listGaps, SORT_KEYS, type GapFilter, type GapItem, type SortKey } from '../planning/gaps-query.ts';
import { gapsCsv } from '../planning/gaps-csv.ts';
import { csvSeparator, requestLang } from './request-lang.ts';
import { canonicalJson, ParameterError, parseParameters } from '../planning/parameters.ts';
import { regionRollups } from '../planning/regions.ts';
import { inputOf, settlementInputs, toFacilityInput } from '../planning/inputs.ts';
import { sensitivity, type SensitivityReport } from '../planning/sensitivity.ts';
import { TECHNOLOGY_IDS } from '../planning/technologies/index.ts';
import { FACILITY_KINDS } from '../data/layers.ts';
import { inScope } from '../access/scope.ts';
import { scopeFor } from './request-principal.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler, parseInput } from './errors.ts';
import { runOnThread } from '../jobs/job-thread.ts';
import { startJob } from './job-routes.ts';
import { cachedBody, dataVersion, etagOf, KeptBodies, notModified, ResultCache, resultVersion, sendBody, sendCachedBody, type CachedBody } from './result-cache.ts';

export const EXPORT_LIMIT = 1_000_000;

const filterSchema = z.object({
  region: z.string().min(1).max(64).optional(),
  kind: z.enum(FACILITY_KINDS).optional(),
  gapClass: z.enum(GAP_CLASSES).optional(),
  technology: z.enum(TECHNOLOGY_IDS as [string, ...string[]]).optional(),
  measuredFlag: z.enum(['idle', 'unreliable']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  /** in: the planning universe (default); out: facilities in cities and towns, listed not ranked; all. */
  scope: z.enum(['in', 'out', 'all']).default('in'),
  /** minLon,minLat,maxLon,maxLat (WGS84). */
  bbox: z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const n = v.split(',').map(Number);
      const [minx, miny, maxx, maxy] = n as [number, number, number, number];
      if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || minx > maxx || miny > maxy || minx < -180 || maxx > 180 || miny < -90 || maxy > 90) {
        ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat in degrees, min ≤ max' });
        return z.NEVER;
      }
      return { minx, miny, maxx, maxy };
    })
    .optional(),
}).strict();
const listSchema = filterSchema.extend({
  sort: z.enum(Object.keys(SORT_KEYS) as [SortKey, ...SortKey[]]).default('rank'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  /** The `next` of the previous page (rank order): the page after it, by an index seek instead of OFFSET. */
  cursor: z.string().min(1).max(300).optional(),
}).strict();
const recomputeSchema = z.object({ full: z.boolean().default(false), parameters: z.record(z.string(), z.unknown()).optional() }).strict();

export function gapFeature(g: GapItem) {
  const { lon, lat, ...properties } = g;
  return { type: 'Feature', id: g.facilityId, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}

export function planningRoutes(ctx: AppContext): Router {
  const r = Router();

  // A job (job-routes.ts): 202 with its URL at once; jobs run one at a time per process.
  r.post(
    '/api/plan/recompute',
    asyncHandler(async (req, res) => {
      const body = parseInput(recomputeSchema, req.body ?? {}, 'body');
      let params;
      try {
        params = body.parameters ? parseParameters(body.parameters) : await activeParameters(ctx.db);
      } catch (err) {
        if (err instanceof ParameterError) throw new ApiError(400, 'invalid_parameters', err.message, err.problems);
        throw err;
      }
      // On a thread of its own: the cost stage is seconds of CPU that would stall every other request.
      await startJob(ctx, req, res, 'recompute', async (progress) => {
        const report = await runOnThread(ctx.db, 'recompute', { params, full: body.full }, progress);
        ctx.logger.info({ report }, 'plan recomputed');
        return report;
      });
    }),
  );


  // Pages and counts per result version and caller scope (result-cache.ts); a page repeated under
  // the same version is answered from memory, or with 304 when the client holds its ETag.
  const pages = new ResultCache<CachedBody>(512);
  const counts = new ResultCache<number>(2048);
  r.get(
    '/api/gaps',
    asyncHandler(async (req, res) => {
      const q = parseInput(listSchema, req.query, 'query');
      const regions = scopeFor(req).regions;
      const f: GapFilter = { ...q, regions };
      // Read where the rows are read (a replica when DATABASE_READ_URL is set): the version matches the data.
      const db = reader(ctx.db);
      const version = await resultVersion(db);
      const { sort: _s, order: _o, limit: _l, offset: _f, cursor: _c, ...filter } = q;
      const countKey = canonicalJson({ regions: regions ?? null, filter });
      const pageKey = canonicalJson({ regions: regions ?? null, q });
      const etag = etagOf(version, pageKey);
      if (notModified(req, res, etag)) return;
      let body = pages.get(version, pageKey);
      if (!body) {
        const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
        if (cursor === null || (cursor && (q.sort !== 'rank' || (q.order ?? 'asc') !== 'asc'))) {
          throw new ApiError(400, 'invalid_input', 'cursor must be the `next` of a previous page, listed by rank (ascending)', [{ field: 'cursor', message: 'not a cursor of this list' }]);
        }
        const cached = counts.get(version, countKey);
        const [total, items] = await Promise.all([cached ?? countGaps(db, f), listGaps(db, f, { ...q, cursor })]);
        if (cached === undefined) counts.set(version, countKey, total);
        const last = items[items.length - 1];
        // Keyset paging: `next` continues after this page without an OFFSET (rank order only).
        const next = q.sort === 'rank' && (q.order ?? 'asc') === 'asc' && last && items.length === q.limit ? encodeCursor(last) : null;
        body = cachedBody({ total, limit: q.limit, offset: q.offset, next, items }, etag);
        pages.set(version, pageKey, body);
      }
      sendBody(req, res, body);
    }),
  );

  // lang, sep and codes say how a file is written, not which rows: the filter never sees them.
  const exportRows = async (req: Request) => {
    const { lang: _l, sep: _s, codes: _c, ...filters } = req.query;
    const q = parseInput(filterSchema, filters, 'query');
    return listGaps(reader(ctx.db), { ...q, regions: scopeFor(req).regions }, { sort: 'rank', limit: EXPORT_LIMIT, offset: 0 });
  };

  r.get(
    '/api/gaps.csv',
    asyncHandler(async (req, res: Response) => {
      const rows = await exportRows(req);
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="baylanys-gaps.csv"');
      // `codes=true`: stable column codes and raw values for scripts; otherwise written for a person.
      const codes = parseInput(z.enum(['true', 'false']).optional(), req.query.codes, 'codes') === 'true';
      res.send(gapsCsv(rows, codes ? { codes: true } : { lang: requestLang(req), sep: csvSeparator(req) }));
    }),
  );

  r.get(
    '/api/gaps.geojson',
    asyncHandler(async (req, res) => {
      const rows = await exportRows(req);
      res.type('application/geo+json');
      res.setHeader('Content-Disposition', 'attachment; filename="baylanys-gaps.geojson"');
      res.send(JSON.stringify({ type: 'FeatureCollection', features: rows.map(gapFeature) }));
    }),
  );

  r.get(
    '/api/gaps/:facilityId',
    asyncHandler(async (req, res) => {
      const id = String(req.params.facilityId);
      const out = await explainFacility(ctx.db, id, await activeParameters(ctx.db));
      // Out of the caller's regions reads as absent: a partner learns nothing of other regions.
      if (!out || !inScope(scopeFor(req), { admin1Id: out.facility.admin1Id })) throw ApiError.notFound(`facility '${id}' (or it has not been planned yet: POST /api/plan/recompute)`);
      res.json(out);
    }),
  );

  // Sensitivity (docs/planning-model.md): a facility's break-even values (its settlement only: fast),
  // and with counts=true how many facilities of the caller's regions change technology at the ends of
  // each range (every facility evaluated 2 × ranges times: seconds; the last answer is kept, per
  // result version and caller scope).
  const sensitivityCounts = new ResultCache<Pick<SensitivityReport, 'ranges' | 'planned'>>(1);
  r.get(
    '/api/plan/sensitivity',
    asyncHandler(async (req, res) => {
      const q = parseInput(z.object({ facility: z.string().min(1).max(200).optional(), counts: z.enum(['true', 'false']).default('false') }).strict(), req.query, 'query');
      const p = await activeParameters(ctx.db);
      const scope = scopeFor(req);
      let facility: SensitivityReport['facility'] = null;
      if (q.facility) {
        const row = await inputOf(ctx.db, q.facility);
        if (!row || !inScope(scope, { admin1Id: row.admin1_id })) throw ApiError.notFound(`facility '${q.facility}'`);
        const local = row.settlement_id ? await settlementInputs(ctx.db, row.settlement_id) : [row];
        facility = sensitivity(local.map(toFacilityInput), p, q.facility).facility;
      }
      let ranges: SensitivityReport['ranges'] | null = null;
      let planned: number | null = null;
      if (q.counts === 'true') {
        const version = await resultVersion(ctx.db);
        const key = (scope.regions ?? []).join(',');
        let report = sensitivityCounts.get(version, key);
        if (!report) {
          // Seconds of CPU: on the job thread (its warm input cache), so the server thread keeps answering.
          report = (await runOnThread(ctx.db, 'sensitivityCounts', { params: p, regions: scope.regions ?? null }, () => {})) as Pick<SensitivityReport, 'ranges' | 'planned'>;
          sensitivityCounts.set(version, key, report);
        }
        ranges = report.ranges;
        planned = report.planned;
      }
      res.json({ parameterRanges: p.ranges, planned, ranges, facility });
    }),
  );

  // Roll-ups change only with a recompute or an import: kept per data version and caller scope.
  const rollups = new KeptBodies(256);
  r.get(
    '/api/regions',
    asyncHandler(async (req, res) => {
      const { level } = parseInput(z.object({ level: z.enum(['admin1', 'admin2', 'national']).default('admin1') }), req.query, 'query');
      const regions = scopeFor(req).regions;
      const key = canonicalJson({ level, regions: regions ?? null });
      const body = await rollups.get(await dataVersion(ctx.db), key, async () => ({
        level, items: await regionRollups(ctx.db, level, await activeParameters(ctx.db), regions),
      }));
      sendCachedBody(req, res, body);
    }),
  );
  return r;
}
