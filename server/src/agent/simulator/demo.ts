// The live demo without hardware: start the simulated fleet and point inventory sites at it
// (created once, then updated with the simulator's ports on every start). For `npm start`.
import type { Database } from '../../db/database.ts';
import { loadSql, runSql } from '../../db/sql.ts';
import { createSite, findSites, updateSite } from '../../monitoring/sites.ts';
import { DEMO_DEVICES, seedDemoSites } from './demo-sites.ts';
import { startSimulator, type RunningSimulator } from './index.ts';

const facilitiesSql = loadSql(import.meta.url, './demo-facilities.sql');

export type DemoFleet = { simulator: RunningSimulator; siteIds: string[]; stop(): Promise<void> };

/**
 * Starts the demo devices on 127.0.0.1:basePort… (0 = any free ports) and upserts one site per
 * device, attached to `facilityIds` or else to the first facilities in the database.
 */
export async function startDemoFleet(
  db: Database,
  secretKey: string | undefined,
  options: { basePort?: number; facilityIds?: string[]; intervalS?: number } = {},
): Promise<DemoFleet> {
  const facilityIds =
    options.facilityIds ?? (await runSql<{ id: string }>(db, facilitiesSql, { limit: DEMO_DEVICES.length })).map((r) => r.id);
  const simulator = await startSimulator({ devices: DEMO_DEVICES, basePort: options.basePort ?? 0 });
  try {
    const siteIds: string[] = [];
    for (const input of seedDemoSites(simulator.endpoints, facilityIds, { intervalS: options.intervalS })) {
      const [existing] = await findSites(db, { id: input.id });
      if (existing) {
        await updateSite(db, secretKey, input.id, { host: input.host, port: input.port, snmp: input.snmp, wan: input.wan });
      } else {
        await createSite(db, secretKey, input);
      }
      siteIds.push(input.id);
    }
    return { simulator, siteIds, stop: () => simulator.stop() };
  } catch (err) {
    await simulator.stop();
    throw err;
  }
}
