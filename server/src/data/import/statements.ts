// The importer's SQL, compiled once; per-layer statements are rendered from templates with the
// table and columns of the layer catalogue (never from the file being imported).
import { loadSql, type SqlStatement } from '../../db/sql.ts';
import { catalogueColumns, catalogueTable, fillSql, loadSqlTemplate, trusted } from '../../db/sql-template.ts';
import { LAYER_NAMES, layerSpec, type FieldType, type LayerName } from '../layers.ts';

export const checkGeometrySql = loadSql(import.meta.url, './check-geometry.sql');
export const checkGeoJsonValiditySql = loadSql(import.meta.url, './check-geojson-validity.sql');
export const seenIdsSql = loadSql(import.meta.url, './seen-ids.sql');
export const rememberIdsSql = loadSql(import.meta.url, './remember-ids.sql');
export const datasetSql = loadSql(import.meta.url, './dataset.sql');
export const bumpLayerVersionSql = loadSql(import.meta.url, './bump-layer-version.sql');

const SQL_TYPE: Record<FieldType, string> = { text: 'text', integer: 'integer', number: 'double precision', boolean: 'boolean' };

const upsertTemplate = loadSqlTemplate(import.meta.url, './upsert.sql');

function upsertFor(layer: LayerName): SqlStatement {
  const spec = layerSpec(layer);
  const cols = spec.fields.map((f) => f.name);
  const parsed = `ST_Force2D(ST_SetSRID(CASE WHEN r.wkt IS NOT NULL THEN ST_GeomFromText(r.wkt) ELSE ST_GeomFromGeoJSON(r.geojson) END, 4326))`;
  // With make_valid, ST_MakeValid may return a collection: keep the parts of the layer's dimension.
  const dim = { Point: 1, MultiLineString: 2, MultiPolygon: 3 }[spec.geometry];
  const repaired = `CASE WHEN r.make_valid THEN ST_CollectionExtract(ST_MakeValid(${parsed}), ${dim}) ELSE ${parsed} END`;
  const t = spec.table;
  return fillSql(upsertTemplate, {
    table: catalogueTable(t),
    columns: catalogueColumns(t, cols),
    source_columns: catalogueColumns(t, cols, (c) => `r.${c}`),
    column_types: catalogueColumns(t, cols, (c) => `${c} ${SQL_TYPE[spec.fields.find((f) => f.name === c)!.type]}`),
    geom: trusted(spec.geometry === 'Point' ? repaired : `ST_Multi(${repaired})`),
    assignments: catalogueColumns(t, cols, (c) => `${c} = EXCLUDED.${c}`),
    target_columns: catalogueColumns(t, cols, (c) => `t.${c}`),
    excluded_columns: catalogueColumns(t, cols, (c) => `EXCLUDED.${c}`),
  }, `upsert.sql(${layer})`);
}

export const upsertSql = new Map<LayerName, SqlStatement>(LAYER_NAMES.map((l) => [l, upsertFor(l)]));

const otherDatasetTemplate = loadSqlTemplate(import.meta.url, './other-dataset-ids.sql');
export const otherDatasetIdsSql = new Map<LayerName, SqlStatement>(
  LAYER_NAMES.map((l) => [l, fillSql(otherDatasetTemplate, { table: catalogueTable(layerSpec(l).table) }, `other-dataset-ids.sql(${l})`)]),
);
