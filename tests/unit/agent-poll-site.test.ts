// One poll's control flow with a scripted SnmpClient (fake behind the interface; the real client
// is exercised against snmpd in tests/agent): when the WAN ifIndex is looked up again, what a
// timeout becomes, and the sample's identity.
import { describe, expect, it } from 'vitest';
import { OID } from '../../server/src/agent/oids.ts';
import { pollSite, type SiteState } from '../../server/src/agent/poll-site.ts';
import type { AgentSite } from '../../server/src/agent/site.ts';
import type { GetResult, SnmpClient, WalkResult } from '../../server/src/agent/snmp-client.ts';
import type { Varbind } from '../../server/src/agent/varbinds.ts';
import { pollVarbinds } from '../../server/src/monitoring/poll-table.ts';

/** A device whose WAN port ("wan0") sits at `wanIndex`, with uptime and boots we set. */
class ScriptedDevice implements SnmpClient {
  wanIndex = 2;
  uptime = 1_000;
  boots = 1;
  silent = false;
  aliveToDiscovery = false;
  /** Comes back from an outage right after the first request timed out (before the probe). */
  backAtProbe = false;
  calls: string[] = [];
  async get(_t: unknown, oids: string[]): Promise<GetResult> {
    this.calls.push(oids.length === 1 ? `get ${oids[0]}` : `get ${oids[2]}`);
    if (this.silent) return { kind: 'timeout', rttMs: 4000 };
    if (oids.length === 1) return { kind: 'reply', rttMs: 3, varbinds: [{ oid: oids[0]!, kind: 'timeticks', value: this.uptime }] };
    const n = Number(oids[2]!.split('.').at(-1));
    const has = n === this.wanIndex;
    const vb = (oid: string, kind: Varbind['kind'], value: Varbind['value']): Varbind => (has || !oid.startsWith('1.3.6.1.2.1.2') && !oid.startsWith('1.3.6.1.2.1.31') ? { oid, kind, value } : { oid, kind: 'noSuchInstance', value: null });
    // Answers by OID through the poll table, so a new row needs no change here.
    const value: Record<string, [Varbind['kind'], Varbind['value']]> = {
      sysUpTime: ['timeticks', this.uptime], snmpEngineBoots: ['integer', this.boots], ifOperStatus: ['integer', 1],
      ifAdminStatus: ['integer', 1], ifHCInOctets: ['counter64', 10n], ifHCOutOctets: ['counter64', 20n], ifHighSpeed: ['gauge32', 100],
      ifCounterDiscontinuityTime: ['timeticks', 0], ifInOctets: ['counter32', 10], ifOutOctets: ['counter32', 20],
    };
    const asked = pollVarbinds(n);
    return {
      kind: 'reply', rttMs: 3,
      varbinds: oids.map((oid) => {
        const [kind, v] = value[asked.find((a) => a.oid === oid)?.mib ?? ''] ?? ['noSuchObject', null];
        return vb(oid, kind, v);
      }),
    };
  }
  async walk(_t: unknown, base: string): Promise<WalkResult> {
    this.calls.push(`walk ${base === OID.ifName ? 'ifName' : 'ifDescr'}`);
    if (this.silent) return { kind: 'timeout' };
    return { kind: 'rows', rows: [1, 2, 3].map((i) => ({ oid: `${base}.${i}`, kind: 'octets', value: i === this.wanIndex ? 'wan0' : `lan${i}` })) };
  }
  async answersDiscovery() {
    this.calls.push('probe');
    if (this.backAtProbe) this.silent = false;
    return this.aliveToDiscovery || this.backAtProbe;
  }
  retain = () => 0;
  sessionCount = () => 1;
  close() {}
}

const site: AgentSite = { id: 's-1', host: '127.0.0.1', port: 161, version: '2c', community: 'c', wan: { ifName: 'wan0' }, intervalS: 60, committedMbps: 10, facilityKind: 'school', region: 'r', operator: 'o' };
const poll = (d: ScriptedDevice, state: SiteState, at = 1_000) => pollSite(d, site, state, { agentId: 'ag', now: () => at });

