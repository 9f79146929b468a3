// The scenario editor keeps only what differs from the defaults in force, as the API stores it,
// and the plan's CSV is a spreadsheet file in the user's language (BOM, `;`, formula-safe).
import { describe, expect, it } from 'vitest';
import type { ScenarioDefaults } from '../../web/src/api/types.ts';
import { csvNumber, toCsv } from '../../web/src/panels/run-csv.ts';
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

describe('plan CSV', () => {
  it('starts with a BOM, separates with ; and quotes what needs it', () => {
    const text = toCsv(['Название', 'Стоимость, ₸'], [['Школа; №1', csvNumber(1234.5, ';', 1)], ['=cmd()', csvNumber(10, ';')]], ';');
    expect(text).toBe('\ufeffНазвание;Стоимость, ₸\r\n"Школа; №1";1234,5\r\n\'=cmd();10\r\n');
  });
  it('leaves negative numbers as numbers', () => {
    expect(toCsv(['a'], [[csvNumber(-12.5, ';', 1)], ['-x']], ';')).toBe('\ufeffa\r\n-12,5\r\n\'-x\r\n');
  });
  it('keeps the decimal point with a comma separator', () => {
    expect(toCsv(['a'], [[csvNumber(0.25, ',', 2)]], ',')).toBe('\ufeffa\r\n0.25\r\n');
  });
});
