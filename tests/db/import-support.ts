// Helpers for the import suites: a snapshot of everything an import may change.
import type { Queryable } from '../../server/src/db/database.ts';
import { LAYER_NAMES, layerSpec } from '../../server/src/data/layers.ts';

export async function databaseSnapshot(db: Queryable) {
  const rows: Record<string, number> = {};
  for (const l of LAYER_NAMES) {
    const t = layerSpec(l).table;
    const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    rows[t] = r!.n;
  }
  const datasets = await db.query<{ id: string }>('SELECT id FROM dataset ORDER BY id');
  const versions = Object.fromEntries(
    (await db.query<{ layer: string; version: number }>('SELECT layer, version FROM layer_version ORDER BY layer')).map((v) => [v.layer, v.version]),
  );
  return { rows, datasets: datasets.map((d) => d.id), versions };
}
