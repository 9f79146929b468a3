// Streams the features of a GeoJSON FeatureCollection one by one (stream-json), so memory does not
// grow with the file. A syntax error is located by a second, verifying pass (line and column).
import { pipeline } from 'node:stream';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { verifier } from 'stream-json/utils/verifier.js';
import { chainUnchecked } from 'stream-chain';
import { FatalImportError } from './errors.ts';
import type { SourceRecord } from './record.ts';
import { asGzipError, byteStages } from './source-file.ts';

type Token = { name: string; value?: unknown };

export async function* readGeoJson(file: string): AsyncGenerator<SourceRecord> {
  // Watches the top level (depth 1) for "type" while pick/streamArray take the features.
  const top = { first: true, isObject: false, type: undefined as unknown, lastKey: '', depth: 0, sawFeatures: false };
  // A legacy "crs" member (GeoJSON 2008): its names, checked when it closes (RFC 7946 is WGS 84 only).
  const crs = { inside: false, names: [] as string[] };
  const watch = (tok: Token) => {
    if (top.first) {
      top.first = false;
      top.isObject = tok.name === 'startObject';
      if (!top.isObject) throw notCollection(file, 'the file is not a JSON object');
    }
    switch (tok.name) {
      case 'startObject':
      case 'startArray':
        if (top.depth === 1 && top.lastKey === 'crs') crs.inside = true;
        if (top.depth === 1 && top.lastKey === 'features') {
          if (tok.name === 'startObject') throw notCollection(file, '"features" is not an array');
          top.sawFeatures = true;
        }
        top.depth += 1;
        break;
      case 'endObject':
      case 'endArray':
        top.depth -= 1;
        if (crs.inside && top.depth === 1) {
          crs.inside = false;
          const problem = crsProblem(crs.names);
          if (problem) throw new FatalImportError({ code: 'unsupported_crs', file, field: 'crs', reason: problem });
        }
        break;
      case 'keyValue':
        if (top.depth === 1) top.lastKey = tok.value as string;
        break;
      default:
        if (crs.inside && tok.name === 'stringValue') crs.names.push(String(tok.value));
        if (top.depth === 1 && top.lastKey === 'type' && tok.name === 'stringValue') top.type = tok.value;
        if (top.depth === 1 && top.lastKey === 'features') throw notCollection(file, '"features" is not an array');
    }
    return tok;
  };
  const stages = await byteStages(file);
  const features = chainUnchecked([parser({ streamValues: false }), watch, pick({ filter: 'features' }), streamArray()]);
  const out = pipeline([...stages, features], () => {});
  try {
    for await (const item of out as unknown as AsyncIterable<{ key: number; value: unknown }>) {
      if (top.type !== undefined && top.type !== 'FeatureCollection') {
        throw notCollection(file, `"type" is ${JSON.stringify(top.type)}, expected "FeatureCollection"`);
      }
      yield toRecord(item.key + 1, item.value);
    }
  } catch (err) {
    throw await explain(file, err);
  }
  if (!top.isObject) throw notCollection(file, 'the file is empty');
  if (top.type !== 'FeatureCollection') {
    throw notCollection(file, top.type === undefined ? 'no "type": "FeatureCollection" member' : `"type" is ${JSON.stringify(top.type)}, expected "FeatureCollection"`);
  }
  if (!top.sawFeatures) throw notCollection(file, 'no "features" array');
}

function toRecord(index: number, value: unknown): SourceRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { index, problem: { code: 'invalid_feature', field: 'feature', reason: 'a feature must be a JSON object' } };
  }
  const f = value as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
  if (f.type !== 'Feature') {
    return { index, problem: { code: 'invalid_feature', field: 'type', reason: `"type" is ${JSON.stringify(f.type)}, expected "Feature"` } };
  }
  const props = f.properties;
  if (props !== null && props !== undefined && (typeof props !== 'object' || Array.isArray(props))) {
    return { index, problem: { code: 'invalid_feature', field: 'properties', reason: 'properties must be an object or null' } };
  }
  return {
    index,
    featureId: typeof f.id === 'string' || typeof f.id === 'number' ? f.id : undefined,
    properties: (props ?? {}) as Record<string, unknown>,
    geometry: { kind: 'geojson', value: f.geometry },
  };
}

/** Why a legacy "crs" member cannot be imported, or undefined when it names WGS 84 lon/lat. */
export function crsProblem(names: string[]): string | undefined {
  const named = names.filter((n) => /epsg|crs|urn:|^https?:/i.test(n));
  const wgs84 = (n: string) => /CRS84$/i.test(n) || /EPSG(::?|\/0\/)4326$/i.test(n);
  const other = named.find((n) => !wgs84(n));
  if (!other) return undefined;
  const epsg = /EPSG(?:::?|\/0\/)(\d+)/i.exec(other);
  return `the file's "crs" names ${epsg ? `EPSG:${epsg[1]}` : JSON.stringify(other)}; GeoJSON must be WGS 84 longitude/latitude ` +
    '(EPSG:4326, RFC 7946): reproject it first, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson';
}

function notCollection(file: string, reason: string): FatalImportError {
  return new FatalImportError({ code: 'not_feature_collection', file, reason: `not a GeoJSON FeatureCollection: ${reason}` });
}

/** Maps stream failures to import errors; a JSON syntax error gets its line and column from the verifier. */
async function explain(file: string, err: unknown): Promise<unknown> {
  if (err instanceof FatalImportError) return err;
  const gz = asGzipError(file, err);
  if (gz) return gz;
  const message = (err as Error)?.message ?? String(err);
  if (/^Parser /.test(message) || /JSON|Top-level object should be an array/.test(message)) {
    if (/Top-level object should be an array/.test(message)) return notCollection(file, '"features" is not an array');
    const where = await locateSyntaxError(file);
    return new FatalImportError({
      code: 'invalid_json',
      file,
      line: where?.line,
      column: where?.pos,
      reason: `invalid JSON: ${where?.message ?? message.replace(/^Parser cannot parse input: /, '')}`,
    });
  }
  return err;
}

async function locateSyntaxError(file: string): Promise<{ line: number; pos: number; message: string } | undefined> {
  const stages = await byteStages(file, { checkUtf8: false });
  return new Promise((resolve) => {
    const v = verifier.asStream();
    pipeline([...stages, v], (e) => {
      const ve = e as (Error & { line?: number; pos?: number }) | null | undefined;
      if (ve && ve.line !== undefined && ve.pos !== undefined) {
        resolve({ line: ve.line, pos: ve.pos, message: ve.message.replace(/^ERROR at \d+ \(\d+, \d+\): /, '') });
      } else resolve(undefined);
    });
    v.resume();
  });
}
