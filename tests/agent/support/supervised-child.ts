// A child process for tests/agent/supervisor.test.ts: the real agent, supervised as in the server
// ("agent" mode) or in its own process ("all"), polling one simulated device through a client that
// throws from a socket-like callback (setImmediate, outside any try) on chosen calls — the kind of
// error a library bug raises and nothing can catch. Prints one JSON line of figures, exits 0.
// argv: <mode agent|all> <throw on get calls, e.g. "3,4"> <run ms> [outside: throw outside the agent at the end]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAgent } from '../../../server/src/agent/agent.ts';
import { siteForEndpoint, startSimulator } from '../../../server/src/agent/simulator/index.ts';
import { createNetSnmpClient, type SnmpClient } from '../../../server/src/agent/snmp-client.ts';
import { superviseAgent } from '../../../server/src/agent/supervisor.ts';
import type { PollSample } from '../../../server/src/monitoring/poll-sample.ts';

const [mode, throwOn, runMs, outside] = process.argv.slice(2);
const throwAt = new Set((throwOn ?? '').split(',').filter(Boolean).map(Number));
const sim = await startSimulator({ devices: [{ id: 'dev', scenario: { kind: 'normal' } }] });
const sites = [siteForEndpoint(sim.endpoints[0]!, { id: 'site-1', intervalS: 1 })];
const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-supervised-'));
const real = createNetSnmpClient({ timeoutMs: 500, retries: 0 });
let calls = 0;
const client: SnmpClient = {
  ...real,
  get(target, oids) {
    calls++;
    if (throwAt.has(calls)) setImmediate(() => { throw new Error(`library bug on get #${calls}`); });
    return real.get(target, oids);
  },
  walk: (t, b) => real.walk(t, b),
  answersDiscovery: (t) => real.answersDiscovery(t),
  retain: () => 0,
  sessionCount: () => real.sessionCount(),
  close: () => {},
};
const made: PollSample[] = [];
const errors: string[] = [];
const logger = { error: (o: { err?: Error }) => errors.push(String(o.err?.message)), warn: () => {}, info: () => {} } as never;
const supervised = await superviseAgent({
  start: (onFault) => startAgent({ sites: { list: async () => sites }, sink: { write: async (b) => ({ inserted: b.length, duplicates: 0 }) }, client, bufferDir: dir, processMetrics: false, onSample: (s) => made.push(s), onFault }),
  uncaught: mode as 'agent' | 'all',
  firstBackoffMs: 200,
  logger,
});
await new Promise((r) => setTimeout(r, Number(runMs)));
const metrics = await supervised.metricsText();
const figures = { polls: made.length, up: made.filter((s) => s.outcome === 'up').length, restarts: supervised.restarts(), errors, restartsMetric: Number(/^baylanys_agent_restarts_total (\d+)/m.exec(metrics)?.[1]) };
if (outside) {
  // An error that is not the agent's: the process must still die of it, as it would without us.
  console.log(JSON.stringify(figures));
  setTimeout(() => { throw new Error('a bug outside the agent'); }, 0);
} else {
  await supervised.stop();
  await sim.stop();
  real.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(figures));
  process.exit(0);
}
