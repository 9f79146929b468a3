// One simulated device: a net-snmp agent on a loopback UDP port whose MIB providers answer from
// deviceStateAt(scenario, now). The simulator plays devices, it does not poll, so it is the one
// module besides snmp-client.ts that imports net-snmp (its agent side).
import dgram from 'node:dgram';
import snmp, { type Agent, type MibRequest } from 'net-snmp';
import { OID } from '../oids.ts';
import { deviceStateAt, type DeviceState, type Scenario } from './scenarios.ts';

export type DeviceOptions = {
  id: string;
  port: number; // 0 = any free port
  host?: string;
  community: string;
  v3?: { user: string; authKey: string; privKey: string };
  wanName: string;
  scenario: Scenario;
  startedAt: number;
};

export type RunningDevice = { id: string; host: string; port: number; stats: { dropped: number }; close(): Promise<void> };

const T = snmp.ObjectType;
const RO = snmp.MaxAccess['read-only']!;
const IF_TABLE = '1.3.6.1.2.1.2.2.1';
const IFX_TABLE = '1.3.6.1.2.1.31.1.1.1';

function u64(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v % 2n ** 64n);
  return b;
}

/** ifIndex → what it is called in this boot; the WAN port swaps between 2 and 3 on each reboot. */
function ifNameAt(ifIndex: number, s: DeviceState, wanName: string): string {
  if (ifIndex === 1) return 'lo';
  if (ifIndex === s.wanIfIndex && s.wanPresent) return wanName;
  return `lan${ifIndex}`;
}

function ifCell(column: string, ifIndex: number, s: DeviceState, wanName: string): unknown {
  const wan = ifIndex === s.wanIfIndex && s.wanPresent;
  const lan = BigInt(ifIndex) * 1_000_003n;
  const inOct = wan ? s.inOctets : lan;
  const outOct = wan ? s.outOctets : lan;
  switch (column) {
    case 'ifIndex': return ifIndex;
    case 'ifDescr':
    case 'ifName': return ifNameAt(ifIndex, s, wanName);
    case 'ifAdminStatus': return wan ? s.adminStatus : 1;
    case 'ifOperStatus': return wan ? s.operStatus : ifIndex === 1 ? 1 : 2;
    case 'ifInOctets': return Number(inOct % 2n ** 32n);
    case 'ifOutOctets': return Number(outOct % 2n ** 32n);
    case 'ifHCInOctets': return u64(inOct);
    case 'ifHCOutOctets': return u64(outOct);
    case 'ifHighSpeed': return wan ? s.speedMbps : 1000;
    case 'ifCounterDiscontinuityTime': return 0;
    default: return null;
  }
}

/** A UDP module for net-snmp's agent that gates each datagram by the scenario: dropped during an
 * outage, delayed when slow. It also binds port 0 as "any free port". */
function gatedDgram(gate: () => { answering: boolean; delayMs: number }, stats: { dropped: number }, onBound: (port: number) => void) {
  return {
    createSocket(type: 'udp4') {
      const socket = dgram.createSocket(type);
      const on = socket.on.bind(socket);
      socket.on = ((event: string, fn: (...a: unknown[]) => void) => {
        if (event !== 'message') return on(event, fn);
        return on('message', (msg: Buffer, rinfo: dgram.RemoteInfo) => {
          const g = gate();
          if (!g.answering) {
            stats.dropped++;
            return;
          }
          if (g.delayMs > 0) setTimeout(() => fn(msg, rinfo), g.delayMs);
          else fn(msg, rinfo);
        });
      }) as typeof socket.on;
      socket.once('listening', () => onBound(socket.address().port));
      return socket;
    },
  };
}

export async function startDevice(o: DeviceOptions): Promise<RunningDevice> {
  const host = o.host ?? '127.0.0.1';
  const state = () => deviceStateAt(o.scenario, Date.now() - o.startedAt);
  const stats = { dropped: 0 };
  let agent: Agent | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const dgramModule = withPort(gatedDgram(state, stats, resolve), o.port);
    try {
      // net-snmp reads port 0 as 161: the real port (0 = any free one) is applied by withPort.
      agent = snmp.createAgent({ port: o.port || 1, address: host, transport: 'udp4', dgramModule }, () => {});
      configure(agent, o, state);
    } catch (err) {
      reject(err);
    }
  });
  return { id: o.id, host, port, stats, close: () => new Promise<void>((r) => agent!.close(() => r())) };
}

