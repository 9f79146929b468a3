// Streams the rows of a CSV file (csv-parse) as records with a geometry from lon/lat columns or a
// WKT column. The delimiter (, ; tab) is taken from the header unless given; a row with the wrong number of
// cells is reported and skipped, not fatal.
import { pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { FatalImportError } from './errors.ts';
import type { SourceRecord } from './record.ts';
import { asGzipError, byteStages, detectDelimiter, peekFirstLine } from './source-file.ts';
import { parseNumber } from './values.ts';

export type CsvOptions = {
  delimiter?: string | undefined;
  lonColumn?: string | undefined;
  latColumn?: string | undefined;
  wktColumn?: string | undefined;
};

const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom', 'shape'];
const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x'];
const LAT_NAMES = ['lat', 'latitude', 'y'];

type GeometryColumns = { wkt: number } | { lon: number; lat: number };

export function findGeometryColumns(header: string[], o: CsvOptions): GeometryColumns | { missing: string } {
  const lower = header.map((h) => h.trim().toLowerCase());
  const find = (given: string | undefined, names: string[]) => {
    if (given !== undefined) return header.indexOf(given);
    return lower.findIndex((h) => names.includes(h));
  };
  if (o.wktColumn !== undefined || (o.lonColumn === undefined && o.latColumn === undefined)) {
    const wkt = find(o.wktColumn, WKT_NAMES);
    if (wkt >= 0) return { wkt };
    if (o.wktColumn !== undefined) return { missing: `no column "${o.wktColumn}" (the WKT column)` };
  }
  const lon = find(o.lonColumn, LON_NAMES);
  const lat = find(o.latColumn, LAT_NAMES);
  if (lon >= 0 && lat >= 0) return { lon, lat };
  if (o.lonColumn !== undefined && lon < 0) return { missing: `no column "${o.lonColumn}" (the longitude column)` };
  if (o.latColumn !== undefined && lat < 0) return { missing: `no column "${o.latColumn}" (the latitude column)` };
  return {
    missing: `no geometry columns: name them with --lon-column/--lat-column or --wkt-column (header: ${header.join(', ')})`,
  };
}

export async function* readCsv(file: string, options: CsvOptions = {}): AsyncGenerator<SourceRecord> {
  const delimiter = options.delimiter ?? detectDelimiter(await peekFirstLine(file));
  // Excel in ru/kk locales writes "71,4" in ;-separated files.
  const decimalComma = delimiter !== ',';
  const stages = await byteStages(file);
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    delimiter,
  });
  const out = pipeline([...stages, parser], () => {});
  let header: string[] | undefined;
  let geometry: GeometryColumns | undefined;
  let geometryIndexes = new Set<number>();
  let index = 0;
  try {
    for await (const item of out as unknown as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (!header) {
        header = record.map((h) => h.trim());
        const dup = header.find((h, i) => header!.indexOf(h) !== i);
        if (dup !== undefined) {
          throw new FatalImportError({ code: 'csv_syntax', file, line: info.lines, reason: `column "${dup}" appears twice in the header` });
        }
        const found = findGeometryColumns(header, options);
        if ('missing' in found) throw new FatalImportError({ code: 'missing_column', file, line: info.lines, reason: found.missing });
        geometry = found;
        geometryIndexes = new Set('wkt' in found ? [found.wkt] : [found.lon, found.lat]);
        continue;
      }
      index += 1;
      // info.lines is the line where the record ends; a quoted newline spans lines.
      const line = info.lines;
      if (record.length !== header.length) {
        yield {
          index,
          line,
          problem: { code: 'csv_column_count', field: 'row', reason: `has ${record.length} cells, the header has ${header.length}` },
        };
        continue;
      }
      // Geometry columns become the geometry, not properties.
      const properties: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) if (!geometryIndexes.has(i)) properties[header[i]!] = record[i];
      yield { index, line, properties, ...toGeometry(record, header, geometry!, decimalComma) };
    }
  } catch (err) {
    if (err instanceof FatalImportError) throw err;
    const gz = asGzipError(file, err);
    if (gz) throw gz;
    if (err instanceof CsvError) {
      const line = typeof err.lines === 'number' ? err.lines : undefined;
      throw new FatalImportError({ code: 'csv_syntax', file, line, reason: `CSV syntax: ${err.message}` });
    }
    throw err;
  }
  if (!header) throw new FatalImportError({ code: 'csv_syntax', file, reason: 'the file is empty (no header row)' });
}

function toGeometry(record: string[], header: string[], g: GeometryColumns, decimalComma: boolean): Pick<SourceRecord, 'geometry' | 'problem'> {
  if ('wkt' in g) {
    const text = record[g.wkt]!.trim();
    if (!text) return { problem: { code: 'geometry_missing', field: header[g.wkt]!, reason: 'empty WKT' } };
    return { geometry: { kind: 'wkt', value: text, field: header[g.wkt]! } };
  }
  const lonText = record[g.lon]!;
  const latText = record[g.lat]!;
  if (!lonText.trim() && !latText.trim()) {
    return { problem: { code: 'geometry_missing', field: `${header[g.lon]}/${header[g.lat]}`, reason: 'no coordinates' } };
  }
  const lon = parseNumber(lonText, decimalComma);
  const lat = parseNumber(latText, decimalComma);
  if (lon === undefined) return { problem: { code: 'not_a_number', field: header[g.lon]!, reason: `${JSON.stringify(lonText)} is not a number` } };
  if (lat === undefined) return { problem: { code: 'not_a_number', field: header[g.lat]!, reason: `${JSON.stringify(latText)} is not a number` } };
  return { geometry: { kind: 'geojson', value: { type: 'Point', coordinates: [lon, lat] } } };
}
