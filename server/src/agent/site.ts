// A site as the agent sees it: where to poll, with which credentials, and the labels its metrics
// carry. Same shape as monitoring's store `AgentSite` (credentials already decrypted).
import type { SnmpTarget, V3Credentials } from './snmp-client.ts';

export type AgentSite = {
  id: string;
  host: string;
  port: number;
  version: '2c' | '3';
  community?: string | undefined;
  v3?: V3Credentials | undefined;
  /** The WAN interface: by name (ifName, else ifDescr) when known, an ifIndex alone is not stable. */
  wan: { ifIndex?: number | undefined; ifName?: string | undefined };
  intervalS: number;
  /** SNMP timeout per try (a satellite link's round trip may exceed the default 2 s). */
  timeoutMs?: number | undefined;
  committedMbps: number | null;
  facilityKind: string | null;
  region: string | null;
  operator: string | null;
};

export function targetOf(site: AgentSite): SnmpTarget {
  return { host: site.host, port: site.port, version: site.version, community: site.community, v3: site.v3, timeoutMs: site.timeoutMs };
}
