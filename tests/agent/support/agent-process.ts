// The separate agent (`npm run agent`) as a child process for tests and drills: its own data folder
// (disk buffer), a /metrics port, its log kept for failure messages. Started and waited for until it
// says it polls; stop() is SIGTERM (flushes), kill9() the crash a supervisor must survive.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freeTcpPort } from '../../support/peers.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export type AgentProcess = {
  pid: number;
  /** When the agent printed that it started (ms since the epoch). */
  startedAt: number;
  alive(): boolean;
  log(): string;
  /** Its /metrics text ('' when it does not answer). */
  metrics(): Promise<string>;
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
};

export type AgentProcessOptions = { databaseUrl: string; secretKey: string; dataDir: string; agentId: string; args?: string[] };

export async function startAgentProcess(o: AgentProcessOptions): Promise<AgentProcess> {
  const metricsPort = await freeTcpPort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/agent.ts', '--agent-id', o.agentId, '--metrics-port', String(metricsPort), ...(o.args ?? [])], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: o.databaseUrl, BAYLANYS_SECRET_KEY: o.secretKey, DATA_DIR: o.dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (b) => (log += b));
  child.stderr.on('data', (b) => (log += b));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const end = Date.now() + 60_000;
  while (!/Baylanys agent: /.test(log)) {
    if (!alive()) throw new Error(`the agent exited at start: ${log}`);
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`the agent did not start in time: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startedAt = Date.now();
  return {
    pid: child.pid!,
    startedAt,
    alive,
    log: () => log,
    metrics: () => fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.text()).catch(() => ''),
    async stop() {
      if (!alive()) return child.exitCode;
      child.kill('SIGCONT'); // a stopped process would never see the SIGTERM
      child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** One unlabelled sample of a Prometheus text exposition, e.g. metricValue(text, 'baylanys_agent_restarts_total'). */
export function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}
