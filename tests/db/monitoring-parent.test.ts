// Dependencies (issue 12): a school behind a village PoP. While the PoP is down the school's outage
// is the PoP's doing (`parent_down`) and only the PoP alerts; the PoP's maintenance covers the
// school. Polls every 60 s; an outage opens at the 2nd failed poll and alerts after 5 min.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteAvailability } from '../../server/src/monitoring/measures.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

let db: TestDatabase;
const DOWN = { outcome: 'unreachable', ifIndex: null, ifOperStatus: null, ifAdminStatus: null, counterBits: null, rttMs: null } as const;

/** One batch per minute from `fromS` to `toS`, every site in it; `down(site, s)` says who fails. */
async function minutes(fromS: number, toS: number, sites: string[], down: (site: string, s: number) => boolean) {
  for (let s = fromS; s <= toS; s += 60) {
    const batch: PollSample[] = sites.map((id) => sample(id, s, down(id, s) ? DOWN : {}));
    await recordSamples(db, batch);
  }
}

beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
  // Ids sort child first: within a batch the child's outage opens before the parent's does.
  await addSite(db, 'p-pop', { facilityId: 'fac-2' });
  await addSite(db, 'c-school', { parentId: 'p-pop' });
  await addSite(db, 'd-school', { parentId: 'p-pop' });
  const all = ['c-school', 'd-school', 'p-pop'];
  // 0–3600 s: the PoP and c-school down 600–1140 s (fibre cut at the PoP); d-school alone down
  // 1800–2340 s (its own fault, the PoP up); 2400–3000 s the PoP in maintenance, c-school down
  // 2460–2940 s with it.
  await db.query(`INSERT INTO maintenance_window (site_id, starts_at, ends_at, reason) VALUES ('p-pop', to_timestamp($1 / 1000.0), to_timestamp($2 / 1000.0), 'works at the PoP')`,
    [T0 + 2_400_000, T0 + 3_000_000]);
  await minutes(0, 3600, all, (id, s) =>
    (id !== 'd-school' && s >= 600 && s < 1140) || (id === 'd-school' && s >= 1800 && s < 2340) || (id === 'c-school' && s >= 2460 && s < 2940));
});
afterAll(() => db?.close());

const outages = async () => db.query<{ site_id: string; start_s: number; cause: string }>(
  `SELECT site_id, extract(epoch FROM started_at - to_timestamp($1 / 1000.0))::int AS start_s, cause FROM outage ORDER BY site_id, started_at`, [T0]);
const alerts = async () => (await db.query<{ site_id: string; kind: string }>(
  `SELECT o.site_id, a.kind FROM alert_outbox a JOIN outage o ON o.id = a.outage_id ORDER BY o.site_id, a.kind`, [])).map((r) => `${r.site_id} ${r.kind}`);

describe('a site behind a parent', () => {
  it('records the outage it shares with its parent as parent_down, and its own as its own', async () => {
    expect(await outages()).toEqual([
      { site_id: 'c-school', start_s: 600, cause: 'parent_down' },
      { site_id: 'c-school', start_s: 2460, cause: 'unreachable' },
      { site_id: 'd-school', start_s: 1800, cause: 'unreachable' },
      { site_id: 'p-pop', start_s: 600, cause: 'unreachable' },
    ]);
  });

  it('alerts once for the parent, never for the child it took down; a child alone alerts as usual', async () => {
    // c-school's 2460 s outage sits in the PoP's maintenance: silent, as maintenance of its own would be.
    expect(await alerts()).toEqual(['d-school outage_end', 'd-school outage_start', 'p-pop outage_end', 'p-pop outage_start']);
  });

  it("the parent's maintenance is the child's: removed from its availability", async () => {
    const a = await siteAvailability(db, { id: 'c-school', intervalS: 60 }, { from: T0 + 2_400_000, to: T0 + 3_000_000 });
    expect(a.maintenanceMs).toBe(600_000);
    expect(a.availability).toBeNull();
  });
});

describe('a short outage the child noticed a batch before its parent did', () => {
  beforeAll(async () => {
    await addSite(db, 'q-pop', { facilityId: 'fac-2' });
    await addSite(db, 'r-school', { parentId: 'q-pop' });
    // r-school fails from 4200 s, the PoP from 4260 s, both back at 4380 s (3 min: no alert due).
    // r-school's outage opens with the 4260 s batch, the PoP's with the 4320 s batch.
    await minutes(4080, 4500, ['q-pop', 'r-school'], (id, s) => s >= (id === 'r-school' ? 4200 : 4260) && s < 4380);
  });

  it("is the parent's doing all the same: parent_down, not the child's own unreachable", async () => {
    expect((await outages()).filter((o) => o.site_id === 'q-pop' || o.site_id === 'r-school')).toEqual([
      { site_id: 'q-pop', start_s: 4260, cause: 'unreachable' },
      { site_id: 'r-school', start_s: 4200, cause: 'parent_down' },
    ]);
    expect((await alerts()).filter((a) => /^[qr]-/.test(a))).toEqual([]);
  });
});
