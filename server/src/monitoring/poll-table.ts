// The poll table: one row per polled field (the snmp_exporter split — a description of what to
// poll, and a small runtime that reads it). The OID list, the decoder (agent/poll-reading.ts), the
// sample type (poll-sample.ts), the disk-buffer codec, the insert (store.ts) and the per-site
// Prometheus export (metrics.ts) are all derived from these rows. Recipe: docs/recipes.md.
export type SnmpType = 'integer' | 'timeticks' | 'counter32' | 'counter64' | 'gauge32';

export type PolledField = {
  /** Key in the sample (PollSample) and in the decoded reading. */
  name: string;
  /** Where the value comes from: an SNMP object, or measured by the agent itself. */
  source:
    | { kind: 'snmp'; mib: string; oid: string; scope: 'scalar' | 'interface'; type: SnmpType;
        /** Asked in the same GET; used when the primary is missing on the device (no ifXTable). */
        fallback?: { mib: string; oid: string; type: SnmpType } }
    | { kind: 'measured'; what: 'rtt' };
  unit: string;
  /** poll_sample column (a migration adds it; numeric(20) for Counter64, bigint otherwise). */
  column: string;
  /** Core fields are read by the rules and are always in a sample (null when not known); the
   * others may be absent, e.g. in a sample buffered on disk by an agent older than the field. */
  core?: true;
  /** Per-site Prometheus series, from the site's last reply. `scale` turns the unit into the
   * metric's base unit. Counters are raw device counters (rate() handles resets, as in snmp_exporter). */
  metric: { name: string; kind: 'gauge' | 'counter'; scale?: number; help: string };
};

const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';

export const POLL_TABLE = [
  {
    name: 'sysUpTime', core: true, unit: 'hundredths of a second', column: 'sys_uptime',
    source: { kind: 'snmp', mib: 'sysUpTime', oid: '1.3.6.1.2.1.1.3.0', scope: 'scalar', type: 'timeticks' },
    metric: { name: 'baylanys_site_sysuptime_seconds', kind: 'gauge', scale: 0.01, help: 'sysUpTime of the site router at the last reply' },
  },
  {
    name: 'engineBoots', core: true, unit: 'restarts', column: 'engine_boots',
    source: { kind: 'snmp', mib: 'snmpEngineBoots', oid: '1.3.6.1.6.3.10.2.1.2.0', scope: 'scalar', type: 'integer' },
    metric: { name: 'baylanys_site_engine_boots', kind: 'gauge', help: 'snmpEngineBoots of the site router at the last reply (how often its SNMP engine restarted)' },
  },
  {
    name: 'ifOperStatus', core: true, unit: 'IF-MIB status (1 up, 2 down, 7 lowerLayerDown)', column: 'if_oper_status',
    source: { kind: 'snmp', mib: 'ifOperStatus', oid: `${IF}.8`, scope: 'interface', type: 'integer' },
    metric: { name: 'baylanys_site_if_oper_status', kind: 'gauge', help: 'ifOperStatus of the WAN interface at the last reply (1 up, 2 down, 7 lowerLayerDown)' },
  },
  {
    name: 'ifAdminStatus', core: true, unit: 'IF-MIB status (1 up, 2 down)', column: 'if_admin_status',
    source: { kind: 'snmp', mib: 'ifAdminStatus', oid: `${IF}.7`, scope: 'interface', type: 'integer' },
    metric: { name: 'baylanys_site_if_admin_status', kind: 'gauge', help: 'ifAdminStatus of the WAN interface at the last reply (1 up, 2 switched off on purpose)' },
  },
  {
    name: 'inOctets', core: true, unit: 'octets', column: 'in_octets',
    source: { kind: 'snmp', mib: 'ifHCInOctets', oid: `${IFX}.6`, scope: 'interface', type: 'counter64', fallback: { mib: 'ifInOctets', oid: `${IF}.10`, type: 'counter32' } },
    metric: { name: 'baylanys_site_in_octets_total', kind: 'counter', help: 'Raw ifHCInOctets (or ifInOctets) of the WAN interface' },
  },
  {
    name: 'outOctets', core: true, unit: 'octets', column: 'out_octets',
    source: { kind: 'snmp', mib: 'ifHCOutOctets', oid: `${IFX}.10`, scope: 'interface', type: 'counter64', fallback: { mib: 'ifOutOctets', oid: `${IF}.16`, type: 'counter32' } },
    metric: { name: 'baylanys_site_out_octets_total', kind: 'counter', help: 'Raw ifHCOutOctets (or ifOutOctets) of the WAN interface' },
  },
  {
    name: 'ifSpeedMbps', core: true, unit: 'Mbit/s', column: 'if_speed_mbps',
    source: { kind: 'snmp', mib: 'ifHighSpeed', oid: `${IFX}.15`, scope: 'interface', type: 'gauge32' },
    // Prometheus base unit is bytes (promtool rejects *_bits_*): Mbit/s × 10^6 / 8.
    metric: { name: 'baylanys_site_link_speed_bytes_per_second', kind: 'gauge', scale: 125_000, help: 'Link speed of the WAN interface (ifHighSpeed) at the last reply, in bytes per second (bit rate / 8)' },
  },
  {
    name: 'discontinuityTime', core: true, unit: 'hundredths of a second of sysUpTime', column: 'discontinuity_time',
    source: { kind: 'snmp', mib: 'ifCounterDiscontinuityTime', oid: `${IFX}.19`, scope: 'interface', type: 'timeticks' },
    metric: { name: 'baylanys_site_counter_discontinuity_uptime_seconds', kind: 'gauge', scale: 0.01, help: 'sysUpTime at which the WAN interface counters last restarted (ifCounterDiscontinuityTime)' },
  },
  {
    name: 'inErrors', unit: 'packets', column: 'in_errors',
    source: { kind: 'snmp', mib: 'ifInErrors', oid: `${IF}.14`, scope: 'interface', type: 'counter32' },
    metric: { name: 'baylanys_site_in_errors_total', kind: 'counter', help: 'Raw ifInErrors of the WAN interface: inbound packets dropped as damaged (what a NOC checks first on a radio link)' },
  },
  {
    name: 'outErrors', unit: 'packets', column: 'out_errors',
    source: { kind: 'snmp', mib: 'ifOutErrors', oid: `${IF}.20`, scope: 'interface', type: 'counter32' },
    metric: { name: 'baylanys_site_out_errors_total', kind: 'counter', help: 'Raw ifOutErrors of the WAN interface: outbound packets that could not be sent because of errors' },
  },
  {
    name: 'rttMs', core: true, unit: 'ms', column: 'rtt_ms',
    source: { kind: 'measured', what: 'rtt' },
    metric: { name: 'baylanys_site_rtt_seconds', kind: 'gauge', scale: 0.001, help: 'Round-trip time of the last answered poll (request sent to reply read)' },
  },
] as const satisfies readonly PolledField[];

