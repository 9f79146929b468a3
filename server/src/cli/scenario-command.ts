// `scenario run NAME --budget 5e9`, callable from other CLIs too: the `plan` CLI hands
// `--scenario NAME --budget 5e9` to runScenarioCommand (one line; see the portfolio report).
import type { Database } from '../db/database.ts';
import { runScenario } from '../portfolio/scenario-run.ts';
import { createScenario, getScenario, ScenarioError, updateScenario } from '../portfolio/scenario-store.ts';

export const money = (x: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 }).format(x);

/** Runs scenario `name` (created with the model defaults when missing) and prints a summary or JSON. */
export async function runScenarioCommand(db: Database, name: string, o: { budget?: number; json?: boolean }): Promise<void> {
  try {
    await getScenario(db, name);
    if (o.budget !== undefined) await updateScenario(db, name, { budgetKzt: o.budget });
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    await createScenario(db, { name, params: {}, budgetKzt: o.budget ?? 0 });
    console.error(`scenario '${name}' did not exist: created with the model defaults`);
  }
  const run = await runScenario(db, name);
  if (o.json) {
    console.log(JSON.stringify({ runId: run.id, paramsHash: run.paramsHash, dataVersion: run.dataVersion, ...run.result }, null, 2));
    return;
  }
  const r = run.result;
  console.log(`scenario ${name}, run ${run.id} (${run.ranAt}), parameters ${run.paramsHash.slice(0, 12)}, data ${JSON.stringify(run.dataVersion)}`);
  console.log(`budget ${money(r.budgetKzt)} KZT → ${r.chosen.length} of ${r.candidates} facilities, cost ${money(r.totalCostKzt)} KZT ` +
    `(P10 ${money(r.p10)} / P50 ${money(r.p50)} / P90 ${money(r.p90)}), ${money(r.beneficiaries)} beneficiaries; connect-all ${money(r.connectAllKzt)} KZT`);
  for (const [k, b] of Object.entries(r.byKind)) console.log(`  ${k}\t${b.facilities} facilities\t${money(b.beneficiaries)} beneficiaries\t${money(b.costKzt)} KZT`);
  console.log(`  ${r.trenches.length} shared trenches, saving ${money(r.trenches.reduce((s, t) => s + t.savingKzt, 0))} KZT against separate drops`);
}
