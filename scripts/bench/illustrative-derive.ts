// Times each phase of the illustrative derivation on the bundled data (`npm run bench -- illustrative-derive`)
// and writes bench/results/illustrative-derive.json. Reading the inputs is the baseline of the run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { deriveCoverage, siteFor, type Site } from '../illustrative/coverage.ts';
import { deriveAll, DEFAULT_SEED } from '../illustrative/derive.ts';
import { parseFacilityCounts, parseRailways, parseSettlements } from '../illustrative/inputs.ts';
import { renderOutputs } from '../illustrative/serialize.ts';

const geodata = new URL('../../geodata/', import.meta.url);
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, Math.round(performance.now() - t)];
};
const readGz = (name: string) => JSON.parse(gunzipSync(readFileSync(new URL(name, geodata))).toString('utf8'));

const [input, readMs] = time(() => ({
  settlements: parseSettlements(readGz('kz_settlements.geojson.gz')),
  railways: parseRailways(readGz('kz_railways.geojson.gz')),
  counts: parseFacilityCounts(readFileSync(new URL('kz_facility_counts_by_oblast_2022.csv', geodata), 'utf8')),
  seed: DEFAULT_SEED,
}));
const [out, withoutCoverageMs] = time(() => deriveAll({ ...input, withCoverage: false }));
const sites = out.settlements.map((s) => siteFor(s, DEFAULT_SEED)).filter((s): s is Site => s !== null);
const [coverage, coverageMs] = time(() => deriveCoverage(sites));
const [files, renderMs] = time(() => renderOutputs({ ...out, coverage }));

const figures = {
  settlements: input.settlements.length, facilities: out.facilities.length, routes: out.fibre.routes.length,
  coverageSites: sites.length, coveragePolygons: coverage.length,
  readMs, deriveWithoutCoverageMs: withoutCoverageMs, coverageUnionMs: coverageMs, renderAndGzipMs: renderMs,
  coverageVsReadRatio: Math.round((coverageMs / readMs) * 10) / 10,
  bytes: Object.fromEntries([...files].map(([k, v]) => [k, v.length])),
};
console.log(figures);
mkdirSync(new URL('../../bench/results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../../bench/results/illustrative-derive.json', import.meta.url), JSON.stringify(figures, null, 2) + '\n');
