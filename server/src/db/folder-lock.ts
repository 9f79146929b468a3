// One owner per folder: the embedded database (PGlite) keeps its pages in memory and writes them back
// on close, so two processes on one data folder silently lose each other's writes or corrupt it.
// A process holds `<folder>.lock` (JSON: PID, host, start) for as long as it uses the folder; a lock
// whose process is gone is taken over, a live one refuses with the holder's PID and how to stop it.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type LockHolder = {
  pid: number;
  host: string;
  /** What the holder is: "server", "import", "admin", … */
  role: string;
  command: string;
  startedAt: string;
  /** Linux: the process start time in clock ticks (/proc/<pid>/stat field 22), to tell a reused PID. */
  procStart: string | null;
  token: string;
};

export class FolderLockedError extends Error {
  constructor(readonly folder: string, readonly lockFile: string, readonly holder: LockHolder) {
    const where = holder.host === hostname() ? 'on this machine' : `on host ${holder.host}`;
    super(
      `The data folder ${folder} is in use by another Baylanys process: ` +
        `PID ${holder.pid} (${holder.role}: ${holder.command}) ${where}, since ${holder.startedAt}.\n` +
        'Two processes on one embedded database lose each other\'s data, so this one will not start.\n' +
        (holder.host === hostname()
          ? `Stop the other process first (Ctrl-C in its terminal, or: kill ${holder.pid}), or use another DATA_DIR.`
          : `Stop the other process on ${holder.host} first, or use another DATA_DIR.`) +
        (holder.role === 'server' ? '\n(`npm run admin` and `npm run import` hand their work to a running server by themselves.)' : ''),
    );
    this.name = 'FolderLockedError';
  }
}

/** A held lock; release() is idempotent and also runs at process exit. */
export type FolderLock = { readonly file: string; readonly holder: LockHolder; release(): void };

/** A foreign host's lock is alive while its heartbeat (the file's mtime) is fresher than this. */
const HEARTBEAT_MS = 5_000;
const FOREIGN_STALE_MS = 30_000;

const held = new Set<FolderLock>();
let exitHookInstalled = false;

function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may contain spaces and parentheses: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Is the lock recorded in `file` still held by a live process? */
export function holderAlive(holder: LockHolder | null, file: string, now = Date.now()): boolean {
  if (!holder) {
    // Unreadable or half-written: alive only while fresh (a holder writes it right after creating it).
    try {
      return now - statSync(file).mtimeMs < FOREIGN_STALE_MS;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) {
    // Another machine or container (its PIDs are not ours to test): trust the heartbeat.
    try {
      return now - statSync(file).mtimeMs < FOREIGN_STALE_MS;
    } catch {
      return false;
    }
  }
  // This very process: held if one of our locks has that token, else a previous life of this PID
  // (PID 1 in a restarted container).
  if (holder.pid === process.pid) return [...held].some((l) => l.holder.token === holder.token);
  if (!pidAlive(holder.pid)) return false;
  const start = procStart(holder.pid);
  return !(holder.procStart && start && start !== holder.procStart); // a reused PID is another process
}

/** What this process is, from its entry script: main.ts → server, import.ts → import, … */
function defaultRole(): string {
  const base = process.argv[1] ? path.basename(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') : 'node';
  return base === 'main' ? 'server' : base;
}

function describeSelf(role: string | undefined): LockHolder {
  const script = process.argv[1] ? path.relative(process.cwd(), process.argv[1]) : process.argv0;
  return {
    pid: process.pid,
    host: hostname(),
    role: role ?? defaultRole(),
    command: [script, ...process.argv.slice(2)].join(' ').slice(0, 200),
    startedAt: new Date().toISOString(),
    procStart: procStart(process.pid),
    token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  };
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(holder, null, 2) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock. Only one process may break a given lock: the breaker file is itself created
 * exclusively, and the stale lock is renamed away only if it still names the same holder.
 */
function breakStale(file: string, stale: LockHolder | null): void {
  const breaker = `${file}.break`;
  try {
    if (Date.now() - statSync(breaker).mtimeMs > FOREIGN_STALE_MS) unlinkSync(breaker); // left by a crash while breaking
  } catch { /* none */ }
  let fd: number;
  try {
    fd = openSync(breaker, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return; // someone else is breaking it: retry
    throw err;
  }
  closeSync(fd);
  try {
    const now = readHolder(file);
    if ((now?.token ?? null) === (stale?.token ?? null)) {
      const aside = `${file}.stale-${process.pid}`;
      renameSync(file, aside);
      unlinkSync(aside);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    try {
      unlinkSync(breaker);
    } catch { /* gone */ }
  }
}

/** Keeps the lock's mtime fresh from a worker thread, so a main thread busy for minutes still counts as alive. */
function startHeartbeat(file: string): Worker | undefined {
  try {
    const w = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { utimesSync } = require('node:fs');
       const beat = () => { try { const t = new Date(); utimesSync(workerData.file, t, t); } catch {} };
       const timer = setInterval(beat, workerData.every);
       parentPort.on('message', () => { clearInterval(timer); process.exit(0); });`,
      { eval: true, workerData: { file, every: HEARTBEAT_MS } },
    );
    w.unref();
    w.on('error', () => {});
    return w;
  } catch {
    return undefined;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lock of [...held]) lock.release();
  });
}

/**
 * Takes the lock on `folder` (file `<folder>.lock`) or throws FolderLockedError naming the holder.
 * `role` says what this process is (default: from its entry script), for another process's message.
 */
export function lockFolder(folder: string, role?: string): FolderLock {
  const abs = path.resolve(folder);
  mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  const file = `${abs.replace(/\/+$/, '')}.lock`;
  const me = describeSelf(role);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (tryCreate(file, me)) {
      const heartbeat = startHeartbeat(file);
      let released = false;
      const lock: FolderLock = {
        file,
        holder: me,
        release() {
          if (released) return;
          released = true;
          held.delete(lock);
          heartbeat?.postMessage('stop');
          // Only remove the file if it is still ours (never another process's fresh lock).
          if (readHolder(file)?.token === me.token) {
            try {
              unlinkSync(file);
            } catch { /* already gone */ }
          }
        },
      };
      held.add(lock);
      installExitHook();
      try {
        const t = new Date();
        utimesSync(file, t, t);
      } catch { /* best effort */ }
      return lock;
    }
    const holder = readHolder(file);
    if (holderAlive(holder, file)) {
      if (holder) throw new FolderLockedError(abs, file, holder);
      // Being written right now by a starting process: give it a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      continue;
    }
    breakStale(file, holder);
  }
  const holder = readHolder(file);
  if (holder) throw new FolderLockedError(abs, file, holder);
  throw new Error(`could not take the lock ${file}; if no Baylanys process uses ${abs}, delete that file`);
}

/** Who holds `folder`'s lock right now (undefined when free or stale). */
export function folderHolder(folder: string): LockHolder | undefined {
  const file = `${path.resolve(folder).replace(/\/+$/, '')}.lock`;
  if (!existsSync(file)) return undefined;
  const holder = readHolder(file);
  return holder && holderAlive(holder, file) ? holder : undefined;
}
