// The shipped scenario files: the Kazakhstan one states exactly the code's defaults (so the file and
// the model cannot drift apart), with a source for every figure it sets; both parse as scenarios.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, valueAt } from '../../server/src/planning/parameters.ts';
import { effective } from '../../server/src/portfolio/model.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../server/src/portfolio/scenarios/${name}`, import.meta.url), 'utf8'));
const leaves = (o: Record<string, unknown>, prefix = ''): Array<[string, unknown]> =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));

describe('scenario files', () => {
  it('kazakhstan.json is the defaults, figure by figure', () => {
    const k = read('kazakhstan.json');
    for (const [path, v] of leaves(k.params.planning)) {
      if (typeof v === 'number') expect(valueAt(DEFAULT_PARAMETERS, path), path).toBe(v);
    }
    expect(effective(k.params).planning).toMatchObject({ ...k.params.planning, baseYear: DEFAULT_PARAMETERS.baseYear });
    for (const key of ['fibre.perKmUsd', 'satellite.serviceUsdPerYear', 'lte.cpeUsd', 'finance.years', 'finance.demandGrowth']) expect(k.sources[key], key).toMatch(/\w/);
  });
  it('giga-comparison.json parses and sources every figure it changes', () => {
    const g = read('giga-comparison.json');
    const e = effective(g.params);
    expect(e.planning.finance).toMatchObject({ years: 5, discountRate: 0, demandGrowth: 0 });
    for (const [path] of leaves(g.params.planning)) expect(g.sources[path], path).toMatch(/Giga/);
  });
});
