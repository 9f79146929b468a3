// A real Net-SNMP snmpd for a test: foreground, loopback, a free high UDP port, its own config and
// persistent dir in a temp folder. Stopped (and the folder removed) by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requirePeer } from '../../support/peers.ts';

export const SNMPD_V3 = {
  sha: { user: 'bl-sha', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-123' },
  sha256: { user: 'bl-sha256', authProtocol: 'sha256', authKey: 'auth-pass-256', privProtocol: 'aes256', privKey: 'priv-pass-256' },
} as const;
export const SNMPD_COMMUNITY = 'bl-public';

export function snmpdBinary(): string | undefined {
  return requirePeer('snmpd', 'apt-get install snmpd', ['/usr/sbin/snmpd']);
}

export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** `n` distinct free UDP ports, none of them in `taken` (a fleet of snmpd on ports of their own). */
export async function freeUdpPorts(n: number, taken: readonly number[]): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const p = await freeUdpPort();
    if (!ports.includes(p) && !taken.includes(p)) ports.push(p);
  }
  return ports;
}

export type Snmpd = { port: number; pid: number; stop(): Promise<void>; kill(): Promise<void> };

/** Starts snmpd on 127.0.0.1:<port> (a free one unless given) and waits until it answers. */
/** `engineId` (hex, e.g. "80001f8880…") pins snmpEngineID: a restart with a fresh persistent dir
 * then keeps the engine but starts snmpEngineBoots over at 1, as a factory reset does. */
/** `bootsBefore` (needs `engineId`) seeds the persistent state so snmpEngineBoots is that + 1, as on
 * a long-lived device (snmpd restarts the count when the stored oldEngineID is not its engine id). */
/** `extraConfig`: more snmpd.conf lines, e.g. a `pass_persist` that scripts ifOperStatus. */
export async function startSnmpd(binary: string, options: { port?: number; ports?: number[]; engineId?: string; bootsBefore?: number; extraConfig?: string[] } = {}): Promise<Snmpd> {
  const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-snmpd-'));
  const conf = path.join(dir, 'snmpd.conf');
  const { sha, sha256 } = SNMPD_V3;
  writeFileSync(
    conf,
    [
      `rocommunity ${SNMPD_COMMUNITY} 127.0.0.1`,
      `createUser ${sha.user} SHA ${sha.authKey} AES ${sha.privKey}`,
      `createUser ${sha256.user} SHA-256 ${sha256.authKey} AES-256 ${sha256.privKey}`,
      `rouser ${sha.user} authPriv`,
      `rouser ${sha256.user} authPriv`,
      ...(options.engineId ? [`exactEngineID 0x${options.engineId}`] : []),
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  // -C skips the persistent files too, so the seeded state rides in as a second -c file.
  const seed = path.join(dir, 'seed.conf');
  if (options.bootsBefore !== undefined) {
    if (!options.engineId) throw new Error('startSnmpd: bootsBefore needs an engineId');
    writeFileSync(seed, `engineBoots ${options.bootsBefore}\noldEngineID 0x${options.engineId}\n`);
  }
  const ports = options.ports ?? [options.port ?? (await freeUdpPort())];
  const child: ChildProcess = spawn(binary, ['-f', '-Lo', '-C', '-c', options.bootsBefore !== undefined ? `${conf},${seed}` : conf, ports.map((p) => `udp:127.0.0.1:${p}`).join(',')], {
    env: { ...process.env, MIBS: '', SNMP_PERSISTENT_DIR: path.join(dir, 'persist'), SNMPCONFPATH: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (b) => (log += b));
  child.stderr!.on('data', (b) => (log += b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitForAnswer(ports[0]!, () => child.exitCode !== null, () => log);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  return {
    port: ports[0]!,
    pid: child.pid!,
    stop: async () => {
      // A wedged snmpd (blocked on a pass_persist script) ignores SIGTERM: SIGKILL after 5 s.
      const wedged = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await end('SIGTERM');
      clearTimeout(wedged);
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => end('SIGKILL'),
  };
}

/** Sends a v2c GET sysUpTime.0 as raw bytes until snmpd replies (avoids a dependency on our client). */
async function waitForAnswer(port: number, dead: () => boolean, log: () => string): Promise<void> {
  // SNMPv2c GetRequest, community "bl-public", request-id 1, varbind 1.3.6.1.2.1.1.3.0 = NULL.
  const community = Buffer.from(SNMPD_COMMUNITY);
  const vb = Buffer.from('300c06082b060102010103000500', 'hex');
  const vbl = Buffer.concat([Buffer.from([0x30, vb.length]), vb]);
  const pduBody = Buffer.concat([Buffer.from('020101020100020100', 'hex'), vbl]);
  const pdu = Buffer.concat([Buffer.from([0xa0, pduBody.length]), pduBody]);
  const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x01, 0x04, community.length]), community, pdu]);
  const msg = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  const sock = dgram.createSocket('udp4');
  let answered = false;
  sock.on('message', () => (answered = true));
  try {
    for (let i = 0; i < 100; i++) {
      if (dead()) throw new Error(`snmpd exited: ${log()}`);
      sock.send(msg, port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 100));
      if (answered) return;
    }
    throw new Error(`snmpd did not answer on port ${port} within 10 s: ${log()}`);
  } finally {
    sock.close();
  }
}

/**
 * ifOperStatus.<ifIndex> and ifAdminStatus.<ifIndex> under the test's control: `pass_persist`
 * scripts for snmpd that answer with the value in a state file (1 up, 2 down), re-read at every GET,
 * so a real snmpd can take a WAN link down and up, or switch it off (Linux's lo is always up).
 * The other ifTable columns stay snmpd's own.
 */
export function scriptedIfStatus(ifIndex = 1): { config: string[]; set(status: { oper?: 1 | 2; admin?: 1 | 2 }): void; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-ifstatus-'));
  const script = path.join(dir, 'ifstatus.sh');
  const columns = { admin: '.1.3.6.1.2.1.2.2.1.7', oper: '.1.3.6.1.2.1.2.2.1.8' };
  const state = (k: keyof typeof columns) => path.join(dir, k);
  writeFileSync(state('admin'), '1\n');
  writeFileSync(state('oper'), '1\n');
  // argv: <state file> <the one OID it answers>
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'while read -r cmd; do',
      '  case "$cmd" in',
      '    PING) echo PONG ;;',
      '    get) read -r oid; if [ "$oid" = "$2" ]; then echo "$oid"; echo integer; cat "$1"; else echo NONE; fi ;;',
      '    getnext) read -r oid; echo NONE ;;',
      '    set) read -r oid; read -r v; echo not-writable ;;',
      '    *) echo NONE ;;',
      '  esac',
      'done',
      '',
    ].join('\n'),
  );
  return {
    config: (['admin', 'oper'] as const).map((k) => `pass_persist ${columns[k]} /bin/sh ${script} ${state(k)} ${columns[k]}.${ifIndex}`),
    // Written aside and renamed into place: a `cat` between writeFileSync's truncate and its write
    // reads nothing, the script then answers two lines of three, and snmpd waits for the third
    // forever (every later poll of it unreachable, SIGTERM ignored): a CI run lost row 4 so.
    set: (status) => {
      for (const k of ['admin', 'oper'] as const) {
        if (!status[k]) continue;
        writeFileSync(`${state(k)}.next`, `${status[k]}\n`);
        renameSync(`${state(k)}.next`, state(k));
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
