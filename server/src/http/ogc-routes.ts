// OGC API – Features (Part 1: core + GeoJSON) under /ogc: every layer of the catalogue and the
// ranked gaps as collections, so QGIS or `ogrinfo OAPIF:http://host/ogc` can read them.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { runSql, type SqlStatement } from '../db/sql.ts';
import { catalogueProperties, catalogueTable, fillSql, loadSqlTemplate, trusted, type Fragment } from '../db/sql-template.ts';
import { LAYER_NAMES, layerSpec } from '../data/layers.ts';
import { FACILITY_SCOPE_SQL, scopeParams } from '../access/facility-scope.ts';
import { scopeFor } from './request-principal.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler, parseInput } from './errors.ts';
import { dataVersion, ResultCache } from './result-cache.ts';
import { canonicalJson } from '../planning/parameters.ts';

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';
export const OGC_MAX_LIMIT = 10000;
const KEEP_PAGE_CHARS = 512 * 1024;

type Collection = { id: string; title: string; items: SqlStatement; one: SqlStatement; count: SqlStatement };

const template = loadSqlTemplate(import.meta.url, './ogc-features.sql');
const countTemplate = loadSqlTemplate(import.meta.url, './ogc-count.sql');

/** A collection's table and columns: from the layer catalogue, or (the gap engine's) trusted code. */
type Source = { table: Fragment; id: Fragment; columns: Fragment; where: string; order?: string };

function collection(id: string, title: string, s: Source): Collection {
  const order = trusted(s.order ?? `t.${s.id} COLLATE "C"`);
  const sql = (extra: string, label: string) =>
    fillSql(template, { table: s.table, id: s.id, columns: s.columns, where: trusted(`${s.where} ${extra}`), order }, label);
  return {
    id,
    title,
    items: sql('', `ogc-features.sql(${id})`),
    one: sql(`AND t.${s.id} = :fid`, `ogc-features.sql(${id}, one)`),
    count: fillSql(countTemplate, { table: s.table, where: trusted(s.where) }, `ogc-count.sql(${id})`),
  };
}

const COLLECTIONS = new Map<string, Collection>(
  [
    ...LAYER_NAMES.map((name) => {
      const spec = layerSpec(name);
      // Facilities (students, staff, measured speed) are narrowed to the caller's regions.
      const where = name === 'facilities' ? `AND (${FACILITY_SCOPE_SQL})` : '';
      const columns = catalogueProperties(spec.table, [...spec.fields.map((f) => f.name), 'provenance', 'dataset_id']);
      return collection(name, spec.title, { table: catalogueTable(spec.table), id: trusted('id'), columns, where });
    }),
    collection('gaps', 'Ranked last-mile gaps (gap engine)', {
      // The rank joined in from plan_rank (migration 042); listed in the rank's own order (score
      // descending, then id in byte order, unranked last), which plan_result's index holds.
      table: trusted('(SELECT r.*, k.rank FROM plan_result r LEFT JOIN plan_rank k ON k.facility_id = r.facility_id)'),
      id: trusted('facility_id'),
      columns: trusted(['facility_id', 'rank', 'score', 'name', 'name_ru', 'name_kk', 'name_en', 'kind', 'subkind', 'settlement_id',
        'settlement_name', 'admin1_id', 'admin2_id', 'gap_class', 'technology', 'capex_usd', 'tco_usd', 'tco_kzt',
        'beneficiaries', 'provenance', 'in_scope', 'settlement_type', 'standalone_tco_usd', 'share_group'].map((c) => `'${c}', t.${c}`).join(', ')),
      where: `AND t.gap_class <> 'connected' AND (:regions::text[] IS NULL OR t.admin1_id = ANY (:regions::text[]))`,
      order: 't.score DESC NULLS LAST, t.facility_id COLLATE "C"',
    }),
  ].map((c) => [c.id, c]),
);

const bbox = z.string().transform((s, ctx) => {
  const n = s.split(',').map(Number);
  if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat' });
    return z.NEVER;
  }
  // A 6-number bbox carries heights: minx,miny,minz,maxx,maxy,maxz.
  const [minx, miny, maxx, maxy] = n.length === 4 ? n : [n[0], n[1], n[3], n[4]];
  return { minx: minx!, miny: miny!, maxx: maxx!, maxy: maxy! };
});
const itemsQuery = z.object({
  bbox: bbox.optional(),
  limit: z.coerce.number().int().min(1).default(100).transform((n) => Math.min(n, OGC_MAX_LIMIT)),
  offset: z.coerce.number().int().min(0).default(0),
});

const base = (req: Request) => `${req.protocol}://${req.get('host')}/ogc`;

