// Scenarios from the command line: `npm run scenario -- run NAME --budget 5e9` and friends.
// Uses the configured database (DATABASE_URL, else the embedded one in DATA_DIR).
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { scenarioCsv, scenarioGeoJson } from '../portfolio/export.ts';
import { effective } from '../portfolio/model.ts';
import { renderReportHtml } from '../portfolio/report-html.ts';
import { regionNames } from '../portfolio/region-names.ts';
import { isLang } from '../portfolio/report-labels.ts';
import { compareScenarios } from '../portfolio/scenario-run.ts';
import { createScenario, deleteScenario, duplicateScenario, getRun, listScenarios } from '../portfolio/scenario-store.ts';
import { money, runScenarioCommand } from './scenario-command.ts';
import { withConfiguredDatabase } from './with-database.ts';

function budget(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`budget '${v}' is not a non-negative number of KZT (e.g. 5e9)`);
  return n;
}

/** --set fibre.perKmUsd=12000 → { fibre: { perKmUsd: 12000 } } (a value is JSON when it parses, else text). */
function setOption(v: string, acc: Record<string, unknown>): Record<string, unknown> {
  const eq = v.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError(`--set '${v}': expected key.path=value`);
  const keys = v.slice(0, eq).split('.');
  let value: unknown = v.slice(eq + 1);
  try {
    value = JSON.parse(value as string);
  } catch { /* plain text */ }
  let node = acc;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return acc;
}

/** A scenario file: what a scenario stores, plus the sources of its figures (documentation only). */
function readScenarioFile(file: string): { description: string | null; budgetKzt: number; params: { planning?: Record<string, unknown> } & Record<string, unknown> } {
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const params = (j.params ?? {}) as { planning?: Record<string, unknown> } & Record<string, unknown>;
  if (typeof j.budgetKzt !== 'number') throw new InvalidArgumentError(`${file}: budgetKzt must be a number of KZT`);
  return { description: typeof j.description === 'string' ? j.description : null, budgetKzt: j.budgetKzt, params };
}

const program = new Command('scenario').description('Named, saved portfolio scenarios: run, compare, report');

program.command('list').description('list scenarios and their latest run').action(() => withConfiguredDatabase(async (db) => {
  for (const s of await listScenarios(db)) {
    const r = s.latestRun;
    console.log(`${s.name}\tbudget ${money(s.budgetKzt)} KZT\t${r ? `last run ${r.ranAt}: ${money(r.totalCostKzt ?? 0)} KZT, ${money(r.beneficiaries ?? 0)} beneficiaries` : 'never run'}`);
  }
}));

program.command('create <name>').description('save a scenario')
  .option('--file <scenario.json>', 'a scenario file (e.g. server/src/portfolio/scenarios/kazakhstan.json): description, budgetKzt, params; its "sources" are documentation')
  .option('--budget <kzt>', 'budget in KZT (required without --file)', budget)
  .option('--set <key=value>', 'override a planning parameter, e.g. fibre.perKmUsd=12000 (repeatable)', setOption, {})
  .option('--seed <n>', 'Monte Carlo seed', Number).option('--draws <n>', 'Monte Carlo draws', Number)
  .option('--description <text>')
  .action((name: string, o: { file?: string; budget?: number; set: Record<string, unknown>; seed?: number; draws?: number; description?: string }) => withConfiguredDatabase(async (db) => {
    const file = o.file ? readScenarioFile(o.file) : null;
    const planning = { ...(file?.params.planning ?? {}), ...o.set };
    const params = { ...(file?.params ?? {}), planning, ...(o.seed !== undefined && { seed: o.seed }), ...(o.draws !== undefined && { draws: o.draws }) };
    const budgetKzt = o.budget ?? file?.budgetKzt;
    if (budgetKzt === undefined) throw new InvalidArgumentError('--budget is required without --file');
    effective(params);
    await createScenario(db, { name, description: o.description ?? file?.description ?? null, params, budgetKzt });
    console.log(`scenario '${name}' saved`);
  }));

program.command('run <name>').description('run a scenario (created with the model defaults if it does not exist)')
  .option('--budget <kzt>', 'budget in KZT for this run (saved as the scenario budget)', budget)
  .option('--json', 'print the whole result as JSON')
  .action((name: string, o: { budget?: number; json?: boolean }) => withConfiguredDatabase((db) => runScenarioCommand(db, name, o)));

program.command('compare <names...>').description('compare the latest runs of two or more scenarios (the first is the baseline)')
  .action((names: string[]) => withConfiguredDatabase(async (db) => console.log(JSON.stringify(await compareScenarios(db, names), null, 2))));

program.command('duplicate <name> <newName>').action((name: string, newName: string) => withConfiguredDatabase(async (db) => {
  await duplicateScenario(db, name, newName);
  console.log(`scenario '${name}' copied to '${newName}'`);
}));

program.command('delete <name>').action((name: string) => withConfiguredDatabase(async (db) => {
  await deleteScenario(db, name);
  console.log(`scenario '${name}' deleted`);
}));

program.command('report <name>').description('write the latest run as html, csv or geojson')
  .option('--format <f>', 'html | csv | geojson', 'html').option('--lang <l>', 'ru | kk | en', 'ru').option('--out <file>', 'file to write (default: stdout)')
  .action((name: string, o: { format: string; lang: string; out?: string }) => withConfiguredDatabase(async (db) => {
    if (!isLang(o.lang)) throw new InvalidArgumentError(`--lang '${o.lang}': use ru, kk or en`);
    const run = await getRun(db, name);
    const text = o.format === 'csv' ? scenarioCsv(run, { lang: o.lang, regionNames: await regionNames(db, o.lang) })
      : o.format === 'geojson' ? JSON.stringify(scenarioGeoJson(run))
      : o.format === 'html' ? renderReportHtml(run, o.lang, await regionNames(db, o.lang))
      : (() => { throw new InvalidArgumentError(`--format '${o.format}': use html, csv or geojson`); })();
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
  }));

program.parseAsync().catch((err: Error & { code?: string }) => {
  console.error(`scenario: ${err.code ? `${err.code}: ` : ''}${err.message}`);
  process.exit(1);
});
