// `npm run bench [-- name …]`: runs every benchmark script in scripts/bench/ (or the named ones) one
// after another — never in parallel, they would measure each other — and lists the result files.
// Each script prints its figures and writes bench/results/<name>.json; ratios are taken against a
// baseline measured in the same run, because these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
const chosen = wanted.length ? wanted : all;
let failed = 0;
for (const name of chosen) {
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`)], { stdio: 'inherit' });
  console.log(`=== ${name}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed++;
}
console.log(`\nresults: ${path.relative(process.cwd(), path.join(here, '../../bench/results'))}/`);
process.exit(failed ? 1 : 0);