function describe(c: Collection, root: string) {
  return {
    id: c.id,
    title: c.title,
    itemType: 'feature',
    crs: [CRS84],
    links: [
      { rel: 'self', type: 'application/json', href: `${root}/collections/${c.id}` },
      { rel: 'items', type: GEOJSON, href: `${root}/collections/${c.id}/items` },
    ],
  };
}

export function ogcRoutes(ctx: AppContext): Router {
  const r = Router();
  const pages = new ResultCache<{ rows: string[]; matched: number }>(256);
  const find = (id: string) => {
    const c = COLLECTIONS.get(id);
    if (!c) throw ApiError.notFound(`collection '${id}'`);
    return c;
  };

  r.get('/ogc', (req, res) => {
    const root = base(req);
    res.json({
      title: 'Baylanys',
      description: 'Rural connectivity layers and ranked last-mile gaps of Kazakhstan',
      links: [
        { rel: 'self', type: 'application/json', href: root },
        { rel: 'conformance', type: 'application/json', href: `${root}/conformance` },
        { rel: 'data', type: 'application/json', href: `${root}/collections` },
      ],
    });
  });
  r.get('/ogc/conformance', (_req, res) => {
    res.json({ conformsTo: CONFORMANCE });
  });
  r.get('/ogc/collections', (req, res) => {
    const root = base(req);
    res.json({
      links: [{ rel: 'self', type: 'application/json', href: `${root}/collections` }],
      collections: [...COLLECTIONS.values()].map((c) => describe(c, root)),
    });
  });
  r.get('/ogc/collections/:id', (req, res) => {
    res.json(describe(find(String(req.params.id)), base(req)));
  });

  r.get(
    '/ogc/collections/:id/items',
    asyncHandler(async (req, res) => {
      const c = find(String(req.params.id));
      const { bbox: b, limit, offset } = parseInput(itemsQuery, req.query);
      // Gaps and facilities are narrowed to a partner's regions; basemap layers are open to every reader.
      const where = { ...scopeParams(scopeFor(req)), has_bbox: !!b, minx: b?.minx ?? 0, miny: b?.miny ?? 0, maxx: b?.maxx ?? 0, maxy: b?.maxy ?? 0 };
      // A page changes only with an import or a recompute: kept per data version (result-cache.ts).
      const version = await dataVersion(ctx.db);
      const key = canonicalJson({ id: c.id, where, limit, offset });
      let page = pages.get(version, key);
      if (!page) {
        const [rows, [count]] = await Promise.all([
          runSql<{ feature: string }>(ctx.db, c.items, { ...where, limit, offset }),
          runSql<{ n: number }>(ctx.db, c.count, where),
        ]);
        page = { rows: rows.map((x) => x.feature), matched: count?.n ?? 0 };
        // Map-sized pages only: a 10,000-feature download is not worth holding in memory.
        if (page.rows.reduce((n, f) => n + f.length, 0) <= KEEP_PAGE_CHARS) pages.set(version, key, page);
      }
      const { rows, matched } = page;
      const href = (o: number) => {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(req.query)) if (typeof v === 'string' && k !== 'offset') q.set(k, v);
        q.set('limit', String(limit));
        q.set('offset', String(o));
        return `${base(req)}/collections/${c.id}/items?${q}`;
      };
      const links = [{ rel: 'self', type: GEOJSON, href: href(offset) }];
      if (offset + rows.length < matched) links.push({ rel: 'next', type: GEOJSON, href: href(offset + limit) });
      res.type(GEOJSON);
      res.send(
        `{"type":"FeatureCollection","numberMatched":${matched},"numberReturned":${rows.length},` +
          `"timeStamp":${JSON.stringify(new Date().toISOString())},"links":${JSON.stringify(links)},` +
          `"features":[${rows.join(',')}]}`,
      );
    }),
  );

  r.get(
    '/ogc/collections/:id/items/:fid',
    asyncHandler(async (req, res) => {
      const c = find(String(req.params.id));
      const [row] = await runSql<{ feature: string }>(ctx.db, c.one, {
        ...scopeParams(scopeFor(req)), has_bbox: false, minx: 0, miny: 0, maxx: 0, maxy: 0, limit: 1, offset: 0, fid: String(req.params.fid),
      });
      if (!row) throw ApiError.notFound(`feature '${req.params.fid}' in collection '${c.id}'`);
      res.type(GEOJSON);
      res.send(row.feature);
    }),
  );

  // OGC clients get the one error shape too, not an HTML page.
  r.use('/ogc', (req, _res, next) => next(new ApiError(404, 'not_found', `no route for ${req.method} ${req.path}`)));
  return r;
}
