// An import killed with SIGKILL half-way (after some batches were written inside its transaction)
// leaves the database as it was. The real CLI runs in a child process; the parent then reopens the
// database and compares. Embedded: a PGlite data folder; server: a throw-away PostgreSQL database.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLayer } from '../../server/src/data/import/import-layer.ts';
import { openDatabase, type Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createServerDatabase, serverUrl } from '../support/db.ts';
import { databaseSnapshot } from './import-support.ts';

const CLI = fileURLToPath(new URL('../../server/src/cli/import.ts', import.meta.url));
const GOOD = fileURLToPath(new URL('../fixtures/import/good/roads.geojson', import.meta.url));
const FEATURES = 40_000;

async function writeBigRoads(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('{"type":"FeatureCollection","features":[\n');
  for (let i = 0; i < FEATURES; i++) {
    const x = 50 + (i % 3000) / 100;
    const y = 42 + Math.floor(i / 3000) / 2;
    const f = { type: 'Feature', id: `big-${i}`, properties: { road_class: 'track' }, geometry: { type: 'LineString', coordinates: [[x, y], [x + 0.005, y + 0.005]] } };
    out.write((i ? ',\n' : '') + JSON.stringify(f));
  }
  out.end('\n]}\n');
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
}

/** Starts the CLI import and SIGKILLs it as soon as it reports `minWritten` rows written. */
function importAndKill(file: string, env: NodeJS.ProcessEnv, minWritten: number): Promise<{ signal: string | null; written: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'roads', file, '--progress', '--dataset-id', 'big'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let written = 0;
    const onData = (d: Buffer) => {
      output += d.toString();
      for (const m of output.matchAll(/written=(\d+)/g)) written = Math.max(written, Number(m[1]));
      if (written >= minWritten && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, written, output }));
  });
}

describe('a killed import leaves the database as it was', () => {
  let tmp: string;
  let bigFile: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-kill-'));
    bigFile = path.join(tmp, 'big-roads.geojson');
    await writeBigRoads(bigFile);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function prepare(db: Database) {
    await migrate(db);
    const r = await importLayer(db, { layer: 'roads', file: GOOD });
    expect(r.written).toBe(true);
    return databaseSnapshot(db);
  }

  it('embedded backend (PGlite data folder)', { timeout: 300_000 }, async () => {
    const dataDir = path.join(tmp, 'data');
    const pgliteDir = path.join(dataDir, 'pglite');
    let db = await openDatabase({ dataDir: pgliteDir });
    const before = await prepare(db);
    await db.close();

    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const run = await importAndKill(bigFile, env, 3000);
    expect(run.signal, run.output).toBe('SIGKILL');
    expect(run.written).toBeGreaterThanOrEqual(3000);
    expect(run.written).toBeLessThan(FEATURES);

    db = await openDatabase({ dataDir: pgliteDir });
    try {
      expect(await databaseSnapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!serverUrl)('server backend (PostgreSQL)', { timeout: 300_000 }, async () => {
    const created = await createServerDatabase(serverUrl!);
    let db = await openDatabase({ databaseUrl: created.url });
    try {
      const before = await prepare(db);
      const run = await importAndKill(bigFile, { ...process.env, DATABASE_URL: created.url }, 3000);
      expect(run.signal, run.output).toBe('SIGKILL');
      expect(run.written).toBeLessThan(FEATURES);
      await db.close();
      db = await openDatabase({ databaseUrl: created.url });
      expect(await databaseSnapshot(db)).toEqual(before);
    } finally {
      await db.close();
      await created.drop();
    }
  });
});
