// The shared trench of one settlement, laid with the current (or a scenario's) parameters.
import type { Database } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { inputOf } from '../planning/inputs.ts';
import type { Parameters } from '../planning/parameters.ts';
import { layClusterTrench, villagePath, villagePathMethod } from './engine.ts';
import type { PortfolioModel } from './model.ts';
import { ensureMeasures, toPlanned } from './plan-source.ts';
import type { Trench } from './trench.ts';

const facilitiesSql = loadSql(import.meta.url, './settlement-facilities.sql');

export type SettlementTrench = { settlementId: string; admin1Id: string | null; pathMethod: string; trench: Trench | null; otherFacilities: { facilityId: string; technology: string; gapClass: string }[] };

export async function settlementTrench(db: Database, settlementId: string, planning: Parameters, model: PortfolioModel): Promise<SettlementTrench> {
  await ensureMeasures(db, planning);
  const ids = (await runSql<{ facility_id: string }>(db, facilitiesSql, { settlement: settlementId })).map((r) => r.facility_id);
  const planned = [];
  for (const id of ids) {
    const row = await inputOf(db, id);
    if (row) planned.push(toPlanned(row, planning));
  }
  const fibre = planned.filter((f) => f.gapClass !== 'connected' && f.technology === 'fibre' && f.accessPoint);
  const others = planned.filter((f) => !fibre.includes(f)).map((f) => ({ facilityId: f.facilityId, technology: f.technology, gapClass: f.gapClass }));
  const pathMethod = villagePathMethod(model.routeFactor);
  const admin1Id = planned[0]?.admin1Id ?? null;
  if (fibre.length === 0) return { settlementId, admin1Id, pathMethod, trench: null, otherFacilities: others };
  const { trench } = layClusterTrench(fibre, model, villagePath(fibre, model.routeFactor));
  return { settlementId, admin1Id, pathMethod, trench, otherFacilities: others };
}
