// Issue 12 (3): the agent can never take the server down. An error that escapes the polling loop —
// thrown by an onSample hook, or by a library from a socket callback where no try can reach it —
// restarts the agent loop after a back-off, counted in baylanys_agent_restarts_total, and polling
// goes on. Run in child processes, because an uncaught error is a process-level event.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../server/src/agent/agent.ts';
import { siteForEndpoint, startSimulator } from '../../server/src/agent/simulator/index.ts';
import { restartDelayMs } from '../../server/src/agent/supervisor.ts';

const root = path.resolve(import.meta.dirname, '../..');
const child = path.join(root, 'tests/agent/support/supervised-child.ts');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', child, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
const figures = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the agent supervisor', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('startAgent: an error thrown after a poll (here by onSample) is a fault, not a rejection into the process', async () => {
    const sim = await startSimulator({ devices: [{ id: 'dev', scenario: { kind: 'normal' } }] });
    const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-fault-'));
    dirs.push(dir);
    const faults: unknown[] = [];
    let n = 0;
    const agent = await startAgent({
      sites: { list: async () => [siteForEndpoint(sim.endpoints[0]!, { intervalS: 1 })] },
      sink: { write: async (b) => ({ inserted: b.length, duplicates: 0 }) }, bufferDir: dir, processMetrics: false,
      onSample: () => {
        if (++n === 1) throw new Error('status push failed');
      },
      onFault: (err) => faults.push(err),
    });
    await sleep(2_300);
    await agent.stop();
    await sim.stop();
    expect(faults.map((e) => (e as Error).message)).toEqual(['status push failed']);
    expect(n).toBeGreaterThanOrEqual(2); // and the site was polled again afterwards
  });

  it('in the server ("agent" mode): a throw from a socket callback restarts the loop, counted, and polling goes on', () => {
    const r = run('agent', '2', '4000');
    expect(r.status, r.stderr).toBe(0);
    const f = figures(r.stdout);
    expect(f.restarts).toBe(1);
    expect(f.restartsMetric).toBe(1);
    expect(f.errors).toEqual(['library bug on get #2']);
    expect(f.up).toBeGreaterThanOrEqual(3); // polls before and after the restart
  });

  it('in its own process ("all" mode): repeated faults restart it each time with a growing back-off', () => {
    const r = run('all', '2,3,4', '5000');
    expect(r.status, r.stderr).toBe(0);
    const f = figures(r.stdout);
    expect(f.restarts).toBe(3);
    expect(f.up).toBeGreaterThanOrEqual(2);
  });

  it('an error that is not the agent\'s still ends the process, as Node would (exit 1)', () => {
    const r = run('agent', '', '1500', 'outside');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a bug outside the agent/);
    expect(figures(r.stdout).restarts).toBe(0);
  });

  it('back-off: 1 s, 2 s, 4 s … capped', () => {
    expect([1, 2, 3, 4, 8].map((n) => restartDelayMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 60_000]);
  });
});
