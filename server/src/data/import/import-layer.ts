// Imports one file into one layer inside ONE transaction: read (streaming) → map and check each
// feature → check geometries and ids per batch in SQL → upsert the batch. Any error rolls the whole
// import back, unless skipInvalid, which writes the valid rows and reports the rest. A dry run is a
// full import that is always rolled back, so its counts are exactly what a real run would do.
import path from 'node:path';
import type { Database, Queryable } from '../../db/database.ts';
import { runSql } from '../../db/sql.ts';
import { layerSpec, type LayerName, type Provenance } from '../layers.ts';
import { attachFacilitiesToSettlements, type AttachReport } from '../attach-facilities.ts';
import { ErrorCollector, FatalImportError, type ImportError } from './errors.ts';
import { checkCoordinates, checkGeoJsonGeometry, checkGeometryType, geoJsonTypeName, KAZAKHSTAN_EXTENT, type Extent, type Problem } from './geometry-checks.ts';
import { buildRow, consumedColumns, type Mapping, type Row } from './mapping.ts';
import { readCsv, type CsvOptions } from './read-csv.ts';
import { readGeoJson } from './read-geojson.ts';
import type { SourceRecord } from './record.ts';
import { checkReadable, detectFormat, type FileFormat } from './source-file.ts';
import { bumpLayerVersionSql, checkGeoJsonValiditySql, checkGeometrySql, datasetSql, otherDatasetIdsSql, rememberIdsSql, seenIdsSql, upsertSql } from './statements.ts';
import { unstorableRecord } from './storable.ts';

export type DatasetMeta = {
  id: string;
  title: string;
  licence: string;
  provenance: Provenance;
  origin?: string | undefined;
  attribution?: string | undefined;
};

export type ImportProgress = { read: number; valid: number; invalid: number; written: number };

export type ImportOptions = {
  layer: LayerName;
  file: string;
  format?: FileFormat | undefined;
  mapping?: Mapping | undefined;
  /** Defaults: id `import:<layer>:<file name>`, title = file name, licence 'unspecified', provenance 'real'. */
  dataset?: Partial<DatasetMeta> | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  /** Repair invalid geometries with ST_MakeValid instead of rejecting them (noted in properties). */
  makeValid?: boolean | undefined;
  /** Expected extent; null accepts anywhere on Earth. Default: Kazakhstan. */
  extent?: Extent | undefined;
  csv?: CsvOptions | undefined;
  batchSize?: number | undefined;
  maxErrors?: number | undefined;
  /** Adjusts a feature's properties before mapping (e.g. 'Single' → 1 track). */
  transform?: ((props: Record<string, unknown>) => Record<string, unknown>) | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** Facilities: attach those without a settlement to the nearest within 3 km (default true). */
  attachToSettlements?: boolean | undefined;
};

export type ImportReport = {
  layer: LayerName;
  file: string;
  format: FileFormat | undefined;
  dataset: DatasetMeta;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Features or rows read from the file. */
  read: number;
  valid: number;
  invalid: number;
  /** Rows inserted / updated / left unchanged (in a dry run or a failed import: what would have happened). */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Invalid geometries repaired with ST_MakeValid (makeValid option). */
  repaired: number;
  /** True when the rows were committed. */
  written: boolean;
  /** The layer's version after the import (null when nothing changed or nothing was written). */
  layerVersion: number | null;
  /** Facilities only: settlements found for facilities that had none, and the orphans left. */
  attachment?: AttachReport;
  errorCount: number;
  errors: ImportError[];
  /** Errors counted beyond the `maxErrors` kept in `errors`. */
  moreErrors: number;
  durationMs: number;
};

class RollBack extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

/** Runs the import in its own transaction; returns the report whether or not rows were written. */
export async function importLayer(db: Database, options: ImportOptions): Promise<ImportReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await importInto(tx, options);
      if (!report.written) throw new RollBack(report);
      return report;
    });
  } catch (err) {
    if (err instanceof RollBack) return err.report;
    throw err;
  }
}

