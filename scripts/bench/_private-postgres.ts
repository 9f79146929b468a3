// A PostgreSQL cluster of its own for a benchmark (Debian's PostgreSQL 15 binaries, default
// settings, fsync and synchronous commit on): every one of its processes — backends, WAL writer,
// checkpointer, autovacuum — works for the benchmark alone, so their CPU is the storage cost
// without the other users of the shared server. Runs as the postgres user when started as root.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freeTcpPort } from '../../tests/support/peers.ts';

const BIN = '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type PrivatePostgres = { url: string; postmasterPid: number; stop(): Promise<void> };

export async function startPrivatePostgres(extraSettings: string[] = []): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-bench-pg-'));
  chmodSync(dir, 0o700);
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
    if (!line) throw new Error('no postgres user to run a private cluster as');
    [uid, gid] = line.split(':').slice(2, 4).map(Number) as [number, number];
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  execFileSync(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], { uid, gid, stdio: 'ignore' });
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(`${BIN}/postgres`, ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=50', ...extraSettings.flatMap((s) => ['-c', s])],
  { uid, gid, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (b) => (log = (log + b).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      break;
    } catch {
      await c.end().catch(() => {});
      if (child.exitCode !== null || i > 100) throw new Error(`private PostgreSQL did not start:\n${log}`);
      await sleep(100);
    }
  }
  return {
    url,
    postmasterPid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
