// The agent's SiteSource and SampleSink on the database, through monitoring's store, and the
// one-call start used both by `npm run agent` and in-process by the server (embedded PGlite is
// single-process, so there the agent must live inside the server).
import path from 'node:path';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { listAgentSites, recordSamples } from '../monitoring/store.ts';
import { startAgent, type RunningAgent, type SiteSource, type StartAgentOptions } from './agent.ts';
import { startLeaseKeeper, type LeaseKeeper, type LeaseOptions } from './lease.ts';
import { slotOf } from './lease-plan.ts';
import type { SampleSink } from './sample-writer.ts';
import type { Shard } from './schedule.ts';

export function databaseSiteSource(db: Database, secretKey: string | undefined, shard?: Shard): SiteSource {
  return { list: () => listAgentSites(db, secretKey, shard) };
}

export function databaseSampleSink(db: Database): SampleSink {
  return {
    async write(samples) {
      const r = await recordSamples(db, samples);
      return { inserted: r.inserted, duplicates: r.duplicates };
    },
  };
}

export type DatabaseAgentOptions = Omit<StartAgentOptions, 'sites' | 'sink' | 'bufferDir'> & {
  secretKey: string | undefined;
  /** The server's data folder: the disk buffer goes to <dataDir>/agent-buffer[-i-of-n]. */
  dataDir: string;
  bufferDir?: string;
  shard?: Shard;
  /** Share the sites with other agents by slot leases (lease.ts) instead of a fixed shard. */
  lease?: LeaseOptions;
  logger?: Logger;
};

/** Starts an agent that reads its sites from and writes its samples to `db`. */
export async function startDatabaseAgent(db: Database, o: DatabaseAgentOptions): Promise<RunningAgent> {
  if (o.lease) {
    const { agent, keeper } = await startLeasedAgent(db, { ...o, lease: o.lease });
    // A clean stop: polls end, samples are flushed, then the slots are given back at once.
    return { ...agent, async stop(options) { await agent.stop(options); await keeper.stop({ release: true }); } };
  }
  const suffix = o.shard ? `-${o.shard.index}-of-${o.shard.count}` : '';
  return startAgent({
    ...o,
    sites: databaseSiteSource(db, o.secretKey, o.shard),
    sink: databaseSampleSink(db),
    bufferDir: o.bufferDir ?? path.join(o.dataDir, `agent-buffer${suffix}`),
  });
}

/**
 * An agent polling the sites of the slots it holds a lease on. The keeper's first round runs before
 * the agent starts; every change of the held slots reloads the site list at once (not at the next
 * reloadMs), which is what lets a dead agent's sites be taken over within one interval.
 */
export async function startLeasedAgent(db: Database, o: DatabaseAgentOptions & { lease: LeaseOptions }): Promise<{ agent: RunningAgent; keeper: LeaseKeeper }> {
  let agent: RunningAgent | undefined;
  const keeper = await startLeaseKeeper(db, o.lease, async () => { await agent?.reload(); }, o.logger);
  const all = databaseSiteSource(db, o.secretKey);
  const sites: SiteSource = { list: async () => (await all.list()).filter((s) => keeper.held().has(slotOf(s.id, keeper.slots))) };
  agent = await startAgent({
    ...o,
    sites,
    sink: databaseSampleSink(db),
    bufferDir: o.bufferDir ?? path.join(o.dataDir, `agent-buffer-${o.lease.agentId}`),
  });
  return { agent, keeper };
}
