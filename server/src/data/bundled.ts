// Loads the bundled Kazakhstan data (geodata/) into an empty database, all of it in ONE
// transaction: a start-up killed half-way leaves an empty database, and the next start loads again.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.ts';
import { runSql } from '../db/sql.ts';
import { attachFacilitiesToSettlements, type AttachReport } from './attach-facilities.ts';
import { BUNDLED_SOURCES, ESTIMATED_POPULATION_FILE, HUB_SETTLEMENTS_FILE, type BundledSource } from './bundled-sources.ts';
import { formatImportError } from './import/errors.ts';
import { importInto, type ImportReport } from './import/import-layer.ts';
import { bumpLayerVersionSql } from './import/statements.ts';
import type { LayerName } from './layers.ts';
import { applyEstimatedPopulation, applyHubSettlements, type SettlementUpdateReport } from './settlement-updates.ts';

export const GEODATA_DIR = fileURLToPath(new URL('../../../geodata/', import.meta.url));

type Log = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };

export type BundledLayerResult = {
  layer: LayerName;
  file: string;
  status: 'loaded' | 'absent';
  rows: number;
  /** Invalid source geometries repaired with ST_MakeValid. */
  repaired: number;
  durationMs: number;
};

export type BundledReport = {
  status: 'loaded' | 'skipped';
  /** Why nothing was loaded (data already present). */
  reason?: string;
  layers: BundledLayerResult[];
  estimatedPopulation: SettlementUpdateReport | 'absent' | null;
  hubSettlements: SettlementUpdateReport | 'absent' | null;
  facilities: AttachReport | null;
  totalMs: number;
};

export type BundledOptions = {
  logger?: Log | undefined;
  onProgress?: ((p: { layer: LayerName; read: number }) => void) | undefined;
  /** Load even when data is present (rows are upserted, not duplicated). */
  force?: boolean | undefined;
  geodataDir?: string | undefined;
  sources?: readonly BundledSource[] | undefined;
};

export class BundledDataError extends Error {
  constructor(readonly report: ImportReport) {
    const shown = report.errors.slice(0, 10).map(formatImportError).join('\n  ');
    const more = report.errorCount > 10 ? `\n  … and ${report.errorCount - 10} more` : '';
    super(`bundled ${report.layer} data (${path.basename(report.file)}) has ${report.errorCount} error(s):\n  ${shown}${more}`);
    this.name = 'BundledDataError';
  }
}

// Serialises two processes (server and agent) starting together on one empty database.
const LOAD_LOCK = 7270002;

export async function loadBundledData(db: Database, options: BundledOptions = {}): Promise<BundledReport> {
  const started = Date.now();
  const dir = options.geodataDir ?? GEODATA_DIR;
  const log = options.logger;
  const report: BundledReport = { status: 'loaded', layers: [], estimatedPopulation: null, hubSettlements: null, facilities: null, totalMs: 0 };

  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK]);
    const [present] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM dataset');
    if (present!.n > 0 && !options.force) {
      report.status = 'skipped';
      report.reason = `the database already holds ${present!.n} dataset(s); bundled data is loaded only into an empty database`;
      return;
    }
    for (const source of options.sources ?? BUNDLED_SOURCES) {
      const file = path.join(dir, source.file);
      if (!existsSync(file)) {
        if (!source.optional) throw new Error(`bundled file ${file} is missing (layer ${source.layer})`);
        log?.info({ layer: source.layer, file: source.file }, 'bundled file absent, layer skipped');
        report.layers.push({ layer: source.layer, file: source.file, status: 'absent', rows: 0, repaired: 0, durationMs: 0 });
        continue;
      }
      const r = await importInto(tx, {
        layer: source.layer,
        file,
        mapping: source.mapping,
        dataset: source.dataset,
        transform: source.transform,
        makeValid: source.makeValid,
        attachToSettlements: false, // once, after every layer is in
        onProgress: (p) => options.onProgress?.({ layer: source.layer, read: p.read }),
      });
      if (!r.written) throw new BundledDataError(r);
      log?.info({ layer: source.layer, rows: r.valid, repaired: r.repaired, ms: r.durationMs }, 'bundled layer loaded');
      report.layers.push({ layer: source.layer, file: source.file, status: 'loaded', rows: r.valid, repaired: r.repaired, durationMs: r.durationMs });
    }

    report.estimatedPopulation = await optionalStep(dir, ESTIMATED_POPULATION_FILE, log, (f) => applyEstimatedPopulation(tx, f));
    report.hubSettlements = await optionalStep(dir, HUB_SETTLEMENTS_FILE, log, (f) => applyHubSettlements(tx, f));
    const settlementsChanged = [report.estimatedPopulation, report.hubSettlements].some((s) => typeof s === 'object' && s && s.updated > 0);
    if (settlementsChanged) await runSql(tx, bumpLayerVersionSql, { layer: 'settlements' });

    report.facilities = await attachFacilitiesToSettlements(tx);
    if (report.facilities.attached > 0) await runSql(tx, bumpLayerVersionSql, { layer: 'facilities' });
    if (report.facilities.orphans > 0) {
      log?.warn({ orphans: report.facilities.orphans, sample: report.facilities.orphanIds.slice(0, 10) }, 'facilities without a settlement within 3 km');
    }
  });
  report.totalMs = Date.now() - started;
  return report;
}

async function optionalStep(
  dir: string,
  name: string,
  log: Log | undefined,
  run: (file: string) => Promise<SettlementUpdateReport>,
): Promise<SettlementUpdateReport | 'absent'> {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    log?.info({ file: name }, 'bundled settlement file absent, step skipped');
    return 'absent';
  }
  const r = await run(file);
  if (r.unknownIds.length) log?.warn({ file: name, unknown: r.unknownIds.length, sample: r.unknownIds.slice(0, 10) }, 'ids not in the settlement layer');
  log?.info({ file: name, rows: r.rows, updated: r.updated }, 'bundled settlement update applied');
  return r;
}
