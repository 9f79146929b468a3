// Time to load all bundled layers (geodata/) into an empty database, per layer, on each backend:
// embedded PGlite (in memory) and, when DATABASE_URL is set, a throw-away PostgreSQL database.
// Prints the figures and writes bench/results/import.json (merging with import-memory's figures).
import { cpus } from 'node:os';
import { loadConfig } from '../../server/src/config.ts';
import { loadBundledData } from '../../server/src/data/bundled.ts';
import { openDatabase, type Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createServerDatabase } from '../../tests/support/db.ts';
import { writeResults } from './_import-results.ts';

type Run = { backend: string; totalMs: number; layers: { layer: string; rows: number; ms: number }[] };

async function measure(db: Database): Promise<Run> {
  await migrate(db);
  const r = await loadBundledData(db);
  if (r.status !== 'loaded') throw new Error(`expected an empty database: ${r.reason}`);
  return {
    backend: db.backend,
    totalMs: r.totalMs,
    layers: r.layers.filter((l) => l.status === 'loaded').map((l) => ({ layer: l.layer, rows: l.rows, ms: l.durationMs })),
  };
}

const runs: Run[] = [];
const embedded = await openDatabase({});
try {
  runs.push(await measure(embedded));
} finally {
  await embedded.close();
}

const url = loadConfig().databaseUrl;
if (url) {
  const created = await createServerDatabase(url);
  const db = await openDatabase({ databaseUrl: created.url });
  try {
    runs.push(await measure(db));
  } finally {
    await db.close();
    await created.drop();
  }
} else {
  console.log('DATABASE_URL not set: the PostgreSQL backend is not measured');
}

for (const r of runs) {
  console.log(`\n${r.backend}: all bundled layers in ${(r.totalMs / 1000).toFixed(1)} s (one transaction, incl. settlement steps and facility attachment)`);
  for (const l of r.layers) console.log(`  ${l.layer.padEnd(16)} ${String(l.rows).padStart(6)} rows  ${(l.ms / 1000).toFixed(2)} s  ${Math.round(l.rows / (l.ms / 1000))} rows/s`);
}
writeResults('bundled', {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.versions.node, note: 'shared machine; compare backends within one run' },
  runs,
});
