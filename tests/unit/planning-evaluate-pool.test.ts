// Issue 14: the cost-only evaluation on worker threads (evaluate-pool.ts), with or without the calling
// thread taking a share (callerEvaluates: off on the main thread, where the server's requests run),
// gives the columns one thread gives, in input order, across a sweep (the threads keep their shares
// between runs), when the inputs are another array and when the same array is split for another
// number of threads (sent again). A settlement is never split: the shared trench of village V needs
// all three of its facilities on one thread.
import { isMainThread } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { callerEvaluates, evaluateInThreads, evaluateInThreadsInTurn } from '../../server/src/planning/evaluate-pool.ts';
import { evaluateFigures, figureColumnsFor } from '../../server/src/planning/evaluate-share.ts';
import { parseParameters } from '../../server/src/planning/parameters.ts';
import { facility } from './fixtures/planning-facility.ts';

const pop = { id: 'access:pop:P', kind: 'pop' as const, lon: 0, lat: 0 };
const lit = { settlementId: 'V', settlement: { popInSettlement: true, popDistanceM: 0, routeDistanceM: null }, pop };
// Dealt out one facility at a time, settlement V (A, B, C) would be cut in two; by settlement it is not.
const inputs = [
  facility({ ...lit, facilityId: 'A', kind: 'school', lon: 0.004, popDistanceM: 444.78 }),
  facility({ ...lit, facilityId: 'B', kind: 'health', populationServed: 500, lon: 0.008, popDistanceM: 889.56 }),
  facility({ facilityId: 'D', kind: 'school', connection: 'satellite', measuredMbps: 8, mobileTechnology: '4G', popDistanceM: 40000 }),
  facility({ facilityId: 'E', kind: 'library', settlementId: 'W', mobileTechnology: '4G', popDistanceM: 12000 }),
  facility({ ...lit, facilityId: 'C', kind: 'library', lon: 0.012, popDistanceM: 1334.34 }),
];
const sweep = [
  parseParameters(),
  parseParameters({ fibre: { perKmUsd: 60000 } }),
  parseParameters({ lte: { cpeUsd: 120 } }),
  parseParameters(),
];

describe('evaluation on worker threads', () => {
  afterEach(() => {
    callerEvaluates.onMainThread = false;
  });

  it('gives the same columns whether the calling thread takes a share or leaves them all to workers', async () => {
    expect(isMainThread).toBe(true); // the flag decides here (vitest's forks run tests on a main thread)
    for (const on of [false, true, false]) {
      callerEvaluates.onMainThread = on;
      for (const p of sweep) expect(await evaluateInThreads(inputs, p, 2), `caller evaluates: ${on}`).toEqual(evaluateFigures(inputs, p));
    }
  });

  // Review (session 15): a message that cannot be sent left its reply waited for, and the thread
  // named as holding a share it never got, whose figures would then have landed in the next run's rows.
  it('fails a run whose parameters cannot be sent, and the next run is right', async () => {
    for (const on of [false, true]) {
      callerEvaluates.onMainThread = on;
      const fewer = inputs.filter((f) => f.facilityId !== 'D');
      const unsendable = { ...sweep[1]!, note: () => 'a function cannot be copied to a thread' };
      await expect(evaluateInThreads(fewer, unsendable, 2)).rejects.toThrow(/could not be cloned/);
      expect(await evaluateInThreads(fewer, sweep[1]!, 2)).toEqual(evaluateFigures(fewer, sweep[1]!));
      expect(await evaluateInThreads(inputs, sweep[2]!, 2)).toEqual(evaluateFigures(inputs, sweep[2]!));
    }
  });

  it('gives the same columns as one thread at every step of a sweep, shares kept by the threads', async () => {
    for (const p of sweep) expect(await evaluateInThreads(inputs, p, 2)).toEqual(evaluateFigures(inputs, p));
    // The shared trench really is shared (it would not be if V were split between threads).
    expect((await evaluateInThreads(inputs, sweep[0]!, 2)).share_group).toEqual(['trench:V', 'trench:V', null, null, 'trench:V']);
  });

  // A cost-only re-rank on threads writes each slice as it comes (recompute.ts, result-write.ts
  // FiguresInTurn): from the caller's share and the threads' alike, every row once, only rows filled in.
  it('hands over every row once, filled in, slice by slice from the threads and the caller', async () => {
    for (const on of [false, true]) {
      callerEvaluates.onMainThread = on;
      for (const p of sweep) {
        const out = figureColumnsFor(inputs.length);
        const handed: number[][] = [];
        await evaluateInThreadsInTurn(inputs, p, 2, out, 1, async (rows) => {
          for (const i of rows) expect(out.gap_class[i], `row ${i} handed over before it was filled in`).toBeDefined();
          handed.push(rows);
          await new Promise((r) => setTimeout(r, 2));
        });
        expect(out, `caller evaluates: ${on}`).toEqual(evaluateFigures(inputs, p));
        expect(handed.flat().sort()).toEqual([0, 1, 2, 3, 4]);
        // Slices of one facility: several handovers (V's three come together, a settlement is never cut).
        expect(handed.length).toBeGreaterThan(1);
        expect(handed.find((rows) => rows.includes(0))!.sort()).toEqual(expect.arrayContaining([0, 1, 4]));
      }
    }
  });

  it('fails a run handed over in slices when a thread fails, and the next run is right', async () => {
    const unsendable = { ...sweep[1]!, note: () => 'a function cannot be copied to a thread' };
    await expect(evaluateInThreadsInTurn(inputs, unsendable, 2, figureColumnsFor(inputs.length), 1, async () => {})).rejects.toThrow(/could not be cloned/);
    const out = figureColumnsFor(inputs.length);
    await evaluateInThreadsInTurn(inputs, sweep[2]!, 2, out, 1, async () => {});
    expect(out).toEqual(evaluateFigures(inputs, sweep[2]!));
  });

  it('sends the inputs again when they are another array', async () => {
    const fewer = inputs.filter((f) => f.facilityId !== 'B');
    expect(await evaluateInThreads(fewer, sweep[0]!, 2)).toEqual(evaluateFigures(fewer, sweep[0]!));
    expect(await evaluateInThreads(inputs, sweep[1]!, 3)).toEqual(evaluateFigures(inputs, sweep[1]!));
  });

  // Review finding F4 (session 7): the split is redone for another thread count, but a thread kept the
  // share it held while the inputs array stayed the same, and its figures landed in the new share's rows.
  it('sends the shares again when the same inputs are split for another number of threads', async () => {
    const same = [...inputs];
    const want = evaluateFigures(same, sweep[0]!);
    for (const threads of [1, 2, 3, 2]) expect(await evaluateInThreads(same, sweep[0]!, threads), `${threads} threads`).toEqual(want);
  });
});
