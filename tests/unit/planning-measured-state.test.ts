// Feedback from monitoring to planning: what a facility's measured state does to its gap record.
//   measured ok                      → connected (out of the ranking), no flag
//   measured idle                    → connected, flagged idle (activation, not capex)
//   measured chronically_unavailable → class kept, flagged unreliable, score × score.unreliable
//   down, or not measured            → nothing changes
import { facility } from './fixtures/planning-facility.ts';
import { describe, expect, it } from 'vitest';
import { evaluateFacility, type FacilityInput } from '../../server/src/planning/evaluate.ts';
import { gapClass, measuredFlag, type GapClassInput, type MeasuredState } from '../../server/src/planning/gap-class.ts';
import { DEFAULT_PARAMETERS as P, parseParameters } from '../../server/src/planning/parameters.ts';
import { score } from '../../server/src/planning/score.ts';

const unserved: GapClassInput = { connection: 'none', settlementLit: false, fibrePathM: null, mobileTechnology: '2G', maxFibreDropM: 20000, measured: null };
const m = (state: MeasuredState['state'], measured = true): MeasuredState => ({ state, measured });

describe('gapClass with a measured state', () => {
  const cases: Array<[string, MeasuredState | null, Partial<GapClassInput>, string]> = [
    ['a measured working link is connected, whatever the network says', m('ok'), {}, 'connected'],
    ['lit but idle is connected too', m('idle'), {}, 'connected'],
    ['chronically unavailable keeps the network class', m('chronically_unavailable'), { settlementLit: true }, 'lit_village'],
    ['down now is one outage, not a change', m('down'), {}, 'unserved'],
    ['ok on too few polls proves nothing', m('ok', false), {}, 'unserved'],
    ['idle on too few polls proves nothing', m('idle', false), { fibrePathM: 500 }, 'near_fibre'],
    ['an inventory fibre link stays connected even when it fails', m('chronically_unavailable'), { connection: 'fibre' }, 'connected'],
  ];
  for (const [name, measured, over, want] of cases) it(name, () => expect(gapClass({ ...unserved, ...over, measured })).toBe(want));
});

describe('measuredFlag', () => {
  it('flags idle and chronically unavailable, only when measured', () => {
    expect(measuredFlag(m('idle'))).toBe('idle');
    expect(measuredFlag(m('chronically_unavailable'))).toBe('unreliable');
    expect(measuredFlag(m('chronically_unavailable', false))).toBeNull();
    expect(measuredFlag(m('idle', false))).toBeNull();
    expect(measuredFlag(m('ok'))).toBeNull();
    expect(measuredFlag(m('down'))).toBeNull();
    expect(measuredFlag(null)).toBeNull();
  });
});

describe('score × unreliable', () => {
  const base = { beneficiaries: 100, tcoKzt: 1e6, connection: 'none', subkind: null, gapClass: 'unserved' as const };
  it('is 1.0 by default: 100 / 1 M KZT × 1 = 100', () => {
    const s = score({ ...base, measuredFlag: 'unreliable' }, P);
    expect(s.value).toBe(100);
    expect(s.components.unreliable).toBe(1);
  });
  it('applies the named multiplier to an unreliable record only: 100 / 1 M × 0.5 = 50', () => {
    const p = parseParameters({ score: { unreliable: 0.5 } });
    const s = score({ ...base, measuredFlag: 'unreliable' }, p);
    expect(s.value).toBe(50);
    expect(s.components.unreliable).toBe(0.5);
    expect(s.explanation).toContain('unreliable 0.5');
    expect(score({ ...base, measuredFlag: null }, p).value).toBe(100);
    expect(score({ ...base, measuredFlag: 'idle' }, p).value).toBe(100);
  });
});

describe('evaluateFacility with a measured state', () => {
  // A school of 35 (30 students + 5 staff) under 2G only, nothing near: unserved, satellite.
  // Satellite over 10 years: 800 + 800/1.05^5 + (2,400 + 80) × PVIFA(5 %, 10) = 800 + 626.82 + 19,149.90
  // = 20,576.72 USD → 9,671,058 KZT at 470; score 35 / 9.671058 = 3.619046; × 0.5 unreliable = 1.809523.
  const p = parseParameters({ score: { unreliable: 0.5 } });
  const f: FacilityInput = facility({ facilityId: 'x', students: 30, staff: 5, settlementPopulation: 200, mobileTechnology: '2G' });
  it('unmonitored: the network class and score', () => {
    const e = evaluateFacility(f, p);
    expect([e.gapClass, e.measuredFlag, e.choice?.tcoKzt, e.score?.value]).toEqual(['unserved', null, 9671058, 3.619046]);
  });
  it('idle: connected, flagged, nothing to build', () => {
    const e = evaluateFacility({ ...f, measured: m('idle') }, p);
    expect([e.gapClass, e.measuredFlag, e.choice]).toEqual(['connected', 'idle', null]);
  });
  it('chronically unavailable: same class and cost, score halved', () => {
    const e = evaluateFacility({ ...f, measured: m('chronically_unavailable') }, p);
    expect([e.gapClass, e.measuredFlag, e.choice?.tcoKzt, e.score?.value]).toEqual(['unserved', 'unreliable', 9671058, 1.809523]);
  });
});
