// Keeps the SNMP agent running (issue 12, 3). A fault in the polling loop — an error thrown by a
// poll, a timer, or a library callback on a socket — stops that agent and starts a fresh one after
// a back-off, counted in baylanys_agent_restarts_total. Inside the server it is also the guarantee
// that the agent cannot take the process down: an uncaught error raised anywhere in the agent's
// asynchronous context (AsyncLocalStorage follows timers, promises and sockets it created) is the
// agent's fault, not the server's. Errors from elsewhere keep Node's default: printed, exit 1.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Counter, Registry } from 'prom-client';
import type { Logger } from '../logger.ts';
import type { RunningAgent } from './agent.ts';

const agentContext = new AsyncLocalStorage<object>();

export type SuperviseOptions = {
  /** Starts one agent; it must pass `onFault` on to startAgent (and may serve `supervisorMetrics`
   * on the agent's own /metrics as startAgent's `metricsExtra`). */
  start: (onFault: (err: unknown) => void, supervisorMetrics: () => Promise<string>) => Promise<RunningAgent>;
  logger?: Logger | undefined;
  /** Back-off: first restart after firstMs, doubling per consecutive fault up to maxMs; a run
   * longer than stableMs resets it. Defaults 1 s, 60 s, 5 min. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  stableMs?: number;
  /** How long a failed agent may take to finish its polls before it is closed anyway (5 s). */
  stopGraceMs?: number;
  /**
   * Uncaught errors: 'agent' (in the server) takes those raised in the agent's context;
   * 'all' (the agent's own process) takes every one; 'none' leaves the process alone (tests).
   */
  uncaught?: 'agent' | 'all' | 'none';
};

export type SupervisedAgent = {
  current(): RunningAgent | undefined;
  restarts(): number;
  /** The supervisor's and the current agent's metrics, as Prometheus text. */
  metricsText(): Promise<string>;
  stop(): Promise<void>;
};

/** Delay before the n-th consecutive restart (n ≥ 1). Pure. */
export function restartDelayMs(n: number, firstMs: number, maxMs: number): number {
  return Math.min(firstMs * 2 ** Math.max(0, n - 1), maxMs);
}

export async function superviseAgent(o: SuperviseOptions): Promise<SupervisedAgent> {
  const firstMs = o.firstBackoffMs ?? 1000;
  const maxMs = o.maxBackoffMs ?? 60_000;
  const stableMs = o.stableMs ?? 300_000;
  const graceMs = o.stopGraceMs ?? 5000;
  const log = o.logger;
  const registry = new Registry();
  const restartCounter = new Counter({
    name: 'baylanys_agent_restarts_total',
    help: 'Times the polling loop was restarted after an uncaught error in it',
    registers: [registry],
  });
  const me = {};
  let agent: RunningAgent | undefined;
  let generation = 0;
  let consecutive = 0;
  let startedAt = 0;
  let restarts = 0;
  let restarting = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let restarted: Promise<void> = Promise.resolve();

  async function launch(): Promise<void> {
    const gen = ++generation;
    startedAt = Date.now();
    try {
      const started = await agentContext.run(me, () => o.start((err) => fault(err, gen), () => registry.metrics()));
      if (stopping || gen !== generation) await started.stop({ graceMs });
      else agent = started;
    } catch (err) {
      fault(err, gen);
    }
  }

  function fault(err: unknown, gen = generation): void {
    if (stopping || restarting || gen !== generation) return;
    restarting = true;
    restarts++;
    restartCounter.inc();
    if (Date.now() - startedAt > stableMs) consecutive = 0;
    consecutive++;
    const delayMs = restartDelayMs(consecutive, firstMs, maxMs);
    log?.error({ err, restarts, delayMs }, `agent loop failed; restarting it in ${(delayMs / 1000).toFixed(1)} s`);
    const old = agent;
    agent = undefined;
    restarted = (async () => {
      if (old) await old.stop({ graceMs }).catch((e) => log?.warn({ err: e }, 'failed agent did not stop cleanly'));
      if (stopping) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, delayMs);
      });
      restarting = false;
      if (!stopping) await launch();
    })();
  }

  const mode = o.uncaught ?? 'agent';
  const onUncaught = (err: unknown, origin: string) => {
    if (!stopping && (mode === 'all' || agentContext.getStore() === me)) {
      fault(err);
      return;
    }
    // Not the agent's: do what Node does when nobody listens, unless someone else does listen.
    if (process.listenerCount('uncaughtException') > 1) return;
    console.error(origin === 'unhandledRejection' ? 'Unhandled rejection:' : 'Uncaught exception:', err);
    process.exit(1);
  };
  if (mode !== 'none') process.on('uncaughtException', onUncaught);

  await launch();

  return {
    current: () => agent,
    restarts: () => restarts,
    async metricsText() {
      const own = await registry.metrics();
      const a = agent ? await agent.metrics.registry.metrics() : '';
      return `${own}${a}`;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      if (mode !== 'none') process.off('uncaughtException', onUncaught);
      await restarted;
      await agent?.stop();
      agent = undefined;
    },
  };
}
