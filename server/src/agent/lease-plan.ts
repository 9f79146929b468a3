// Which slots an agent should give back or try to take, from the lease table as it stands. Pure.
// Each of the n agents alive holds ceil(slots / n): one over its share gives the extra back (a new
// agent gets them), one under it claims free or run-out slots (those of an agent that died).
import { fnv1a32 } from '../fnv1a.ts';

export type LeaseRow = { slot: number; agentId: string; live: boolean };
export type LeasePlan = { release: number[]; claim: number[] };

export function fairShare(slots: number, agentsAlive: number): number {
  return Math.ceil(slots / Math.max(1, agentsAlive));
}

export function planLeases(o: { me: string; slots: number; held: readonly number[]; leases: readonly LeaseRow[]; agentsAlive: number }): LeasePlan {
  const share = fairShare(o.slots, o.agentsAlive);
  const held = [...o.held].sort((a, b) => a - b);
  if (held.length > share) return { release: held.slice(share), claim: [] };
  const taken = new Set(o.leases.filter((l) => l.live && l.agentId !== o.me).map((l) => l.slot));
  const mine = new Set(held);
  // Each agent tries free slots in its own order, so two survivors rarely race for the same ones.
  const free = [];
  for (let s = 0; s < o.slots; s++) if (!taken.has(s) && !mine.has(s)) free.push(s);
  free.sort((a, b) => fnv1a32(`${o.me}:${a}`) - fnv1a32(`${o.me}:${b}`) || a - b);
  return { release: [], claim: free.slice(0, share - held.length) };
}

/** The slot of a site: the same FNV-1a as --shard, over the slot count. */
export const slotOf = (siteId: string, slots: number) => fnv1a32(siteId) % slots;
