// The import CLI as a user runs it (a child process): exit status 0 / 1 / 2, the human report and --json.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, serverUrl } from '../support/db.ts';

const CLI = fileURLToPath(new URL('../../server/src/cli/import.ts', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let drop = async () => {};
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-cli-'));
    if (serverUrl) {
      const created = await createServerDatabase(serverUrl);
      drop = created.drop;
      env = { ...process.env, DATABASE_URL: created.url };
    } else {
      env = { ...process.env, DATABASE_URL: '', DATA_DIR: tmp };
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('exits 2 on wrong usage, before touching the database', async () => {
    const r = await cli(['rivers', 'x.geojson'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown layer "rivers"/);
    const m = await cli(['roads', 'x.geojson', '--map', 'colour=c'], env);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/layer roads has no field "colour"/);
  });

  it('exits 1 and lists each error with its place; nothing is written', { timeout: 300_000 }, async () => {
    const r = await cli(['roads', fixtures + 'bad/linestring-one-position.geojson'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('linestring-one-position.geojson feature #2 (id=r-12): geometry: LineString has 1 position, needs ≥ 2 [geometry_malformed]');
    expect(r.stdout).toMatch(/NOTHING WRITTEN: 1 error\(s\).*--skip-invalid/);
  });

  it('imports with exit 0, then a --json dry run of the same file reports 2 unchanged', { timeout: 300_000 }, async () => {
    const first = await cli(['roads', fixtures + 'good/roads.geojson', '--licence', 'CC0'], env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/insert 2, update 0, unchanged 0/);
    expect(first.stdout).toMatch(/layer roads is now at version 1/);
    const dry = await cli(['roads', fixtures + 'good/roads.geojson', '--licence', 'CC0', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, read: 2, valid: 2, inserted: 0, updated: 0, unchanged: 2, written: false, errors: [] });
  });
});
