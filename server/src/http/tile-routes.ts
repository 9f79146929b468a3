// GET /tiles/{layer}/{z}/{x}/{y}.pbf: Mapbox Vector Tiles built in Node from the database's GeoJSON
// (no ST_AsMVT in PGlite), cached in memory and revalidated by an ETag made of the layer versions.
// Facility tiles are narrowed to the caller's scope (partners: their regions, site staff: their
// sites) and carry plan results only for callers who may read plans; scope joins the cache key.
import { reader } from '../db/database.ts';
import { createHash, randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Feature } from 'geojson';
import { FACILITY_SCOPE_SQL, scopeKey, scopeParams } from '../access/facility-scope.ts';
import { allows, findRule } from '../access/policy.ts';
import { principalOf, scopeFor } from './request-principal.ts';
import { type Scope } from '../access/scope.ts';
import { subjectOf } from '../access/roles.ts';
import { compileSql, loadSql, runSql, type SqlStatement } from '../db/sql.ts';
import { catalogueProperties, catalogueTable, fillSql, loadSqlTemplate, trusted } from '../db/sql-template.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler } from './errors.ts';
import { clusterCellDeg, encodeTile, isValidTile, tileBounds, toleranceDeg } from './tile-encode.ts';
import { TILE_LAYER_NAMES, isTileLayer, tileLayerSpec, tileTable, tileVersions, type TileLayerName } from './tile-layers.ts';

const MAX_POINTS_PER_TILE = 20_000;
const CACHE_ENTRIES = 4_000;
const VERSION_TTL_MS = 1_000;

const templates = {
  shapes: loadSqlTemplate(import.meta.url, './tile-shapes.sql'),
  points: loadSqlTemplate(import.meta.url, './tile-points.sql'),
  clusters: loadSqlTemplate(import.meta.url, './tile-clusters.sql'),
};

type Statements = { features: SqlStatement; clusters?: SqlStatement | undefined; enrichVersion?: SqlStatement | undefined };

function compileLayer(name: TileLayerName, enriched: boolean): Statements {
  const spec = tileLayerSpec(name);
  const e = enriched ? spec.enrich : undefined;
  const table = tileTable(name);
  const slots = {
    join: trusted(e?.join ?? ''),
    extra: trusted(e?.extra ?? ''),
    table: catalogueTable(table),
    columns: catalogueProperties(table, spec.columns),
    filter: trusted(spec.filter ?? ''),
    scope: trusted(spec.scope === 'facility' ? `AND (${FACILITY_SCOPE_SQL})` : ''),
    point: trusted(spec.kind === 'labels' ? 'ST_PointOnSurface(t.geom)' : 't.geom'),
  };
  const features = spec.kind === 'shapes' ? templates.shapes : templates.points;
  return {
    features: fillSql(features, slots, `${features.file}(${name})`),
    clusters: spec.clusterBelow !== undefined ? fillSql(templates.clusters, slots, `tile-clusters.sql(${name})`) : undefined,
    enrichVersion: e ? compileSql(e.version, `enrich version(${name})`) : undefined,
  };
}

const versionsSql = loadSql(import.meta.url, './tile-versions.sql');

