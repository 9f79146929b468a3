// `npm run simulate`: plays scripted SNMP devices on loopback ports until Ctrl-C.
//   npm run simulate                      the demo fleet (one device per scenario)
//   npm run simulate -- --count 500 --scenario normal --base-port 20000
import { Command, Option } from 'commander';
import { DEMO_DEVICES, seedDemoSites } from '../agent/simulator/demo-sites.ts';
import { startSimulator, type ScenarioKind, type SimulatedDevice } from '../agent/simulator/index.ts';

const KINDS: ScenarioKind[] = ['normal', 'outage', 'reboot', 'wrap32', 'link_down', 'idle', 'slow', 'malformed', 'nosuch'];

const program = new Command('simulate')
  .description('Simulated SNMP devices on 127.0.0.1 for the demo and tests (never listens beyond loopback)')
  .option('--base-port <port>', 'first UDP port; device i listens on base + i (0 = any free ports)', '16100')
  .option('--count <n>', 'play n devices of one scenario instead of the demo fleet')
  .addOption(new Option('--scenario <kind>', 'scenario for --count').choices(KINDS).default('normal'))
  .option('--period-s <s>', 'cycle length of outage / reboot / link_down scenarios', '120')
  .option('--facilities <ids>', 'with --json: comma-separated facility ids to attach the devices to, in order')
  .option('--json', 'print site definitions for the devices as JSON (the inventory\'s create shape)')
  .parse();

const opts = program.opts<{ basePort: string; count?: string; scenario: ScenarioKind; periodS: string; json?: boolean; facilities?: string }>();
const basePort = Number(opts.basePort);
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535) {
  console.error(`--base-port "${opts.basePort}": expected a port number 0–65535`);
  process.exit(2);
}
let devices: SimulatedDevice[] = DEMO_DEVICES;
if (opts.count !== undefined) {
  const n = Number(opts.count);
  if (!Number.isInteger(n) || n < 1 || n > 20_000) {
    console.error(`--count "${opts.count}": expected 1–20000`);
    process.exit(2);
  }
  const periodMs = Number(opts.periodS) * 1000;
  devices = Array.from({ length: n }, (_, i) => ({ id: `sim-${opts.scenario}-${i + 1}`, scenario: { kind: opts.scenario, periodMs } }));
}

const sim = await startSimulator({ devices, basePort });
if (opts.json) {
  const facilityIds = opts.facilities ? opts.facilities.split(',').map((f) => f.trim()) : sim.endpoints.map((e) => `facility-of-${e.id}`);
  console.log(JSON.stringify(seedDemoSites(sim.endpoints, facilityIds), null, 2));
} else {
  console.log(`${sim.endpoints.length} simulated devices (community "public", WAN ifName "wan0"):`);
  for (const ep of sim.endpoints.slice(0, 40)) console.log(`  udp:${ep.host}:${ep.port}  ${ep.id.padEnd(24)} ${ep.scenario.kind}`);
  if (sim.endpoints.length > 40) console.log(`  … ${sim.endpoints.length - 40} more`);
  console.log('Try: snmpget -v2c -c public 127.0.0.1:' + sim.endpoints[0]!.port + ' 1.3.6.1.2.1.1.3.0   (Ctrl-C stops)');
}

const stop = async () => {
  await sim.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
