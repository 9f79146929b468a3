// Updates to the settlement layer from small CSV files keyed by settlement id: estimated
// populations and hub flags. Each row is checked; any bad row fails the step with its line.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { formatImportError, type ImportError } from './import/errors.ts';
import { convertValue } from './import/values.ts';

const estimatedSql = loadSql(import.meta.url, './apply-estimated-population.sql');
const hubsSql = loadSql(import.meta.url, './apply-hub-settlements.sql');

export class SettlementUpdateError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors.map(formatImportError).join('\n'));
    this.name = 'SettlementUpdateError';
  }
}

export type SettlementUpdateReport = { file: string; rows: number; updated: number; keptReal?: number; unknownIds: string[] };

async function readRows(file: string, required: string[]): Promise<{ line: number; row: Record<string, string> }[]> {
  const out: { line: number; row: Record<string, string> }[] = [];
  const parser = createReadStream(file).pipe(parse({ bom: true, columns: true, skip_empty_lines: true, info: true, trim: true }));
  let checked = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!checked) {
      const missing = required.filter((c) => !(c in record));
      if (missing.length) {
        throw new SettlementUpdateError([{ code: 'missing_column', file, line: 1, reason: `needs column(s) ${missing.join(', ')}` }]);
      }
      checked = true;
    }
    out.push({ line: info.lines, row: record });
  }
  return out;
}

/** Applies `settlement_id,population,method`; real populations are kept. */
export async function applyEstimatedPopulation(tx: Queryable, file: string): Promise<SettlementUpdateReport> {
  const rows = await readRows(file, ['settlement_id', 'population']);
  const errors: ImportError[] = [];
  const values = rows.map(({ line, row }, i) => {
    const pop = convertValue(row.population, { name: 'population', type: 'integer', required: true, min: 0 });
    if ('problem' in pop) errors.push({ file, unit: 'row', index: i + 1, line, id: row.settlement_id, ...pop.problem });
    if (!row.settlement_id) errors.push({ file, unit: 'row', index: i + 1, line, code: 'missing_id', field: 'settlement_id', reason: 'empty' });
    return { settlement_id: row.settlement_id, population: 'value' in pop ? pop.value : null, method: row.method || null };
  });
  if (errors.length) throw new SettlementUpdateError(errors.slice(0, 100));
  const [r] = await runSql<{ updated: number; kept_real: number; unknown: string[] }>(tx, estimatedSql, { rows: JSON.stringify(values) });
  return { file: path.basename(file), rows: rows.length, updated: r!.updated, keptReal: r!.kept_real, unknownIds: r!.unknown };
}

/** Applies `settlement_id` rows: those settlements are hubs. */
export async function applyHubSettlements(tx: Queryable, file: string): Promise<SettlementUpdateReport> {
  const rows = await readRows(file, ['settlement_id']);
  const empty = rows.findIndex((r) => !r.row.settlement_id);
  if (empty >= 0) {
    throw new SettlementUpdateError([{ file, unit: 'row', index: empty + 1, line: rows[empty]!.line, code: 'missing_id', field: 'settlement_id', reason: 'empty' }]);
  }
  const [r] = await runSql<{ updated: number; unknown: string[] }>(tx, hubsSql, { ids: rows.map((x) => x.row.settlement_id) });
  return { file: path.basename(file), rows: rows.length, updated: r!.updated, unknownIds: r!.unknown };
}
