// Issue 11 item 1: while the server runs on the embedded database it owns the data folder, and
// `npm run admin` / `npm run import` hand their work to it over DATA_DIR/baylanys.sock: they work
// (exit 0, same output) instead of refusing, and what they wrote is in the folder after the server stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../../server/src/db/embedded-database.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(root, 'server/src/main.ts');
const ADMIN = path.join(root, 'server/src/cli/admin.ts');
const IMPORT = path.join(root, 'server/src/cli/import.ts');
const tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-relay-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env = {
  ...process.env, DATABASE_URL: '', DATA_DIR: path.join(tmp, 'data'), PORT: '0', LOG_LEVEL: 'warn',
  LOAD_BUNDLED_DATA: 'never', DEMO_SITES: 'never', AGENT_IN_PROCESS: 'never',
};

function run(file: string, args: string[], cwd = root): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), file, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Like `--password-file <(echo …)`: the password comes on the child's fd 3, a path only it can read. */
function runWithFd3(file: string, args: string[], fd3: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), file, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    (child.stdio[3] as NodeJS.WritableStream).end(fd3);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function startServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Baylanys is running')) resolve(child);
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

describe('command line while the server runs (embedded)', () => {
  it('admin and import run inside the server; the server keeps the folder; their writes persist', { timeout: 300_000 }, async () => {
    const server = await startServer();
    try {
      expect(statSync(path.join(env.DATA_DIR, 'baylanys.sock')).mode & 0o777).toBe(0o600);
      writeFileSync(path.join(tmp, 'pw'), 'a long enough password 1\n');
      // A relative file name is the caller's: run from tmp.
      const admin = await run(ADMIN, ['create', '--email', 'anna@fund.kz', '--password-file', 'pw'], tmp);
      expect(admin.stderr).toBe('');
      expect(admin).toMatchObject({ code: 0, stdout: 'created admin: anna@fund.kz\n' });
      const dup = await run(ADMIN, ['create', '--email', 'anna@fund.kz', '--password-file', 'pw'], tmp);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/anna@fund\.kz/);
      // A process-substitution path (/dev/fd/3) means the caller's file, not the server's.
      const fd = await runWithFd3(ADMIN, ['create', '--email', 'bolat@fund.kz', '--password-file', '/dev/fd/3'], 'another long passphrase 5\n');
      expect(fd.stderr).toBe('');
      expect(fd).toMatchObject({ code: 0, stdout: 'created admin: bolat@fund.kz\n' });
      const imp = await run(IMPORT, ['roads', 'tests/fixtures/import/good/roads.geojson', '--licence', 'CC0']);
      expect(imp.stderr).toBe('');
      expect(imp.code).toBe(0);
      expect(imp.stdout).toMatch(/insert 2, update 0/);
      const usage = await run(IMPORT, ['rivers', 'x.geojson']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/unknown layer "rivers"/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const db = await openEmbeddedDatabase(path.join(env.DATA_DIR, 'pglite'));
    try {
      expect(await db.query('SELECT email FROM app_user ORDER BY email')).toEqual([{ email: 'admin' }, { email: 'anna@fund.kz' }, { email: 'bolat@fund.kz' }]);
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM road"))[0]!.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
