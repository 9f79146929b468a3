// Slot leases (issue 15): each agent alive holds ceil(slots / agents); over the share it gives
// slots back, under it it claims free and run-out ones, never one another live agent holds.
import { describe, expect, it } from 'vitest';
import { fairShare, planLeases, slotOf, type LeaseRow } from '../../server/src/agent/lease-plan.ts';

const rows = (agentId: string, slots: number[], live = true): LeaseRow[] => slots.map((slot) => ({ slot, agentId, live }));
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('planLeases', () => {
  it('a lone agent claims every slot', () => {
    const p = planLeases({ me: 'a', slots: 8, held: [], leases: [], agentsAlive: 1 });
    expect(p.release).toEqual([]);
    expect([...p.claim].sort((x, y) => x - y)).toEqual(range(0, 8));
  });

  it('an agent over its share gives the extra back when a second one appears (8 slots, 2 agents: 4 each)', () => {
    const p = planLeases({ me: 'a', slots: 8, held: range(0, 8), leases: rows('a', range(0, 8)), agentsAlive: 2 });
    expect(p).toEqual({ release: [4, 5, 6, 7], claim: [] });
  });

  it('never claims a slot another live agent holds', () => {
    const p = planLeases({ me: 'b', slots: 8, held: [], leases: rows('a', range(0, 8)), agentsAlive: 2 });
    expect(p.claim).toEqual([]);
  });

  it('takes over the run-out slots of a dead agent up to its new share', () => {
    const leases = [...rows('a', range(0, 4)), ...rows('b', range(4, 8), false)];
    const p = planLeases({ me: 'a', slots: 8, held: range(0, 4), leases, agentsAlive: 1 });
    expect([...p.claim].sort((x, y) => x - y)).toEqual([4, 5, 6, 7]);
  });

  it('with 3 agents the shares cover all slots: ceil(256 / 3) = 86', () => {
    expect(fairShare(256, 3)).toBe(86);
    expect(fairShare(256, 0)).toBe(256);
  });

  it('slotOf is the shard hash over the slot count', () => {
    expect(slotOf('site-1', 256)).toBe(slotOf('site-1', 256));
    const spread = new Set(Array.from({ length: 2000 }, (_, i) => slotOf(`s${i}`, 16)));
    expect(spread.size).toBe(16);
  });
});
