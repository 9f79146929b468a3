// Proof that the import streams: generate a large GeoJSON file of road lines (default 256 MiB; the
// recorded proof also ran --mb 1024), import it for real, and record the peak RSS of this process.
// Memory must stay flat as the file grows. `npm run bench -- import-memory` or
// `node --import tsx scripts/bench/import-memory.ts --mb 1024 --backend postgres`.
// Writes bench/results/import.json (section "memory", one entry per backend and size).
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/src/config.ts';
import { importLayer } from '../../server/src/data/import/import-layer.ts';
import { openDatabase } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createServerDatabase } from '../../tests/support/db.ts';
import { RESULTS_FILE, writeResults } from './_import-results.ts';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '256' }, backend: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const targetBytes = Number(values.mb) * 1024 * 1024;
const url = loadConfig().databaseUrl;
const backend = values.backend ?? (url ? 'postgres' : 'embedded');
const tmp = fileURLToPath(new URL('../../bench/tmp/', import.meta.url));
mkdirSync(tmp, { recursive: true });
const file = path.join(tmp, `large-roads-${values.mb}mb.geojson`);

/** Lines of 100 positions across Kazakhstan (~2.6 KB per feature). */
async function generate(): Promise<number> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('{"type":"FeatureCollection","features":[\n');
  let bytes = 0;
  let i = 0;
  while (bytes < targetBytes) {
    const x0 = 50 + (i % 3500) / 100;
    const y0 = 42 + (Math.floor(i / 3500) % 24) / 2;
    const coords = Array.from({ length: 100 }, (_, k) => [+(x0 + k * 0.001).toFixed(6), +(y0 + Math.sin(k / 7) * 0.01).toFixed(6)]);
    const s = (i ? ',\n' : '') + JSON.stringify({ type: 'Feature', id: `L-${i}`, properties: { road_class: 'track', n: i }, geometry: { type: 'LineString', coordinates: coords } });
    bytes += s.length;
    i += 1;
    await write(s);
  }
  await write('\n]}\n');
  await new Promise<void>((r) => out.end(() => r()));
  return i;
}

if (!existsSync(file)) {
  const t = Date.now();
  const n = await generate();
  console.log(`generated ${file}: ${n} features, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
const size = statSync(file).size;

let db;
let drop = async () => {};
const pgliteDir = path.join(tmp, 'pglite-memory');
if (backend === 'postgres') {
  if (!url) throw new Error('--backend postgres needs DATABASE_URL');
  const created = await createServerDatabase(url);
  drop = created.drop;
  db = await openDatabase({ databaseUrl: created.url });
} else {
  rmSync(pgliteDir, { recursive: true, force: true });
  db = await openDatabase({ dataDir: pgliteDir });
  drop = async () => rmSync(pgliteDir, { recursive: true, force: true });
}
await migrate(db);
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
let peakHeap = 0;
const sample = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);
const started = Date.now();
const report = await importLayer(db, { layer: 'roads', file, onProgress: (p) => p.read % 50_000 === 0 && console.log(`  ${p.read} features`) });
clearInterval(sample);
const seconds = (Date.now() - started) / 1000;
await db.close();
await drop();
if (!values.keep) rmSync(file, { force: true });
if (report.errorCount) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);

const entry = {
  backend,
  fileMiB: Math.round(size / 2 ** 20),
  features: report.read,
  seconds: Math.round(seconds),
  MiBPerSecond: +(size / 2 ** 20 / seconds).toFixed(1),
  baselineRssMiB: Math.round(baseline / 2 ** 20),
  peakRssMiB: Math.round(peak / 2 ** 20),
  peakHeapMiB: Math.round(peakHeap / 2 ** 20),
  measuredAt: new Date().toISOString(),
};
console.log(entry);
const previous = existsSync(RESULTS_FILE) ? ((JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { memory?: typeof entry[] }).memory ?? []) : [];
writeResults('memory', [...previous.filter((e) => !(e.backend === entry.backend && e.fileMiB === entry.fileMiB)), entry].sort((a, b) => a.backend.localeCompare(b.backend) || a.fileMiB - b.fileMiB));
