// The device simulator: many scripted devices on loopback UDP ports, for the demo and the tests.
import type { AgentSite } from '../site.ts';
import type { Scenario } from './scenarios.ts';
import { startDevice, type RunningDevice } from './snmp-device.ts';

export type { Scenario, ScenarioKind } from './scenarios.ts';

export type SimulatedDevice = {
  id: string;
  scenario: Scenario;
  community?: string;
  /** The WAN port's ifName/ifDescr (default "wan0"). */
  wanName?: string;
};

export type SimulatorEndpoint = {
  id: string;
  host: string;
  port: number;
  community: string;
  /** Every simulated device also accepts this SNMPv3 authPriv user (SHA + AES-128). */
  v3: { user: string; authProtocol: 'sha'; authKey: string; privProtocol: 'aes'; privKey: string };
  wanName: string;
  scenario: Scenario;
};

export type RunningSimulator = {
  startedAt: number;
  endpoints: SimulatorEndpoint[];
  /** Datagrams dropped by outage scenarios, per device id. */
  dropped(): Record<string, number>;
  stop(): Promise<void>;
};

export const SIMULATOR_V3 = { user: 'baylanys-sim', authProtocol: 'sha', authKey: 'sim-auth-key-1', privProtocol: 'aes', privKey: 'sim-priv-key-1' } as const;

/** Starts one agent per device on host:basePort+i (basePort 0 = any free ports). */
export async function startSimulator(options: { devices: SimulatedDevice[]; basePort?: number; host?: string }): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const startedAt = Date.now();
  const running: RunningDevice[] = [];
  const endpoints: SimulatorEndpoint[] = [];
  try {
    for (const [i, d] of options.devices.entries()) {
      const community = d.community ?? 'public';
      const wanName = d.wanName ?? 'wan0';
      const dev = await startDevice({
        id: d.id, host, port: options.basePort ? options.basePort + i : 0, community, wanName, scenario: d.scenario, startedAt,
        v3: { user: SIMULATOR_V3.user, authKey: SIMULATOR_V3.authKey, privKey: SIMULATOR_V3.privKey },
      });
      running.push(dev);
      endpoints.push({ id: d.id, host, port: dev.port, community, v3: { ...SIMULATOR_V3 }, wanName, scenario: d.scenario });
    }
  } catch (err) {
    await Promise.all(running.map((d) => d.close()));
    throw err;
  }
  return {
    startedAt,
    endpoints,
    dropped: () => Object.fromEntries(running.map((d) => [d.id, d.stats.dropped])),
    stop: async () => {
      await Promise.all(running.map((d) => d.close()));
    },
  };
}

/** An agent site polling a simulated device (tests, benchmarks, the in-process demo). */
export function siteForEndpoint(ep: SimulatorEndpoint, overrides: Partial<AgentSite> = {}): AgentSite {
  return {
    id: ep.id, host: ep.host, port: ep.port, version: '2c', community: ep.community, wan: { ifName: ep.wanName },
    intervalS: 60, committedMbps: 50, facilityKind: 'school', region: 'demo', operator: 'simulator', ...overrides,
  };
}
