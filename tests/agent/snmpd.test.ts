// The poller against a real Net-SNMP snmpd (Debian): v2c, v3 authPriv (SHA/AES-128 and
// SHA-256/AES-256), a stopped daemon, a wrong v3 password, a wrong community.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSite, type SiteState } from '../../server/src/agent/poll-site.ts';
import type { AgentSite } from '../../server/src/agent/site.ts';
import { createNetSnmpClient, type SnmpClient } from '../../server/src/agent/snmp-client.ts';
import { freeUdpPort, scriptedIfStatus, SNMPD_COMMUNITY, SNMPD_V3, snmpdBinary, startSnmpd, type Snmpd } from './support/snmpd.ts';

const binary = snmpdBinary();

describe.skipIf(!binary)('polling a real snmpd', () => {
  let snmpd: Snmpd;
  let client: SnmpClient;
  const site = (o: Partial<AgentSite> = {}): AgentSite => ({
    id: 'snmpd-1', host: '127.0.0.1', port: snmpd.port, version: '2c', community: SNMPD_COMMUNITY,
    wan: { ifName: 'lo' }, intervalS: 60, committedMbps: 100, facilityKind: 'school', region: 'test', operator: 'test', ...o,
  });
  const poll = (s: AgentSite, state: SiteState = { ifIndex: null }, probeOnTimeout = true) =>
    pollSite(client, s, state, { agentId: 'test', probeOnTimeout });

  beforeAll(async () => {
    snmpd = await startSnmpd(binary!);
    client = createNetSnmpClient();
  });
  afterAll(async () => {
    client?.close();
    await snmpd?.stop();
  });

  it('v2c: up, with the loopback resolved by ifName and 64-bit counters', async () => {
    const s = await poll(site());
    expect(s.outcome).toBe('up');
    expect(s.error).toBeNull();
    expect(s.ifIndex).toBe(1); // Linux numbers lo first
    expect(s.counterBits).toBe(64);
    expect(typeof s.inOctets).toBe('bigint');
    expect(s.sysUpTime).toBeGreaterThan(0);
    expect(s.engineBoots).toBeGreaterThanOrEqual(1);
    expect(s.rttMs).toBeGreaterThan(0);
    // The poll table's newer rows: Linux lo reports a 10 Mbit/s ifHighSpeed and no errors.
    expect(s.ifSpeedMbps).toBe(10);
    expect([s.inErrors, s.outErrors]).toEqual([0, 0]);
    expect(s.sampleId).toBe(`test:snmpd-1:${s.polledAt}`);
  });

  it('v2c: a second poll reuses the resolved ifIndex; counters never go back (snmpd caches them ~5 s)', async () => {
    const state: SiteState = { ifIndex: null };
    const a = await poll(site(), state);
    expect(state.ifIndex).toBe(1);
    const b = await poll(site(), state);
    expect(b.inOctets! >= a.inOctets!).toBe(true);
    expect(b.sysUpTime!).toBeGreaterThanOrEqual(a.sysUpTime!);
    expect(b.polledAt).toBeGreaterThanOrEqual(a.polledAt);
  });

  it('one poll is one GET request (snmpd counts them in snmpInGetRequests.0)', async () => {
    const state: SiteState = { ifIndex: null };
    await poll(site(), state); // resolves the ifIndex (a walk) first
    const count = async () => {
      const r = await client.get({ host: '127.0.0.1', port: snmpd.port, version: '2c', community: SNMPD_COMMUNITY }, ['1.3.6.1.2.1.11.15.0']);
      if (r.kind !== 'reply') throw new Error(r.kind);
      return r.varbinds[0]!.value as number;
    };
    const before = await count();
    await poll(site(), state);
    const after = await count();
    expect(after - before).toBe(2); // the poll's GET, and the GET that read the counter
  });

  it('v3 authPriv SHA + AES-128: up with counters', async () => {
    const s = await poll(site({ version: '3', community: undefined, v3: { ...SNMPD_V3.sha } }));
    expect(s.outcome).toBe('up');
    expect(s.counterBits).toBe(64);
  });

  it('v3 authPriv SHA-256 + AES-256: up with counters', async () => {
    const s = await poll(site({ version: '3', community: undefined, v3: { ...SNMPD_V3.sha256 } }));
    expect(s.outcome).toBe('up');
    expect(s.inOctets).not.toBeNull();
  });

  it('v3 with a wrong authentication password is an error (the device answered), not down', async () => {
    const s = await poll(site({ version: '3', v3: { ...SNMPD_V3.sha, authKey: 'not-the-password' } }));
    expect(s.outcome).toBe('error');
    expect(s.error).toMatch(/Wrong Digest/);
    expect(s.error).not.toContain('not-the-password');
  });

  it('v3 with an unknown user is an error', async () => {
    const s = await poll(site({ version: '3', v3: { ...SNMPD_V3.sha, user: 'nobody' } }));
    expect(s.outcome).toBe('error');
    expect(s.error).toMatch(/Unknown User Name/);
  });

  it('v3 with a wrong privacy key: snmpd stays silent, the discovery probe shows it is alive', async () => {
    const s = await poll(site({ version: '3', v3: { ...SNMPD_V3.sha, privKey: 'not-the-priv-key' } }));
    expect(s.outcome).toBe('error');
    expect(s.error).toMatch(/wrong privacy key/);
  });

  // SNMPv2c has no "bad community" reply: snmpd drops the request (and counts snmpInBadCommunityNames),
  // so on its own a wrong community is indistinguishable from an unreachable host. Our poller then
  // sends a credential-free SNMPv3 discovery; snmpd answers it, so the site is shown as a
  // configuration error. A v2c-only device would leave the site `unreachable`.
  it('v2c with a wrong community: silence; with the discovery probe it is an error', async () => {
    const s = await poll(site({ community: 'wrong-community' }));
    expect(s.outcome).toBe('error');
    expect(s.error).toMatch(/wrong community/);
    expect(s.error).not.toContain('wrong-community');
  });

  it('v2c with a wrong community and no probe: exactly what v2c alone can tell — unreachable', async () => {
    const s = await poll(site({ community: 'wrong-community' }), { ifIndex: 1 }, false);
    expect(s.outcome).toBe('unreachable');
    expect(s.rttMs).toBeNull();
  });

  it('a wrong ifIndex (no name to re-resolve by) is an error', async () => {
    const s = await poll(site({ wan: { ifIndex: 9999 } }));
    expect(s.outcome).toBe('error');
    expect(s.error).toMatch(/ifIndex 9999/);
  });

  it('a stopped snmpd is unreachable (not error), after timeout × 2 tries and the probe', async () => {
    const other = await startSnmpd(binary!, { port: await freeUdpPort() });
    const s1 = site({ port: other.port });
    const state: SiteState = { ifIndex: null };
    expect((await poll(s1, state)).outcome).toBe('up');
    await other.stop();
    const t0 = Date.now();
    const s = await poll(s1, state);
    expect(s.outcome).toBe('unreachable');
    expect(s.error).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4000); // 2 s timeout, 1 retry (what makes it "after the retries")
  });
});

