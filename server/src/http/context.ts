// What every route module receives: the database, the configuration and the logger.
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';

export type AppContext = {
  db: Database;
  config: Config;
  logger: Logger;
  /** Versions reported by /api/health. */
  versions: Record<string, string>;
  /** The in-process agent's own metrics (Prometheus text), appended to /metrics. */
  agentMetrics?: (() => Promise<string>) | undefined;
};
