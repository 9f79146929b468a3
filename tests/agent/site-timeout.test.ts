// Issue 12 (9): no per-site timeout for slow satellite links. A device that answers after 4.5 s
// is unreachable with the agent's default (2 s × 2 tries), and up when its site says 5 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSite } from '../../server/src/agent/poll-site.ts';
import { siteForEndpoint, startSimulator, type RunningSimulator } from '../../server/src/agent/simulator/index.ts';
import { createNetSnmpClient, type SnmpClient } from '../../server/src/agent/snmp-client.ts';

describe('a per-site SNMP timeout', () => {
  let sim: RunningSimulator;
  let client: SnmpClient;
  beforeAll(async () => {
    sim = await startSimulator({ devices: [{ id: 'sat', scenario: { kind: 'slow', delayMs: 4_500 } }] });
    client = createNetSnmpClient(); // the default: 2 s per try, 1 retry
  });
  afterAll(async () => {
    client?.close();
    await sim?.stop();
  });

  it('a 4.5 s satellite round trip: unreachable at the default 2 s, up with timeoutMs 5 000', async () => {
    const ep = sim.endpoints[0]!;
    const plain = await pollSite(client, siteForEndpoint(ep, { id: 'sat-default', wan: { ifIndex: 2 } }), { ifIndex: 2 }, { agentId: 't', probeOnTimeout: false });
    expect(plain.outcome).toBe('unreachable');
    const slow = await pollSite(client, siteForEndpoint(ep, { id: 'sat-5s', wan: { ifIndex: 2 }, timeoutMs: 5_000 }), { ifIndex: 2 }, { agentId: 't', probeOnTimeout: false });
    expect(slow.outcome).toBe('up');
    expect(slow.rttMs).toBeGreaterThan(4_000);
  });
});
