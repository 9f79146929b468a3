// Slot leases in PostgreSQL (issue 15): agents share the sites without a coordinator. Every
// renewMs an agent says it is alive, renews its leases, gives back what is over its fair share and
// claims free or run-out slots (lease-plan.ts). A killed agent stops renewing: its leases run out
// after ttlMs and the others take its slots at their next round, so a site waits at most
// ttlMs + renewMs (30 s + 10 s by default) — less than one 60 s poll interval.
// Polls stop before a slot is given back and start only after it is taken, so no two agents poll
// one site in the same interval. While the database is unreachable an agent keeps the slots it
// has (buffering on disk): no other agent can take them then either.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { Logger } from '../logger.ts';
import { planLeases, type LeaseRow } from './lease-plan.ts';

const heartbeatSql = loadSql(import.meta.url, './sql/lease-heartbeat.sql');
const listSql = loadSql(import.meta.url, './sql/lease-list.sql');
const renewSql = loadSql(import.meta.url, './sql/lease-renew.sql');
const claimSql = loadSql(import.meta.url, './sql/lease-claim.sql');
const releaseSql = loadSql(import.meta.url, './sql/lease-release.sql');

export type LeaseOptions = {
  agentId: string;
  /** Slots the sites are cut into; every agent must use the same count. */
  slots?: number;
  ttlMs?: number;
  renewMs?: number;
};
export const LEASE_DEFAULTS = { slots: 256, ttlMs: 30_000, renewMs: 10_000 } as const;

export type LeaseKeeper = {
  held(): ReadonlySet<number>;
  slots: number;
  /** One round now (also run by the timer). */
  round(): Promise<void>;
  /** Stops renewing; `release` gives the slots back at once (clean stop), else they run out. */
  stop(options: { release: boolean }): Promise<void>;
};

/** Runs a first round, then one every renewMs; `onChange` is awaited before slots are given back. */
export async function startLeaseKeeper(db: Queryable, o: LeaseOptions, onChange: (held: ReadonlySet<number>) => Promise<void>, log?: Logger): Promise<LeaseKeeper> {
  const slots = o.slots ?? LEASE_DEFAULTS.slots;
  const ttlS = (o.ttlMs ?? LEASE_DEFAULTS.ttlMs) / 1000;
  const me = o.agentId;
  let held = new Set<number>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function once(): Promise<void> {
    const alive = await runSql<{ agent_id: string }>(db, heartbeatSql, { agent_id: me, ttl_s: ttlS });
    const renewed = new Set((await runSql<{ slot: number }>(db, renewSql, { agent_id: me, ttl_s: ttlS })).map((r) => r.slot));
    const leases = (await runSql<{ slot: number; agent_id: string; live: boolean }>(db, listSql)).map((r): LeaseRow => ({ slot: r.slot, agentId: r.agent_id, live: r.live }));
    const lost = [...held].filter((s) => !renewed.has(s));
    if (lost.length) log?.warn({ lost: lost.length }, 'leases ran out before renewal; those slots are re-claimed if still free');
    const plan = planLeases({ me, slots, held: [...renewed], leases, agentsAlive: alive.length });
    let next = new Set(renewed);
    if (plan.release.length) {
      for (const s of plan.release) next.delete(s);
      held = next;
      await onChange(held); // stop polling those sites first
      await runSql(db, releaseSql, { agent_id: me, slots: plan.release });
      log?.info({ released: plan.release.length, agents: alive.length }, 'gave slots back to share with other agents');
      return;
    }
    if (plan.claim.length) {
      const got = (await runSql<{ slot: number }>(db, claimSql, { agent_id: me, slots: plan.claim, ttl_s: ttlS })).map((r) => r.slot);
      next = new Set([...next, ...got]);
      if (got.length) log?.info({ claimed: got.length, agents: alive.length }, 'took over slots');
    }
    const changed = next.size !== held.size || [...next].some((s) => !held.has(s));
    held = next;
    if (changed) await onChange(held);
  }

  const round = () => {
    running = running.then(() => (stopped ? undefined : once().catch((err) => log?.warn({ err }, 'lease round failed; keeping the slots held'))));
    return running;
  };
  await round();
  const timer = setInterval(() => void round(), o.renewMs ?? LEASE_DEFAULTS.renewMs);
  timer.unref();
  return {
    held: () => held,
    slots,
    round,
    async stop({ release }) {
      clearInterval(timer);
      await running;
      stopped = true;
      if (release && held.size) {
        await runSql(db, releaseSql, { agent_id: me, slots: [...held] }).catch((err) => log?.warn({ err }, 'could not give the slots back; they run out instead'));
      }
      held = new Set();
    },
  };
}