type Row = (typeof POLL_TABLE)[number];
type ValueOf<R extends Row> = R['source'] extends { type: 'counter64' } ? bigint : number;
type CoreRow = Extract<Row, { core: true }>;
type ExtraRow = Exclude<Row, { core: true }>;

/** The polled part of a sample, derived from the table: core fields always present, others optional. */
export type PolledValues = { [R in CoreRow as R['name']]: ValueOf<R> | null } & { [R in ExtraRow as R['name']]?: ValueOf<R> | null };

type SnmpRow = Extract<Row, { source: { kind: 'snmp' } }>;
const SNMP_ROWS: readonly SnmpRow[] = POLL_TABLE.filter((r): r is SnmpRow => r.source.kind === 'snmp');

/** One varbind of the poll's GET: the row it feeds and whether it is that row's fallback. */
export type PollVarbind = { row: SnmpRow; mib: string; oid: string; type: SnmpType; fallback: boolean };

/** The GET of one poll, in a fixed order (primaries, then fallbacks: HC and 32-bit counters ride in
 * the same request, so a device without ifXTable costs no second round trip). */
export function pollVarbinds(ifIndex: number): PollVarbind[] {
  const at = (oid: string, scope: 'scalar' | 'interface') => (scope === 'scalar' ? oid : `${oid}.${ifIndex}`);
  const primary = SNMP_ROWS.map((row) => ({ row, mib: row.source.mib, oid: at(row.source.oid, row.source.scope), type: row.source.type, fallback: false }));
  const fallbacks = SNMP_ROWS.flatMap((row) => {
    const fb = 'fallback' in row.source ? row.source.fallback : undefined;
    return fb ? [{ row, mib: fb.mib, oid: at(fb.oid, row.source.scope), type: fb.type, fallback: true }] : [];
  });
  return [...primary, ...fallbacks];
}

export const pollOids = (ifIndex: number): string[] => pollVarbinds(ifIndex).map((v) => v.oid);

/** True for rows whose value is a bigint (Counter64: JSON and JS numbers lose precision past 2^53). */
export const isBigRow = (row: Row): boolean => row.source.kind === 'snmp' && row.source.type === 'counter64';
