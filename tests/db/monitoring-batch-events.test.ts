// The events the rules raise (reboot, implausible rate, …) are written with the batch's one write
// statement instead of one INSERT each (issue 12, storage cost: in the pipeline benchmark the
// loopback's 10 Mbit/s made 12,151 implausible-rate events of 18,003 polls, a round trip each).
// Every event of a many-site batch must be stored exactly once, a replay must add none, and the
// polls and states of the batch must be stored with them. Runs on both backends.
//   site    t=0 s                      t=60 s                          event at 60 s
//   ev-a    sysUpTime 1 000 000        sysUpTime 3 000                 reboot (booted at 30 s)
//   ev-b    in 0 B, 100 Mbit/s port    in 10^12 B: 133 Gbit/s          implausible_rate
//   ev-c    sysUpTime 1 000 000        sysUpTime 3 000, in 10^12 B     reboot (no rate across it)
//   ev-d    plain up                   plain up                        none
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { addSite, sample, seedFacilities, T0 } from './monitoring-fixtures.ts';

const c64 = { counterBits: 64 as const, outOctets: 0n };
function batch(): PollSample[] {
  return [
    sample('ev-a', 0, { sysUpTime: 1_000_000 }), sample('ev-a', 60, { sysUpTime: 3_000 }),
    sample('ev-b', 0, { sysUpTime: 1_000, inOctets: 0n, ...c64 }), sample('ev-b', 60, { sysUpTime: 7_000, inOctets: 10n ** 12n, ...c64 }),
    sample('ev-c', 0, { sysUpTime: 1_000_000, inOctets: 0n, ...c64 }), sample('ev-c', 60, { sysUpTime: 3_000, inOctets: 10n ** 12n, ...c64 }),
    sample('ev-d', 0, { sysUpTime: 1_000 }), sample('ev-d', 60, { sysUpTime: 7_000 }),
  ];
}

describe(`events of a batch on the ${serverUrl ? 'PostgreSQL server' : 'embedded'} backend`, () => {
  let db: TestDatabase;
  const events = async () => (await db.query<{ site_id: string; kind: string; t: number }>(
    `SELECT site_id, kind, (extract(epoch FROM at) * 1000 - $1)::int / 1000 AS t FROM site_event ORDER BY site_id, at, kind`, [T0]))
    .map((e) => `${e.site_id} ${e.kind} @${e.t}`);

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFacilities(db);
    for (const id of ['ev-a', 'ev-b', 'ev-c', 'ev-d']) await addSite(db, id);
  });
  afterAll(async () => db?.close());

  it('stores each event of a four-site batch once, with the batch\'s polls and states', async () => {
    expect(await recordSamples(db, batch())).toEqual({ inserted: 8, duplicates: 0, unknownSite: 0, late: 0 });
    expect(await events()).toEqual(['ev-a reboot @60', 'ev-b implausible_rate @60', 'ev-c reboot @60']);
    const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM poll_sample');
    expect(n!.n).toBe(8);
    const states = await db.query<{ site_id: string; t: number }>(
      `SELECT site_id, (extract(epoch FROM last_polled_at) * 1000 - $1)::int / 1000 AS t FROM site_state ORDER BY site_id`, [T0]);
    expect(states).toEqual(['ev-a', 'ev-b', 'ev-c', 'ev-d'].map((site_id) => ({ site_id, t: 60 })));
  });

  it('a replay of the batch adds no poll and no event', async () => {
    expect(await recordSamples(db, batch())).toEqual({ inserted: 0, duplicates: 8, unknownSite: 0, late: 0 });
    expect(await events()).toHaveLength(3);
  });

  it('the next batch adds its own events only', async () => {
    const next = [sample('ev-a', 120, { sysUpTime: 500 }), sample('ev-d', 120, { sysUpTime: 13_000 })];
    expect(await recordSamples(db, next)).toEqual({ inserted: 2, duplicates: 0, unknownSite: 0, late: 0 });
    expect(await events()).toEqual(['ev-a reboot @60', 'ev-a reboot @120', 'ev-b implausible_rate @60', 'ev-c reboot @60']);
  });
});
