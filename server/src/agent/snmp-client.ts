// The poller's only door to SNMP: the SnmpClient interface and its net-snmp adapter.
// One long-lived session (one UDP socket) per device endpoint + credentials, closed when the site
// goes away or the pool is over its socket budget (the process fd limit is finite).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import snmp, { type Session } from 'net-snmp';
import { printable } from '../monitoring/printable.ts';
import { normalizeVarbind, type Varbind } from './varbinds.ts';

export type V3Credentials = {
  user: string;
  authProtocol: 'sha' | 'sha256';
  authKey: string;
  privProtocol: 'aes' | 'aes256';
  privKey: string;
};

export type SnmpTarget = {
  host: string;
  port: number;
  version: '2c' | '3';
  community?: string | undefined;
  v3?: V3Credentials | undefined;
  /** Per-try timeout for this device, overriding the client's (slow satellite links). */
  timeoutMs?: number | undefined;
};

/** What came back. `auth` is a v3 report (wrong digest, unknown user, not in time window):
 * the device answered and refused us. `failed` is any other reply that carries no data. */
export type GetResult =
  | { kind: 'reply'; varbinds: Varbind[]; rttMs: number }
  | { kind: 'timeout'; rttMs: number }
  | { kind: 'auth'; message: string; rttMs: number }
  | { kind: 'failed'; message: string; rttMs: number };

export type WalkResult =
  | { kind: 'rows'; rows: Varbind[] }
  | { kind: 'timeout' }
  | { kind: 'auth'; message: string }
  | { kind: 'failed'; message: string };

export interface SnmpClient {
  get(target: SnmpTarget, oids: string[]): Promise<GetResult>;
  walk(target: SnmpTarget, baseOid: string): Promise<WalkResult>;
  /** Does an SNMP engine answer at this address at all? A credential-free SNMPv3 discovery, which
   * any v3-capable agent answers with a report: it tells "wrong community/key" from "host down". */
  answersDiscovery(target: SnmpTarget): Promise<boolean>;
  /** Closes the sessions of every endpoint not in `keep`; returns how many were closed. */
  retain(keep: Iterable<SnmpTarget>): number;
  sessionCount(): number;
  close(): void;
}

export type SnmpClientOptions = {
  /** Per-try timeout (model default 2 s) and retries (default 1). */
  timeoutMs?: number;
  retries?: number;
  /** Socket budget (default: from the fd limit): idle sessions beyond it are closed least-recently-used first. */
  maxSessions?: number;
};

/** Stable per endpoint and credentials; secrets enter only as a hash, so keys are safe to log. */
export function sessionKey(t: SnmpTarget): string {
  const secret = t.version === '3' ? JSON.stringify(t.v3 ?? null) : (t.community ?? '');
  const h = createHash('sha256').update(secret).digest('hex').slice(0, 16);
  return `${t.version}|${t.host}|${t.port}|${h}${t.timeoutMs ? `|${t.timeoutMs}` : ''}`;
}

const AUTH = { sha: snmp.AuthProtocols.sha, sha256: snmp.AuthProtocols.sha256 } as const;
// Net-SNMP's AES-256 localises keys the Blumenthal way (its AES-256-C is Reeder's).
const PRIV = { aes: snmp.PrivProtocols.aes, aes256: snmp.PrivProtocols.aes256b } as const;
const AUTH_CODES = new Set([snmp.ResponseInvalidCode.EAuthFailure, snmp.ResponseInvalidCode.ENotInTimeWindow, snmp.ResponseInvalidCode.ECouldNotDecrypt]);

/** `fail` settles every request in flight on the session with a message (used when a reply
 * cannot be parsed: net-snmp cannot tell which request it answered, only that it came from there). */
type Pooled = { session: Session; inflight: number; fail: Set<(message: string) => void> };

/** Reports (RFC 3414 usmStats) and client-side checks that mean our session's idea of the device's
 * engine — id, boots, time — is out of date: the device restarted without counting up its boots
 * (factory reset, `snmpd -C`, a swapped unit). net-snmp never forgets an engine's boots, so the cure
 * is a fresh session, which discovers the engine again. */
function isStaleEngine(err: Error): boolean {
  if (!(err instanceof snmp.ResponseInvalidError)) return false;
  if (err.code === snmp.ResponseInvalidCode.ENotInTimeWindow) return true;
  return err.code === snmp.ResponseInvalidCode.EAuthFailure && /^(Not In Time Window|Unknown Engine ID)$/.test(err.message);
}

