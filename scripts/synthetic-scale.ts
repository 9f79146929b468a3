// Seeded synthetic scale-up for the gap engine: settlements, facilities, fibre routes (random walks
// from villages), PoPs, coverage circles and optional roads, in Kazakhstan's bounding box.
// Illustrative only (provenance 'illustrative'); the same seed always gives the same rows.
//   tsx scripts/synthetic-scale.ts --facilities 2200000 --route-km 1000000 [--road-km 0] [--seed 1]
// writes into DATABASE_URL (or the embedded database) — use a scratch database.
import { pathToFileURL } from 'node:url';
import type { Queryable } from '../server/src/db/database.ts';
import { mulberry32 } from '../server/src/prng.ts';

export type SyntheticOptions = {
  facilities: number;
  routeKm: number;
  roadKm?: number;
  seed?: number;
  progress?: (what: string, done: number, total: number) => void;
};

/** mulberry32 (server/src/prng.ts): small, fast, seedable; quality is ample for test data. */
export const prng = mulberry32;

const BOX = { minLon: 50, maxLon: 87, minLat: 41, maxLat: 55 };
const KM_LAT = 1 / 111.2; // degrees of latitude per km
const kmLon = (lat: number) => 1 / (111.3 * Math.cos((lat * Math.PI) / 180));
const CHUNK = 20000;

async function insertChunks(db: Queryable, sql: string, columns: unknown[][], what: string, progress?: SyntheticOptions['progress']) {
  const n = columns[0]!.length;
  for (let i = 0; i < n; i += CHUNK) {
    await db.query(sql, columns.map((c) => c.slice(i, i + CHUNK)));
    progress?.(what, Math.min(n, i + CHUNK), n);
  }
}

function walk(rand: () => number, lon: number, lat: number, km: number, stepKm: number): string {
  let heading = rand() * 2 * Math.PI;
  const pts = [`${lon.toFixed(6)} ${lat.toFixed(6)}`];
  for (let d = 0; d < km; d += stepKm) {
    heading += (rand() - 0.5) * 0.5; // ±14° drift per step
    lat = Math.min(BOX.maxLat, Math.max(BOX.minLat, lat + Math.cos(heading) * stepKm * KM_LAT));
    lon = Math.min(BOX.maxLon, Math.max(BOX.minLon, lon + Math.sin(heading) * stepKm * kmLon(lat)));
    pts.push(`${lon.toFixed(6)} ${lat.toFixed(6)}`);
  }
  return `MULTILINESTRING((${pts.join(',')}))`;
}

