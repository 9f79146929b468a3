// A site's own SNMP timeout (issue 12, slow satellite links) goes from the API / CSV import to the
// agent's site list; absent, the agent's default applies. Both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSites, updateSite, findSites, publicSite } from '../../server/src/monitoring/sites.ts';
import { listAgentSites } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addSite, seedFacilities, TEST_KEY } from './monitoring-fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await seedFacilities(db);
});
afterAll(async () => db?.close());

describe('timeoutS', () => {
  it('is stored, shown and handed to the agent in ms; null means the default', async () => {
    await addSite(db, 'sat-1', { timeoutS: 5 });
    await addSite(db, 'fibre-1');
    const agentSites = Object.fromEntries((await listAgentSites(db, TEST_KEY)).map((s) => [s.id, s]));
    expect(agentSites['sat-1']!.timeoutMs).toBe(5_000);
    expect(agentSites['fibre-1']!.timeoutMs).toBeUndefined();
    const [row] = await findSites(db, { id: 'sat-1' });
    expect(publicSite(row!).timeoutS).toBe(5);
  });

  it('can be changed and cleared, and comes in a CSV column', async () => {
    await updateSite(db, TEST_KEY, 'fibre-1', { timeoutS: 2.5 });
    expect((await listAgentSites(db, TEST_KEY)).find((s) => s.id === 'fibre-1')!.timeoutMs).toBe(2_500);
    await updateSite(db, TEST_KEY, 'fibre-1', { timeoutS: null });
    expect((await listAgentSites(db, TEST_KEY)).find((s) => s.id === 'fibre-1')!.timeoutMs).toBeUndefined();
    await importSites(db, TEST_KEY, 'id,facility_id,name,host,community,if_name,timeout_s\nsat-2,fac-1,Sat,10.0.0.2,c,wan0,8\n', 'csv');
    expect((await listAgentSites(db, TEST_KEY)).find((s) => s.id === 'sat-2')!.timeoutMs).toBe(8_000);
  });

  it('is bounded to 0.5–30 s per try', async () => {
    await expect(addSite(db, 'sat-bad', { timeoutS: 60 })).rejects.toThrow(/invalid site/);
  });
});
