// A NOC drill for issue 12, against real peers: `npm run agent` (the separate, supervised agent
// process) polls real Net-SNMP snmpd daemons and two broken devices, writing to PostgreSQL, while
// faults are scripted with timestamps. Prints expected vs measured per row; writes
// bench/results/noc-drill.json. The CI version, nine faults at a 3 s interval: tests/agent/fault-table.test.ts.
//   DATABASE_URL=postgres://… npx tsx scripts/noc-drill.ts [outageS=90] [intervalS=10] [skip=counter64,…]
// (skip a device, e.g. to run the other rows on an agent that a bad Counter64 would kill first)
// Rows: a 90 s outage (snmpd SIGSTOP/SIGCONT) counted down; an SNMPv3 snmpd restarted with its
// boots started over (fresh state dir, as a factory reset / snmpd -C) back up at the next poll; a
// device sending a 10-byte Counter64 and one echoing a community with NUL bytes: error samples with
// a printable message, the agent never restarts or dies, the database keeps taking every write.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { siteAvailability } from '../server/src/monitoring/measures.ts';
import { createSite } from '../server/src/monitoring/sites.ts';
import { startAgentProcess } from '../tests/agent/support/agent-process.ts';
import { startFakeDevice, responseFor, TAG, val } from '../tests/agent/support/fake-device.ts';
import { valuesFor } from '../tests/agent/support/malformed-corpus.ts';
import { freeUdpPort, SNMPD_COMMUNITY, SNMPD_V3, snmpdBinary, startSnmpd } from '../tests/agent/support/snmpd.ts';
import { createServerDatabase } from '../tests/support/db.ts';

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error('the drill needs DATABASE_URL (PostgreSQL): the agent is a separate process');
const outageS = Number(process.argv[2] ?? 90);
const intervalS = Number(process.argv[3] ?? 10);
const skip = new Set((process.argv[4] ?? '').split(',').filter(Boolean));
const binary = snmpdBinary();
if (!binary) throw new Error('snmpd is not installed');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ENGINE = '80001f88804261796c616e7973';
const key = randomBytes(32).toString('hex');

const { url, drop } = await createServerDatabase(baseUrl);
const db = await openDatabase({ databaseUrl: url });
await migrate(db);
await db.exec(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('drill', 'facilities', 'drill', 'none', 'illustrative');
  INSERT INTO facility (id, kind, geom, dataset_id, provenance) VALUES ('f', 'school', ST_SetSRID(ST_MakePoint(70, 50), 4326), 'drill', 'illustrative');`);

const v3Port = await freeUdpPort();
let v3 = await startSnmpd(binary, { port: v3Port, engineId: ENGINE, bootsBefore: 41 });
const v2 = await startSnmpd(binary);
const counter64 = await startFakeDevice((req) => responseFor(req, valuesFor(req, { ifHCInOctets: val.raw(TAG.counter64, Array(10).fill(0x11)) })));
const nul = await startFakeDevice((req) => responseFor(req, valuesFor(req), { community: Buffer.from(`${req.community}\u0000\u0001x`) }));
const site = (id: string, port: number, snmp: object, wan: object) =>
  createSite(db, key, { id, facilityId: 'f', name: id, host: '127.0.0.1', port, snmp, wan, intervalS });
await site('v3-reset', v3Port, { version: '3', ...SNMPD_V3.sha }, { ifName: 'lo' });
await site('v2-outage', v2.port, { version: '2c', community: SNMPD_COMMUNITY }, { ifName: 'lo' });
if (!skip.has('counter64')) await site('counter64-10-bytes', counter64.port, { version: '2c', community: 'drill' }, { ifIndex: 2 });
if (!skip.has('nul')) await site('nul-community', nul.port, { version: '2c', community: 'drill' }, { ifIndex: 2 });

const dataDir = mkdtempSync(path.join(tmpdir(), 'baylanys-drill-'));
const agent = await startAgentProcess({ databaseUrl: url, secretKey: key, dataDir, agentId: 'drill', args: ['--reload-s', '5', '--batch-size', '50'] });
const t0 = Date.now();
const at = (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()));
console.log(`drill: interval ${intervalS} s, outage ${outageS} s; agent pid ${agent.pid}`);

// Script: warm up 30 s; then the v2 daemon freezes for outageS (SIGSTOP: silent, like a dead
// link); 40 s in, the v3 daemon restarts with a fresh state dir (boots 42 → 1, same engine id).
await at(30_000);
const outageFrom = Date.now();
process.kill(v2.pid, 'SIGSTOP');
await at(40_000);
await v3.stop();
v3 = await startSnmpd(binary, { port: v3Port, engineId: ENGINE });
const v3BackAt = Date.now();
await at(30_000 + outageS * 1000);
process.kill(v2.pid, 'SIGCONT');
const outageTo = Date.now();
await at(30_000 + outageS * 1000 + 40_000);

const metrics = await agent.metrics();
const exitedEarly = !agent.alive(); // before the fixes: killed by the first bad Counter64
const agentExit = await agent.stop();
const end = Date.now();

const firstUpAfter = await db.query<{ t: number }>(
  `SELECT extract(epoch FROM min(polled_at)) * 1000 AS t FROM poll_sample WHERE site_id = 'v3-reset' AND outcome = 'up' AND polled_at >= to_timestamp($1 / 1000.0)`, [v3BackAt]);
const v3Errors = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM poll_sample WHERE site_id = 'v3-reset' AND outcome = 'error' AND polled_at >= to_timestamp($1 / 1000.0)`, [v3BackAt]);
const a = await siteAvailability(db, { id: 'v2-outage', intervalS }, { from: t0 + 10_000, to: end - 5_000 });
const outages = await db.query<{ started_at: Date; ended_at: Date | null }>(`SELECT started_at, ended_at FROM outage WHERE site_id = 'v2-outage' ORDER BY started_at`);
const errorsOf = async (id: string) =>
  db.query<{ n: number; error: string }>(`SELECT count(*)::int AS n, min(error) AS error FROM poll_sample WHERE site_id = $1 GROUP BY outcome`, [id]);
