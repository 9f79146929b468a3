// Environment → validated configuration. The only module that reads process.env (style habit 11).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: portSchema.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** A streaming replica of DATABASE_URL for read-only API traffic (issue 15). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the bundled Kazakhstan data into an empty database at start-up. */
  LOAD_BUNDLED_DATA: z.enum(['auto', 'never']).default('auto'),
  /** Simulated SNMP devices and their sites, so a newcomer sees live status: on by default embedded. */
  DEMO_SITES: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Run the SNMP agent inside the server (the only way on the embedded, single-process backend). */
  AGENT_IN_PROCESS: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Key that encrypts SNMP credentials at rest (32 bytes, hex or base64). */
  BAYLANYS_SECRET_KEY: z.string().min(1).optional(),
  /** Longest a request may run (ms) before it is answered 504 and its database work cancelled. */
  REQUEST_BUDGET_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Where outage alerts are POSTed (JSON). It may carry a token, so it is treated as a secret. */
  ALERT_WEBHOOK_URL: z.string().url('must be an http(s) URL').regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
  /** Days of raw polls kept (day partitions dropped after); rollups stay (issue 15). */
  SAMPLE_RETENTION_DAYS: z.coerce.number().int().min(2).max(3650).default(35),
  /** Days of hourly rollups kept; daily rollups are kept for good. */
  ROLLUP_HOURLY_RETENTION_DAYS: z.coerce.number().int().min(2).max(36500).default(400),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  loadBundledData: boolean;
  demoSites: boolean;
  agentInProcess: boolean;
  secretKey: string | undefined;
  alertWebhookUrl: string | undefined;
  sampleRetentionDays: number;
  rollupHourlyRetentionDays: number;
  requestBudgetMs: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets may come from NAME_FILE (Docker/Kubernetes secrets) instead of NAME. */
function withFileSecrets(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'BAYLANYS_SECRET_KEY', 'ALERT_WEBHOOK_URL']) {
    const file = env[`${name}_FILE`];
    if (file && !env[name]) {
      try {
        out[name] = readFileSync(file, 'utf8').trim();
      } catch (err) {
        throw new ConfigError([`${name}_FILE: cannot read ${file} (${(err as Error).message})`]);
      }
    }
  }
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  for (const [k, v] of Object.entries(out)) if (v === '') delete out[k];
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withFileSecrets(env));
  if (!parsed.success) {
    // Never echo values: DATABASE_URL may hold a password.
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_URL ? e.DATABASE_READ_URL : undefined,
    logLevel: e.LOG_LEVEL,
    loadBundledData: e.LOAD_BUNDLED_DATA === 'auto',
    demoSites: e.DEMO_SITES === 'always' || (e.DEMO_SITES === 'auto' && !e.DATABASE_URL),
    agentInProcess: e.AGENT_IN_PROCESS === 'always' || (e.AGENT_IN_PROCESS === 'auto' && !e.DATABASE_URL),
    secretKey: e.BAYLANYS_SECRET_KEY,
    alertWebhookUrl: e.ALERT_WEBHOOK_URL,
    sampleRetentionDays: e.SAMPLE_RETENTION_DAYS,
    rollupHourlyRetentionDays: e.ROLLUP_HOURLY_RETENTION_DAYS,
    requestBudgetMs: e.REQUEST_BUDGET_MS,
  };
}

/** A connection string with its password masked, safe for logs and /api/health. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

/** For entry points: the config, or the reason it is wrong on stderr and exit code 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
