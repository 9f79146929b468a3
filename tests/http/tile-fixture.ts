// A small, hand-made map of one oblast for tile and end-to-end tests when the bundled data is not
// loaded: every layer gets a few rows whose positions are chosen so tests can predict tiles.
import type { Queryable } from '../../server/src/db/database.ts';

export const FIXTURE = {
  admin1: { id: 'KZ15', name_ru: 'Актюбинская', name_kk: 'Ақтөбе', name_en: 'Aktobe' },
  // Three schools in one village 0.01° apart (one cluster at low zoom) and a health post far away.
  facilities: [
    { id: 'fx-school-1', kind: 'school', name_ru: 'Школа № 1 Қарабұтақ', name_kk: 'Қарабұтақ №1 мектеп', name_en: 'Karabutak School 1', lon: 60.10, lat: 49.95 },
    { id: 'fx-school-2', kind: 'school', name_ru: 'Школа № 2 Қарабұтақ', name_kk: 'Қарабұтақ №2 мектеп', name_en: 'Karabutak School 2', lon: 60.11, lat: 49.95 },
    { id: 'fx-library-1', kind: 'library', name_ru: 'Библиотека Қарабұтақ', name_kk: 'Қарабұтақ кітапханасы', name_en: 'Karabutak Library', lon: 60.10, lat: 49.96 },
    { id: 'fx-health-1', kind: 'health', name_ru: 'ФАП Шалқар', name_kk: 'Шалқар ФАП', name_en: 'Shalkar medical point', lon: 59.60, lat: 49.20 },
  ],
} as const;

export async function loadTileFixture(db: Queryable): Promise<void> {
  await db.exec(`
    INSERT INTO dataset (id, layer, title, licence, provenance) VALUES
      ('fixture', 'mixed', 'Test fixture', 'CC0', 'illustrative');
    INSERT INTO region_admin1 (id, name_en, name_kk, name_ru, geom, dataset_id, provenance) VALUES
      ('KZ15', 'Aktobe', 'Ақтөбе', 'Актюбинская',
       ST_Multi(ST_MakeEnvelope(56.0, 45.5, 63.0, 51.0, 4326)), 'fixture', 'real');
    INSERT INTO region_admin2 (id, admin1_id, name_en, name_kk, name_ru, geom, dataset_id, provenance) VALUES
      ('KZ156400', 'KZ15', 'Shalkar', 'Шалқар', 'Шалкарский',
       ST_Multi(ST_MakeEnvelope(58.0, 45.5, 63.0, 48.5, 4326)), 'fixture', 'real');
    INSERT INTO settlement (id, name, name_ru, name_kk, name_en, place, population, admin1_id, admin2_id, is_hub, geom, dataset_id, provenance) VALUES
      ('fx-s-karabutak', 'Қарабұтақ', 'Карабутак', 'Қарабұтақ', 'Karabutak', 'village', 4000, 'KZ15', NULL, true,
       ST_SetSRID(ST_MakePoint(60.105, 49.955), 4326), 'fixture', 'real'),
      ('fx-s-aktobe', 'Ақтөбе', 'Актобе', 'Ақтөбе', 'Aktobe', 'city', 500000, 'KZ15', NULL, false,
       ST_SetSRID(ST_MakePoint(57.17, 50.28), 4326), 'fixture', 'real'),
      ('fx-s-hamlet', NULL, NULL, NULL, NULL, 'hamlet', 40, 'KZ15', 'KZ156400', false,
       ST_SetSRID(ST_MakePoint(59.0, 47.0), 4326), 'fixture', 'real');
    INSERT INTO fibre_route (id, operator, status, geom, dataset_id, provenance) VALUES
      ('fx-route-1', 'Kazakhtelecom', 'built',
       ST_Multi(ST_GeomFromText('LINESTRING(57.17 50.28, 60.105 49.955, 59.6 49.2)', 4326)), 'fixture', 'illustrative');
    INSERT INTO fibre_pop (id, operator, kind, settlement_id, geom, dataset_id, provenance) VALUES
      ('fx-pop-1', 'Kazakhtelecom', 'olt', 'fx-s-karabutak', ST_SetSRID(ST_MakePoint(60.105, 49.955), 4326), 'fixture', 'illustrative');
    INSERT INTO mobile_coverage (id, operator, technology, geom, dataset_id, provenance) VALUES
      ('fx-4g-1', 'Beeline', '4G', ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(57.17, 50.28), 4326), 0.5)), 'fixture', 'illustrative');
    INSERT INTO road (id, road_class, geom, dataset_id, provenance) VALUES
      ('fx-road-1', NULL, ST_Multi(ST_GeomFromText('LINESTRING(57.17 50.28, 60.105 49.955)', 4326)), 'fixture', 'real');
    INSERT INTO railway (id, status, geom, dataset_id, provenance) VALUES
      ('fx-rail-1', 'Operational', ST_Multi(ST_GeomFromText('LINESTRING(57.17 50.28, 59.6 47.83)', 4326)), 'fixture', 'real');
    INSERT INTO layer_version (layer, version) VALUES
      ('admin1', 1), ('settlements', 1), ('facilities', 1), ('fibre_routes', 1), ('fibre_pops', 1)
      ON CONFLICT (layer) DO UPDATE SET version = layer_version.version + 1, changed_at = now();
  `);
  for (const f of FIXTURE.facilities) {
    await db.query(
      `INSERT INTO facility (id, kind, name, name_ru, name_kk, name_en, settlement_id, students, connection, geom, dataset_id, provenance)
       VALUES ($1, $2, $3, $3, $4, $5, $6, 120, 'none', ST_SetSRID(ST_MakePoint($7, $8), 4326), 'fixture', 'illustrative')`,
      [f.id, f.kind, f.name_ru, f.name_kk, f.name_en, f.id === 'fx-health-1' ? null : 'fx-s-karabutak', f.lon, f.lat],
    );
  }
}

/** XYZ tile containing lon/lat at zoom z. */
export function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}
