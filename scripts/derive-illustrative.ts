// `npm run derive`: reads the real layers in geodata/, derives the estimated and illustrative ones
// (rules in scripts/illustrative/), writes them beside the inputs and prints a summary.
// Usage: tsx scripts/derive-illustrative.ts [--seed N] [--out DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { DEFAULT_SEED, deriveAll } from './illustrative/derive.ts';
import { parseFacilityCounts, parseRailways, parseSettlements } from './illustrative/inputs.ts';
import { renderOutputs } from './illustrative/serialize.ts';
import { summaryLines } from './illustrative/summary.ts';

const program = new Command()
  .option('--seed <n>', 'seed of every random choice', String(DEFAULT_SEED))
  .option('--geodata <dir>', 'folder with the real inputs', 'geodata')
  .option('--out <dir>', 'folder to write the derived files to (default: the inputs folder)')
  .parse();
const opts = program.opts<{ seed: string; geodata: string; out?: string }>();
const seed = Number(opts.seed);
if (!Number.isSafeInteger(seed)) throw new Error(`while reading --seed: '${opts.seed}' is not an integer`);
const geodata = resolve(opts.geodata);
const outDir = resolve(opts.out ?? geodata);

const readGz = (name: string) => JSON.parse(gunzipSync(readFileSync(join(geodata, name))).toString('utf8'));

const started = performance.now();
const out = deriveAll({
  settlements: parseSettlements(readGz('kz_settlements.geojson.gz')),
  railways: parseRailways(readGz('kz_railways.geojson.gz')),
  counts: parseFacilityCounts(readFileSync(join(geodata, 'kz_facility_counts_by_oblast_2022.csv'), 'utf8')),
  seed,
});
for (const [name, bytes] of renderOutputs(out)) {
  writeFileSync(join(outDir, name), bytes);
  console.log(`wrote ${join(outDir, name)} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}
for (const line of summaryLines(out)) console.log(line);
console.log(`seed ${seed}; derived in ${((performance.now() - started) / 1000).toFixed(1)} s`);
