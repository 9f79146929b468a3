import { describe, expect, it } from 'vitest';
import {
  allocateHospitals, allocateSchools, connectionFor, deriveFacilities, facilityPosition, healthBand, splitEvenly,
} from '../../scripts/illustrative/facilities.ts';
import { distanceKm } from '../../scripts/illustrative/geometry.ts';
import { settlement } from './fixtures/illustrative-settlements.ts';

describe('schools per oblast', () => {
  it('skips places under 100 people and dwellings, then gives bigger places more', () => {
    const oblast = [
      settlement(1, 'town', 9000),
      settlement(2, 'village', 1000),
      settlement(3, 'hamlet', 120),
      settlement(4, 'hamlet', 99), // too small
      settlement(5, 'isolated_dwelling', 500), // never
    ];
    // 3 eligible get one each; 2 more by D'Hondt: town 9000/2 = 4500 → town; 9000/3 = 3000 → town.
    expect(Object.fromEntries(allocateSchools(oblast, 5))).toEqual({ 'osm:1': 3, 'osm:2': 1, 'osm:3': 1 });
  });

  it('leaves the smallest eligible places without a school when the official total is short', () => {
    const oblast = [settlement(1, 'village', 300), settlement(2, 'village', 200), settlement(3, 'village', 150)];
    expect(Object.fromEntries(allocateSchools(oblast, 2))).toEqual({ 'osm:1': 1, 'osm:2': 1 });
  });
});

describe('hospitals per oblast', () => {
  it('puts one in each district centre of ≥ 1,500 people first, the rest in towns and big places', () => {
    const oblast = [
      settlement(1, 'city', 100_000, { adm2: 'A' }),
      settlement(2, 'village', 2_000, { adm2: 'B' }), // district centre of B
      settlement(3, 'village', 1_200, { adm2: 'C' }), // centre of C, but < 1,500
      settlement(4, 'village', 6_000, { adm2: 'A' }), // ≥ 5,000: may take an extra one
    ];
    // first round: city (A) and osm:2 (B); 2 extra by D'Hondt over {1, 2, 4}:
    // 100000/2 = 50000 → city; 100000/3 = 33333 vs 6000/1 vs 2000/2 → city.
    expect(Object.fromEntries(allocateHospitals(oblast, 4))).toEqual({ 'osm:1': 3, 'osm:2': 1 });
  });
});

describe('health points by the 2022 norm', () => {
  it.each([
    [49, null], [50, 'medical_point'], [499, 'medical_point'], [500, 'fap'], [1499, 'fap'],
    [1500, 'outpatient_clinic'], [4999, 'outpatient_clinic'], [5000, 'phc_centre'],
  ])('%i people → %s', (pop, subkind) => {
    expect(healthBand(pop)?.subkind ?? null).toBe(subkind);
  });
});

describe('facility details', () => {
  it('splits pupils evenly, larger shares first', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(2, 4)).toEqual([1, 1, 0, 0]);
  });

  it('places a facility within min(800 m, 150 m + 4 m·√population) of its settlement', () => {
    const village = settlement(1, 'village', 400); // 150 + 4·20 = 230 m
    const city = settlement(2, 'city', 1_000_000); // 150 + 4·1000 → capped at 800 m
    for (let i = 0; i < 200; i++) {
      expect(distanceKm(village.at, facilityPosition(1, `f${i}`, village)) * 1000).toBeLessThanOrEqual(230.5);
      const d = distanceKm(city.at, facilityPosition(1, `f${i}`, city)) * 1000;
      expect(d).toBeLessThanOrEqual(800.5);
      expect(d).toBeGreaterThanOrEqual(29.5);
    }
  });

  it('gives no fibre outside lit or urban places and no speed without a link', () => {
    for (let i = 0; i < 500; i++) {
      const c = connectionFor(9, `f${i}`, 'otherVillage');
      expect(c.connection).not.toBe('fibre');
      if (c.connection === 'none' || c.connection === 'unknown') expect(c.measured_mbps).toBeNull();
    }
  });
});

