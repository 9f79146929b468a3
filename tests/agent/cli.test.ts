// `npm run agent` as a real process: it refuses to start without DATABASE_URL (PGlite is
// single-process), and on the PostgreSQL server it polls and, on SIGTERM, flushes every sample
// it made before exiting — while never printing a credential.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSites } from '../../server/src/agent/simulator/demo-sites.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/agent/simulator/index.ts';
import { createSite } from '../../server/src/monitoring/sites.ts';
import { openTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'server/src/cli/agent.ts');
const tsx = ['--import', 'tsx'];

function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const n of names) delete env[n];
  return env;
}

describe('npm run agent', () => {
  it('without DATABASE_URL it exits 2 and says why', () => {
    const r = spawnSync(process.execPath, [...tsx, cli], { cwd: root, env: envWithout('DATABASE_URL', 'DATABASE_URL_FILE'), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs DATABASE_URL/);
    expect(r.stderr).toMatch(/PGlite\) lives inside one process/);
  });

  it('rejects a bad --shard with the rule', () => {
    const r = spawnSync(process.execPath, [...tsx, cli, '--shard', '4/4'], { cwd: root, env: { ...process.env, DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--shard "4\/4": need 0 ≤ i < n/);
  });
});

describe.skipIf(!serverUrl)('npm run agent against the PostgreSQL server', () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let dataDir: string;
  const secretKey = randomBytes(32).toString('hex');
  const community = `c-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    db = await openTestDatabase({ backend: 'postgres' });
    sim = await startSimulator({ devices: Array.from({ length: 8 }, (_, i) => ({ id: `cli-${i}`, community, scenario: { kind: 'normal' as const } })) });
    await db.query(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('t', 'facilities', 't', 'CC0', 'illustrative')`);
    const facilityIds = sim.endpoints.map((e) => `f-${e.id}`);
    for (const id of facilityIds) {
      await db.query(`INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ($1, 'school', ST_SetSRID(ST_MakePoint(71, 51), 4326), 't', 'illustrative')`, [id]);
    }
    for (const s of seedDemoSites(sim.endpoints, facilityIds, { intervalS: 10 })) await createSite(db, secretKey, s);
    dataDir = mkdtempSync(path.join(tmpdir(), 'baylanys-agent-cli-'));
  });
  afterAll(async () => {
    await sim?.stop();
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('polls, and on SIGTERM flushes: rows stored == polls it reports; no credential in its output', async () => {
    const child = spawn(process.execPath, [...tsx, cli, '--metrics-port', '0', '--agent-id', 'cli-test'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url!, BAYLANYS_SECRET_KEY: secretKey, DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // Every site is due within its 10 s interval: wait until each has a stored poll (a loaded
    // machine may take a while to start tsx), then stop it while polls are still being made.
    const end = Date.now() + 50_000;
    for (;;) {
      const [r] = await db.query<{ n: number }>(`SELECT count(DISTINCT site_id)::int AS n FROM poll_sample WHERE sample_id LIKE 'cli-test:%'`);
      if (r!.n === 8 || Date.now() > end || child.exitCode !== null) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const stopped = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.msg === 'agent stopped');
    expect(stopped).toBeDefined();
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_sample WHERE sample_id LIKE 'cli-test:%'`);
    expect(stopped.polls).toBeGreaterThanOrEqual(8);
    expect(row!.n).toBe(stopped.polls);
    expect(stopped.buffered).toBe(0);
    expect(out).toContain('8 sites');
    expect(out).not.toContain(community);
    expect(out).not.toContain(secretKey);
  }, 120_000);
});
