// Issue 14: the figures-only evaluation (detail: false) is the one cost code path of the re-rank,
// Monte Carlo, the portfolio and the sensitivity sweep; it must give the very same figures as the
// detailed evaluation the explanation shows, whatever ran before it (its trench shapes are kept
// between runs: settlement-choice.ts shapesOf).
// Fixture: the village of planning-settlement-choice.test.ts (A school, B health point, C library
// due east of the PoP at 444.78 / 889.56 / 1,334.34 m; one trench of 1,601.21 m at the defaults),
// plus D, a school on satellite in 4G coverage outside any settlement.
import { describe, expect, it } from 'vitest';
import { costOver, equipmentStream } from '../../server/src/planning/cost-stream.ts';
import { evaluateFacilities, horizonOf, type EvaluationRun } from '../../server/src/planning/evaluate.ts';
import { evaluateFigures, evaluateFiguresInTurn, figureColumnsFor } from '../../server/src/planning/evaluate-share.ts';
import { parseParameters, type Parameters } from '../../server/src/planning/parameters.ts';
import { lteStream } from '../../server/src/planning/technologies/lte.ts';
import { p2pRadioStream } from '../../server/src/planning/technologies/p2p-radio.ts';
import { satelliteStream } from '../../server/src/planning/technologies/satellite.ts';
import { facility } from './fixtures/planning-facility.ts';

const pop = { id: 'access:pop:P', kind: 'pop' as const, lon: 0, lat: 0 };
const lit = { settlementId: 'V', settlement: { popInSettlement: true, popDistanceM: 0, routeDistanceM: null }, pop };
const inputs = [
  facility({ ...lit, facilityId: 'A', kind: 'school', lon: 0.004, popDistanceM: 444.78 }),
  facility({ ...lit, facilityId: 'B', kind: 'health', populationServed: 500, lon: 0.008, popDistanceM: 889.56 }),
  facility({ ...lit, facilityId: 'C', kind: 'library', lon: 0.012, popDistanceM: 1334.34 }),
  facility({ facilityId: 'D', kind: 'school', connection: 'satellite', measuredMbps: 8, mobileTechnology: '4G', popDistanceM: 40000 }),
];

/** Every figure the recompute writes, per facility. */
function figures(run: EvaluationRun) {
  return [...run.evaluations.values()].map((e) => ({
    id: e.facilityId, gapClass: e.gapClass, inScope: e.inScope, beneficiaries: e.beneficiaries, score: e.score?.value ?? null,
    technology: e.choice?.technology ?? null, capexUsd: e.choice?.capexUsd ?? null, tcoUsd: e.choice?.tcoUsd ?? null,
    tcoKzt: e.choice?.tcoKzt ?? null, standaloneTcoUsd: e.choice?.standaloneTcoUsd ?? null, group: e.choice?.group?.id ?? null,
    yearly: e.options.find((o) => o.technology === e.choice?.technology)?.yearlyUsd ?? null,
    options: e.options.map((o) => [o.technology, o.feasible, o.tcoUsd, o.capexUsd, o.yearlyUsd]),
  }));
}

// A sweep as the sensitivity report runs it: each figure at both ends, back to the default between.
/** Figures only, as the recompute, the sweep and the scenario plan run. */
const LEAN = { detail: false } as const;

const sweep: Parameters[] = [
  parseParameters(),
  parseParameters({ fibre: { perKmUsd: 60000 } }),
  parseParameters(),
  parseParameters({ satellite: { terminalUsd: 2500 } }),
  parseParameters({ lte: { cpeUsd: 120 } }),
  parseParameters({ finance: { demandGrowth: 0.3 } }),
  parseParameters({ villageRadio: { baseUsd: 3000 }, fibre: { perKmUsd: 60000 } }),
  parseParameters(),
];

