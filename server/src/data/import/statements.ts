// The importer's SQL, compiled once; per-layer statements are rendered from templates with the
// table and columns of the layer catalogue (never from the file being imported).
import { readFileSync } from 'node:fs';
import { compileSql, loadSql, type SqlStatement } from '../../db/sql.ts';
import { LAYER_NAMES, layerSpec, type FieldType, type LayerName } from '../layers.ts';

export const checkGeometrySql = loadSql(import.meta.url, './check-geometry.sql');
export const checkGeoJsonValiditySql = loadSql(import.meta.url, './check-geojson-validity.sql');
export const seenIdsSql = loadSql(import.meta.url, './seen-ids.sql');
export const rememberIdsSql = loadSql(import.meta.url, './remember-ids.sql');
export const datasetSql = loadSql(import.meta.url, './dataset.sql');
export const bumpLayerVersionSql = loadSql(import.meta.url, './bump-layer-version.sql');

const SQL_TYPE: Record<FieldType, string> = { text: 'text', integer: 'integer', number: 'double precision', boolean: 'boolean' };

const template = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const upsertTemplate = template('./upsert.sql');

function render(source: string, vars: Record<string, string>): string {
  return source.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => {
    const v = vars[k];
    if (v === undefined) throw new Error(`while rendering import SQL: no value for {{${k}}}`);
    return v;
  });
}

function upsertFor(layer: LayerName): SqlStatement {
  const spec = layerSpec(layer);
  const cols = spec.fields.map((f) => f.name);
  const parsed = `ST_Force2D(ST_SetSRID(CASE WHEN r.wkt IS NOT NULL THEN ST_GeomFromText(r.wkt) ELSE ST_GeomFromGeoJSON(r.geojson) END, 4326))`;
  // With make_valid, ST_MakeValid may return a collection: keep the parts of the layer's dimension.
  const dim = { Point: 1, MultiLineString: 2, MultiPolygon: 3 }[spec.geometry];
  const repaired = `CASE WHEN r.make_valid THEN ST_CollectionExtract(ST_MakeValid(${parsed}), ${dim}) ELSE ${parsed} END`;
  const sql = render(upsertTemplate, {
    table: spec.table,
    columns: cols.join(', '),
    source_columns: cols.map((c) => `r.${c}`).join(', '),
    column_types: spec.fields.map((f) => `${f.name} ${SQL_TYPE[f.type]}`).join(', '),
    geom: spec.geometry === 'Point' ? repaired : `ST_Multi(${repaired})`,
    assignments: cols.map((c) => `${c} = EXCLUDED.${c}`).join(', '),
    target_columns: cols.map((c) => `t.${c}`).join(', '),
    excluded_columns: cols.map((c) => `EXCLUDED.${c}`).join(', '),
  });
  return compileSql(sql, `upsert.sql(${layer})`);
}

export const upsertSql = new Map<LayerName, SqlStatement>(LAYER_NAMES.map((l) => [l, upsertFor(l)]));

const otherDatasetTemplate = template('./other-dataset-ids.sql');
export const otherDatasetIdsSql = new Map<LayerName, SqlStatement>(
  LAYER_NAMES.map((l) => [l, compileSql(render(otherDatasetTemplate, { table: layerSpec(l).table }), `other-dataset-ids.sql(${l})`)]),
);
