// Shared fixtures for monitoring database suites: a facility, a site and a sample builder.
import type { Database } from '../../server/src/db/database.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { createSite } from '../../server/src/monitoring/sites.ts';

export const TEST_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
export const COMMUNITY = 'sekret-community-7f3a';
export const T0 = Date.UTC(2026, 0, 10, 0, 0, 0);

export async function seedFacilities(db: Database): Promise<void> {
  await db.exec(`
    INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('t-fac', 'facilities', 'test', 'CC BY 4.0', 'illustrative');
    INSERT INTO settlement (id, name, admin1_id, geom, dataset_id, provenance)
      VALUES ('set-1', 'Ақсу', 'KZ15', ST_SetSRID(ST_MakePoint(70, 50), 4326), 't-fac', 'illustrative');
    INSERT INTO facility (id, kind, name, name_ru, settlement_id, connection, geom, dataset_id, provenance) VALUES
      ('fac-1', 'school', 'Ақсу мектебі', 'Школа Аксу', 'set-1', 'fibre', ST_SetSRID(ST_MakePoint(70.01, 50.01), 4326), 't-fac', 'illustrative'),
      ('fac-2', 'health', 'ФАП', 'ФАП', 'set-1', 'fibre', ST_SetSRID(ST_MakePoint(70.02, 50.02), 4326), 't-fac', 'illustrative');
  `);
}

export async function addSite(db: Database, id: string, extra: Record<string, unknown> = {}): Promise<string> {
  return createSite(db, TEST_KEY, {
    id, facilityId: 'fac-1', name: `Site ${id}`, host: '127.0.0.1', port: 16100,
    snmp: { version: '2c', community: COMMUNITY }, wan: { ifName: 'eth1' }, committedMbps: 100,
    operator: 'Kazakhtelecom', contract: 'SHD-2025-01', ...extra,
  });
}

/** A poll at T0 + `s` seconds; replies default to up with Counter32 counters on a 100 Mbit/s port. */
export function sample(siteId: string, s: number, o: Partial<PollSample> = {}, base = T0): PollSample {
  const reply = (o.outcome ?? 'up') !== 'unreachable';
  return {
    sampleId: `${siteId}:${s}`, siteId, polledAt: base + s * 1000, outcome: 'up', rttMs: reply ? 40 : null,
    sysUpTime: null, engineBoots: null, ifIndex: reply ? 2 : null, ifOperStatus: reply ? 1 : null,
    ifAdminStatus: reply ? 1 : null, inOctets: null, outOctets: null, counterBits: reply ? 32 : null,
    ifSpeedMbps: reply ? 100 : null, discontinuityTime: null, error: null, ...o,
  };
}