// The fault table's WAN link (pass_persist over a state file). A reader that catches the file
// empty answers snmpd two lines of three, and snmpd then waits forever: every later poll of it
// is unreachable (a CI run lost the fault table's row 4 so). set() must never show a reader an
// empty or partial file.
describe('the scripted interface status (the fault table\'s link)', () => {
  it('a reader looping on the state file, as the pass_persist script does, never sees it empty while it flips', async () => {
    const link = scriptedIfStatus(1);
    try {
      const file = link.config[1]!.split(' ').at(-2)!;
      const reader = spawn('/bin/sh', ['-c', 'while :; do cat "$1"; echo .; done', 'sh', file], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      reader.stdout!.on('data', (b) => (out += b));
      const end = Date.now() + 1_500;
      for (let i = 0; Date.now() < end; i++) {
        link.set({ oper: i % 2 ? 1 : 2 });
        if (i % 200 === 0) await new Promise((r) => setImmediate(r)); // let the reader's output in
      }
      reader.kill('SIGKILL');
      await new Promise((r) => reader.once('exit', r));
      const reads = out.split('.\n').slice(0, -1);
      expect(reads.length).toBeGreaterThan(50);
      expect(reads.filter((r) => r !== '1\n' && r !== '2\n')).toEqual([]);
    } finally {
      link.remove();
    }
  }, 10_000);
});