describe('figures-only evaluation', () => {
  it('gives the detailed evaluation\'s figures at every step of a sweep over the same input objects', () => {
    for (const p of sweep) expect(figures(evaluateFacilities(inputs, p, LEAN))).toEqual(figures(evaluateFacilities(inputs, p)));
  });
  it('gives the detailed figures with every choice held fixed, as the scenario plan\'s nudges run, and at the base the free run\'s', () => {
    const free = evaluateFacilities(inputs, sweep[0]!, LEAN);
    const fixed = new Map([...free.evaluations].map(([id, e]) => [id, e.choice?.technology ?? null]));
    // Held at the parameters it was chosen at, each facility costs what it did (a slope starts at 0).
    const tco = (r: EvaluationRun) => [...r.evaluations.values()].map((e) => [e.facilityId, e.choice?.technology ?? null, e.choice?.tcoUsd ?? null]);
    expect(tco(evaluateFacilities(inputs, sweep[0]!, { fixed, ...LEAN }))).toEqual(tco(free));
    for (const p of sweep) expect(figures(evaluateFacilities(inputs, p, { fixed, ...LEAN }))).toEqual(figures(evaluateFacilities(inputs, p, { fixed })));
  });
  it('follows each moved figure: at 60,000 USD/km the three share a village base, back at the default one trench', () => {
    const tech = (p: Parameters) => figures(evaluateFacilities(inputs, p, LEAN)).map((f) => [f.id, f.technology, f.group]);
    expect(tech(sweep[1]!)).toEqual([['A', 'village_radio', 'village_radio:V'], ['B', 'village_radio', 'village_radio:V'], ['C', 'village_radio', 'village_radio:V'], ['D', 'lte', null]]);
    expect(tech(sweep[2]!)).toEqual([['A', 'fibre', 'trench:V'], ['B', 'fibre', 'trench:V'], ['C', 'fibre', 'trench:V'], ['D', 'lte', null]]);
  });
  it('leaves out only the words: no replacement lists, no "why" texts', () => {
    const lean = evaluateFacilities(inputs, sweep[0]!, LEAN).evaluations.get('D')!;
    const full = evaluateFacilities(inputs, sweep[0]!).evaluations.get('D')!;
    expect(full.options.find((o) => o.technology === 'satellite')!.replacements).toEqual([{ year: 5, item: 'satellite terminal and installation', usd: 800 }]);
    expect(lean.options.find((o) => o.technology === 'satellite')!.replacements).toEqual([]);
    expect(full.choice!.why).not.toBe('');
    expect(lean.choice!.why).toBe('');
    expect(lean.whyOthersLost).toEqual([]);
    // Reasons keep their code and values; a text made from figures is left out (the explanation shows it).
    expect(lean.options.map((o) => [o.technology, o.reason.code, o.reason.values])).toEqual(full.options.map((o) => [o.technology, o.reason.code, o.reason.values]));
    const leanA = evaluateFacilities(inputs, sweep[0]!, LEAN).evaluations.get('A')!.options.find((o) => o.technology === 'fibre')!;
    const fullA = evaluateFacilities(inputs, sweep[0]!).evaluations.get('A')!.options.find((o) => o.technology === 'fibre')!;
    expect([leanA.reason.text, fullA.reason.text]).toEqual(['', 'drop of 0.53 km from the PoP (geodesic × 1.2)']); // 444.78 m × 1.2
  });
});

