// A scenario run as CSV (one row per chosen site, in the reader's language) and as GeoJSON (sites
// and their trenches).
import { csvNumber, toCsv, type CsvSeparator, type CsvValue } from '../csv.ts';
import { SCENARIO_COLUMNS, headers, kindName, techName } from './export-labels.ts';
import type { Lang } from './report-labels.ts';
import type { ScenarioRun } from './result.ts';

export const SITE_COLUMNS = [
  'order', 'facility_id', 'name', 'kind', 'region', 'technology', 'cost_kzt', 'p10_kzt', 'p50_kzt', 'p90_kzt',
  'beneficiaries', 'score', 'shared_trench', 'settlement_id', 'admin1_id', 'admin2_id', 'lon', 'lat',
] as const;

export type CsvOptions = {
  lang: Lang;
  sep?: CsvSeparator;
  /** admin1 id → name in `lang` (the id stands in for a region without one). */
  regionNames?: Record<string, string>;
};

/** Numbers as a `;` file needs them (decimal comma, which Excel in ru/kk reads as a number). */
export function localNumbers(sep: CsvSeparator | undefined) {
  return (row: readonly CsvValue[]): CsvValue[] =>
    row.map((v) => (sep === ';' && typeof v === 'number' && !Number.isInteger(v) ? csvNumber(v, ';', 6) : v));
}

export function scenarioCsv(run: ScenarioRun, o: CsvOptions): string {
  const region = (id: string | null) => (id ? o.regionNames?.[id] ?? id : '');
  return toCsv(headers(SCENARIO_COLUMNS, SITE_COLUMNS, o.lang), run.result.sites.map((s, i) => [
    i + 1, s.facilityId, s.name, kindName(s.kind, o.lang), region(s.admin1Id), techName(s.technology, o.lang),
    Math.round(s.costKzt), Math.round(s.p10), Math.round(s.p50), Math.round(s.p90), s.beneficiaries,
    Number(s.score.toFixed(4)), s.clusterId, s.settlementId, s.admin1Id, s.admin2Id, s.lon, s.lat,
  ]).map(localNumbers(o.sep)), o.sep);
}

export function scenarioGeoJson(run: ScenarioRun): object {
  const sites = run.result.sites.map((s) => ({
    type: 'Feature',
    id: s.facilityId,
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: { layer: 'site', ...s },
  }));
  const trenches = run.result.trenches.map((t) => ({
    type: 'Feature',
    id: `trench:${t.settlementId}`,
    geometry: t.geometry,
    properties: { layer: 'trench', settlementId: t.settlementId, facilityIds: t.facilityIds, lengthM: t.lengthM, costKzt: t.costKzt, savingKzt: t.savingKzt },
  }));
  return {
    type: 'FeatureCollection',
    scenario: run.scenario,
    paramsHash: run.paramsHash,
    dataVersion: run.dataVersion,
    ranAt: run.ranAt,
    features: [...sites, ...trenches],
  };
}
