// `npm run plan`: recompute the gap engine on the configured database, with a progress bar.
//   --full            re-measure everything, even what is up to date
//   --params <file>   a JSON parameter set (overrides of the defaults) to plan with
//   --scenario <name> then run that saved scenario (portfolio under its budget), and
//   --budget <kzt>    set the scenario's budget first (e.g. 5e9)
//   --report          print the plan's technology mix, lit-village share and top 20 (markdown)
//   --sensitivity     for every ranged figure, how many facilities change technology at each end;
//   --facility <id>   with --sensitivity: that facility's break-even values too
//   --json <file>     also write the report / sensitivity as JSON
import { readFileSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadBundledData } from '../data/bundled.ts';
import { activeParameters } from '../planning/active-parameters.ts';
import { parseParameters } from '../planning/parameters.ts';
import { recompute } from '../planning/recompute.ts';
import { facilityInputs } from '../planning/input-cache.ts';
import { planSummary, planSummaryMarkdown } from '../planning/plan-summary.ts';
import { sensitivity, sensitivityMarkdown } from '../planning/sensitivity.ts';

const program = new Command()
  .name('plan')
  .description('Recompute per-facility measures, costs, scores and ranks')
  .option('--full', 're-measure everything', false)
  .option('--params <file>', 'JSON file with parameter overrides')
  .option('--scenario <name>', 'after the recompute, run this saved scenario (see npm run scenario)')
  .option('--budget <kzt>', 'with --scenario: the budget in tenge, e.g. 5e9')
  .option('--report', "print the plan's technology mix, lit-village share and top 20", false)
  .option('--sensitivity', 'how many facilities change technology at the ends of each range', false)
  .option('--facility <id>', "with --sensitivity: this facility's break-even values")
  .option('--json <file>', 'also write the report or sensitivity as JSON')
  .parse();
const opts = program.opts<{ full: boolean; params?: string; scenario?: string; budget?: string; report: boolean; sensitivity: boolean; facility?: string; json?: string }>();
const budget = opts.budget === undefined ? undefined : Number(opts.budget);
if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0)) {
  console.error(`--budget must be a non-negative number of tenge, e.g. 5e9 (got ${opts.budget})`);
  process.exit(2);
}
if (budget !== undefined && !opts.scenario) {
  console.error('--budget needs --scenario NAME');
  process.exit(2);
}

const config = loadConfig();
const db = await openConfiguredDatabase(config);
try {
  await migrate(db);
  // Like the server: an empty database gets the bundled Kazakhstan data first (skipped when present).
  if (config.loadBundledData) {
    const loaded = await loadBundledData(db);
    if (loaded.status === 'loaded') console.log(`loaded the bundled data in ${loaded.totalMs} ms`);
  }
  const params = opts.params ? parseParameters(JSON.parse(readFileSync(opts.params, 'utf8'))) : await activeParameters(db);
  const bar = new cliProgress.SingleBar(
    { format: '{stage} |{bar}| {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let stage = '';
  const report = await recompute(db, params, {
    full: opts.full,
    progress: (s, done, total) => {
      if (s !== stage) {
        if (stage) bar.stop();
        stage = s;
        bar.start(total, done, { stage: s.padEnd(32) });
      } else bar.update(done, { stage: s.padEnd(32) });
    },
  });
  if (stage) bar.stop();
  console.log(
    `planned ${report.facilities} facilities (${report.ranked} ranked, ${report.orphans} orphans; ` +
      `measures: ${report.spatial}, ${report.measured} measured; costs: ${report.costs}) in ${report.durationMs} ms ` +
      `[backend ${db.backend}, parameters ${report.parameterHash}]`,
  );
  const out: Record<string, unknown> = {};
  if (opts.report) {
    const summary = await planSummary(db);
    console.log(planSummaryMarkdown(summary));
    out.report = summary;
  }
  if (opts.sensitivity) {
    const started = performance.now();
    const report = sensitivity((await facilityInputs(db)).inputs, params, opts.facility);
    console.log(sensitivityMarkdown(report));
    console.log(`(sensitivity over ${report.planned} facilities in ${Math.round(performance.now() - started)} ms)`);
    out.sensitivity = report;
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(out, null, 2));
  if (opts.scenario) {
    const { runScenarioCommand } = await import('./scenario-command.ts');
    await runScenarioCommand(db, opts.scenario, { budget });
  }
} catch (err) {
  console.error('plan failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
