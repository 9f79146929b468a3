// Reading the real inputs (already parsed JSON / CSV text) into the derivation's shapes, strictly:
// an unknown oblast name, place type or missing code stops the run with the row that caused it.
import { parse } from 'csv-parse/sync';
import type { LonLat } from './geometry.ts';
import type { RailwayLine } from './fibre.ts';
import { PLACES, type OblastCounts, type Place, type SettlementInput } from './types.ts';

/**
 * `oblast_en` of kz_facility_counts_by_oblast_2022.csv (statistics bureau spelling) → ADM1 P-code of
 * kz_admin1 (geokz/OCHA spelling: "Abay", "Zhetysu", "Karagandy", "Turkestan", "Astana (city)"…).
 */
export const OBLAST_EN_TO_PCODE: Readonly<Record<string, string>> = {
  'Abai Region': 'KZ10',
  'Akmola Region': 'KZ11',
  'Aktobe Region': 'KZ15',
  'Almaty Region': 'KZ19',
  'Atyrau Region': 'KZ23',
  'West Kazakhstan Region': 'KZ27',
  'Jambyl Region': 'KZ31',
  'Jetisu Region': 'KZ33',
  'Karaganda Region': 'KZ35',
  'Kostanay Region': 'KZ39',
  'Kyzylorda Region': 'KZ43',
  'Mangystau Region': 'KZ47',
  'Pavlodar Region': 'KZ55',
  'North Kazakhstan Region': 'KZ59',
  'Turkistan Region': 'KZ61',
  'Ulytau Region': 'KZ62',
  'East Kazakhstan Region': 'KZ63',
  'Astana city': 'KZ71',
  'Almaty city': 'KZ75',
  'Shymkent city': 'KZ79',
};

function count(value: string | undefined, where: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new Error(`while reading ${where}: '${value ?? ''}' is not a whole non-negative number`);
  }
  return n;
}

export function parseFacilityCounts(csvText: string, file = 'kz_facility_counts_by_oblast_2022.csv'): OblastCounts {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const schools = new Map<string, number>(), hospitals = new Map<string, number>();
  rows.forEach((row, i) => {
    const where = `${file} row ${i + 2}`;
    const name = row['oblast_en'] ?? '';
    const pcode = OBLAST_EN_TO_PCODE[name];
    if (!pcode) throw new Error(`while reading ${where}, field oblast_en: '${name}' is not mapped to an ADM1 P-code; add it to OBLAST_EN_TO_PCODE`);
    if (schools.has(pcode)) throw new Error(`while reading ${where}: oblast '${name}' (${pcode}) appears twice`);
    schools.set(pcode, count(row['schools_2022'], `${where}, field schools_2022`));
    hospitals.set(pcode, count(row['hospital_organisations_2022'], `${where}, field hospital_organisations_2022`));
  });
  return { schools, hospitals };
}

interface Feature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function parseSettlements(collection: { features: Feature[] }, file = 'kz_settlements.geojson'): SettlementInput[] {
  return collection.features.map((f, i) => {
    const p = f.properties ?? {};
    const where = `${file} feature ${i}`;
    const osmId = p['osm_id'];
    if (typeof osmId !== 'number' || !Number.isSafeInteger(osmId)) throw new Error(`while reading ${where}, field osm_id: not an integer`);
    const place = p['place'] as Place;
    if (!PLACES.includes(place)) throw new Error(`while reading ${where} (osm ${osmId}), field place: '${String(place)}' is not one of ${PLACES.join(', ')}`);
    const adm1 = text(p['adm1_pcode']), adm2 = text(p['adm2_pcode']);
    if (!adm1 || !adm2) throw new Error(`while reading ${where} (osm ${osmId}): adm1_pcode / adm2_pcode missing`);
    const pop = p['population'];
    if (pop !== null && pop !== undefined && (typeof pop !== 'number' || !Number.isInteger(pop) || pop < 0)) {
      throw new Error(`while reading ${where} (osm ${osmId}), field population: '${String(pop)}' is not a whole number`);
    }
    if (f.geometry?.type !== 'Point') throw new Error(`while reading ${where} (osm ${osmId}): geometry is not a Point`);
    const [lon, lat] = f.geometry.coordinates as number[];
    return {
      id: `osm:${osmId}`, osmId, place,
      name: text(p['name']), nameRu: text(p['name_ru']), nameKk: text(p['name_kk']), nameEn: text(p['name_en']),
      population: typeof pop === 'number' ? pop : null, adm1, adm2, at: [lon!, lat!] as LonLat,
    };
  });
}

/** Operational railway lines only ("Under Construction" ones carry no backbone yet). */
export function parseRailways(collection: { features: Feature[] }, file = 'kz_railways.geojson'): RailwayLine[] {
  const out: RailwayLine[] = [];
  collection.features.forEach((f, i) => {
    const p = f.properties ?? {};
    if (p['status'] !== 'Operational') return;
    const segId = p['seg_id'];
    if (typeof segId !== 'number') throw new Error(`while reading ${file} feature ${i}, field seg_id: not a number`);
    if (f.geometry?.type === 'LineString') out.push({ segId, coords: f.geometry.coordinates as LonLat[] });
    else if (f.geometry?.type === 'MultiLineString') {
      (f.geometry.coordinates as LonLat[][]).forEach((coords) => out.push({ segId, coords }));
    } else throw new Error(`while reading ${file} feature ${i} (seg_id ${segId}): geometry ${f.geometry?.type} is not a line`);
  });
  return out.sort((a, b) => a.segId - b.segId);
}
