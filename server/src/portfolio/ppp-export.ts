// The PPP view as a spreadsheet-safe CSV and as GeoJSON points.
import { toCsv } from '../csv.ts';
import type { PppCase } from './ppp.ts';

export const PPP_COLUMNS = [
  'settlement_id', 'name', 'admin1_id', 'admin2_id', 'population', 'fibre_present', 'size_band', 'capex_kzt',
  'subscribers', 'revenue_kzt_per_year', 'opex_kzt_per_year', 'npv_kzt', 'viability_gap_kzt', 'viability_gap_per_person_kzt', 'lon', 'lat',
] as const;

const kzt = (x: number) => Math.round(x);

export function pppCsv(cases: readonly PppCase[]): string {
  return toCsv(PPP_COLUMNS, cases.map((c) => [
    c.settlementId, c.name, c.admin1Id, c.admin2Id, c.population, c.fibrePresent, c.band, kzt(c.capexKzt),
    c.subscribers, kzt(c.revenueKztPerYear), kzt(c.opexKztPerYear), kzt(c.npvKzt), kzt(c.viabilityGapKzt),
    c.viabilityGapPerPersonKzt === null ? null : Math.round(c.viabilityGapPerPersonKzt * 100) / 100, c.lon, c.lat,
  ]));
}

export function pppGeoJson(cases: readonly PppCase[]): object {
  return {
    type: 'FeatureCollection',
    features: cases.map((c) => {
      const { lon, lat, ...properties } = c;
      return { type: 'Feature', id: c.settlementId, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
    }),
  };
}
