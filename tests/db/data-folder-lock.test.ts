// Issue 11 item 1: one process per embedded data folder. A second process (server, CLI, …) on a
// folder in use refuses to start, naming the holder's PID and how to stop it, and writes nothing;
// a lock left by a killed process is taken over. Before the fix the second process opened the
// folder too and the last one to close overwrote the other's writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../../server/src/db/embedded-database.ts';
import { FolderLockedError, lockFolder } from '../../server/src/db/folder-lock.ts';

const HOLDER = fileURLToPath(new URL('../support/hold-data-folder.ts', import.meta.url));
const ADMIN = fileURLToPath(new URL('../../server/src/cli/admin.ts', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const snapshot = () => {
  const f = process.env.BAYLANYS_TEST_PGLITE_SNAPSHOT;
  return f ? new Blob([readFileSync(f)]) : undefined;
};

function startHolder(dir: string, names: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, ...names], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const exited = (child: ChildProcess) => new Promise((r) => child.once('exit', r));

async function probeNames(dir: string): Promise<string[]> {
  const db = await openEmbeddedDatabase(dir);
  try {
    return (await db.query<{ name: string }>('SELECT name FROM probe ORDER BY name')).map((r) => r.name);
  } finally {
    await db.close();
  }
}

describe('data folder lock', () => {
  it('a second process on a folder in use refuses, names the holder PID and how to stop it; the data stays intact', { timeout: 240_000 }, async () => {
    const dataDir = path.join(tmp, 'busy');
    const pgliteDir = path.join(dataDir, 'pglite');
    const holder = await startHolder(pgliteDir, ['anna', 'bolat']);
    try {
      const pw = path.join(tmp, 'pw');
      writeFileSync(pw, 'a long enough password 1\n');
      const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      const r = await run(ADMIN, ['create', '--email', 'carla@fund.kz', '--password-file', pw], env);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`The data folder ${pgliteDir} is in use by another Baylanys process: PID ${holder.pid}`);
      expect(r.stderr).toContain(`kill ${holder.pid}`);
      expect(r.stdout).not.toContain('created');
    } finally {
      holder.kill('SIGTERM');
      await exited(holder);
    }
    expect(existsSync(`${pgliteDir}.lock`)).toBe(false);
    expect(await probeNames(pgliteDir)).toEqual(['anna', 'bolat']);
  });

  it('a lock left by a process killed with SIGKILL is taken over, with the data intact', { timeout: 240_000 }, async () => {
    const pgliteDir = path.join(tmp, 'killed', 'pglite');
    const holder = await startHolder(pgliteDir, ['dana']);
    holder.kill('SIGKILL');
    await exited(holder);
    expect(JSON.parse(readFileSync(`${pgliteDir}.lock`, 'utf8')).pid).toBe(holder.pid);
    expect(await probeNames(pgliteDir)).toEqual(['dana']);
    expect(existsSync(`${pgliteDir}.lock`)).toBe(false);
  });

  it('in one process: the same folder cannot be opened twice until closed', { timeout: 120_000 }, async () => {
    const dir = path.join(tmp, 'twice', 'pglite');
    const db = await openEmbeddedDatabase(dir, snapshot());
    await expect(openEmbeddedDatabase(dir)).rejects.toBeInstanceOf(FolderLockedError);
    await db.close();
    const again = await openEmbeddedDatabase(dir);
    await again.close();
  });

  it("another host's lock counts while its heartbeat is fresh, and is taken over once it is old", () => {
    const dir = path.join(tmp, 'foreign');
    const file = `${dir}.lock`;
    const foreign = { pid: 1, host: `not-${hostname()}`, role: 'server', command: 'main.ts', startedAt: '2026-01-01T00:00:00Z', procStart: null, token: 't' };
    writeFileSync(file, JSON.stringify(foreign));
    expect(() => lockFolder(dir)).toThrow(/PID 1 \(server: main\.ts\) on host not-/);
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    const lock = lockFolder(dir);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a reused PID (same PID, another process start) does not hold the lock', () => {
    const dir = path.join(tmp, 'reused');
    const file = `${dir}.lock`;
    // PID 1 is alive on every Linux machine, but it did not start at tick 1.
    writeFileSync(file, JSON.stringify({ pid: 1, host: hostname(), role: 'server', command: 'main.ts', startedAt: '2026-01-01T00:00:00Z', procStart: '1', token: 't' }));
    const lock = lockFolder(dir);
    lock.release();
  });
});