// The evaluation runs one settlement at a time (evaluate.ts evaluateEach): the figure columns must
// still come back in input order when a village's facilities are scattered through the input, and
// the people two health points of one village claim are credited within that village only.
describe('figure columns in input order, settlement by settlement', () => {
  const h = (id: string, sid: string) => facility({ facilityId: id, kind: 'health', settlementId: sid, settlementPopulation: 800, populationServed: 600, mobileTechnology: '4G' });
  // V's A, B, C apart, D (no settlement) among them, two villages' health points interleaved.
  const scattered = [h('S1', 'S'), inputs[2]!, inputs[3]!, h('T1', 'T'), inputs[0]!, h('S2', 'S'), inputs[1]!];
  it('each column entry is its input\'s figure, as the detailed evaluation gives it', () => {
    for (const p of [parseParameters(), parseParameters({ fibre: { perKmUsd: 60000 } })]) {
      const cols = evaluateFigures(scattered, p);
      const byId = new Map(figures(evaluateFacilities(scattered, p)).map((f) => [f.id, f]));
      expect(scattered.map((f, i) => [f.facilityId, cols.technology[i], cols.tco_usd[i], cols.score[i], cols.share_group[i], cols.opex_usd[i], cols.beneficiaries[i]]))
        .toEqual(scattered.map((f) => { const x = byId.get(f.facilityId)!; return [x.id, x.technology, x.tcoUsd, x.score, x.group, x.yearly, x.beneficiaries]; }));
    }
  });
  it('S1 and S2 claim 1,200 of S\'s 800 people: 400 each; T1 alone in T keeps its 600', () => {
    const b = evaluateFigures(scattered, parseParameters()).beneficiaries;
    expect([b[0], b[5], b[3]]).toEqual([400, 400, 600]);
  });
  it('a list changed after a run is grouped afresh: T1 moved to S, three claims of 600 on 800 people', () => {
    const xs = [...scattered].reverse(); // a list not seen before: S2, T1 and S1 at 1, 3 and 6
    evaluateFigures(xs, parseParameters());
    xs[3] = h('T1', 'S');
    const b = evaluateFigures(xs, parseParameters()).beneficiaries;
    expect([b[1], b[3], b[6]]).toEqual([266.67, 266.67, 266.67]);
  });
});

// A cost-only re-rank writes the rows it has finished while it evaluates the next (recompute.ts,
// result-write.ts FiguresInTurn): the handovers must hold every row once, only rows already
// filled in, whole settlements, and the evaluation must wait for each handover before going on.
describe('figures handed over as they are evaluated', () => {
  const h = (id: string, sid: string) => facility({ facilityId: id, kind: 'health', settlementId: sid, settlementPopulation: 800, populationServed: 600, mobileTechnology: '4G' });
  // V (A, B, C), S (S1, S2), T (T1) and D without a settlement, scattered through the list.
  const scattered = [h('S1', 'S'), inputs[2]!, inputs[3]!, h('T1', 'T'), inputs[0]!, h('S2', 'S'), inputs[1]!];
  for (const every of [1, 2, 3, 100]) {
    it(`every ${every} facilities: the same columns, each row once, whole settlements, each handover awaited`, async () => {
      const p = parseParameters({ fibre: { perKmUsd: 9000 + every } });
      const out = figureColumnsFor(scattered.length);
      const handed: string[][] = [];
      const log: string[] = [];
      await evaluateFiguresInTurn(scattered, p, out, every, async (rows) => {
        // Every row handed over is filled in already.
        for (const i of rows) expect(out.gap_class[i]).toBeDefined();
        handed.push(rows.map((i) => scattered[i]!.facilityId));
        log.push('handed');
        await new Promise((r) => setTimeout(r, 5));
        log.push('written');
      });
      expect(out).toEqual(evaluateFigures(scattered, p));
      expect(handed.flat().sort()).toEqual(scattered.map((f) => f.facilityId).sort());
      // Settlements in id order (S, T, V), then D; a pause comes only after a whole settlement.
      const expected: Record<number, string[][]> = {
        1: [['S1', 'S2'], ['T1'], ['A', 'B', 'C'], ['D']],
        2: [['S1', 'S2'], ['T1', 'A', 'B', 'C'], ['D']],
        3: [['S1', 'S2', 'T1'], ['A', 'B', 'C'], ['D']],
        100: [['S1', 'S2', 'T1', 'A', 'B', 'C', 'D']],
      };
      expect(handed.map((xs) => [...xs].sort())).toEqual(expected[every]!.map((xs) => [...xs].sort()));
      // Nothing more is evaluated (or handed over) before the last handover has been written.
      expect(log).toEqual(handed.flatMap(() => ['handed', 'written']));
    });
  }
});

