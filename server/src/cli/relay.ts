// `npm run admin` / `npm run import` while the server runs on the embedded database: the server owns
// the data folder (db/folder-lock.ts), so the command is handed to it over a unix socket in that
// folder (DATA_DIR/baylanys.sock, mode 0600 in a 0700 folder: only the folder's owner can connect)
// and runs there, on the server's own database, printing through the socket.
// Protocol: one JSON line {cli, argv, cwd} in; JSON lines {out} | {err} and finally {exit} back.
import { chmodSync, existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { folderHolder } from '../db/folder-lock.ts';
import type { CliCommand, CliIo } from './cli-io.ts';
import { withConfiguredDatabase } from './with-database.ts';

type Request = { cli: string; argv: string[]; cwd: string };
type Reply = { out: string } | { err: string } | { exit: number };

export const relaySocketPath = (dataDir: string): string => path.join(dataDir, 'baylanys.sock');

/** The embedded database folder of a configuration (as openConfiguredDatabase opens it). */
const pgliteDir = (config: Config): string => `${config.dataDir.replace(/\/+$/, '')}/pglite`;

export type CliRelay = { readonly socket: string; close(): Promise<void> };

/**
 * Server side: accepts commands on DATA_DIR/baylanys.sock and runs them on `db`. Only the commands
 * in `commands` run; anything else is refused. One command at a time, as the embedded database
 * serialises them anyway.
 */
export async function serveCliRelay(
  db: Database,
  dataDir: string,
  commands: Record<string, CliCommand>,
  log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void },
): Promise<CliRelay | undefined> {
  const socket = relaySocketPath(dataDir);
  // The server holds the folder's lock, so a socket file left here is from a previous life.
  if (existsSync(socket)) unlinkSync(socket);
  let queue = Promise.resolve();
  const server = net.createServer((conn) => {
    let buffered = '';
    const send = (r: Reply) => conn.writable && conn.write(`${JSON.stringify(r)}\n`);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const nl = buffered.indexOf('\n');
      if (nl < 0) {
        if (buffered.length > 1 << 20) conn.destroy();
        return;
      }
      conn.off('data', onData);
      let req: Request;
      try {
        req = JSON.parse(buffered.slice(0, nl)) as Request;
        if (typeof req.cli !== 'string' || !Array.isArray(req.argv) || req.argv.some((a) => typeof a !== 'string') || typeof req.cwd !== 'string') throw new Error('bad request');
      } catch {
        send({ err: 'relay: malformed request\n' });
        send({ exit: 2 });
        conn.end();
        return;
      }
      const command = Object.hasOwn(commands, req.cli) ? commands[req.cli] : undefined;
      if (!command) {
        send({ err: `relay: the server does not run '${req.cli}'\n` });
        send({ exit: 2 });
        conn.end();
        return;
      }
      const io: CliIo = {
        cwd: req.cwd,
        out: (line) => void send({ out: line }),
        err: (text) => void send({ err: text }),
        withDatabase: (fn) => fn(db),
      };
      queue = queue.then(async () => {
        log.info({ cli: req.cli, args: req.argv.length }, 'running a command handed over by the command line');
        let code: number;
        try {
          code = await command(req.argv, io);
        } catch (err) {
          io.err(`${req.cli} failed: ${err instanceof Error ? err.message : String(err)}\n`);
          code = 1;
        }
        send({ exit: code });
        conn.end();
      });
    };
    conn.on('data', onData);
    conn.on('error', () => {});
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socket, () => resolve());
    });
    chmodSync(socket, 0o600);
  } catch (err) {
    log.warn({ socket, err: (err as Error).message }, 'no command-line socket: npm run admin/import will refuse while the server runs');
    return undefined;
  }
  return {
    socket,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        try {
          unlinkSync(socket);
        } catch { /* gone */ }
      }),
  };
}

/**
 * Paths that mean something only in this process (`<(…)` process substitution: /dev/fd/N) are read
 * here and handed over as a private copy in the data folder, removed afterwards.
 */
function ownFiles(dataDir: string, argv: string[]): { argv: string[]; cleanup: () => void } {
  const copies: string[] = [];
  const out = argv.map((arg) => {
    const fd = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(arg);
    if (!fd) return arg;
    const copy = path.join(dataDir, `.relay-${process.pid}-${copies.length}`);
    // By descriptor, not path: a socket (as Node hands a child) cannot be opened as /dev/fd/N.
    writeFileSync(copy, readFileSync(Number(fd[1])), { mode: 0o600 });
    copies.push(copy);
    return copy;
  });
  return { argv: out, cleanup: () => copies.forEach((c) => rmSync(c, { force: true })) };
}

/** Client side: runs the command in the server; undefined when no server answers on the socket. */
export async function relayToServer(dataDir: string, cli: string, rawArgv: string[]): Promise<number | undefined> {
  const { argv, cleanup } = ownFiles(dataDir, rawArgv);
  try {
    return await relay(dataDir, cli, argv);
  } finally {
    cleanup();
  }
}

function relay(dataDir: string, cli: string, argv: string[]): Promise<number | undefined> {
  const socket = relaySocketPath(dataDir);
  return new Promise((resolve) => {
    if (!existsSync(socket)) return resolve(undefined);
    const conn = net.createConnection(socket);
    let connected = false;
    let buffered = '';
    let exit: number | undefined;
    conn.on('connect', () => {
      connected = true;
      conn.write(`${JSON.stringify({ cli, argv, cwd: process.cwd() } satisfies Request)}\n`);
    });
    conn.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const r = JSON.parse(buffered.slice(0, nl)) as Reply;
        buffered = buffered.slice(nl + 1);
        if ('out' in r) process.stdout.write(`${r.out}\n`);
        else if ('err' in r) process.stderr.write(r.err);
        else exit = r.exit;
      }
    });
    conn.on('error', () => {
      if (!connected) resolve(undefined);
    });
    conn.on('close', () => {
      if (connected) resolve(exit ?? 1);
    });
  });
}

/**
 * Entry point of a command-line script (does nothing when the module is imported, e.g. by the
 * server): on the embedded database with a running server, the command is handed to it; otherwise
 * it opens the configured database itself (and refuses if another process holds the folder).
 */
export function runCli(moduleUrl: string, cli: string, command: CliCommand): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  void (async () => {
    const argv = process.argv.slice(2);
    const config = loadConfigOrExit();
    if (!config.databaseUrl && folderHolder(pgliteDir(config))?.role === 'server') {
      const code = await relayToServer(config.dataDir, cli, argv);
      if (code !== undefined) process.exit(code);
    }
    const code = await command(argv, {
      cwd: process.cwd(),
      out: (line) => console.log(line),
      err: (text) => process.stderr.write(text),
      withDatabase: withConfiguredDatabase,
    });
    process.exit(code);
  })();
}