describe('deriveFacilities on a small oblast', () => {
  const settlements = [
    settlement(10, 'town', 8000, { nameRu: 'Аксу', nameKk: 'Ақсу' }),
    settlement(11, 'village', 1200, { isHub: true, nameRu: 'Жана', nameKk: 'Жаңа' }),
    settlement(12, 'hamlet', 320),
    settlement(13, 'hamlet', 40),
  ];
  const counts = { schools: new Map([['KZ01', 4]]), hospitals: new Map([['KZ01', 1]]) };
  const facilities = deriveFacilities(settlements, counts, new Set(['osm:11']), 1);
  const ids = facilities.map((f) => `${f.id} ${f.subkind}`);

  it('derives the hand-worked set', () => {
    // schools: 3 eligible (osm:13 < 100) get 1 each, the 4th → town (8000/2 beats 1200/2).
    // hospital: the town is its district's centre. Health points: town 8000 → phc_centre,
    // village 1200 → fap, hamlet 320 → medical_point, hamlet 40 → none.
    // libraries: village 1200 (≥ 300), hamlet 320; never in towns.
    expect(ids).toEqual([
      'ill-health-10-hospital-1 hospital',
      'ill-health-10-phc_centre phc_centre',
      'ill-health-11-fap fap',
      'ill-health-12-medical_point medical_point',
      'ill-library-11 rural_library',
      'ill-library-12 rural_library',
      'ill-school-10-1 school',
      'ill-school-10-2 school',
      'ill-school-11-1 hub_school',
      'ill-school-12-1 small_class_school',
    ]);
  });

  it('gives pupils from 19 % of residents and staff at 1 per 8 pupils, at least 4', () => {
    const s = Object.fromEntries(facilities.filter((f) => f.kind === 'school').map((f) => [f.id, [f.students, f.staff]]));
    // town: 8000 · 0.19 = 1520 pupils over 2 schools → 760 each, staff 95; village 1200 → 228, staff 29 (28.5 half up);
    // hamlet 320 → 61 (60.8), staff 8 (7.6)
    expect(s).toEqual({ 'ill-school-10-1': [760, 95], 'ill-school-10-2': [760, 95], 'ill-school-11-1': [228, 29], 'ill-school-12-1': [61, 8] });
  });

  it('names facilities in Russian, Kazakh and English', () => {
    const school = facilities.find((f) => f.id === 'ill-school-10-2')!;
    expect([school.name_ru, school.name_kk, school.name_en]).toEqual(['Школа № 2 г. Аксу', '№2 мектеп, Ақсу қаласы', 'School No. 2, Aksu']);
    const hub = facilities.find((f) => f.id === 'ill-school-11-1')!;
    expect([hub.name_ru, hub.name_kk, hub.name_en]).toEqual(['Опорная школа № 1 с. Жана', '№1 тірек мектеп, Жаңа ауылы', 'Hub school No. 1, Zhana']);
    const library = facilities.find((f) => f.id === 'ill-library-11')!;
    expect([library.name_ru, library.name_kk, library.name_en]).toEqual(['Сельская библиотека с. Жана', 'Жаңа ауылдық кітапханасы', 'Rural library, Zhana']);
    const fap = facilities.find((f) => f.id === 'ill-health-11-fap')!;
    expect([fap.name_ru, fap.name_kk, fap.name_en]).toEqual([
      'Фельдшерско-акушерский пункт с. Жана', 'Жаңа ауылының фельдшерлік-акушерлік пункті', 'Feldsher-midwife post, Zhana',
    ]);
  });

  it('fails loudly for an oblast without official counts', () => {
    const other = [...settlements, settlement(20, 'village', 500, { adm1: 'KZ99' })];
    expect(() => deriveFacilities(other, counts, new Set(), 1)).toThrow(/KZ99 has settlements but no official counts/);
  });
});
