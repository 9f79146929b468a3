// The tile catalogue: which layer of the catalogue (server/src/data/layers.ts) feeds each vector-tile
// layer, which of its fields go into the tile, and how low zooms are thinned (points) or grouped
// (clusters). The table and the layer_version keys come from the catalogue. Nothing here comes from
// a request; the web map's sources are these names (web/src/map/style.ts).
import { layerSpec, type LayerName } from '../data/layers.ts';

export type TileLayerSpec = {
  /** The catalogue layer whose table feeds the tiles. */
  layer: LayerName;
  /** Fields of the layer copied into feature properties (id and provenance always are). */
  columns: string[];
  /** shapes: clip + simplify; points: as they are; labels: a point on each polygon's surface. */
  kind: 'shapes' | 'points' | 'labels';
  /** Below this zoom a points layer is grouped on a grid (tile-clusters.sql). */
  clusterBelow?: number;
  /** Extra SQL condition; may use :z. Thins low zooms. */
  filter?: string;
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
  admin1: { layer: 'admin1', columns: names, kind: 'shapes' },
  admin2: { layer: 'admin2', columns: ['admin1_id', ...names], kind: 'shapes', filter: 'AND :z::int >= 5' },
  admin1_labels: { layer: 'admin1', columns: names, kind: 'labels' },
  admin2_labels: { layer: 'admin2', columns: names, kind: 'labels', filter: 'AND :z::int >= 7' },
  settlements: {
    layer: 'settlements',
    columns: ['name', ...names, 'place', 'population', 'is_hub'],
    kind: 'points',
    // Thinning: the national view shows cities, then towns, then villages as one zooms in.
    filter: `AND (:z::int >= 10
               OR (:z::int >= 8 AND (t.place IN ('city', 'town', 'village') OR t.population >= 500))
               OR (:z::int >= 6 AND (t.place IN ('city', 'town') OR t.population >= 5000))
               OR t.place = 'city' OR t.population >= 50000)`,
  },
  roads: { layer: 'roads', columns: ['road_class'], kind: 'shapes', filter: 'AND :z::int >= 4' },
  railways: { layer: 'railways', columns: ['status'], kind: 'shapes' },
  fibre_routes: { layer: 'fibre_routes', columns: ['operator', 'status', 'year', 'programme'], kind: 'shapes' },
  fibre_pops: { layer: 'fibre_pops', columns: ['operator', 'kind', 'settlement_id'], kind: 'points', clusterBelow: 7 },
  mobile_coverage: { layer: 'mobile_coverage', columns: ['operator', 'technology'], kind: 'shapes' },
  facilities: {
    layer: 'facilities',
    columns: ['kind', 'subkind', 'name', ...names, 'settlement_id', 'connection'],
    kind: 'points',
    clusterBelow: 9,
    scope: 'facility',
    // Gap class, technology and a priority in 0..1 from the rank (1 = first), for colour and size.
    enrich: {
      table: 'plan_result',
      join: 'LEFT JOIN plan_result r ON r.facility_id = t.id LEFT JOIN plan_rank k ON k.facility_id = t.id',
      extra: `, 'gap_class', r.gap_class, 'technology', r.technology, 'score', r.score, 'rank', k.rank,
              'priority', CASE WHEN k.rank IS NULL THEN NULL
                               ELSE 1.0 - (k.rank - 1)::float8 / greatest(1, (SELECT max(rank) FROM plan_rank)) END`,
      version: `SELECT coalesce(max(computed_at)::text, '') AS v FROM plan_state`,
    },
  },
} satisfies Record<string, TileLayerSpec>;

export type TileLayerName = keyof typeof TILE_LAYERS;
export const TILE_LAYER_NAMES = Object.keys(TILE_LAYERS) as TileLayerName[];
export const isTileLayer = (s: string): s is TileLayerName => Object.hasOwn(TILE_LAYERS, s);
export const tileLayerSpec = (name: TileLayerName): TileLayerSpec => TILE_LAYERS[name];
/** The table behind a tile layer, from the catalogue. */
export const tileTable = (name: TileLayerName): string => layerSpec(tileLayerSpec(name).layer).table;
/** layer_version keys whose change must change the tile's ETag: the import's (layer) and the engine's (table). */
export const tileVersions = (name: TileLayerName): string[] => [...new Set([tileLayerSpec(name).layer, tileTable(name)])];
