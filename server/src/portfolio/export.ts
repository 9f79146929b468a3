// A scenario run as CSV (one row per chosen site) and as GeoJSON (sites and their trenches).
import { toCsv } from '../csv.ts';
import type { ScenarioRun } from './result.ts';

export const SITE_COLUMNS = [
  'facility_id', 'name', 'kind', 'settlement_id', 'admin1_id', 'admin2_id', 'technology', 'cluster_id',
  'cost_kzt', 'p10_kzt', 'p50_kzt', 'p90_kzt', 'beneficiaries', 'score', 'lon', 'lat',
] as const;

export function scenarioCsv(run: ScenarioRun): string {
  return toCsv(SITE_COLUMNS, run.result.sites.map((s) => [
    s.facilityId, s.name, s.kind, s.settlementId, s.admin1Id, s.admin2Id, s.technology, s.clusterId,
    Math.round(s.costKzt), Math.round(s.p10), Math.round(s.p50), Math.round(s.p90), s.beneficiaries,
    Number(s.score.toFixed(4)), s.lon, s.lat,
  ]));
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
