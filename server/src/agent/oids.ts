// OIDs the agent needs outside the poll itself (resolving the WAN interface, the probe after a
// timeout, the simulator). What one poll asks for is the poll table: monitoring/poll-table.ts.
export const OID = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2.0',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
} as const;

export { pollOids } from '../monitoring/poll-table.ts';
