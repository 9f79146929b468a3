// The tile catalogue: which table feeds each vector-tile layer, which columns go into the tile, and
// how low zooms are thinned (points) or grouped (clusters). Nothing here comes from a request.
export type TileLayerSpec = {
  table: string;
  /** Columns of `table` copied into feature properties (id and provenance always are). */
  columns: string[];
  /** shapes: clip + simplify; points: as they are; labels: a point on each polygon's surface. */
  kind: 'shapes' | 'points' | 'labels';
  /** Below this zoom a points layer is grouped on a grid (tile-clusters.sql). */
  clusterBelow?: number;
  /** Extra SQL condition; may use :z. Thins low zooms. */
  filter?: string;
  /** layer_version keys whose change must change the tile's ETag. */
  versions: string[];
  /**
   * 'facility': rows are facilities, narrowed to the caller's scope (access/facility-scope.sql) and
   * cached per scope. Absent: basemap data every signed-in person's map shows alike.
   */
  scope?: 'facility';
  /**
   * Results of another part joined in when its table exists (the gap engine's plan_result may not
   * be installed): the table, the JOIN, extra properties, and a query whose answer joins the ETag.
   * Only callers who may read plans (GET /api/gaps in the access policy) get them.
   */
  enrich?: { table: string; join: string; extra: string; version: string };
};

const names = ['name_ru', 'name_kk', 'name_en'];

export const TILE_LAYERS = {
  admin1: { table: 'region_admin1', columns: names, kind: 'shapes', versions: ['admin1', 'region_admin1'] },
  admin2: {
    table: 'region_admin2', columns: ['admin1_id', ...names], kind: 'shapes',
    filter: 'AND :z::int >= 5', versions: ['admin2', 'region_admin2'],
  },
  admin1_labels: { table: 'region_admin1', columns: names, kind: 'labels', versions: ['admin1', 'region_admin1'] },
  admin2_labels: {
    table: 'region_admin2', columns: names, kind: 'labels',
    filter: 'AND :z::int >= 7', versions: ['admin2', 'region_admin2'],
  },
  settlements: {
    table: 'settlement',
    columns: ['name', ...names, 'place', 'population', 'is_hub'],
    kind: 'points',
    // Thinning: the national view shows cities, then towns, then villages as one zooms in.
    filter: `AND (:z::int >= 10
               OR (:z::int >= 8 AND (t.place IN ('city', 'town', 'village') OR t.population >= 500))
               OR (:z::int >= 6 AND (t.place IN ('city', 'town') OR t.population >= 5000))
               OR t.place = 'city' OR t.population >= 50000)`,
    versions: ['settlements', 'settlement'],
  },
  roads: { table: 'road', columns: ['road_class'], kind: 'shapes', filter: 'AND :z::int >= 4', versions: ['roads', 'road'] },
  railways: { table: 'railway', columns: ['status'], kind: 'shapes', versions: ['railways', 'railway'] },
  fibre_routes: {
    table: 'fibre_route', columns: ['operator', 'status', 'year', 'programme'], kind: 'shapes',
    versions: ['fibre_routes', 'fibre_route'],
  },
  fibre_pops: {
    table: 'fibre_pop', columns: ['operator', 'kind', 'settlement_id'], kind: 'points',
    clusterBelow: 7, versions: ['fibre_pops', 'fibre_pop'],
  },
  mobile_coverage: {
    table: 'mobile_coverage', columns: ['operator', 'technology'], kind: 'shapes',
    versions: ['mobile_coverage'],
  },
  facilities: {
    table: 'facility',
    columns: ['kind', 'subkind', 'name', ...names, 'settlement_id', 'connection'],
    kind: 'points',
    clusterBelow: 9,
    versions: ['facilities', 'facility'],
    scope: 'facility',
    // Gap class, technology and a priority in 0..1 from the rank (1 = first), for colour and size.
    enrich: {
      table: 'plan_result',
      join: 'LEFT JOIN plan_result r ON r.facility_id = t.id',
      extra: `, 'gap_class', r.gap_class, 'technology', r.technology, 'score', r.score, 'rank', r.rank,
              'priority', CASE WHEN r.rank IS NULL THEN NULL
                               ELSE 1.0 - (r.rank - 1)::float8 / greatest(1, (SELECT max(rank) FROM plan_result)) END`,
      version: `SELECT coalesce(max(computed_at)::text, '') AS v FROM plan_state`,
    },
  },
} satisfies Record<string, TileLayerSpec>;

export type TileLayerName = keyof typeof TILE_LAYERS;
export const TILE_LAYER_NAMES = Object.keys(TILE_LAYERS) as TileLayerName[];
export const isTileLayer = (s: string): s is TileLayerName => Object.hasOwn(TILE_LAYERS, s);
export const tileLayerSpec = (name: TileLayerName): TileLayerSpec => TILE_LAYERS[name];