describe('one equipment stream shape (cost-stream.ts equipmentStream)', () => {
  const h = horizonOf(parseParameters());
  it('radio link in a region at ×1.5: capex 6,750, yearly 10 % of it (675) + 10 per Mbps', () => {
    const s = p2pRadioStream(parseParameters().p2pRadio, 1.5);
    expect(s.capex.map((c) => c.usd)).toEqual([3000, 3750]);
    expect(s.fixedUsdPerYear).toBeCloseTo(675, 9);
    expect(s.usdPerMbpsYear).toBe(10);
  });
  it('satellite: 2,400 service + 10 % of the scaled terminal; kept (existing) it is not bought now, only replaced', () => {
    const p = parseParameters().satellite;
    expect(satelliteStream(p, 2).fixedUsdPerYear).toBeCloseTo(2400 + 160, 9);
    const kept = costOver(satelliteStream(p, 1, true), 20, h);
    // 800 × 0.7835262 + 2,480 × 7.7217349 = 19,776.72
    expect(kept.capexUsd).toBe(0);
    expect(kept.tcoUsd).toBeCloseTo(19776.7236, 3);
  });
  it('4G kept: the existing CPE replaced at 5 years, 10 per Mbps: 200 × 0.7835262 + 200 × 13.0313232 = 2,762.97', () => {
    expect(costOver(lteStream(parseParameters().lte, 1, true), 20, h).tcoUsd).toBeCloseTo(2762.9699, 3);
  });
  it('figures-only costing gives the same TCO without listing replacements', () => {
    const s = equipmentStream([{ item: 'x', usd: 1000, lifetimeYears: 3 }], 1, { fixedUsd: 50, shareOfCapex: 0.1, usdPerMbps: 2 });
    const full = costOver(s, 10, h);
    const lean = costOver(s, 10, h, false);
    expect(full.replacements.map((r) => r.year)).toEqual([3, 6, 9]);
    expect(lean.replacements).toEqual([]);
    expect(lean.tcoUsd).toBe(full.tcoUsd);
    expect(s.fixedUsdPerYear).toBe(150);
  });
});

// Trench shapes (where a settlement's shared trench runs) are remembered per settlement between
// evaluations (settlement-choice.ts): a cost that moves reuses them; what moves the trench must not.
// Each case evaluates village V, then V with one thing changed, and compares the trench with the same
// facilities in village W, which nothing has seen before (a fresh shape).
describe('remembered trench shapes follow what moves the trench', () => {
  const trenchOf = (xs: typeof inputs, p: Parameters) => {
    const g = evaluateFacilities(xs, p, { detail: false }).groups.find((y) => y.kind === 'trench');
    return g ? { members: g.memberIds, lengthM: g.lengthM, tcoUsd: g.costed.tcoUsd, lines: g.geometry?.coordinates } : null;
  };
  const inW = (xs: typeof inputs) => xs.map((f) => (f.settlementId === 'V' ? { ...f, settlementId: 'W' } : f));
  const P = parseParameters();
  // C 0.003° north of B instead of due east of it: 333.96 m × 1.2 from B instead of 534.33 m.
  const moved = inputs.map((f) => (f.facilityId === 'C' ? { ...f, lon: 0.008, lat: 0.003 } : f));
  const cases: Array<[string, typeof inputs, Parameters]> = [
    ['a facility moved (same id, same measured drop)', moved, P],
    ['another route factor', inputs, parseParameters({ routeFactor: 1.1 })],
    ['a longer measured drop to the PoP', inputs.map((f) => (f.facilityId === 'A' ? { ...f, popDistanceM: 600 } : f)), P],
  ];
  for (const [name, changed, p] of cases) {
    it(name, () => {
      const before = trenchOf(inputs, P);
      const after = trenchOf(changed, p);
      const fresh = trenchOf(inW(changed), p);
      expect(after).toEqual(fresh);
      expect(after).not.toEqual(before);
    });
  }
  it('a cost alone reuses the shape and re-prices it', () => {
    trenchOf(inputs, P);
    const dear = parseParameters({ fibre: { perKmUsd: 8200 } });
    expect(trenchOf(inputs, dear)).toEqual(trenchOf(inW(inputs), dear));
    expect(trenchOf(inputs, dear)!.tcoUsd).toBeGreaterThan(trenchOf(inputs, P)!.tcoUsd);
  });
});