type GeometryCheck = {
  n: number; geom_type?: string | null; is_empty?: boolean | null; parse_error?: string | null; invalid_reason: string | null;
  xmin?: number | null; ymin?: number | null; xmax?: number | null; ymax?: number | null;
};

type Pending = { n: number; line?: number | undefined; row: Row; geojson?: string; wkt?: string; wktField?: string; makeValid?: boolean };

/**
 * The import on an open transaction (the bundled loader runs several in one). Writes nothing
 * useful when the report says written=false: the caller must roll back.
 */
export async function importInto(tx: Queryable, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const spec = layerSpec(options.layer);
  const file = options.file;
  const base = path.basename(file);
  const format = options.format ?? detectFormat(file);
  const dataset: DatasetMeta = {
    id: options.dataset?.id ?? `import:${options.layer}:${base}`,
    title: options.dataset?.title ?? base,
    licence: options.dataset?.licence ?? 'unspecified',
    provenance: options.dataset?.provenance ?? 'real',
    origin: options.dataset?.origin,
    attribution: options.dataset?.attribution,
  };
  const extent = options.extent === undefined ? KAZAKHSTAN_EXTENT : options.extent;
  const mapping = options.mapping ?? {};
  const batchSize = options.batchSize ?? 1000;
  const errors = new ErrorCollector(options.maxErrors ?? 100);
  const unit = format === 'csv' ? ('row' as const) : ('feature' as const);
  const counts = { read: 0, valid: 0, invalid: 0, inserted: 0, updated: 0, unchanged: 0, repaired: 0 };
  let aborted = false;

  const report = (): ImportReport => {
    const written = !options.dryRun && !aborted && (errors.count === 0 || !!options.skipInvalid);
    return {
      layer: options.layer, file, format, dataset, dryRun: !!options.dryRun, skipInvalid: !!options.skipInvalid,
      ...counts, written, layerVersion: null,
      errorCount: errors.count, errors: errors.list, moreErrors: errors.more, durationMs: Date.now() - started,
    };
  };
  const fatal = (e: ImportError) => {
    errors.add(e);
    aborted = true;
    return report();
  };

  const unreadable = checkReadable(file);
  if (unreadable) return fatal(unreadable);
  if (!format) return fatal({ code: 'unsupported_format', file, reason: 'unknown file type: use .geojson, .json or .csv (optionally .gz)' });

  const [ds] = await runSql(tx, datasetSql, { ...dataset, layer: options.layer, origin: dataset.origin ?? null, attribution: dataset.attribution ?? null });
  if (!ds) return fatal({ code: 'dataset_conflict', file, field: 'dataset', reason: `dataset id "${dataset.id}" already belongs to another layer` });
  await tx.query('CREATE TEMP TABLE IF NOT EXISTS import_ids (id text PRIMARY KEY, n integer NOT NULL) ON COMMIT DROP');
  await tx.query('TRUNCATE pg_temp.import_ids');

  const consumed = consumedColumns(spec, mapping);
  const place = (n: number, line?: number, id?: string) => ({ file, unit, index: n, ...(line !== undefined ? { line } : {}), ...(id !== undefined ? { id } : {}) });
  const problem = (p: Problem, n: number, line?: number, id?: string) => errors.add({ ...place(n, line, id), ...p });

  let pending: Pending[] = [];
  const invalidInBatch = new Set<number>();

  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    invalidInBatch.clear();
    const bad = (p: Pending, pr: Problem) => {
      if (!invalidInBatch.has(p.n)) invalidInBatch.add(p.n);
      problem(pr, p.n, p.line, p.row.id);
    };
    const byN = new Map(batch.map((p) => [p.n, p]));
    // WKT is parsed by PostGIS (errors as values); GeoJSON was checked structurally in TypeScript,
    // so only polygons need PostGIS (ring self-intersections). Lines and points are valid by then.
    const wktRows = batch.filter((p) => p.wkt !== undefined).map((p) => ({ n: p.n, wkt: p.wkt }));
    const polygonRows = spec.geometry === 'MultiPolygon' ? batch.filter((p) => p.geojson !== undefined).map((p) => ({ n: p.n, geojson: p.geojson })) : [];
    const checks: GeometryCheck[] = [
      ...(wktRows.length ? await runSql<GeometryCheck>(tx, checkGeometrySql, { rows: JSON.stringify(wktRows) }) : []),
      ...(polygonRows.length ? await runSql<GeometryCheck>(tx, checkGeoJsonValiditySql, { rows: JSON.stringify(polygonRows) }) : []),
    ];
    for (const c of checks) {
      const p = byN.get(c.n)!;
      const field = p.wktField ?? 'geometry';
      if (c.parse_error) {
        bad(p, { code: 'geometry_malformed', field, reason: `PostGIS cannot parse it: ${c.parse_error}` });
        continue;
      }
      if (p.wkt !== undefined) {
        const typeProblem = checkGeometryType(geoJsonTypeName(c.geom_type ?? ''), spec.geometry);
        if (typeProblem) { bad(p, { ...typeProblem, field }); continue; }
        if (c.is_empty) { bad(p, { code: 'geometry_empty', field, reason: `${geoJsonTypeName(c.geom_type ?? '')} is empty` }); continue; }
        const range = checkCoordinates([c.xmin!, c.ymin!, c.xmax!, c.ymax!], extent);
        if (range) { bad(p, { ...range, field }); continue; }
      }
      if (c.invalid_reason && options.makeValid) {
        p.makeValid = true;
        p.row.properties = { ...p.row.properties, geometry_repaired: c.invalid_reason };
        counts.repaired += 1;
      } else if (c.invalid_reason) bad(p, { code: 'geometry_invalid', field, reason: `invalid geometry: ${c.invalid_reason}` });
    }
    const ids = JSON.stringify(batch.map((p) => ({ id: p.row.id, n: p.n })));
    const seen = await runSql<{ id: string; n: number; first_n: number }>(tx, seenIdsSql, { rows: ids });
    for (const s of seen) {
      bad(byN.get(s.n)!, { code: 'duplicate_id', field: 'id', reason: `id "${s.id}" is already used by ${unit} #${s.first_n}` });
    }
    await runSql(tx, rememberIdsSql, { rows: ids });
    // An id already held by another dataset's row: upserting would silently move that row here.
    const taken = await runSql<{ id: string; dataset_id: string }>(tx, otherDatasetIdsSql.get(options.layer)!, {
      ids: batch.map((p) => p.row.id), dataset_id: dataset.id,
    });
    const byId = new Map(batch.map((p) => [p.row.id, p]));
    for (const t of taken) {
      bad(byId.get(t.id)!, {
        code: 'id_in_other_dataset', field: 'id',
        reason: `id "${t.id}" already belongs to dataset "${t.dataset_id}"; an import never moves rows between datasets: ` +
          `give this file's ids a prefix (--id-template 'mine:{id}') or import it into that dataset (--dataset-id ${t.dataset_id})`,
      });
    }
    const good = batch.filter((p) => !invalidInBatch.has(p.n));
    counts.valid += good.length;
    counts.invalid += batch.length - good.length;
    if (good.length) {
      const rows = good.map((p) => ({ id: p.row.id, ...p.row.values, wkt: p.wkt ?? null, geojson: p.geojson ?? null, make_valid: !!p.makeValid, properties: p.row.properties }));
      const res = await runSql<{ inserted: boolean }>(tx, upsertSql.get(options.layer)!, {
        rows: JSON.stringify(rows), dataset_id: dataset.id, provenance: dataset.provenance,
      });
      const inserted = res.filter((r) => r.inserted).length;
      counts.inserted += inserted;
      counts.updated += res.length - inserted;
      counts.unchanged += good.length - res.length;
    }
    options.onProgress?.({ read: counts.read, valid: counts.valid, invalid: counts.invalid, written: counts.inserted + counts.updated + counts.unchanged });
  };

  const batchIds = new Map<string, number>();
  const take = (rec: SourceRecord) => {
    counts.read += 1;
    if (rec.problem) {
      counts.invalid += 1;
      return problem(rec.problem, rec.index, rec.line);
    }
    // NUL characters and absurd nesting would fail later with no place named (or overflow the stack).
    const unsafe = unstorableRecord(rec.properties ?? {}, rec.featureId, rec.geometry?.kind === 'geojson' ? rec.geometry.value : undefined);
    if (unsafe) {
      counts.invalid += 1;
      return problem(unsafe, rec.index, rec.line, typeof rec.featureId === 'string' && !rec.featureId.includes('\u0000') ? rec.featureId : undefined);
    }
    const props = options.transform ? options.transform(rec.properties ?? {}) : rec.properties ?? {};
    const built = buildRow(props, rec.featureId, spec, mapping, consumed);
    const problems: Problem[] = built.problems.slice();
    let geojson: string | undefined;
    if (rec.geometry?.kind === 'geojson' || !rec.geometry) {
      const g = checkGeoJsonGeometry(rec.geometry?.value, spec.geometry);
      if ('problem' in g) problems.push(g.problem);
      else {
        const range = checkCoordinates(g.bbox, extent);
        if (range) problems.push(range);
        else geojson = JSON.stringify(rec.geometry!.value);
      }
    }
    const id = built.row ? built.row.id : built.id;
    if (built.row && problems.length === 0) {
      const first = batchIds.get(built.row.id);
      if (first !== undefined) problems.push({ code: 'duplicate_id', field: 'id', reason: `id "${built.row.id}" is already used by ${unit} #${first}` });
    }
    if (problems.length) {
      counts.invalid += 1;
      for (const p of problems) problem(p, rec.index, rec.line, id);
      return;
    }
    batchIds.set(built.row!.id, rec.index);
    const wkt = rec.geometry?.kind === 'wkt' ? rec.geometry : undefined;
    pending.push({ n: rec.index, line: rec.line, row: built.row!, ...(geojson ? { geojson } : {}), ...(wkt ? { wkt: wkt.value, wktField: wkt.field } : {}) });
  };

  try {
    const source = format === 'csv' ? readCsv(file, options.csv) : readGeoJson(file);
    for await (const rec of source) {
      take(rec);
      if (pending.length >= batchSize) {
        await flush();
        batchIds.clear();
      }
    }
    await flush();
    if (counts.read === 0) {
      return fatal({
        code: 'no_features', file,
        reason: format === 'csv' ? 'the file has no data rows (a header only): nothing to import' : 'the FeatureCollection has no features: nothing to import',
      });
    }
  } catch (err) {
    if (err instanceof FatalImportError) return fatal(err.error);
    // A failed statement (SQLSTATE code) aborts the transaction: stop and report it. Anything else is a bug.
    const sqlState = (err as { code?: unknown }).code;
    if (typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/.test(sqlState)) throw err;
    return fatal({ code: 'database', file, reason: `while writing ${spec.table}: ${(err as Error).message} (SQLSTATE ${sqlState})` });
  }

  const out = report();
  if (options.layer === 'facilities' && options.attachToSettlements !== false && !aborted && (out.written || out.dryRun)) {
    out.attachment = await attachFacilitiesToSettlements(tx);
  }
  if (out.written && counts.inserted + counts.updated + (out.attachment?.attached ?? 0) > 0) {
    const [v] = await runSql<{ version: number }>(tx, bumpLayerVersionSql, { layer: options.layer });
    out.layerVersion = v?.version ?? null;
  }
  out.durationMs = Date.now() - started;
  return out;
}