/** A bounded map that forgets the least recently used tile first. */
class TileCache {
  private readonly map = new Map<string, Buffer>();
  constructor(private readonly max: number) {}
  get(key: string): Buffer | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: Buffer): void {
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

/** Builds the features of one tile from the database (exported for the encoder test and the benchmark). */
export async function tileFeatures(
  ctx: Pick<AppContext, 'db'>,
  statements: Statements,
  layer: TileLayerName,
  z: number, x: number, y: number,
  scope: Scope = {},
): Promise<Feature[]> {
  const spec = tileLayerSpec(layer);
  const b = tileBounds(z, x, y);
  const params = { ...b, z, tolerance: toleranceDeg(z), limit: MAX_POINTS_PER_TILE, cell: clusterCellDeg(z), ...scopeParams(scope) };
  const useClusters = spec.clusterBelow !== undefined && z < spec.clusterBelow && statements.clusters;
  const rows = await runSql<{ feature: string }>(reader(ctx.db), useClusters ? statements.clusters! : statements.features, params);
  return rows.map((r) => JSON.parse(r.feature) as Feature);
}

export function compileTileStatements(enriched: ReadonlySet<string> = new Set()): Map<TileLayerName, Statements> {
  return new Map(TILE_LAYER_NAMES.map((n) => [n, compileLayer(n, enriched.has(n))]));
}

/** Layers whose enrich table exists in this database (checked once: migrations run before start). */
export async function enrichedLayers(db: AppContext['db']): Promise<Set<string>> {
  const out = new Set<string>();
  for (const name of TILE_LAYER_NAMES) {
    const table = tileLayerSpec(name).enrich?.table;
    if (!table) continue;
    const [row] = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    if (row?.present) out.add(name);
  }
  return out;
}

export function tileRoutes(ctx: AppContext): Router {
  const r = Router();
  let statements: Promise<Map<TileLayerName, Statements>> | undefined;
  const compiled = () => (statements ??= enrichedLayers(ctx.db).then(compileTileStatements));
  // Without plan results (for callers who may not read plans): the plain catalogue.
  const plain = compileTileStatements();
  const plansRule = findRule('GET', '/api/gaps');
  const cache = new TileCache(CACHE_ENTRIES);
  // A restart may change the encoder; a fresh nonce keeps browsers from reusing stale tiles.
  const boot = randomBytes(4).toString('hex');
  // A map view asks for dozens of tiles at once: look the layer's versions up once per second,
  // not once per tile (an import or a recompute shows within a second).
  const versions = new Map<TileLayerName, { at: number; value: Promise<string> }>();
  const versionOf = (layer: TileLayerName, stmts: Statements): Promise<string> => {
    const hit = versions.get(layer);
    if (hit && Date.now() - hit.at < VERSION_TTL_MS) return hit.value;
    const value = (async () => {
      const [v] = await runSql<{ v: string }>(reader(ctx.db), versionsSql, { layers: tileVersions(layer) });
      const [ev] = stmts.enrichVersion ? await runSql<{ v: string }>(reader(ctx.db), stmts.enrichVersion) : [];
      return `${v?.v ?? ''}|${ev?.v ?? ''}`;
    })();
    value.catch(() => versions.delete(layer));
    versions.set(layer, { at: Date.now(), value });
    return value;
  };

  r.get(
    '/tiles/:layer/:z/:x/:y.pbf',
    asyncHandler(async (req, res) => {
      const layer = String(req.params.layer);
      if (!isTileLayer(layer)) throw ApiError.notFound(`tile layer '${layer}'`);
      const [z, x, y] = [req.params.z, req.params.x, req.params.y].map((s) => (/^\d{1,7}$/.test(String(s)) ? Number(s) : NaN));
      if (!isValidTile(z!, x!, y!)) {
        throw ApiError.badRequest(`tile ${req.params.z}/${req.params.x}/${req.params.y} is outside the pyramid`, [
          { field: 'z/x/y', message: 'z must be 0..18 and x, y within 0..2^z-1' },
        ]);
      }
      const scoped = tileLayerSpec(layer).scope !== undefined;
      const plans = !!plansRule && allows(plansRule, subjectOf(principalOf(req)));
      const scope = scoped ? scopeFor(req) : {};
      const stmts = (plans ? await compiled() : plain).get(layer)!;
      const version = await versionOf(layer, (await compiled()).get(layer)!);
      // Two callers share a cached tile only when they would get the same rows and properties.
      const who = scoped ? `${scopeKey(scope)}|plans=${plans}` : '';
      const etag = `"${createHash('sha1').update(`${boot}|${layer}|${z}/${x}/${y}|${version}|${who}`).digest('base64url').slice(0, 20)}"`;
      res.setHeader('ETag', etag);
      // Tiles need a sign-in and facility tiles differ by caller: never for shared caches.
      res.setHeader('Cache-Control', 'private, max-age=60, must-revalidate');
      res.setHeader('Vary', 'Cookie, Authorization');
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      let body = cache.get(etag);
      if (!body) {
        const features = await tileFeatures(ctx, stmts, layer, z!, x!, y!, scope);
        body = Buffer.from(encodeTile(layer, features, z!, x!, y!));
        cache.set(etag, body);
      }
      res.type('application/vnd.mapbox-vector-tile');
      res.send(body);
    }),
  );
  return r;
}
