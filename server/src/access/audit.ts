// The audit log: who did what to which thing, append-only (a trigger rejects UPDATE/DELETE).
// Other modules call audit() for imports, scenario runs, site and credential edits, user changes.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';

export type AuditEntry = {
  /** 'anna@fund.kz', 'system', … — inside a request, http/request-principal.ts's actorOf(req). */
  actor: string;
  /** Dotted verb: 'user.create', 'scenario.run', 'site.credentials.update'. */
  action: string;
  /** What was acted on: 'user:12', 'scenario:3', 'site:KZ-0001'. */
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
};

const q = {
  insert: loadSql(import.meta.url, './sql/audit-insert.sql'),
  list: loadSql(import.meta.url, './sql/audit-list.sql'),
};

// Keys whose values are never written, whatever a caller passes: the log outlives every secret.
const SECRET_KEY = /pass(word|phrase)?|secret|token|community|auth.?key|priv.?key|cookie|authorization|credential|api.?key/i;

/** A copy of details with secret-looking keys replaced, recursively (arrays and objects). */
export function scrubDetails(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => scrubDetails(v, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrubDetails(v, depth + 1);
    return out;
  }
  return value;
}

export async function audit(db: Queryable, e: AuditEntry): Promise<void> {
  await runSql(db, q.insert, {
    actor: e.actor, action: e.action, target: e.target ?? null, ip: e.ip ?? null,
    details: JSON.stringify(scrubDetails(e.details ?? {})),
  });
}

export type AuditFilter = {
  actor?: string | undefined; action?: string | undefined; target?: string | undefined;
  since?: Date | undefined; until?: Date | undefined; limit: number; offset: number;
};

export async function listAudit(db: Queryable, f: AuditFilter) {
  const rows = await runSql<{ id: number; at: Date; actor: string; action: string; target: string | null; ip: string | null; details: unknown; total: number }>(
    db, q.list, {
      actor: f.actor ?? null, action: f.action ?? null, target: f.target ?? null,
      since: f.since?.toISOString() ?? null, until: f.until?.toISOString() ?? null, limit: f.limit, offset: f.offset,
    },
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _t, ...r }) => ({ ...r, id: Number(r.id) })),
  };
}