type Classified = { kind: 'timeout' } | { kind: 'auth' | 'failed'; message: string; stale?: boolean };

function classifyError(err: Error): Classified {
  if (err instanceof snmp.RequestTimedOutError) return { kind: 'timeout' };
  if (err instanceof snmp.ResponseInvalidError && AUTH_CODES.has(err.code)) {
    return { kind: 'auth', message: printable(`SNMPv3 refused: ${err.message}`), stale: isStaleEngine(err) };
  }
  // net-snmp's text would echo our community: a credential never goes into a stored error.
  if (err instanceof snmp.ResponseInvalidError && err.code === snmp.ResponseInvalidCode.ECommunityNoMatch) {
    return { kind: 'failed', message: 'malformed reply: its community differs from the one we sent' };
  }
  // The reply arrived but does not fit the request (OIDs, version): the device's fault.
  if (err instanceof snmp.ResponseInvalidError) return { kind: 'failed', message: printable(`malformed reply: ${err.message}`) };
  return { kind: 'failed', message: printable(err.message) };
}

/** Runs a net-snmp callback body: a throw there would escape into the socket's event handler and
 * end the process, so it becomes a failed result instead. */
function guarded<T>(settle: (r: T) => void, body: () => T, onThrow: (message: string) => T): void {
  let r: T;
  try {
    r = body();
  } catch (err) {
    r = onThrow(printable(`malformed reply: ${(err as Error).message}`));
  }
  settle(r);
}

/** Sessions we allow ourselves: the soft open-files limit (Linux /proc/self/limits) minus room
 * for the database pool, the metrics server, the disk buffer and the discovery probes. */
export function defaultMaxSessions(): number {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return Math.max(64, Math.min(50_000, Number(m[1]) - 512));
  } catch {
    /* not Linux */
  }
  return 4000;
}

