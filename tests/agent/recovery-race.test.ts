// Issue 12 (5): 19 % of recoveries were recorded as "wrong community or ACL". The device came back
// while a timed-out poll was in flight: our GET went unanswered, the SNMPv3 discovery probe right
// after it was answered, and the silence was blamed on our credentials. Real agent code against a
// simulated device whose outage ends between the GET's last try and the probe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSite } from '../../server/src/agent/poll-site.ts';
import { siteForEndpoint, startSimulator, type RunningSimulator } from '../../server/src/agent/simulator/index.ts';
import { createNetSnmpClient, type SnmpClient } from '../../server/src/agent/snmp-client.ts';
import { SNMPD_COMMUNITY, snmpdBinary, startSnmpd } from './support/snmpd.ts';

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

describe('a device coming back while a timed-out poll is in flight', () => {
  let sim: RunningSimulator;
  let client: SnmpClient;
  const PERIOD = 2_000;
  beforeAll(async () => {
    // Silent during [1 s, 2 s) of every 2 s period from the simulator's start.
    sim = await startSimulator({ devices: [{ id: 'dev', scenario: { kind: 'outage', periodMs: PERIOD, activeMs: 1_000 } }] });
    // 300 ms × 2 tries: a GET sent 500 ms before the outage ends times out 100 ms after it ended.
    client = createNetSnmpClient({ timeoutMs: 300, retries: 1 });
  });
  afterAll(async () => {
    client?.close();
    await sim?.stop();
  });

  it.each([1, 2, 3])('recovery %d: the poll is up (asked again after the probe), never "wrong community"', async (k) => {
    const recoveredAt = sim.startedAt + (k + 1) * PERIOD;
    await sleepUntil(recoveredAt - 520);
    const site = siteForEndpoint(sim.endpoints[0]!, { id: `race-${k}`, intervalS: 2 });
    const s = await pollSite(client, site, { ifIndex: 2 }, { agentId: 'race' });
    expect(s.error).toBeNull();
    expect(s.outcome).toBe('up');
    // Seen up when it answered, after it came back — not back-dated to the poll's start, 520 ms
    // before (the fault table's regional outage came out one interval + that much short).
    expect(s.polledAt).toBeGreaterThanOrEqual(recoveredAt);
    expect(s.sampleId).toBe(`race:race-${k}:${s.polledAt}`);
  });

  it('a device answering the retry of a poll begun while it was silent: up, stamped when it answered', async () => {
    // GET 200 ms before the outage ends: the first try times out 100 ms after, the retry is answered.
    const recoveredAt = sim.startedAt + 5 * PERIOD;
    await sleepUntil(recoveredAt - 200);
    const began = Date.now();
    const s = await pollSite(client, siteForEndpoint(sim.endpoints[0]!, { id: 'race-retry', intervalS: 2 }), { ifIndex: 2 }, { agentId: 'race' });
    expect(s.outcome).toBe('up');
    expect(began).toBeLessThan(recoveredAt);
    expect(s.polledAt).toBeGreaterThanOrEqual(recoveredAt);
  });
});

describe.skipIf(!snmpdBinary())('a frozen snmpd that answers the queued request when it thaws', () => {
  it('the poll is up, stamped when it answered, not when it began', async () => {
    const snmpd = await startSnmpd(snmpdBinary()!);
    const client = createNetSnmpClient({ timeoutMs: 1_000, retries: 1 });
    try {
      const site = { id: 'thaw', host: '127.0.0.1', port: snmpd.port, version: '2c' as const, community: SNMPD_COMMUNITY, wan: { ifIndex: 1 }, intervalS: 3, committedMbps: null, facilityKind: null, region: null, operator: null };
      process.kill(snmpd.pid, 'SIGSTOP');
      const polling = pollSite(client, site, { ifIndex: 1 }, { agentId: 'thaw' });
      await new Promise((r) => setTimeout(r, 400)); // within the first try: the request waits in snmpd's socket
      const thawedAt = Date.now();
      process.kill(snmpd.pid, 'SIGCONT');
      const s = await polling;
      expect(s.outcome).toBe('up');
      expect(s.polledAt).toBeGreaterThanOrEqual(thawedAt);
    } finally {
      client.close();
      process.kill(snmpd.pid, 'SIGCONT');
      await snmpd.stop();
    }
  });
});
