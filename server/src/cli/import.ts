// `npm run import -- <layer> <file> [options]`: validated, streaming, transactional import of a
// GeoJSON or CSV file into one layer. Exit 0: imported cleanly; 1: errors; 2: wrong usage.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.ts';
import type { CliCommand } from './cli-io.ts';
import { runCli } from './relay.ts';
import { formatImportError } from '../data/import/errors.ts';
import { KAZAKHSTAN_EXTENT, type Extent } from '../data/import/geometry-checks.ts';
import { importLayer, type ImportReport } from '../data/import/import-layer.ts';
import { MappingError, parseMapArgs } from '../data/import/mapping.ts';
import { formatReport } from '../data/import/report.ts';
import { isLayerName, LAYER_NAMES, layerSpec, PROVENANCES, type Provenance } from '../data/layers.ts';

class UsageError extends Error {}

function parseExtent(s: string): Extent {
  if (s === 'kz' || s === 'kazakhstan') return KAZAKHSTAN_EXTENT;
  if (s === 'any') return null;
  const n = s.split(',').map(Number);
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0]! > n[2]! || n[1]! > n[3]!) {
    throw new UsageError(`--extent ${s}: expected kz, any, or minLon,minLat,maxLon,maxLat`);
  }
  return { name: `the extent ${s}`, bbox: n as [number, number, number, number] };
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} ${v}: expected a positive whole number`);
  return n;
};

function program(): Command {
  const layerHelp = LAYER_NAMES.map((l) => {
    const s = layerSpec(l);
    return `  ${l.padEnd(16)} ${s.geometry.padEnd(16)} ${s.fields.map((f) => f.name + (f.required ? '*' : '')).join(', ')}`;
  }).join('\n');
  return new Command('import')
    .description('Import a GeoJSON FeatureCollection or a CSV file into a layer, in one transaction: all rows or none.')
    .argument('<layer>', `target layer: ${LAYER_NAMES.join(', ')}`)
    .argument('<file>', '.geojson/.json or .csv, optionally gzipped (.gz)')
    .option('--map <field=column>', 'take a layer field from another source column (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--id-column <column>', 'source column with the stable id (default: the feature "id", else an "id" column)')
    .option('--id-template <template>', "id built from columns, e.g. 'osm:{osm_id}'")
    .option('--dataset-id <id>', 'dataset id (default: import:<layer>:<file name>); re-importing with the same id updates it')
    .option('--title <text>', 'dataset title (default: the file name)')
    .option('--licence <text>', 'dataset licence, e.g. "CC BY 4.0" (default: unspecified)')
    .addOption(new Option('--provenance <kind>', 'real, estimated or illustrative').choices([...PROVENANCES]).default('real'))
    .option('--origin <text>', 'where the data comes from (URL, organisation, date)')
    .option('--attribution <text>', 'attribution to show with the data')
    .option('--extent <extent>', 'expected extent: kz (46.4–87.4 E, 40.5–55.5 N), any, or minLon,minLat,maxLon,maxLat', 'kz')
    .option('--lon-column <column>', 'CSV: longitude column (default: lon, lng, longitude or x)')
    .option('--lat-column <column>', 'CSV: latitude column (default: lat, latitude or y)')
    .option('--wkt-column <column>', 'CSV: WKT geometry column (default: wkt, geometry, geom or the_geom)')
    .option('--delimiter <char>', 'CSV delimiter (default: discovered among , ; tab)')
    .option('--make-valid', 'repair invalid geometries (self-intersections…) with ST_MakeValid instead of rejecting them')
    .option('--dry-run', 'validate and count what would be inserted/updated, write nothing')
    .option('--skip-invalid', 'write the valid rows and report the invalid ones (default: any error writes nothing)')
    .option('--batch-size <n>', 'rows per INSERT statement', positiveInt('--batch-size'), 1000)
    .option('--max-errors <n>', 'errors listed before only counting the rest', positiveInt('--max-errors'), 100)
    .option('--json', 'print the report as JSON')
    .option('--progress', 'print a progress line to stderr after each batch')
    .addHelpText(
      'after',
      `\nLayers (geometry, fields; * required):\n${layerHelp}\n\n` +
        'Source properties not mapped to a field are kept in the row\'s "properties".\n' +
        'Database: DATABASE_URL (PostgreSQL + PostGIS) or the embedded database in DATA_DIR/pglite.\n' +
        'Exit status: 0 imported without errors, 1 errors (see the report), 2 wrong usage.\n\n' +
        'Example:\n  npm run import -- settlements villages.csv --id-column kato --map name_ru=NAME_RU \\\n' +
        '    --licence "CC BY 4.0" --title "Akimat village register 2024" --dry-run',
    )
    .exitOverride();
}

/** The import command; `argv` is what follows `npm run import --`. */
export const importCommand: CliCommand = async (argv, io) => {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof MappingError || err instanceof ConfigError) {
      io.err(`import: ${err.message}\n(see --help)\n`);
      return 2;
    }
    io.err(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
};

async function run(argv: string[], io: Parameters<CliCommand>[1]): Promise<number> {
  const cmd = program().configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: io.err });
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const [layer, file] = cmd.args as [string, string];
  const o = cmd.opts();
  if (!isLayerName(layer)) throw new UsageError(`unknown layer "${layer}"; layers: ${LAYER_NAMES.join(', ')}`);
  if (o.idColumn && o.idTemplate) throw new UsageError('give --id-column or --id-template, not both');
  const fields = parseMapArgs(o.map as string[], layerSpec(layer));
  const extent = parseExtent(o.extent as string);

  const report: ImportReport = await io.withDatabase((db) =>
    importLayer(db, {
      layer,
      file: path.resolve(io.cwd, file),
      mapping: { fields, idColumn: o.idColumn, idTemplate: o.idTemplate },
      dataset: {
        id: o.datasetId, title: o.title, licence: o.licence, provenance: o.provenance as Provenance,
        origin: o.origin, attribution: o.attribution,
      },
      dryRun: !!o.dryRun,
      skipInvalid: !!o.skipInvalid,
      makeValid: !!o.makeValid,
      extent,
      csv: { lonColumn: o.lonColumn, latColumn: o.latColumn, wktColumn: o.wktColumn, delimiter: o.delimiter },
      batchSize: o.batchSize,
      maxErrors: o.maxErrors,
      onProgress: o.progress
        ? (p) => io.err(`progress read=${p.read} valid=${p.valid} invalid=${p.invalid} written=${p.written}\n`)
        : undefined,
    }),
  );
  // Name the file as the user typed it.
  const shown = { ...report, file, errors: report.errors.map((e) => ({ ...e, file })) };
  if (o.json) io.out(JSON.stringify({ ...shown, messages: shown.errors.map(formatImportError) }, null, 2));
  else io.out(formatReport(shown));
  return report.errorCount > 0 ? 1 : 0;
}

runCli(import.meta.url, 'import', importCommand);
