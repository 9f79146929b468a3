// The hand-made planning fixture (worked out in tests/db/planning-fixture.test.ts), inserted by SQL.
// Around 50°N 70°E: a village (Aqsu) crossed by a built route with no PoP, a PoP in another
// village, a 3G and a 4G coverage polygon, a U-shaped road that makes one drop a detour, a town
// (out of the rural scope) next to the PoP and a village 10 km from it (a radio link).
import type { Queryable } from '../../../server/src/db/database.ts';

const pt = (lon: number, lat: number) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

export const FIXTURE_SQL = `
INSERT INTO dataset (id, layer, title, licence, provenance) VALUES
  ('fx', 'fixture', 'hand-made planning fixture', 'CC0', 'illustrative');
INSERT INTO settlement (id, name, name_ru, name_kk, name_en, place, population, admin1_id, admin2_id, geom, dataset_id, provenance) VALUES
  ('s-aqsu', 'Ақсу', 'Аксу', 'Ақсу', 'Aqsu', 'village', 1000, 'T1', 'T1-01', ${pt(70.0, 49.95)}, 'fx', 'illustrative'),
  ('s-kok',  'Көктерек', 'Коктерек', 'Көктерек', 'Kokterek', 'village', 400, 'T1', 'T1-02', ${pt(70.1, 50.05)}, 'fx', 'illustrative'),
  ('s-bel',  'Белағаш', 'Белагаш', 'Белағаш', 'Belagash', 'village', 600, 'T1', 'T1-02', ${pt(70.3, 50.05)}, 'fx', 'illustrative'),
  ('s-town', 'Қала', 'Кала', 'Қала', 'Qala', 'town', 20000, 'T1', 'T1-02', ${pt(70.3, 50.06)}, 'fx', 'illustrative'),
  ('s-rad',  'Радуга', 'Радуга', 'Радуга', 'Raduga', 'village', 300, 'T1', 'T1-02', ${pt(70.3, 50.14)}, 'fx', 'illustrative'),
  ('s-far',  'Шалғай', 'Шалгай', 'Шалғай', 'Shalgai', 'hamlet', 200, 'T2', 'T2-01', ${pt(72.0, 51.0)}, 'fx', 'illustrative');
INSERT INTO fibre_route (id, status, geom, dataset_id, provenance) VALUES
  ('r-main', 'built', ST_GeomFromText('MULTILINESTRING((70.01 49.9, 70.01 50.1))', 4326), 'fx', 'illustrative'),
  ('r-plan', 'planned', ST_GeomFromText('MULTILINESTRING((72.001 50.99, 72.001 51.01))', 4326), 'fx', 'illustrative');
INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance) VALUES
  ('p-bel', 'olt', 's-bel', ${pt(70.3, 50.05)}, 'fx', 'illustrative');
INSERT INTO mobile_coverage (id, technology, geom, dataset_id, provenance) VALUES
  ('c-3g', '3G', ST_GeomFromText('MULTIPOLYGON(((69.9 49.9, 70.2 49.9, 70.2 50.0, 69.9 50.0, 69.9 49.9)))', 4326), 'fx', 'illustrative'),
  ('c-4g', '4G', ST_GeomFromText('MULTIPOLYGON(((70.9 48.9, 71.1 48.9, 71.1 49.1, 70.9 49.1, 70.9 48.9)))', 4326), 'fx', 'illustrative'),
  ('c-2g', '2G', ST_GeomFromText('MULTIPOLYGON(((71.9 50.9, 72.1 50.9, 72.1 51.1, 71.9 51.1, 71.9 50.9)))', 4326), 'fx', 'illustrative');
INSERT INTO road (id, geom, dataset_id, provenance) VALUES
  ('road-u', ST_GeomFromText('MULTILINESTRING((70.1 50.05, 70.1 50.07, 70.01 50.07, 70.01 50.05))', 4326), 'fx', 'illustrative');
INSERT INTO facility (id, kind, subkind, name, name_ru, name_kk, name_en, settlement_id, students, staff, population_served, connection, geom, dataset_id, provenance) VALUES
  ('f1', 'school',  'hub_school', 'Ақсу мектебі', 'Аксуская школа', 'Ақсу мектебі', 'Aqsu school', 's-aqsu', 180, 20, NULL, 'none', ${pt(70.0, 49.95)}, 'fx', 'illustrative'),
  ('f2', 'health',  'fap', 'Ақсу ФАП', 'ФАП Аксу', 'Ақсу ФАП', 'Aqsu medical point', 's-aqsu', NULL, NULL, 800, 'satellite', ${pt(69.99, 49.95)}, 'fx', 'illustrative'),
  ('f3', 'school',  NULL, 'Көктерек мектебі', 'Коктерекская школа', 'Көктерек мектебі', 'Kokterek school', 's-kok', 90, 10, NULL, 'none', ${pt(70.1, 50.05)}, 'fx', 'illustrative'),
  ('f4', 'library', NULL, 'Ақсу кітапханасы', 'Аксуская библиотека', 'Ақсу кітапханасы', 'Aqsu library', NULL, NULL, NULL, NULL, 'none', ${pt(70.0, 49.96)}, 'fx', 'illustrative'),
  ('f5', 'health',  'fap', 'Дала ФАП', 'ФАП Дала', 'Дала ФАП', 'Steppe medical point', NULL, NULL, NULL, 500, 'none', ${pt(71.0, 49.0)}, 'fx', 'illustrative'),
  ('f6', 'school',  NULL, 'Ақсу №2 мектебі', 'Аксуская школа №2', 'Ақсу №2 мектебі', 'Aqsu school 2', 's-aqsu', 50, 5, NULL, 'fibre', ${pt(70.005, 49.95)}, 'fx', 'illustrative'),
  ('f7', 'school',  NULL, 'Шалғай мектебі', 'Шалгайская школа', 'Шалғай мектебі', 'Shalgai school', 's-far', 30, 5, NULL, 'none', ${pt(72.0, 51.0)}, 'fx', 'illustrative'),
  ('f8', 'health',  'hospital', 'Қала ауруханасы', 'Больница г. Кала', 'Қала ауруханасы', 'Qala hospital', 's-town', NULL, 150, 20000, 'none', ${pt(70.3, 50.06)}, 'fx', 'illustrative'),
  ('f9', 'school',  NULL, 'Радуга мектебі', 'Школа с. Радуга', 'Радуга мектебі', 'Raduga school', 's-rad', 60, 6, NULL, 'none', ${pt(70.3, 50.14)}, 'fx', 'illustrative');
`;

export async function insertFixture(db: Queryable): Promise<void> {
  await db.exec(FIXTURE_SQL);
}