function withPort(mod: ReturnType<typeof gatedDgram>, port: number) {
  return {
    createSocket(type: 'udp4') {
      const socket = mod.createSocket(type);
      const bind = socket.bind.bind(socket) as (p: number, a?: string) => dgram.Socket;
      socket.bind = ((_p: number, a?: string) => bind(port, a)) as typeof socket.bind;
      return socket;
    },
  };
}

function configure(agent: Agent, o: DeviceOptions, state: () => DeviceState): void {
  const auth = agent.getAuthorizer();
  auth.addCommunity(o.community);
  if (o.v3) {
    auth.addUser({
      name: o.v3.user, level: snmp.SecurityLevel.authPriv, authProtocol: snmp.AuthProtocols.sha,
      authKey: o.v3.authKey, privProtocol: snmp.PrivProtocols.aes, privKey: o.v3.privKey,
    });
  }
  const mib = agent.getMib();
  const scalar = (name: string, oid: string, type: number, value: (s: DeviceState) => unknown) => {
    mib.registerProvider({
      name, type: snmp.MibProviderType.Scalar, oid: oid.replace(/\.0$/, ''), scalarType: type, maxAccess: RO,
      handler: (req: MibRequest) => {
        req.instanceNode.value = value(state());
        req.done();
      },
    });
    mib.setScalarValue(name, value(state()));
  };
  const malformed = state().malformedUptime;
  scalar('sysUpTime', OID.sysUpTime, malformed ? T.OctetString! : T.TimeTicks!, (s) => (malformed ? 'not-a-timetick' : s.sysUpTime));
  scalar('sysName', '1.3.6.1.2.1.1.5.0', T.OctetString!, () => o.id);
  scalar('snmpEngineBoots', OID.snmpEngineBoots, T.Integer!, (s) => s.engineBoots);

  const table = (name: string, oid: string, columns: [number, string, number][], augments?: string) => {
    mib.registerProvider({
      name, type: snmp.MibProviderType.Table, oid, maxAccess: snmp.MaxAccess['not-accessible']!,
      tableColumns: columns.map(([number, cname, type]) => ({ number, name: cname, type, maxAccess: RO })),
      ...(augments ? { tableAugments: augments } : { tableIndex: [{ columnName: 'ifIndex' }] }),
      handler: (req: MibRequest) => {
        const [col, row] = req.oid.slice(oid.length + 1).split('.').map(Number);
        const c = columns.find(([n]) => n === col);
        if (c) req.instanceNode.value = ifCell(c[1], row!, state(), o.wanName);
        req.done();
      },
    });
  };
  const ifColumns: [number, string, number][] = [
    [1, 'ifIndex', T.Integer!], [2, 'ifDescr', T.OctetString!], [7, 'ifAdminStatus', T.Integer!],
    [8, 'ifOperStatus', T.Integer!], [10, 'ifInOctets', T.Counter32!], [16, 'ifOutOctets', T.Counter32!],
  ];
  table('ifTable', IF_TABLE, ifColumns);
  const ifxColumns: [number, string, number][] = [
    [1, 'ifName', T.OctetString!], [6, 'ifHCInOctets', T.Counter64!], [10, 'ifHCOutOctets', T.Counter64!],
    [15, 'ifHighSpeed', T.Gauge32!], [19, 'ifCounterDiscontinuityTime', T.TimeTicks!],
  ];
  const s0 = state();
  if (s0.hc) table('ifXTable', IFX_TABLE, ifxColumns, 'ifTable');
  // nosuch: the device has only its loopback, so the WAN interface is absent from every table.
  const rows = s0.wanPresent ? [1, 2, 3] : [1];
  for (const i of rows) {
    mib.addTableRow('ifTable', ifColumns.map(([, c]) => ifCell(c, i, s0, o.wanName)));
    if (s0.hc) mib.addTableRow('ifXTable', [i, ...ifxColumns.map(([, c]) => ifCell(c, i, s0, o.wanName))]);
  }
}
