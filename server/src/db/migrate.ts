// Applies numbered migrations (NNN_name.sql) once each, in order, recording them in schema_migration.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export type Migration = { version: number; name: string; sql: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const seen = new Map<number, string>();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = /^(\d{3,})_([\w-]+)\.sql$/.exec(f);
      if (!m) throw new Error(`migration file ${f}: name must look like 001_what_it_does.sql`);
      const version = Number(m[1]);
      const clash = seen.get(version);
      if (clash) throw new Error(`migrations ${clash} and ${f} share number ${version}`);
      seen.set(version, f);
      return { version, name: m[2]!, sql: readFileSync(path.join(dir, f), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/** Returns the versions applied by this call (empty when the schema was already current). */
export async function migrate(db: Database, migrations = readMigrations()): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migration')).map((r) => r.version),
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // Each migration and its record commit together: a failed one leaves no trace.
    // The advisory lock serialises a server and an agent that start together against one database.
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7270001)');
      const again = await tx.query('SELECT 1 FROM schema_migration WHERE version = $1', [m.version]);
      if (again.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (ran) applied.push(m.version);
  }
  return applied;
}
