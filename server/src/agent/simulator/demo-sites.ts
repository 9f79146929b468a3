// The demo fleet: one simulated device per behaviour worth seeing on the map, and the site
// definitions that point the inventory at them, so `npm start` shows live status without hardware.
import type { SimulatedDevice, SimulatorEndpoint } from './index.ts';

export const DEMO_DEVICES: SimulatedDevice[] = [
  { id: 'demo-normal-1', scenario: { kind: 'normal', rateMbps: 24 } },
  { id: 'demo-normal-2', scenario: { kind: 'normal', rateMbps: 8 } },
  { id: 'demo-normal-3', scenario: { kind: 'normal', rateMbps: 45, speedMbps: 1000 } },
  { id: 'demo-normal-4', scenario: { kind: 'normal', rateMbps: 3 } },
  { id: 'demo-idle', scenario: { kind: 'idle' } },
  // Outage and link-down come round a minute or two after start, so a fresh demo shows them soon.
  { id: 'demo-outage', scenario: { kind: 'outage', periodMs: 15 * 60_000, activeMs: 6 * 60_000, offsetMs: 8 * 60_000 } },
  { id: 'demo-reboot', scenario: { kind: 'reboot', periodMs: 20 * 60_000 } },
  { id: 'demo-wrap32', scenario: { kind: 'wrap32' } },
  { id: 'demo-link-down', scenario: { kind: 'link_down', periodMs: 12 * 60_000, activeMs: 4 * 60_000, offsetMs: 6 * 60_000 } },
  { id: 'demo-slow', scenario: { kind: 'slow' } },
  { id: 'demo-malformed', scenario: { kind: 'malformed' } },
  { id: 'demo-nosuch', scenario: { kind: 'nosuch' } },
];

/** A site in the inventory's create shape (monitoring's `siteCreateSchema`); the store encrypts the community. */
export type DemoSiteInput = {
  id: string;
  facilityId: string;
  name: string;
  host: string;
  port: number;
  snmp: { version: '2c'; community: string };
  wan: { ifName: string };
  intervalS: number;
  committedMbps: number;
  slaTarget: number;
  operator: string;
  contract: string;
  contactPhone: string;
};

/**
 * Site definitions for the demo devices, one per facility given (e.g. the first schools of the
 * bundled data), in order; devices beyond the facilities are left out. Ids are stable
 * (`demo-<device>`), so seeding again after a restart updates the same sites with the new ports.
 */
export function seedDemoSites(endpoints: SimulatorEndpoint[], facilityIds: string[], options: { intervalS?: number } = {}): DemoSiteInput[] {
  return endpoints.slice(0, facilityIds.length).map((ep, i) => ({
    id: ep.id.startsWith('demo-') ? ep.id : `demo-${ep.id}`,
    facilityId: facilityIds[i]!,
    name: `Demo: ${ep.scenario.kind.replace('_', ' ')} (${ep.id})`,
    host: ep.host,
    port: ep.port,
    snmp: { version: '2c', community: ep.community },
    wan: { ifName: ep.wanName },
    intervalS: options.intervalS ?? 15,
    committedMbps: ep.scenario.kind === 'normal' ? 50 : 20,
    slaTarget: 99.0,
    operator: i % 2 === 0 ? 'Kazakhtelecom (demo)' : 'Transtelecom (demo)',
    contract: `DEMO-${String(i + 1).padStart(3, '0')}`,
    contactPhone: '+7 700 000 00 00',
  }));
}
