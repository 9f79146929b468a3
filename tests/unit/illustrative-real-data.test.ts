// The calibration on the bundled real data: official totals per oblast are met exactly, and the
// committed derived files agree with the inputs they came from.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateHospitals, allocateSchools } from '../../scripts/illustrative/facilities.ts';
import { deriveAll, DEFAULT_SEED } from '../../scripts/illustrative/derive.ts';
import { chooseHubs } from '../../scripts/illustrative/hubs.ts';
import { parseFacilityCounts, parseRailways, parseSettlements } from '../../scripts/illustrative/inputs.ts';
import { estimatePopulations } from '../../scripts/illustrative/population.ts';
import { OUTPUT_FILES, renderOutputs } from '../../scripts/illustrative/serialize.ts';
import type { Settlement } from '../../scripts/illustrative/types.ts';

const geodata = new URL('../../geodata/', import.meta.url);
const readGz = (name: string) => JSON.parse(gunzipSync(readFileSync(new URL(name, geodata))).toString('utf8'));
const csvText = readFileSync(new URL('kz_facility_counts_by_oblast_2022.csv', geodata), 'utf8');
const counts = parseFacilityCounts(csvText);
const inputs = parseSettlements(readGz('kz_settlements.geojson.gz'));
const estimates = estimatePopulations(inputs);
const estimated = new Map(estimates.map((e) => [e.settlementId, e.population]));
const settlements: Settlement[] = inputs.map((s) => ({
  ...s, pop: s.population ?? estimated.get(s.id)!, popEstimated: s.population === null, isHub: false,
}));
const sum = (m: Iterable<number>) => [...m].reduce((a, b) => a + b, 0);

describe('illustrative layers on the real data', () => {
  it('reads 20 oblasts with 7,687 schools and 818 hospital organisations', () => {
    expect(counts.schools.size).toBe(20);
    expect(sum(counts.schools.values())).toBe(7687);
    expect(sum(counts.hospitals.values())).toBe(818);
  });

  it('allocates exactly the official number of schools and hospitals in every oblast', () => {
    for (const [pcode, total] of counts.schools) {
      const oblast = settlements.filter((s) => s.adm1 === pcode);
      expect(sum(allocateSchools(oblast, total).values()), `schools in ${pcode}`).toBe(total);
      expect(sum(allocateHospitals(oblast, counts.hospitals.get(pcode)!).values()), `hospitals in ${pcode}`).toBe(counts.hospitals.get(pcode));
    }
  });

  it('estimates every untagged settlement and no tagged one', () => {
    expect(estimates.length).toBe(inputs.filter((s) => s.population === null).length);
    expect(estimates.length).toBe(9492 - 3400);
  });

  it('marks at most one hub per district', () => {
    const hubs = chooseHubs(inputs, (s) => ({ pop: s.population ?? estimated.get(s.id)!, estimated: s.population === null }));
    const districts = hubs.map((h) => inputs.find((s) => s.id === h.settlementId)!.adm2);
    expect(new Set(districts).size).toBe(hubs.length);
    expect(hubs.length).toBeGreaterThan(150);
  });

  it('has committed facilities whose school totals per oblast equal the official counts', () => {
    const facilities = readGz('illustrative_facilities.geojson.gz').features as { properties: Record<string, unknown> }[];
    const oblastOf = new Map(inputs.map((s) => [s.id, s.adm1]));
    const perOblast = new Map<string, number>();
    for (const f of facilities) {
      if (f.properties['kind'] !== 'school') continue;
      const o = oblastOf.get(f.properties['settlement_id'] as string);
      expect(o, `settlement of ${String(f.properties['id'])}`).toBeDefined();
      perOblast.set(o!, (perOblast.get(o!) ?? 0) + 1);
    }
    expect(Object.fromEntries(perOblast)).toEqual(Object.fromEntries(counts.schools));
  });

  it('reads only operational railways for the backbone', () => {
    const all = readGz('kz_railways.geojson.gz').features.length;
    const operational = parseRailways(readGz('kz_railways.geojson.gz'));
    expect(all).toBe(1231);
    expect(operational.length).toBe(1231 - 23); // 23 lines are under construction
  });
});

describe('the committed derived files', () => {
  // Everything but the coverage union (20 s of polygon clipping) is re-derived in about a second.
  let fresh: Map<string, Buffer>;
  beforeAll(() => {
    fresh = renderOutputs(deriveAll({
      settlements: inputs, railways: parseRailways(readGz('kz_railways.geojson.gz')), counts, seed: DEFAULT_SEED, withCoverage: false,
    }));
  });
  it.each([OUTPUT_FILES.estimates, OUTPUT_FILES.hubs, OUTPUT_FILES.facilities, OUTPUT_FILES.routes, OUTPUT_FILES.pops])(
    '%s is what the rules give today (else run npm run derive and commit)',
    (name) => {
      // gzip streams are compared by content: another zlib build may compress the same text differently
      const text = (b: Buffer) => (name.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8');
      expect(text(readFileSync(new URL(name, geodata))) === text(fresh.get(name)!)).toBe(true);
    },
  );
});

describe('reading the official counts', () => {
  it('fails loudly on an oblast name that is not mapped to a P-code', () => {
    const bad = csvText.replace('Abai Region', 'Abay oblysy');
    expect(() => parseFacilityCounts(bad)).toThrow(/row 2, field oblast_en: 'Abay oblysy' is not mapped/);
  });

  it('fails on a count that is not a whole number and on a repeated oblast', () => {
    expect(() => parseFacilityCounts(csvText.replace('Akmola Region,559', 'Akmola Region,5x9'))).toThrow(/row 3, field schools_2022/);
    const repeated = csvText.trimEnd() + '\nАбай,Abai Region,1,1\n';
    expect(() => parseFacilityCounts(repeated)).toThrow(/row 22: oblast 'Abai Region' \(KZ10\) appears twice/);
  });
});
