// Issue 14: the figure columns cross from an evaluation thread packed in typed arrays
// (figure-transfer.ts). Every value must come back as it went, in the rows the share stands for:
// nulls stay nulls (not 0, false or ''), -0 and NaN stay numbers, and a column that is not all one
// kind travels as it is.
import { describe, expect, it } from 'vitest';
import { packColumn, packColumns, packRows, unpackInto } from '../../server/src/planning/figure-transfer.ts';

const roundTrip = (values: unknown[]) => {
  const to = new Array<unknown>(values.length);
  unpackInto(to, packColumn(values), values.map((_, i) => i));
  return to;
};

describe('figure columns between threads', () => {
  it('packs numbers, booleans and texts into typed arrays and gives every value back', () => {
    const numbers = [1.5, null, 0, -0, 1e-300, NaN, 12_345_678.901];
    expect(packColumn(numbers).kind).toBe('number');
    const back = roundTrip(numbers);
    expect(back).toEqual(numbers);
    expect(Object.is(back[3], -0)).toBe(true);
    expect(back[1]).toBeNull();

    const flags = [true, null, false, true];
    expect(packColumn(flags).kind).toBe('boolean');
    expect(roundTrip(flags)).toEqual([true, null, false, true]);

    const texts = ['fibre_drop', null, 'lte', 'fibre_drop', '', 'Қарағанды'];
    const packed = packColumn(texts);
    expect(packed.kind).toBe('text');
    if (packed.kind === 'text') expect(packed.texts).toEqual(['fibre_drop', 'lte', '', 'Қарағанды']); // each text once
    expect(roundTrip(texts)).toEqual(texts);
  });

  it('sends a column of mixed kinds, or with holes, as it is', () => {
    expect(packColumn([1, 'a', null]).kind).toBe('plain');
    expect(packColumn([1, undefined, 2]).kind).toBe('plain');
    const holey = roundTrip([1, undefined, 2]);
    expect(holey).toEqual([1, undefined, 2]);
    expect(1 in holey).toBe(true); // undefined written into its row, as the caller's own share is
    expect(packColumn([null, null]).kind).toBe('number'); // all null: a mask, not a copy
    expect(roundTrip([null, null])).toEqual([null, null]);
    expect(roundTrip([{ a: 1 }, null])).toEqual([{ a: 1 }, null]);
  });

  it('puts a share back in the rows it came from', () => {
    const to = ['x', 'x', 'x', 'x', 'x'];
    unpackInto(to, packColumn([10, null]), [3, 1]);
    expect(to).toEqual(['x', null, 'x', 10, 'x']);
  });

  // A thread's slice (evaluate-worker.mjs): the rows finished so far of columns still being filled.
  it('packs a slice of rows of columns with rows not yet filled, typed as a whole column would be', () => {
    const score = new Array<unknown>(6), technology = new Array<unknown>(6);
    [score[4], score[1], technology[4], technology[1]] = [2.5, null, 'lte', null];
    const { columns } = packRows({ score, technology }, [4, 1]);
    expect([columns.score!.kind, columns.technology!.kind]).toEqual(['number', 'text']); // the holes of other rows are not read
    const to = ['x', 'x', 'x', 'x', 'x', 'x'];
    unpackInto(to, columns.score!, [4, 1]);
    expect(to).toEqual(['x', null, 'x', 'x', 2.5, 'x']);
  });

  it('lists the buffers to hand over, which a real transfer empties on the sending side', () => {
    const { columns, transfer } = packColumns({ score: [1, 2], in_scope: [true, false], technology: ['lte', null], other: [1, 'a'] });
    expect(transfer).toHaveLength(4); // score's values and nulls, in_scope, technology
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(columns, transfer);
    expect(transfer.every((b) => b.byteLength === 0)).toBe(true);
    port1.close();
    port2.close();
  });
});
