// The simulator's scripted devices, polled by the real poller over UDP: each scenario yields the
// outcome the monitoring model expects. Windows are timed from the simulator's start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSite, type SiteState } from '../../server/src/agent/poll-site.ts';
import { siteForEndpoint, startSimulator, type RunningSimulator, type SimulatedDevice } from '../../server/src/agent/simulator/index.ts';
import { createNetSnmpClient, type SnmpClient } from '../../server/src/agent/snmp-client.ts';

const DEVICES: SimulatedDevice[] = [
  { id: 'normal', scenario: { kind: 'normal', rateMbps: 24 } },
  { id: 'outage', scenario: { kind: 'outage', periodMs: 60_000, activeMs: 58_000 } }, // silent from 2 s
  { id: 'link-down', scenario: { kind: 'link_down', periodMs: 60_000, activeMs: 58_000 } }, // down from 2 s
  { id: 'reboot', scenario: { kind: 'reboot', periodMs: 5_000 } }, // reboots at 5 s and 10 s
  { id: 'wrap32', scenario: { kind: 'wrap32' } },
  { id: 'idle', scenario: { kind: 'idle' } },
  { id: 'slow', scenario: { kind: 'slow' } },
  { id: 'malformed', scenario: { kind: 'malformed' } },
  { id: 'nosuch', scenario: { kind: 'nosuch' } },
];

describe('simulated devices through the real poller', () => {
  let sim: RunningSimulator;
  let client: SnmpClient;
  const states = new Map<string, SiteState>();
  const poll = (id: string) => {
    const ep = sim.endpoints.find((e) => e.id === id)!;
    if (!states.has(id)) states.set(id, { ifIndex: null });
    return pollSite(client, siteForEndpoint(ep), states.get(id)!, { agentId: 'sim-test' });
  };
  const until = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, sim.startedAt + ms - Date.now())));

  beforeAll(async () => {
    sim = await startSimulator({ devices: DEVICES });
    // Short timeouts keep the test quick; the classification does not depend on them.
    client = createNetSnmpClient({ timeoutMs: 500, retries: 1 });
  });
  afterAll(async () => {
    client?.close();
    await sim?.stop();
  });

  it('before 2 s: every answering scenario is up, with the WAN port resolved to ifIndex 2', async () => {
    for (const id of ['normal', 'outage', 'link-down', 'reboot', 'idle']) {
      const s = await poll(id);
      expect([id, s.outcome, s.ifIndex, s.counterBits]).toEqual([id, 'up', 2, 64]);
    }
  });

  it('normal: the rate from Δoctets over ΔsysUpTime is near 24 Mbit/s (the swell is ±50 %)', async () => {
    const a = await poll('normal');
    await new Promise((r) => setTimeout(r, 1000));
    const b = await poll('normal');
    const seconds = (b.sysUpTime! - a.sysUpTime!) / 100;
    const mbps = (Number(b.inOctets! - a.inOctets!) * 8) / seconds / 1e6;
    expect(mbps).toBeGreaterThan(12);
    expect(mbps).toBeLessThan(36);
  });

  it('wrap32: no HC counters, so 32-bit ones, found through ifDescr (no ifXTable, no ifName)', async () => {
    const s = await poll('wrap32');
    expect(s.outcome).toBe('up');
    expect(s.counterBits).toBe(32);
    expect(s.ifIndex).toBe(2);
    expect(s.ifSpeedMbps).toBeNull();
    expect(s.inOctets! < 2n ** 32n).toBe(true);
  });

  it('idle: up, and the counters barely move in a second', async () => {
    const a = await poll('idle');
    await new Promise((r) => setTimeout(r, 1000));
    const b = await poll('idle');
    expect(b.outcome).toBe('up');
    expect(Number(b.inOctets! - a.inOctets!)).toBeLessThan(1000);
  });

  it('slow: still up (1.5 s is under the 2 s timeout), and the RTT shows it', async () => {
    const ep = sim.endpoints.find((e) => e.id === 'slow')!;
    const normalClient = createNetSnmpClient(); // the model's 2 s × 2 tries
    const s = await pollSite(normalClient, siteForEndpoint(ep), { ifIndex: 2 }, { agentId: 'sim-test' });
    normalClient.close();
    expect(s.outcome).toBe('up');
    expect(s.rttMs!).toBeGreaterThanOrEqual(1400);
  });

  it('malformed and nosuch replies are errors, never down', async () => {
    const m = await poll('malformed');
    expect(m.outcome).toBe('error');
    expect(m.error).toMatch(/malformed reply: sysUpTime/);
    const n = await poll('nosuch');
    expect(n.outcome).toBe('error');
    expect(n.error).toMatch(/"wan0" is in neither ifName nor ifDescr/);
  });

  it('after 5 s: outage → unreachable, link_down → link_down, reboot → uptime reset and ifIndex re-resolved', async () => {
    await until(5_200);
    const o = await poll('outage');
    expect(o.outcome).toBe('unreachable');
    expect(sim.dropped().outage).toBeGreaterThan(0);
    const l = await poll('link-down');
    expect([l.outcome, l.ifOperStatus, l.ifAdminStatus]).toEqual(['link_down', 2, 1]);
    const r = await poll('reboot');
    expect(r.outcome).toBe('up');
    expect(r.engineBoots).toBe(2);
    expect(r.sysUpTime!).toBeLessThan(2_000); // hundredths: under 20 s since the reboot at 5 s
    expect(r.ifIndex).toBe(3); // the WAN port moved; the poller found it by name
  });

  it('SNMPv3 authPriv against a simulated device', async () => {
    const ep = sim.endpoints.find((e) => e.id === 'normal')!;
    const s = await pollSite(client, siteForEndpoint(ep, { version: '3', community: undefined, v3: ep.v3 }), { ifIndex: null }, { agentId: 't' });
    expect(s.outcome).toBe('up');
  });

  it('keeps within its socket budget: idle sessions beyond maxSessions are closed, polls still succeed', async () => {
    const small = createNetSnmpClient({ maxSessions: 2 });
    try {
      for (const id of ['normal', 'idle', 'link-down', 'reboot']) {
        const ep = sim.endpoints.find((e) => e.id === id)!;
        const s = await pollSite(small, siteForEndpoint(ep), { ifIndex: 2 }, { agentId: 't' });
        expect(s.outcome === 'up' || s.outcome === 'link_down').toBe(true);
        expect(small.sessionCount()).toBeLessThanOrEqual(2);
      }
    } finally {
      small.close();
    }
    expect(small.sessionCount()).toBe(0);
  });
});
