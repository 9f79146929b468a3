// The agent's SiteSource and SampleSink on the database, through monitoring's store, and the
// one-call start used both by `npm run agent` and in-process by the server (embedded PGlite is
// single-process, so there the agent must live inside the server).
import path from 'node:path';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { listAgentSites, recordSamples } from '../monitoring/store.ts';
import { startAgent, type RunningAgent, type SiteSource, type StartAgentOptions } from './agent.ts';
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
  logger?: Logger;
};

/** Starts an agent that reads its sites from and writes its samples to `db`. */
export function startDatabaseAgent(db: Database, o: DatabaseAgentOptions): Promise<RunningAgent> {
  const suffix = o.shard ? `-${o.shard.index}-of-${o.shard.count}` : '';
  return startAgent({
    ...o,
    sites: databaseSiteSource(db, o.secretKey, o.shard),
    sink: databaseSampleSink(db),
    bufferDir: o.bufferDir ?? path.join(o.dataDir, `agent-buffer${suffix}`),
  });
}