export function createNetSnmpClient(options: SnmpClientOptions = {}): SnmpClient {
  const timeout = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const maxSessions = options.maxSessions ?? defaultMaxSessions();
  const pool = new Map<string, Pooled>();

  function open(t: SnmpTarget): Session {
    const base = { port: t.port, timeout: t.timeoutMs ?? timeout, retries, backoff: 1, transport: 'udp4' as const, idBitsSize: 32 as const };
    if (t.version === '3') {
      const c = t.v3;
      if (!c) throw new Error(`SNMPv3 target ${t.host}:${t.port} has no v3 credentials`);
      const user = {
        name: c.user,
        level: snmp.SecurityLevel.authPriv,
        authProtocol: AUTH[c.authProtocol],
        authKey: c.authKey,
        privProtocol: PRIV[c.privProtocol],
        privKey: c.privKey,
      };
      return snmp.createV3Session(t.host, user, { ...base, version: snmp.Version3 });
    }
    // net-snmp defaults to SNMPv1: the version is always explicit.
    return snmp.createSession(t.host, t.community ?? '', { ...base, version: snmp.Version2c });
  }

  function evictIdle(): void {
    for (const [key, p] of pool) {
      if (pool.size <= maxSessions) return;
      if (p.inflight === 0) drop(key);
    }
  }

  function drop(key: string): void {
    const p = pool.get(key);
    if (!p) return;
    pool.delete(key);
    try {
      p.session.close();
    } catch {
      /* already closed */
    }
  }

  function acquire(t: SnmpTarget): { key: string; p: Pooled } {
    const key = sessionKey(t);
    let p = pool.get(key);
    if (p) {
      pool.delete(key); // re-insert: Map order is our LRU order
    } else {
      const session = open(t);
      const pooled: Pooled = { session, inflight: 0, fail: new Set() };
      p = pooled;
      // net-snmp emits 'error' for a datagram it cannot parse (truncated PDU, bad BER, a value of
      // an impossible length). Say so to the requests in flight — otherwise they would end as
      // "Socket forcibly closed" — then drop the session; the next poll reopens it.
      session.on('error', (err: Error) => {
        const message = printable(`malformed reply from ${t.host}:${t.port}: ${err?.message ?? String(err)}`);
        for (const f of [...pooled.fail]) f(message);
        drop(key);
      });
      session.on('close', () => pool.get(key)?.session === session && pool.delete(key));
    }
    pool.set(key, p);
    if (pool.size > maxSessions) evictIdle();
    return { key, p };
  }

  /** One retry on a fresh session when the device's engine changed under us (see isStaleEngine). */
  async function rediscovering<R extends { kind: string }>(target: SnmpTarget, op: () => Promise<R & { stale?: boolean }>): Promise<R> {
    const first = await op();
    if (!(first.kind === 'auth' && first.stale && target.version === '3')) return strip(first);
    drop(sessionKey(target));
    return strip(await op());
  }
  function strip<R>(r: R & { stale?: boolean }): R {
    const { stale: _stale, ...rest } = r;
    return rest as R;
  }

  function getOnce(target: SnmpTarget, oids: string[]): Promise<GetResult & { stale?: boolean }> {
    let p: Pooled;
    try {
      p = acquire(target).p;
    } catch (err) {
      return Promise.resolve({ kind: 'failed', message: (err as Error).message, rttMs: 0 });
    }
    p.inflight++;
    const t0 = performance.now();
    return new Promise<GetResult>((resolve) => {
      let settled = false;
      const settle = (r: GetResult) => {
        if (settled) return;
        settled = true;
        p.inflight--;
        p.fail.delete(fail);
        resolve(r);
      };
      const fail = (message: string) => settle({ kind: 'failed', message, rttMs: performance.now() - t0 });
      p.fail.add(fail);
      try {
        p.session.get(oids, (err, varbinds) => {
          const rttMs = performance.now() - t0;
          guarded<GetResult>(
            settle,
            () => (err ? ({ ...classifyError(err), rttMs } as GetResult) : { kind: 'reply', varbinds: varbinds.map(normalizeVarbind), rttMs }),
            (message) => ({ kind: 'failed', message, rttMs }),
          );
        });
      } catch (err) {
        fail(printable((err as Error).message));
      }
    });
  }

  function walkOnce(target: SnmpTarget, baseOid: string): Promise<WalkResult & { stale?: boolean }> {
    let p: Pooled;
    try {
      p = acquire(target).p;
    } catch (err) {
      return Promise.resolve({ kind: 'failed', message: (err as Error).message });
    }
    p.inflight++;
    const rows: Varbind[] = [];
    return new Promise<WalkResult>((resolve) => {
      let settled = false;
      const settle = (r: WalkResult) => {
        if (settled) return;
        settled = true;
        p.inflight--;
        p.fail.delete(fail);
        resolve(r);
      };
      const fail = (message: string) => settle({ kind: 'failed', message });
      p.fail.add(fail);
      try {
        p.session.subtree(
          baseOid,
          20,
          (vbs) => {
            // normalizeVarbind does not throw; a malformed row is kept and simply never matches.
            for (const vb of vbs) rows.push(normalizeVarbind(vb));
          },
          (err) => {
            guarded<WalkResult>(settle, () => (err ? (classifyError(err) as WalkResult) : { kind: 'rows', rows }), (message) => ({ kind: 'failed', message }));
          },
        );
      } catch (err) {
        fail(printable((err as Error).message));
      }
    });
  }

  return {
    get: (target, oids) => rediscovering<GetResult>(target, () => getOnce(target, oids)),
    walk: (target, baseOid) => rediscovering<WalkResult>(target, () => walkOnce(target, baseOid)),

    answersDiscovery(target) {
      // A throw-away session for a user no device has: an engine that is alive answers with a
      // report (unknown engine ID / unknown user name); silence means nothing is listening.
      const probe = snmp.createV3Session(
        target.host,
        { name: 'baylanys-discovery-probe', level: snmp.SecurityLevel.noAuthNoPriv },
        { port: target.port, timeout: target.timeoutMs ?? timeout, retries: 0, version: snmp.Version3, transport: 'udp4' },
      );
      probe.on('error', () => {});
      return new Promise<boolean>((resolve) => {
        probe.get([OID_SYSUPTIME], (err) => {
          probe.close();
          resolve(!(err instanceof snmp.RequestTimedOutError));
        });
      });
    },

    retain(keep) {
      const wanted = new Set<string>();
      for (const t of keep) wanted.add(sessionKey(t));
      let closed = 0;
      for (const key of [...pool.keys()]) {
        if (!wanted.has(key)) {
          drop(key);
          closed++;
        }
      }
      return closed;
    },

    sessionCount: () => pool.size,

    close() {
      for (const key of [...pool.keys()]) drop(key);
    },
  };
}

const OID_SYSUPTIME = '1.3.6.1.2.1.1.3.0';
