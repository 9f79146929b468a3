// Issue 12 (3 of the issue, 4 of the brief): an SNMPv3 device that comes back with a new engine
// (snmpd -C with a fresh persistent dir, a swapped unit) or with its boots counter started over
// (factory reset: same engine id, snmpEngineBoots = 1) used to be locked out — "not in time window"
// at every poll until the agent restarted. It must be up again at the very next poll. Real snmpd.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pollSite, type SiteState } from '../../server/src/agent/poll-site.ts';
import type { AgentSite } from '../../server/src/agent/site.ts';
import { createNetSnmpClient, type SnmpClient } from '../../server/src/agent/snmp-client.ts';
import { freeUdpPort, SNMPD_V3, snmpdBinary, startSnmpd, type Snmpd } from './support/snmpd.ts';

const binary = snmpdBinary();

describe.skipIf(!binary)('a v3 device restarted with a new engine or reset boots', () => {
  let client: SnmpClient;
  let snmpd: Snmpd | undefined;
  beforeAll(() => {
    client = createNetSnmpClient({ timeoutMs: 1000, retries: 1 });
    return () => client.close();
  });
  afterEach(async () => {
    await snmpd?.stop();
    snmpd = undefined;
  });

  const site = (port: number, v3 = SNMPD_V3.sha): AgentSite => ({
    id: 'v3-restart', host: '127.0.0.1', port, version: '3', v3: { ...v3 }, wan: { ifName: 'lo' }, intervalS: 60,
    committedMbps: 100, facilityKind: 'school', region: 'test', operator: 'test',
  });

  const ENGINE_A = '80001f88804261796c616e7973';
  const ENGINE_B = '80001f888042617973776170';
  it.each([
    ['a new engine id and boots 1 (a swapped unit)', ENGINE_B],
    ['the same engine id with snmpEngineBoots started over (factory reset, snmpd -C)', ENGINE_A],
  ])('%s: up at the next poll', async (_name, engineAfter) => {
    const port = await freeUdpPort();
    const s = site(port);
    const state: SiteState = { ifIndex: null };
    // A device that has booted 42 times; the session learns its engine, boots and time.
    snmpd = await startSnmpd(binary!, { port, engineId: ENGINE_A, bootsBefore: 41 });
    for (let i = 0; i < 2; i++) {
      const p = await pollSite(client, s, state, { agentId: 't' });
      expect(p.outcome).toBe('up');
      expect(p.engineBoots).toBe(42);
    }
    // Restarted with a fresh state dir: snmpEngineBoots is 1 again, not 43.
    await snmpd.stop();
    snmpd = await startSnmpd(binary!, { port, engineId: engineAfter });
    const after = await pollSite(client, s, state, { agentId: 't' });
    expect(after.error).toBeNull();
    expect(after.outcome).toBe('up');
    expect(after.engineBoots).toBe(1);
  });

  it('a wrong auth key is still an error after the re-discovery (it is not hidden by the retry)', async () => {
    const port = await freeUdpPort();
    snmpd = await startSnmpd(binary!, { port });
    const wrong = await pollSite(client, site(port, { ...SNMPD_V3.sha, authKey: 'not-the-key-1' } as never), { ifIndex: null }, { agentId: 't' });
    expect(wrong.outcome).toBe('error');
    expect(wrong.error).toMatch(/SNMPv3 refused/);
  });
});
