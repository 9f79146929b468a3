// What one poll asks a device for (IF-MIB, SNMPv2-MIB, SNMP-FRAMEWORK-MIB): device knowledge as data.
export const OID = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifAdminStatus: '1.3.6.1.2.1.2.2.1.7',
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8',
  ifInOctets: '1.3.6.1.2.1.2.2.1.10',
  ifOutOctets: '1.3.6.1.2.1.2.2.1.16',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
  ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6',
  ifHCOutOctets: '1.3.6.1.2.1.31.1.1.1.10',
  ifHighSpeed: '1.3.6.1.2.1.31.1.1.1.15',
  ifCounterDiscontinuityTime: '1.3.6.1.2.1.31.1.1.1.19',
} as const;

/** The varbinds of one poll, in request order. HC and 32-bit counters ride in the same GET so a
 * device without IF-MIB's ifXTable costs no second round trip. */
export const POLL_FIELDS = [
  'sysUpTime',
  'engineBoots',
  'ifOperStatus',
  'ifAdminStatus',
  'hcIn',
  'hcOut',
  'highSpeed',
  'discontinuity',
  'in32',
  'out32',
] as const;
export type PollField = (typeof POLL_FIELDS)[number];

export function pollOids(ifIndex: number): string[] {
  const n = `.${ifIndex}`;
  return [
    OID.sysUpTime,
    OID.snmpEngineBoots,
    OID.ifOperStatus + n,
    OID.ifAdminStatus + n,
    OID.ifHCInOctets + n,
    OID.ifHCOutOctets + n,
    OID.ifHighSpeed + n,
    OID.ifCounterDiscontinuityTime + n,
    OID.ifInOctets + n,
    OID.ifOutOctets + n,
  ];
}
