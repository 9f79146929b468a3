// The demo fleet: one simulated device per behaviour worth seeing on the map, and the site
// definitions that point the inventory at them, so `npm start` shows live status without hardware.
import type { SimulatedDevice, SimulatorEndpoint } from './index.ts';

export const DEMO_DEVICES: SimulatedDevice[] = [
  { id: 'demo-normal-1', scenario: { kind: 'normal', rateMbps: 24 } },
  { id: 'demo-normal-2', scenario: { kind: 'normal', rateMbps: 8 } },
  { id: 'demo-normal-3', scenario: { kind: 'normal', rateMbps: 45, speedMbps: 1000 } },
  { id: 'demo-normal-4', scenario: { kind: 'normal', rateMbps: 3 } },
  { id: 'demo-idle', scenario: { kind: 'idle' } },
  { id: 'demo-outage', scenario: { kind: 'outage', periodMs: 15 * 60_000, activeMs: 6 * 60_000 } },
  { id: 'demo-reboot', scenario: { kind: 'reboot', periodMs: 20 * 60_000 } },
  { id: 'demo-wrap32', scenario: { kind: 'wrap32' } },
  { id: 'demo-link-down', scenario: { kind: 'link_down', periodMs: 12 * 60_000, activeMs: 4 * 60_000 } },
  { id: 'demo-slow', scenario: { kind: 'slow' } },
  { id: 'demo-malformed', scenario: { kind: 'malformed' } },
  { id: 'demo-nosuch', scenario: { kind: 'nosuch' } },
];

/** What the inventory needs to monitor one simulated device (credentials in clear: the store encrypts). */
export type DemoSiteDefinition = {
  deviceId: string;
  facilityId: string | null;
  name: string;
  host: string;
  port: number;
  version: '2c';
  community: string;
  wanIfName: string;
  intervalS: number;
  committedMbps: number;
  slaTarget: number;
  operator: string;
  contract: string;
  scenario: string;
};

/**
 * Site definitions for the demo devices, attached in order to the given facilities (e.g. the first
 * schools of the bundled data); without facilities they are left unattached.
 */
export function seedDemoSites(endpoints: SimulatorEndpoint[], options: { facilityIds?: string[]; intervalS?: number } = {}): DemoSiteDefinition[] {
  return endpoints.map((ep, i) => ({
    deviceId: ep.id,
    facilityId: options.facilityIds?.[i] ?? null,
    name: `Demo ${ep.scenario.kind.replace('_', ' ')} ${i + 1}`,
    host: ep.host,
    port: ep.port,
    version: '2c',
    community: ep.community,
    wanIfName: ep.wanName,
    intervalS: options.intervalS ?? 30,
    committedMbps: ep.scenario.kind === 'normal' ? 50 : 20,
    slaTarget: 99.0,
    operator: i % 2 === 0 ? 'Kazakhtelecom (demo)' : 'Transtelecom (demo)',
    contract: `DEMO-${String(i + 1).padStart(3, '0')}`,
    scenario: ep.scenario.kind,
  }));
}