describe('pollSite', () => {
  it('resolves the WAN port by ifName once, then only GETs; the sampleId is agent:site:polledAt', async () => {
    const d = new ScriptedDevice();
    const state: SiteState = { ifIndex: null };
    const a = await poll(d, state, 1_000);
    d.uptime += 6_000;
    await poll(d, state, 61_000);
    expect(d.calls).toEqual(['walk ifName', 'get 1.3.6.1.2.1.2.2.1.8.2', 'get 1.3.6.1.2.1.2.2.1.8.2']);
    expect([a.outcome, a.ifIndex, a.sampleId]).toEqual(['up', 2, 'ag:s-1:1000']);
  });

  it('when the ifIndex stops answering it walks again and re-asks at the new index, in the same poll', async () => {
    const d = new ScriptedDevice();
    const state: SiteState = { ifIndex: null };
    await poll(d, state);
    d.wanIndex = 3;
    d.uptime += 6_000;
    d.calls = [];
    const s = await poll(d, state);
    expect(d.calls).toEqual(['get 1.3.6.1.2.1.2.2.1.8.2', 'walk ifName', 'get 1.3.6.1.2.1.2.2.1.8.3']);
    expect([s.outcome, s.ifIndex]).toEqual(['up', 3]);
  });

  it('after a reboot (uptime went back) it re-resolves even though the old index still answers', async () => {
    const d = new ScriptedDevice();
    const state: SiteState = { ifIndex: null };
    await poll(d, state);
    d.uptime = 50; // 0.5 s after a restart
    d.boots = 2;
    d.wanIndex = 3; // the old index 2 now belongs to a LAN port, which still answers
    d.calls = [];
    const s = await poll(d, state);
    expect(d.calls).toEqual(['get 1.3.6.1.2.1.2.2.1.8.2', 'walk ifName', 'get 1.3.6.1.2.1.2.2.1.8.3']);
    expect([s.ifIndex, s.sysUpTime, s.engineBoots]).toEqual([3, 50, 2]);
  });

  it('a silent device is unreachable when nothing answers the discovery probe either', async () => {
    const d = new ScriptedDevice();
    d.silent = true;
    const s = await poll(d, { ifIndex: 2 });
    expect(d.calls).toEqual(['get 1.3.6.1.2.1.2.2.1.8.2', 'probe']);
    expect([s.outcome, s.rttMs, s.error]).toEqual(['unreachable', null, null]);
  });

  it('a silent device that answers discovery has our credentials wrong: error, not down', async () => {
    const d = new ScriptedDevice();
    d.silent = true;
    d.aliveToDiscovery = true;
    const s = await poll(d, { ifIndex: 2 });
    // Asked once more with our credentials after the probe answered: still silent, so they are wrong.
    expect(d.calls).toEqual(['get 1.3.6.1.2.1.2.2.1.8.2', 'probe', `get ${OID.sysUpTime}`]);
    expect(s.outcome).toBe('error');
    expect(s.error).toMatch(/wrong community or ACL/);
  });

  it('a device back from an outage between our timeout and the probe is polled again: up, not "wrong community" (issue 12)', async () => {
    const d = new ScriptedDevice();
    d.silent = true;
    d.backAtProbe = true;
    const s = await poll(d, { ifIndex: 2 }, 5_000);
    expect(d.calls).toEqual(['get 1.3.6.1.2.1.2.2.1.8.2', 'probe', `get ${OID.sysUpTime}`, 'get 1.3.6.1.2.1.2.2.1.8.2']);
    expect([s.outcome, s.error, s.polledAt]).toEqual(['up', null, 5_000]);
  });

  it('the same race while resolving the WAN port by name', async () => {
    const d = new ScriptedDevice();
    d.silent = true;
    d.backAtProbe = true;
    const s = await poll(d, { ifIndex: null });
    expect(d.calls).toEqual(['walk ifName', 'probe', `get ${OID.sysUpTime}`, 'walk ifName', 'get 1.3.6.1.2.1.2.2.1.8.2']);
    expect(s.outcome).toBe('up');
  });

  it('a WAN name the device does not have is an error after walking ifName and ifDescr', async () => {
    const d = new ScriptedDevice();
    const s = await pollSite(d, { ...site, wan: { ifName: 'wan9' } }, { ifIndex: null }, { agentId: 'ag' });
    expect(d.calls).toEqual(['walk ifName', 'walk ifDescr']);
    expect(s.outcome).toBe('error');
  });
});
