// The same scenario on embedded PGlite and on the PostgreSQL server gives the same result, to the
// last digit (JSON compared as text). Runs when DATABASE_URL names a server, as .ci/run does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../server/src/portfolio/model.ts';
import { pppView, DEFAULT_PPP } from '../../server/src/portfolio/ppp.ts';
import { loadPppSettlements } from '../../server/src/portfolio/ppp-source.ts';
import { runScenario } from '../../server/src/portfolio/scenario-run.ts';
import { createScenario } from '../../server/src/portfolio/scenario-store.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { FIBRE_WINS, insertPortfolioFixture } from './portfolio-fixture.ts';

describe.runIf(serverUrl)('portfolio parity of the embedded and the server backend', () => {
  let embedded: TestDatabase;
  let server: TestDatabase;
  beforeAll(async () => {
    embedded = await openTestDatabase({ backend: 'embedded' });
    server = await openTestDatabase({ backend: 'postgres' });
    for (const db of [embedded, server]) {
      await insertPortfolioFixture(db);
      await createScenario(db, { name: 'fund', params: FIBRE_WINS, budgetKzt: 1e12 });
      // Enough for Aqsu's trench (≈ 30,000 USD over 10 years), not for everything.
      await createScenario(db, { name: 'lean', params: FIBRE_WINS, budgetKzt: 2e7 });
    }
  });
  afterAll(async () => {
    await embedded?.close();
    await server?.close();
  });

  it.each(['fund', 'lean'])('scenario %s: identical results, hash and data version', async (name) => {
    const a = await runScenario(embedded, name);
    const b = await runScenario(server, name);
    expect(b.paramsHash).toBe(a.paramsHash);
    expect(b.dataVersion).toEqual(a.dataVersion);
    expect(canonicalJson(b.result)).toBe(canonicalJson(a.result));
    expect(a.result.trenches.length).toBeGreaterThan(0);
  });

  it('the PPP view: identical cases', async () => {
    const a = pppView(await loadPppSettlements(embedded, 'ru', null), DEFAULT_PPP);
    const b = pppView(await loadPppSettlements(server, 'ru', null), DEFAULT_PPP);
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });
});
