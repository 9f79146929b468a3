// A small hand-made world for the portfolio suites, around 50°N 70°E:
//  - Aqsu (T1/T1-01, 1,000 people, inside 3G) is crossed by a built route at 70.01°E with no PoP,
//    and has a school, a medical point and a library ~0.7 km from the route: one shared trench;
//  - Kokterek (T1/T1-02, 400 people, no mobile broadband) has a PoP and a school;
//  - Shalgai (T2/T2-01, 200 people, no coverage, no fibre) has a school.
import type { Queryable } from '../../server/src/db/database.ts';

const pt = (lon: number, lat: number) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

export const PORTFOLIO_FIXTURE_SQL = `
INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('pf', 'fixture', 'portfolio fixture', 'CC0', 'illustrative');
INSERT INTO settlement (id, name, name_ru, name_kk, name_en, population, admin1_id, admin2_id, geom, dataset_id, provenance) VALUES
  ('v-aqsu', 'Ақсу', 'Аксу', 'Ақсу', 'Aqsu', 1000, 'T1', 'T1-01', ${pt(70.0, 49.95)}, 'pf', 'illustrative'),
  ('v-kok', 'Көктерек', 'Коктерек', 'Көктерек', 'Kokterek', 400, 'T1', 'T1-02', ${pt(70.3, 50.05)}, 'pf', 'illustrative'),
  ('v-shal', 'Шалғай', 'Шалгай', 'Шалғай', 'Shalgai', 200, 'T2', 'T2-01', ${pt(72.0, 51.0)}, 'pf', 'illustrative');
INSERT INTO fibre_route (id, status, geom, dataset_id, provenance) VALUES
  ('r-main', 'built', ST_GeomFromText('MULTILINESTRING((70.01 49.9, 70.01 50.1))', 4326), 'pf', 'illustrative');
INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance) VALUES
  ('p-kok', 'olt', 'v-kok', ${pt(70.3, 50.05)}, 'pf', 'illustrative');
INSERT INTO mobile_coverage (id, technology, geom, dataset_id, provenance) VALUES
  ('c-3g', '3G', ST_GeomFromText('MULTIPOLYGON(((69.9 49.9, 70.2 49.9, 70.2 50.0, 69.9 50.0, 69.9 49.9)))', 4326), 'pf', 'illustrative');
INSERT INTO facility (id, kind, subkind, name, name_ru, settlement_id, students, staff, population_served, connection, geom, dataset_id, provenance) VALUES
  ('a-school', 'school', 'hub_school', 'Ақсу мектебі', 'Аксуская школа', 'v-aqsu', 180, 20, NULL, 'none', ${pt(70.0, 49.95)}, 'pf', 'illustrative'),
  ('a-fap', 'health', 'fap', 'Ақсу ФАП', 'ФАП Аксу', 'v-aqsu', NULL, NULL, 800, 'satellite', ${pt(70.002, 49.951)}, 'pf', 'illustrative'),
  ('a-lib', 'library', NULL, 'Ақсу кітапханасы', 'Аксуская библиотека', 'v-aqsu', NULL, NULL, NULL, 'none', ${pt(70.004, 49.952)}, 'pf', 'illustrative'),
  ('k-school', 'school', NULL, 'Көктерек мектебі', 'Коктерекская школа', 'v-kok', 90, 10, NULL, 'none', ${pt(70.301, 50.05)}, 'pf', 'illustrative'),
  ('s-school', 'school', NULL, 'Шалғай мектебі', 'Шалгайская школа', 'v-shal', 30, 5, NULL, 'none', ${pt(72.0, 51.0)}, 'pf', 'illustrative');
INSERT INTO layer_version (layer, version) VALUES
  ('settlements', 1), ('facilities', 1), ('fibre_routes', 1), ('fibre_pops', 1), ('mobile_coverage', 1);
`;

/**
 * Scenario parameters of the portfolio suites: the model's defaults (under which Aqsu's three
 * facilities share one trench: satellite is a 2,400 USD a year service, not 6.4 USD per Mbps), a
 * smaller Monte Carlo.
 */
export const FIBRE_WINS = { draws: 300, seed: 11 };

export async function insertPortfolioFixture(db: Queryable): Promise<void> {
  await db.exec(PORTFOLIO_FIXTURE_SQL);
}
