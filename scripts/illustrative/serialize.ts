// Output files as bytes: fixed key order, fixed number formatting, and gzip without a timestamp
// (Node's zlib writes mtime 0), so a regeneration is byte-identical.
import { gzipSync } from 'node:zlib';
import type { DeriveOutput } from './derive.ts';

export const OUTPUT_FILES = {
  estimates: 'estimated_settlement_population.csv',
  hubs: 'illustrative_hub_settlements.csv',
  facilities: 'illustrative_facilities.geojson.gz',
  routes: 'illustrative_fibre_routes.geojson.gz',
  pops: 'illustrative_fibre_pops.geojson.gz',
  coverage: 'illustrative_mobile_coverage.geojson.gz',
} as const;

interface OutFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** One feature per line: small diffs in git history, and still a valid GeoJSON document. */
export function featureCollectionText(name: string, features: readonly OutFeature[]): string {
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  return `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n${body}\n]}\n`;
}

export function gzip(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
}

export function renderOutputs(out: DeriveOutput): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const csv = (header: string, rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n', 'utf8');

  files.set(OUTPUT_FILES.estimates, csv('settlement_id,population,method', out.estimates.map((e) => `${e.settlementId},${e.population},${e.method}`)));
  files.set(OUTPUT_FILES.hubs, csv('settlement_id,rule', out.hubs.map((h) => `${h.settlementId},${h.rule}`)));

  files.set(OUTPUT_FILES.facilities, gzip(featureCollectionText('illustrative_facilities', out.facilities.map((f) => ({
    type: 'Feature',
    properties: {
      id: f.id, kind: f.kind, subkind: f.subkind, name: f.name, name_ru: f.name_ru, name_kk: f.name_kk, name_en: f.name_en,
      settlement_id: f.settlement_id, students: f.students, staff: f.staff, population_served: f.population_served,
      connection: f.connection, measured_mbps: f.measured_mbps,
    },
    geometry: { type: 'Point', coordinates: f.at },
  })))));

  files.set(OUTPUT_FILES.routes, gzip(featureCollectionText('illustrative_fibre_routes', out.fibre.routes.map((r) => ({
    type: 'Feature',
    properties: { id: r.id, operator: r.operator, status: r.status, year: r.year, programme: r.programme },
    geometry: r.lines.length === 1 ? { type: 'LineString', coordinates: r.lines[0] } : { type: 'MultiLineString', coordinates: r.lines },
  })))));

  files.set(OUTPUT_FILES.pops, gzip(featureCollectionText('illustrative_fibre_pops', out.fibre.pops.map((p) => ({
    type: 'Feature',
    properties: { id: p.id, operator: p.operator, kind: p.kind, settlement_id: p.settlement_id },
    geometry: { type: 'Point', coordinates: p.at },
  })))));

  files.set(OUTPUT_FILES.coverage, gzip(featureCollectionText('illustrative_mobile_coverage', out.coverage.map((c) => ({
    type: 'Feature',
    properties: { id: c.id, operator: c.operator, technology: c.technology },
    geometry: c.geometry,
  })))));
  return files;
}
