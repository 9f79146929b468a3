// The shared trench of one settlement, as the gap engine's settlement choice lays it with the
// current (or a scenario's) parameters.
import type { Database } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacilities } from '../planning/evaluate.ts';
import { inputOf, toFacilityInput, type InputRow } from '../planning/inputs.ts';
import type { Parameters } from '../planning/parameters.ts';
import { round } from '../planning/round.ts';
import { villagePathMethod } from './engine.ts';
import { ensureMeasures } from './plan-source.ts';

const facilitiesSql = loadSql(import.meta.url, './settlement-facilities.sql');

export type SettlementTrench = {
  settlementId: string;
  admin1Id: string | null;
  pathMethod: string;
  trench: {
    facilityIds: string[];
    lengthM: number;
    standaloneLengthM: number;
    tcoUsd: number;
    standaloneTcoUsd: number;
    savingUsd: number;
    accessPoints: Array<{ id: string; kind: 'pop' | 'splice'; lon: number; lat: number }>;
    shares: Array<{ facilityId: string; allocatedTcoUsd: number; standaloneTcoUsd: number }>;
    geometry: { type: 'MultiLineString'; coordinates: Array<Array<[number, number]>> };
  } | null;
  otherFacilities: { facilityId: string; technology: string; gapClass: string }[];
};

export async function settlementTrench(db: Database, settlementId: string, planning: Parameters): Promise<SettlementTrench> {
  await ensureMeasures(db, planning, { wait: false });
  const ids = (await runSql<{ facility_id: string }>(db, facilitiesSql, { settlement: settlementId })).map((r) => r.facility_id);
  const rows: InputRow[] = [];
  for (const id of ids) {
    const row = await inputOf(db, id);
    if (row) rows.push(row);
  }
  const run = evaluateFacilities(rows.map(toFacilityInput), planning);
  const g = run.groups.find((x) => x.kind === 'trench');
  const members = new Set(g?.memberIds ?? []);
  const others = rows
    .filter((r) => !members.has(r.facility_id))
    .map((r) => {
      const e = run.evaluations.get(r.facility_id)!;
      return { facilityId: r.facility_id, technology: e.choice?.technology ?? 'none', gapClass: e.gapClass };
    });
  const admin1Id = rows[0]?.admin1_id ?? null;
  const pathMethod = villagePathMethod(planning.routeFactor);
  if (!g || !g.geometry || g.lengthM === null) return { settlementId, admin1Id, pathMethod, trench: null, otherFacilities: others };
  return {
    settlementId, admin1Id, pathMethod, otherFacilities: others,
    trench: {
      facilityIds: g.memberIds, lengthM: round(g.lengthM, 2), standaloneLengthM: round(g.standaloneLengthM ?? 0, 2),
      tcoUsd: round(g.costed.tcoUsd, 2), standaloneTcoUsd: round(g.standaloneTcoUsd, 2), savingUsd: round(g.savingUsd, 2),
      accessPoints: g.accessPoints,
      shares: g.memberIds.map((id) => {
        const c = run.evaluations.get(id)!.choice!;
        return { facilityId: id, allocatedTcoUsd: c.tcoUsd, standaloneTcoUsd: c.standaloneTcoUsd };
      }),
      geometry: g.geometry,
    },
  };
}
