// Parameter sets: defaults from the model, validation naming the field, a stable hash.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, ParameterError, parameterHash, parseParameters, spatialHash } from '../../server/src/planning/parameters.ts';

describe('parameters', () => {
  it('has the documented defaults', () => {
    const p = parseParameters();
    expect(p.routeFactor).toBe(1.2);
    expect(p.spatial).toEqual({ attachRadiusM: 3000, roadSnapLimitM: 1000, maxFibreDropM: 20000 });
    expect(p.finance).toMatchObject({ discountRate: 0.05, years: 10, demandGrowth: 0.1, allowOutgrow: false });
    expect(p.demandMbps).toMatchObject({ school: 20, health: 10, library: 10 });
    expect(p.scope).toBe('rural');
    expect(p.fibre).toMatchObject({ siteUsd: 500, perKmUsd: 8000, spliceUsd: 400, maintenanceUsdPerKmYear: 100, usdPerMbpsYear: 10, capacityMbps: 2000 });
    expect(p.villageRadio).toMatchObject({ baseUsd: 6000, cpeUsd: 300, maxDistanceM: 5000, opexShareOfCapex: 0.1, lifetimeYears: 7, capacityMbps: 300 });
    expect(p.p2pRadio).toMatchObject({ siteUsd: 2000, towerUsd: 2500, maxDistanceM: 30000, lifetimeYears: 7, capacityMbps: 400 });
    expect(p.lte).toMatchObject({ cpeUsd: 200, usdPerMbpsYear: 10, lifetimeYears: 5, capacityMbps: 100 });
    // Satellite is a flat yearly service (≈ 200 USD a month), never ITU CPP's 6.4 USD/Mbps operator revenue.
    expect(p.satellite).toEqual({ terminalUsd: 800, serviceUsdPerYear: 2400, maintenanceShareOfTerminal: 0.1, lifetimeYears: 5, capacityMbps: 150 });
    expect(p.score.connection).toMatchObject({ none: 1, satellite: 0.6, mobile: 0.5, dsl: 0.4 });
  });
  it('merges overrides deeply and rejects unknown or bad fields by name', () => {
    expect(parseParameters({ fibre: { perKmUsd: 9000 } }).fibre.siteUsd).toBe(500);
    expect(() => parseParameters({ fibre: { perKm: 1 } })).toThrow(ParameterError);
    try {
      parseParameters({ finance: { discountRate: -1 } });
      expect.unreachable();
    } catch (e) {
      expect((e as ParameterError).problems[0]!.field).toBe('finance.discountRate');
    }
  });
  it('hashes stably: key order does not matter, values do', () => {
    const a = parseParameters({ regionCostMultiplier: { KZ11: 1.2, KZ15: 1.4 } });
    const b = parseParameters({ regionCostMultiplier: { KZ15: 1.4, KZ11: 1.2 } });
    expect(parameterHash(a)).toBe(parameterHash(b));
    expect(parameterHash(a)).not.toBe(parameterHash(DEFAULT_PARAMETERS));
    expect(parameterHash(parseParameters())).toBe(parameterHash(DEFAULT_PARAMETERS));
  });
  it('a cost-only change keeps the spatial hash; a spatial one changes it', () => {
    const d = parseParameters();
    expect(spatialHash(parseParameters({ fibre: { perKmUsd: 1 }, routeFactor: 1.1 }))).toBe(spatialHash(d));
    expect(spatialHash(parseParameters({ spatial: { roadSnapLimitM: 500 } }))).not.toBe(spatialHash(d));
  });
});
