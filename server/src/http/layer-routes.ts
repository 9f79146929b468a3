// GeoJSON endpoints for every layer in the catalogue: GET /api/layers, GET /api/layers/:layer.
import { Router } from 'express';
import { z } from 'zod';
import { FACILITY_SCOPE_SQL, scopeParams } from '../access/facility-scope.ts';
import { scopeFor } from './request-principal.ts';
import { runSql, type SqlStatement } from '../db/sql.ts';
import { catalogueProperties, catalogueTable, fillSql, loadSqlTemplate, trusted } from '../db/sql-template.ts';
import { LAYER_NAMES, isLayerName, layerSpec, type LayerName } from '../data/layers.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler, parseInput } from './errors.ts';
import { dataVersion, KeptBodies, sendCachedBody } from './result-cache.ts';

export const MAX_PAGE = 5000;

const bboxSchema = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map(Number);
    const [minx, miny, maxx, maxy] = n;
    if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    if (minx! < -180 || maxx! > 180 || miny! < -90 || maxy! > 90 || minx! > maxx! || miny! > maxy!) {
      ctx.addIssue({ code: 'custom', message: 'bbox must lie within -180..180, -90..90 with min ≤ max' });
      return z.NEVER;
    }
    return { minx: minx!, miny: miny!, maxx: maxx!, maxy: maxy! };
  });

export const pageQuerySchema = z.object({
  bbox: bboxSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

const template = loadSqlTemplate(import.meta.url, './layer-features.sql');
const statements = new Map<LayerName, SqlStatement>(
  LAYER_NAMES.map((name) => {
    const spec = layerSpec(name);
    // Facilities (students, staff, measured speed) are narrowed to the caller's scope.
    const scope = trusted(name === 'facilities' ? `AND (${FACILITY_SCOPE_SQL})` : '');
    const columns = catalogueProperties(spec.table, spec.fields.map((f) => f.name));
    return [name, fillSql(template, { table: catalogueTable(spec.table), columns, scope }, `layer-features.sql(${name})`)];
  }),
);
const summaryTemplate = loadSqlTemplate(import.meta.url, './layer-summary.sql');
const summaries = new Map<LayerName, SqlStatement>(
  LAYER_NAMES.map((name) => [name, fillSql(summaryTemplate, { table: catalogueTable(layerSpec(name).table) }, `layer-summary.sql(${name})`)]),
);

export function layerRoutes(ctx: AppContext): Router {
  const r = Router();
  // The index counts every layer's rows (nine statements): kept until an import changes a layer.
  const index = new KeptBodies(1);

  const readIndex = async () => {
    const layers = [];
    for (const name of LAYER_NAMES) {
      const spec = layerSpec(name);
      const [row] = await runSql<{ n: number; provenance: string[] | null }>(ctx.db, summaries.get(name)!);
      layers.push({
        name,
        title: spec.title,
        geometry: spec.geometry,
        count: row?.n ?? 0,
        provenance: row?.provenance?.filter(Boolean) ?? [],
        href: `/api/layers/${name}`,
      });
    }
    return { layers };
  };
  r.get(
    '/api/layers',
    asyncHandler(async (req, res) => {
      sendCachedBody(req, res, await index.get(await dataVersion(ctx.db), 'layers', readIndex));
    }),
  );

  r.get(
    '/api/layers/:layer',
    asyncHandler(async (req, res) => {
      const layer = String(req.params.layer);
      if (!isLayerName(layer)) throw ApiError.notFound(`layer '${layer}'`);
      const { bbox, limit, offset } = parseInput(pageQuerySchema, req.query);
      // One row more than asked tells whether a next page exists without a count(*).
      const rows = await runSql<{ feature: string }>(ctx.db, statements.get(layer)!, {
        ...scopeParams(scopeFor(req)),
        has_bbox: !!bbox,
        minx: bbox?.minx ?? 0, miny: bbox?.miny ?? 0, maxx: bbox?.maxx ?? 0, maxy: bbox?.maxy ?? 0,
        limit: limit + 1,
        offset,
      });
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const next = new URLSearchParams(req.query as Record<string, string>);
      next.set('offset', String(offset + limit));
      const links = more ? [{ rel: 'next', href: `/api/layers/${layer}?${next}` }] : [];
      res.type('application/geo+json');
      res.send(
        `{"type":"FeatureCollection","layer":${JSON.stringify(layer)},"numberReturned":${page.length},` +
          `"links":${JSON.stringify(links)},"features":[${page.map((r) => r.feature).join(',')}]}`,
      );
    }),
  );
  return r;
}
