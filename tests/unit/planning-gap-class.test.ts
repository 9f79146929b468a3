// Gap classes in the model's order: connected, lit_village, near_fibre, mobile_only, unserved.
import { describe, expect, it } from 'vitest';
import { connectedNow, gapClass, settlementLit, type GapClassInput } from '../../server/src/planning/gap-class.ts';

const base: GapClassInput = { connection: 'none', settlementLit: false, fibrePathM: null, mobileTechnology: null, maxFibreDropM: 20000, measured: null };

describe('gapClass', () => {
  const cases: Array<[string, Partial<GapClassInput>, string]> = [
    ['a fibre connection wins over everything', { connection: 'fibre', settlementLit: true, fibrePathM: 10 }, 'connected'],
    ['a lit village, even with fibre 100 m away', { settlementLit: true, fibrePathM: 100, mobileTechnology: '4G' }, 'lit_village'],
    ['fibre exactly at the limit is near', { fibrePathM: 20000, mobileTechnology: '4G' }, 'near_fibre'],
    ['fibre 1 cm beyond the limit is not', { fibrePathM: 20000.01, mobileTechnology: '3G' }, 'mobile_only'],
    ['5G counts as mobile broadband', { mobileTechnology: '5G' }, 'mobile_only'],
    ['2G does not', { mobileTechnology: '2G' }, 'unserved'],
    ['nothing at all', {}, 'unserved'],
    ['a satellite link is still a gap', { connection: 'satellite' }, 'unserved'],
  ];
  for (const [name, over, want] of cases) it(name, () => expect(gapClass({ ...base, ...over })).toBe(want));
  // The evaluation asks connectedNow first and costs no option for a connected facility: it must
  // agree with the class on every way of being connected or not.
  const links: Array<Partial<GapClassInput>> = [
    ...cases.map(([, over]) => over),
    { connection: 'dsl', meetsDemand: true }, { connection: 'none', meetsDemand: true }, { connection: 'dsl', meetsDemand: false },
    ...(['ok', 'idle', 'chronically_unavailable', 'down'] as const).flatMap((state) => [true, false].map((measured) => ({ connection: 'satellite', measured: { state, measured } }))),
  ];
  it('connectedNow is the class\'s first rule', () => {
    for (const over of links) expect([over, connectedNow({ ...base, ...over })]).toEqual([over, gapClass({ ...base, ...over }) === 'connected']);
    expect(links.filter((over) => connectedNow({ ...base, ...over })).length).toBe(4);
  });
});

describe('settlementLit', () => {
  it('is lit by a PoP serving it, wherever it stands', () => {
    expect(settlementLit({ popInSettlement: true, popDistanceM: 9000, routeDistanceM: 9000 }, 2000)).toBe(true);
  });
  it('is lit by a route or PoP within the radius, inclusive', () => {
    expect(settlementLit({ popInSettlement: false, popDistanceM: null, routeDistanceM: 2000 }, 2000)).toBe(true);
    expect(settlementLit({ popInSettlement: false, popDistanceM: 1999, routeDistanceM: null }, 2000)).toBe(true);
    expect(settlementLit({ popInSettlement: false, popDistanceM: 2001, routeDistanceM: 2000.01 }, 2000)).toBe(false);
  });
  it('an orphan (no settlement) is never in a lit village', () => {
    expect(settlementLit(null, 2000)).toBe(false);
  });
});
