// The PPP view as a spreadsheet-safe CSV in the reader's language, and as GeoJSON points.
import { toCsv } from '../csv.ts';
import { PPP_COLUMN_LABELS, headers, yesNo } from './export-labels.ts';
import { localNumbers, type CsvOptions } from './export.ts';
import type { PppCase } from './ppp.ts';

export const PPP_COLUMNS = [
  'settlement', 'region', 'population', 'fibre_present', 'size_band', 'capex_kzt', 'subscribers', 'revenue_kzt_per_year',
  'opex_kzt_per_year', 'npv_kzt', 'viability_gap_kzt', 'viability_gap_per_person_kzt', 'settlement_id', 'admin1_id', 'admin2_id', 'lon', 'lat',
] as const;

const kzt = (x: number) => Math.round(x);

/**
 * Settlement names are already in `o.lang` (loadPppSettlements); regions are named from `o.regionNames`;
 * size bands are counted from 1 (the smallest settlements).
 */
export function pppCsv(cases: readonly PppCase[], o: CsvOptions): string {
  const region = (id: string | null) => (id ? o.regionNames?.[id] ?? id : '');
  return toCsv(headers(PPP_COLUMN_LABELS, PPP_COLUMNS, o.lang), cases.map((c) => [
    c.name, region(c.admin1Id), c.population, yesNo(c.fibrePresent, o.lang), c.band + 1, kzt(c.capexKzt),
    c.subscribers, kzt(c.revenueKztPerYear), kzt(c.opexKztPerYear), kzt(c.npvKzt), kzt(c.viabilityGapKzt),
    c.viabilityGapPerPersonKzt === null ? null : Math.round(c.viabilityGapPerPersonKzt * 100) / 100,
    c.settlementId, c.admin1Id, c.admin2Id, c.lon, c.lat,
  ]).map(localNumbers(o.sep)), o.sep);
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
