// Debian's prometheus-snmp-exporter (0.21) as a benchmark baseline: its snmp.yml (the generated
// format of 0.21: modules at the top level, each with get/walk, metrics, version and auth) holding
// one module that GETs exactly the OIDs one Baylanys poll asks for, each exported under its MIB
// name, both from the poll table; and the exporter process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pollOids, pollVarbinds, type PollVarbind } from '../../server/src/monitoring/poll-table.ts';
import { findBinary, freeTcpPort } from '../../tests/support/peers.ts';
import { SNMPD_COMMUNITY } from '../../tests/agent/support/snmpd.ts';

export const EXPORTER_MODULE = 'baylanys_wan';

/** snmp.yml for the WAN interface `ifIndex` (Debian snmpd's `lo` is 1). */
function snmpExporterConfig(ifIndex = 1): string {
  const metric = (v: PollVarbind) => {
    const type = v.type === 'counter32' || v.type === 'counter64' ? 'counter' : 'gauge';
    const base = v.row.source.scope === 'scalar' ? v.oid.replace(/\.0$/, '') : v.oid.slice(0, -`.${ifIndex}`.length);
    const indexes = v.row.source.scope === 'scalar' ? '' : '    indexes:\n    - labelname: ifIndex\n      type: gauge\n';
    return `  - name: ${v.mib}\n    oid: ${base}\n    type: ${type}\n    help: ${v.mib}\n${indexes}`;
  };
  return [
    `${EXPORTER_MODULE}:`,
    '  get:',
    ...pollOids(ifIndex).map((o) => `  - ${o}`),
    '  metrics:',
    pollVarbinds(ifIndex).map(metric).join(''),
    '  version: 2',
    '  timeout: 2s',
    '  retries: 1',
    '  auth:',
    `    community: ${SNMPD_COMMUNITY}`,
    '',
  ].join('\n');
}

export type SnmpExporter = { pid: number; port: number; stop(): Promise<void> };

export async function startSnmpExporter(): Promise<SnmpExporter> {
  const binary = findBinary('prometheus-snmp-exporter', ['/usr/bin/prometheus-snmp-exporter']);
  if (!binary) throw new Error('the baseline needs prometheus-snmp-exporter (apt-get install prometheus-snmp-exporter)');
  const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-bench-exporter-'));
  writeFileSync(path.join(dir, 'snmp.yml'), snmpExporterConfig());
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(binary, [`--config.file=${path.join(dir, 'snmp.yml')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=error'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid!,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