// A figures-only run (its kept trench shapes too) must follow every parameter that is not a
// technology's: each step below moves one, then the sweep comes back, and every step must give the
// detailed evaluation's figures. E (a school
// waiting for a planned route) and two health points of one village claiming more people than it
// has (their credit depends on which of them are evaluated together).
describe('figures-only runs follow every parameter and the facilities evaluated together', () => {
  const planned = facility({ facilityId: 'E', kind: 'school', connection: 'none', mobileTechnology: '4G', planned: { routeId: 'R', distanceM: 3000, year: 2030 } });
  const h1 = facility({ facilityId: 'H1', kind: 'health', settlementId: 'S', settlementPopulation: 800, populationServed: 600, mobileTechnology: '4G' });
  const h2 = facility({ facilityId: 'H2', kind: 'health', settlementId: 'S', settlementPopulation: 800, populationServed: 600, mobileTechnology: '4G' });
  // A school on DSL of unknown speed: keeping its link costs a modem replaced at 4G's CPE lifetime.
  const dsl = facility({ facilityId: 'L', kind: 'school', connection: 'dsl', mobileTechnology: '4G', popDistanceM: 30000 });
  const all = [...inputs, planned, h1, h2, dsl];
  const steps: Array<[string, Parameters]> = [
    ['defaults', parseParameters()],
    ['KZT per USD', parseParameters({ finance: { kztPerUsd: 600 } })],
    ['4G CPE lifetime (the DSL modem kept is replaced at it)', parseParameters({ lte: { lifetimeYears: 3 } })],
    ['lit-village multiplier', parseParameters({ score: { litVillage: 2 } })],
    ['library share of the village', parseParameters({ beneficiaries: { libraryPopulationShare: 0.5 } })],
    ['scope all', parseParameters({ scope: 'all' })],
    ['base year (the planned route waits less)', parseParameters({ baseYear: 2028 })],
    ['school demand', parseParameters({ demandMbps: { school: 40 } })],
    ['back to the defaults', parseParameters()],
  ];
  for (const [name, p] of steps) {
    it(name, () => {
      expect(figures(evaluateFacilities(all, p, LEAN))).toEqual(figures(evaluateFacilities(all, p)));
      expect(figures(evaluateFacilities([h1], p, LEAN))).toEqual(figures(evaluateFacilities([h1], p)));
    });
  }
  it('the kept DSL modem follows 4G\'s CPE lifetime (a shared stream per lifetime, cost-stream.ts)', () => {
    const keepTco = (p: Parameters) => evaluateFacilities(all, p, LEAN).evaluations.get('L')!.options.find((o) => o.technology === 'keep')!.tcoUsd;
    expect(keepTco(parseParameters({ lte: { lifetimeYears: 3 } }))).toBeGreaterThan(keepTco(parseParameters()));
    expect(keepTco(parseParameters({ lte: { lifetimeYears: 3 } }))).toBe(evaluateFacilities(all, parseParameters({ lte: { lifetimeYears: 3 } })).evaluations.get('L')!.options.find((o) => o.technology === 'keep')!.tcoUsd);
  });
  it('an earlier run\'s figures stay as they were returned, whatever runs after it', () => {
    const first = evaluateFacilities(all, parseParameters(), LEAN);
    const before = JSON.stringify(figures(first));
    evaluateFacilities(all, parseParameters({ finance: { kztPerUsd: 600 } }), LEAN);
    evaluateFacilities(all, parseParameters({ fibre: { perKmUsd: 60000 } }), LEAN);
    // A and B without C: their village's choice is another (a trench for two).
    const withoutC = all.filter((f) => f.facilityId !== 'C');
    expect(figures(evaluateFacilities(withoutC, parseParameters(), LEAN))).toEqual(figures(evaluateFacilities(withoutC, parseParameters())));
    expect(JSON.stringify(figures(first))).toBe(before);
    evaluateFacilities(all, parseParameters(), LEAN);
    expect(JSON.stringify(figures(first))).toBe(before);
  });
});