export async function generateSynthetic(db: Queryable, o: SyntheticOptions): Promise<{ settlements: number; facilities: number; routes: number; pops: number; coverage: number; roads: number }> {
  const rand = prng(o.seed ?? 1);
  const pick = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let x = rand();
    for (const [v, w] of items) if ((x -= w) < 0) return v;
    return items[items.length - 1]![0];
  };
  await db.query(`INSERT INTO dataset (id, layer, title, licence, provenance) VALUES ('synthetic', 'synthetic', 'seeded synthetic scale-up', 'CC0', 'illustrative') ON CONFLICT (id) DO NOTHING`);

  const nS = Math.max(1, Math.ceil(o.facilities / 4));
  const S = { id: [] as string[], lon: [] as number[], lat: [] as number[], pop: [] as number[], a1: [] as string[], a2: [] as string[] };
  for (let i = 0; i < nS; i++) {
    const lon = BOX.minLon + rand() * (BOX.maxLon - BOX.minLon);
    const lat = BOX.minLat + rand() * (BOX.maxLat - BOX.minLat);
    const a1 = `SYN-${Math.floor((lon - BOX.minLon) / 3)}`;
    S.id.push(`syn-s${i}`); S.lon.push(lon); S.lat.push(lat); S.pop.push(50 + Math.floor(rand() * 4950));
    S.a1.push(a1); S.a2.push(`${a1}-${Math.floor((lat - BOX.minLat) / 2)}`);
  }
  await insertChunks(db, `INSERT INTO settlement (id, name, population, admin1_id, admin2_id, geom, dataset_id, provenance)
    SELECT id, 'Synthetic ' || id, pop, a1, a2, ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'synthetic', 'illustrative'
    FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int[], $5::text[], $6::text[]) AS u(id, lon, lat, pop, a1, a2)`,
    [S.id, S.lon, S.lat, S.pop, S.a1, S.a2], 'settlements', o.progress);

  const F = { id: [] as string[], kind: [] as string[], sub: [] as (string | null)[], sid: [] as (string | null)[], students: [] as (number | null)[], staff: [] as (number | null)[], served: [] as (number | null)[], conn: [] as string[], lon: [] as number[], lat: [] as number[] };
  for (let i = 0; i < o.facilities; i++) {
    const s = Math.floor(rand() * nS);
    const orphan = rand() < 0.03;
    const spread = orphan ? 0.03 : 0.01;
    const kind = pick([['school', 0.45], ['health', 0.35], ['library', 0.15], ['community', 0.05]] as const);
    F.id.push(`syn-f${i}`); F.kind.push(kind);
    F.sub.push(kind === 'school' && rand() < 0.1 ? 'hub_school' : null);
    F.sid.push(orphan ? null : S.id[s]!);
    F.students.push(kind === 'school' ? 20 + Math.floor(rand() * 780) : null);
    F.staff.push(kind === 'school' ? 3 + Math.floor(rand() * 60) : null);
    F.served.push(kind === 'health' ? 100 + Math.floor(rand() * 2900) : null);
    F.conn.push(pick([['none', 0.4], ['satellite', 0.15], ['mobile', 0.2], ['dsl', 0.1], ['fibre', 0.1], ['unknown', 0.05]] as const));
    F.lon.push(S.lon[s]! + (rand() - 0.5) * 2 * spread); F.lat.push(S.lat[s]! + (rand() - 0.5) * 2 * spread);
  }
  await insertChunks(db, `INSERT INTO facility (id, kind, subkind, name, settlement_id, students, staff, population_served, connection, geom, dataset_id, provenance)
    SELECT id, kind, sub, 'Synthetic ' || kind || ' ' || id, sid, st, sf, sv, conn, ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'synthetic', 'illustrative'
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::float8[], $10::float8[])
      AS u(id, kind, sub, sid, st, sf, sv, conn, lon, lat)`,
    [F.id, F.kind, F.sub, F.sid, F.students, F.staff, F.served, F.conn, F.lon, F.lat], 'facilities', o.progress);

  const routeLen = 50;
  const nR = Math.max(1, Math.round(o.routeKm / routeLen));
  const R = { id: [] as string[], status: [] as string[], wkt: [] as string[] };
  const P = { id: [] as string[], sid: [] as string[], lon: [] as number[], lat: [] as number[] };
  for (let i = 0; i < nR; i++) {
    const s = Math.floor(rand() * nS);
    R.id.push(`syn-r${i}`); R.status.push(rand() < 0.9 ? 'built' : 'planned');
    R.wkt.push(walk(rand, S.lon[s]!, S.lat[s]!, routeLen, 1));
    // Half the routes end at a PoP in the village they start from; the rest carry no PoP at all.
    if (i % 2 === 0) { P.id.push(`syn-p${i}`); P.sid.push(S.id[s]!); P.lon.push(S.lon[s]!); P.lat.push(S.lat[s]!); }
  }
  await insertChunks(db, `INSERT INTO fibre_route (id, status, geom, dataset_id, provenance)
    SELECT id, status, ST_GeomFromText(wkt, 4326), 'synthetic', 'illustrative' FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, wkt)`,
    [R.id, R.status, R.wkt], 'fibre routes', o.progress);
  await insertChunks(db, `INSERT INTO fibre_pop (id, kind, settlement_id, geom, dataset_id, provenance)
    SELECT id, 'olt', sid, ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'synthetic', 'illustrative' FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS u(id, sid, lon, lat)`,
    [P.id, P.sid, P.lon, P.lat], 'PoPs', o.progress);

  const nC = Math.max(1, Math.ceil(o.facilities / 200));
  const C = { id: [] as string[], tech: [] as string[], wkt: [] as string[] };
  for (let i = 0; i < nC; i++) {
    const s = Math.floor(rand() * nS);
    const r = 5 + rand() * 20;
    const ring: string[] = [];
    for (let k = 0; k <= 16; k++) {
      const a = ((k % 16) / 16) * 2 * Math.PI;
      ring.push(`${(S.lon[s]! + Math.sin(a) * r * kmLon(S.lat[s]!)).toFixed(6)} ${(S.lat[s]! + Math.cos(a) * r * KM_LAT).toFixed(6)}`);
    }
    C.id.push(`syn-c${i}`); C.tech.push(pick([['2G', 0.2], ['3G', 0.35], ['4G', 0.4], ['5G', 0.05]] as const));
    C.wkt.push(`MULTIPOLYGON(((${ring.join(',')})))`);
  }
  await insertChunks(db, `INSERT INTO mobile_coverage (id, technology, geom, dataset_id, provenance)
    SELECT id, tech, ST_GeomFromText(wkt, 4326), 'synthetic', 'illustrative' FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, tech, wkt)`,
    [C.id, C.tech, C.wkt], 'coverage', o.progress);

  const nRoad = Math.round((o.roadKm ?? 0) / 20);
  const W = { id: [] as string[], wkt: [] as string[] };
  for (let i = 0; i < nRoad; i++) {
    const s = Math.floor(rand() * nS);
    W.id.push(`syn-road${i}`); W.wkt.push(walk(rand, S.lon[s]!, S.lat[s]!, 20, 0.5));
  }
  if (nRoad > 0) {
    await insertChunks(db, `INSERT INTO road (id, geom, dataset_id, provenance)
      SELECT id, ST_GeomFromText(wkt, 4326), 'synthetic', 'illustrative' FROM unnest($1::text[], $2::text[]) AS u(id, wkt)`,
      [W.id, W.wkt], 'roads', o.progress);
  }
  await db.exec('ANALYZE settlement; ANALYZE facility; ANALYZE fibre_route; ANALYZE fibre_pop; ANALYZE mobile_coverage; ANALYZE road');
  return { settlements: nS, facilities: o.facilities, routes: nR, pops: P.id.length, coverage: nC, roads: nRoad };
}

async function main() {
  const { Command } = await import('commander');
  const { loadConfig } = await import('../server/src/config.ts');
  const { openDatabase } = await import('../server/src/db/database.ts');
  const { migrate } = await import('../server/src/db/migrate.ts');
  const opts = new Command()
    .option('--facilities <n>', 'facilities', '10000')
    .option('--route-km <n>', 'km of fibre routes', '5000')
    .option('--road-km <n>', 'km of roads', '0')
    .option('--seed <n>', 'seed', '1')
    .parse()
    .opts<{ facilities: string; routeKm: string; roadKm: string; seed: string }>();
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite` });
  try {
    await migrate(db);
    const t = performance.now();
    const out = await generateSynthetic(db, {
      facilities: Number(opts.facilities), routeKm: Number(opts.routeKm), roadKm: Number(opts.roadKm), seed: Number(opts.seed),
      progress: (what, done, total) => process.stdout.write(`\r${what}: ${done}/${total}      `),
    });
    console.log(`\ngenerated ${JSON.stringify(out)} in ${Math.round(performance.now() - t)} ms`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error('synthetic-scale failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
