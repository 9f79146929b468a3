// The scenario editor keeps only what differs from the defaults in force, as the API stores it
// (the plan's CSV file itself: tests/unit/csv.test.ts).
import { describe, expect, it } from 'vitest';
import type { ScenarioDefaults } from '../../web/src/api/types.ts';
import { paramsFromValues, valuesFromParams } from '../../web/src/panels/scenario-params.ts';

const defaults: ScenarioDefaults = {
  planning: { finance: { kztPerUsd: 470, years: 5, discountRate: 0.05 }, fibre: { perKmUsd: 8000, siteUsd: 500 }, lte: { cpeUsd: 200 }, ranges: { 'fibre.perKmUsd': [5000, 20000] } },
  seed: 1, draws: 1000, distribution: 'triangular',
};

describe('scenario parameters', () => {
  it('shows the defaults, with the discount rate as a percentage', () => {
    const v = valuesFromParams(defaults, {});
    expect(v['planning.finance.kztPerUsd']).toBe('470');
    expect(v['planning.finance.discountRate']).toBe('5');
    expect(v.draws).toBe('1000');
    expect(v.distribution).toBe('triangular');
  });
  it("shows the scenario's own values over the defaults", () => {
    const v = valuesFromParams(defaults, { planning: { fibre: { perKmUsd: 12000 } }, draws: 200 });
    expect(v['planning.fibre.perKmUsd']).toBe('12000');
    expect(v.draws).toBe('200');
  });
  it('stores only what differs, nested as the model nests it', () => {
    const v = valuesFromParams(defaults, {});
    expect(paramsFromValues(defaults, v)).toEqual({});
    v['planning.fibre.perKmUsd'] = '12000';
    v['planning.finance.discountRate'] = '7,5';
    v.distribution = 'uniform';
    expect(paramsFromValues(defaults, v)).toEqual({ planning: { fibre: { perKmUsd: 12000 }, finance: { discountRate: 0.075 } }, distribution: 'uniform' });
  });
});