const c64 = await errorsOf('counter64-10-bytes');
const nulRows = await errorsOf('nul-community');
const counts = await db.query<{ site_id: string; outcome: string; n: number }>(`SELECT site_id, outcome, count(*)::int AS n FROM poll_sample GROUP BY 1, 2 ORDER BY 1, 2`);
const restarts = Number(/^baylanys_agent_restarts_total (\d+)/m.exec(metrics)?.[1] ?? NaN);
const rejected = Number(/^baylanys_agent_rejected_samples_total (\d+)/m.exec(metrics)?.[1] ?? NaN);

const rows = [
  { row: `${outageS} s outage at ${intervalS} s (snmpd SIGSTOP)`, expected: `down ${outageS} s ± ${intervalS} s, no unknown`, measured: `down ${(a.downMs / 1000).toFixed(1)} s, unknown ${(a.unknownMs / 1000).toFixed(1)} s (true ${((outageTo - outageFrom) / 1000).toFixed(1)} s); outage ${outages.map((o) => `${((+(o.ended_at ?? 0) - +o.started_at) / 1000).toFixed(0)} s`).join(', ')}` },
  { row: 'v3 snmpd restarted, boots 42 → 1 (fresh state dir)', expected: `up at the next poll (≤ ${intervalS} s), no error sample`, measured: `first up ${((firstUpAfter[0]?.t ?? NaN) - v3BackAt) / 1000} s after it was back; ${v3Errors[0]?.n ?? 0} error samples after` },
  { row: 'Counter64 of 10 bytes', expected: 'error samples with the reason; the agent lives', measured: c64.map((r) => `${r.n} × ${r.error ?? 'ok'}`).join('; ') },
  { row: 'reply community with NUL bytes', expected: 'error samples stored, printable', measured: nulRows.map((r) => `${r.n} × ${JSON.stringify(r.error)}`).join('; ') },
  { row: 'agent process', expected: 'alive until SIGTERM, exit 0, 0 restarts, 0 rejected', measured: `${exitedEarly ? 'DIED during the drill' : 'alive until SIGTERM'}, exit ${agentExit}, restarts ${restarts}, rejected ${rejected}` },
];
for (const r of rows) console.log(`- ${r.row}\n    expected: ${r.expected}\n    measured: ${r.measured}`);
console.log('samples by site and outcome:', counts.map((c) => `${c.site_id}/${c.outcome}=${c.n}`).join(' '));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/noc-drill.json', JSON.stringify({ intervalS, outageS, rows, counts, at: new Date().toISOString() }, null, 2) + '\n');

await Promise.all([v3.stop(), v2.stop(), counter64.close(), nul.close()]);
await db.close();
await drop();
rmSync(dataDir, { recursive: true, force: true });
if (agentExit !== 0) console.log(agent.log().slice(-3000));
