import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, effective } from '../../server/src/portfolio/model.ts';
import { loadPppSettlements } from '../../server/src/portfolio/ppp-source.ts';
import { compareScenarios, runScenario } from '../../server/src/portfolio/scenario-run.ts';
import {
  createScenario, deleteScenario, duplicateScenario, getRun, getScenario, listRuns, listScenarios, updateScenario,
} from '../../server/src/portfolio/scenario-store.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { FIBRE_WINS, insertPortfolioFixture } from './portfolio-fixture.ts';

describe('scenarios on the database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await insertPortfolioFixture(db);
  });
  afterAll(async () => db?.close());

  it('are created, listed, updated, duplicated and deleted', async () => {
    await createScenario(db, { name: 'tmp', description: 'scratch', params: {}, budgetKzt: 1e6 });
    await expect(createScenario(db, { name: 'tmp', params: {}, budgetKzt: 1 })).rejects.toMatchObject({ code: 'scenario_exists' });
    const u = await updateScenario(db, 'tmp', { budgetKzt: 2e6 });
    expect(u).toMatchObject({ name: 'tmp', description: 'scratch', budgetKzt: 2e6, latestRun: null });
    await duplicateScenario(db, 'tmp', 'tmp-copy');
    expect((await getScenario(db, 'tmp-copy')).budgetKzt).toBe(2e6);
    await expect(duplicateScenario(db, 'tmp', 'tmp-copy')).rejects.toMatchObject({ code: 'scenario_exists' });
    await expect(duplicateScenario(db, 'nope', 'x')).rejects.toMatchObject({ code: 'scenario_not_found' });
    expect((await listScenarios(db)).map((s) => s.name)).toEqual(['tmp', 'tmp-copy']);
    await deleteScenario(db, 'tmp');
    await deleteScenario(db, 'tmp-copy');
    await expect(deleteScenario(db, 'tmp')).rejects.toMatchObject({ code: 'scenario_not_found' });
    expect(await listScenarios(db)).toEqual([]);
  });

  it('a run shares one trench in Aqsu and stays within its budget', async () => {
    await createScenario(db, { name: 'fund', params: FIBRE_WINS, budgetKzt: 1e12 });
    const run = await runScenario(db, 'fund');
    const r = run.result;
    expect(r.candidates).toBe(5);
    const aqsu = r.trenches.find((t) => t.settlementId === 'v-aqsu')!;
    expect(aqsu.facilityIds).toEqual(['a-fap', 'a-lib', 'a-school']);
    expect(aqsu.savingKzt).toBeGreaterThan(0);
    expect(aqsu.geometry.type).toBe('MultiLineString');
    expect(aqsu.geometry.coordinates).toHaveLength(3);
    expect(r.totalCostKzt).toBeLessThanOrEqual(1e12);
    expect([...r.chosen].sort()).toEqual(['a-fap', 'a-lib', 'a-school', 'k-school', 's-school']);
    expect(r.p10).toBeLessThanOrEqual(r.p50);
    expect(r.p50).toBeLessThanOrEqual(r.p90);
    expect(r.byRegion.T1!.facilities).toBe(4);
    expect(run.dataVersion).toMatchObject({ facilities: 1, settlements: 1 });
  });

  it('re-running with nothing changed gives the identical result and hash', async () => {
    const first = await getRun(db, 'fund');
    const again = await runScenario(db, 'fund');
    expect(again.id).toBeGreaterThan(first.id);
    expect(again.paramsHash).toBe(first.paramsHash);
    expect(again.dataVersion).toEqual(first.dataVersion);
    expect(canonicalJson(again.result)).toBe(canonicalJson(first.result));
    // The stored effective set is itself a valid scenario: it gives the same hash on its own.
    expect(effective(first.params).hash).toBe(first.paramsHash);
    expect(first.overrides).toEqual(FIBRE_WINS);
  });

  it('a budget that cannot buy the Aqsu trench buys the others; compare names what entered and left', async () => {
    const all = await getRun(db, 'fund');
    const aqsuCost = all.result.trenches.find((t) => t.settlementId === 'v-aqsu')!.costKzt;
    await duplicateScenario(db, 'fund', 'lean');
    await updateScenario(db, 'lean', { budgetKzt: Math.floor(aqsuCost) - 1 });
    const lean = await runScenario(db, 'lean');
    expect(lean.result.chosen).not.toContain('a-school');
    expect(lean.result.totalCostKzt).toBeLessThan(aqsuCost);
    const cmp = await compareScenarios(db, ['fund', 'lean']);
    expect(cmp.sites).toEqual([{ name: 'lean', entered: [], left: expect.arrayContaining(['a-fap', 'a-lib', 'a-school']) }]);
    const t1 = cmp.byRegion.find((x) => x.key === 'T1')!;
    expect(t1.diff[0]!.facilities).toBe(t1.values[1]!.facilities - t1.values[0]!.facilities);
    expect(t1.diff[0]!.facilities).toBeLessThanOrEqual(-3);
    await expect(compareScenarios(db, ['fund'])).rejects.toThrow(/two or more/);
  });

  it('after the data changes, the old run still names the version it came from', async () => {
    const before = await getRun(db, 'fund');
    await db.exec(`UPDATE facility SET students = 400 WHERE id = 'a-school';
                   UPDATE layer_version SET version = version + 1 WHERE layer = 'facilities'`);
    const after = await runScenario(db, 'fund');
    expect(after.dataVersion.facilities).toBe(2);
    expect(after.result.beneficiaries).toBe(before.result.beneficiaries + 220);
    const old = await getRun(db, 'fund', before.id);
    expect(old.dataVersion.facilities).toBe(1);
    expect(canonicalJson(old.result)).toBe(canonicalJson(before.result));
    expect((await listRuns(db, 'fund')).map((r) => r.dataVersion.facilities)).toEqual([2, 1, 1]);
  });

  it('refuses a scenario whose spatial parameters differ from the measured ones', async () => {
    await createScenario(db, { name: 'wide', params: { planning: { spatial: { attachRadiusM: 9000 } } }, budgetKzt: 1 });
    await expect(runScenario(db, 'wide')).rejects.toMatchObject({ code: 'spatial_parameters_differ' });
  });

  it('the PPP view lists settlements without mobile broadband, with fibre present or not', async () => {
    const s = await loadPppSettlements(db, 'en', null);
    expect(s.map((x) => [x.settlementId, x.name, x.population, x.fibrePresent])).toEqual([
      ['v-kok', 'Kokterek', 400, true],
      ['v-shal', 'Shalgai', 200, false],
    ]);
    expect((await loadPppSettlements(db, 'ru', 'T2')).map((x) => x.name)).toEqual(['Шалгай']);
  });
});
