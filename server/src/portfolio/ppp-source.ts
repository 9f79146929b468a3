// Loads the PPP view's settlements from the gap engine's settlement measures.
import type { Database } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { settlementLit } from '../planning/gap-class.ts';
import { roundM } from '../planning/round.ts';
import { currentPlanningParameters, ensureMeasures } from './plan-source.ts';
import type { PppSettlement } from './ppp.ts';
import type { Lang } from './report-labels.ts';

const pppSql = loadSql(import.meta.url, './ppp-settlements.sql');

type Row = {
  settlement_id: string; name: string | null; name_ru: string | null; name_kk: string | null; name_en: string | null;
  admin1_id: string | null; admin2_id: string | null; population: number; pop_in_settlement: boolean;
  pop_distance_m: number | null; route_distance_m: number | null; mobile_technology: string | null; lon: number; lat: number;
};

const nameIn = (r: Row, lang: Lang) =>
  (lang === 'kk' ? r.name_kk : lang === 'en' ? r.name_en : r.name_ru) ?? r.name ?? r.name_ru ?? r.name_kk ?? r.name_en;

/**
 * Fibre is "present" exactly when the gap engine calls the settlement lit (same radius, same rule).
 * `regions` (admin1 ids) narrows the list to a partner's regions; null = no restriction.
 */
export async function loadPppSettlements(db: Database, lang: Lang, region: string | null, regions: readonly string[] | null = null): Promise<PppSettlement[]> {
  const p = await currentPlanningParameters(db);
  await ensureMeasures(db, p, { wait: false });
  const rows = await runSql<Row>(db, pppSql, { region, regions });
  return rows.map((r) => ({
    settlementId: r.settlement_id,
    name: nameIn(r, lang),
    admin1Id: r.admin1_id,
    admin2Id: r.admin2_id,
    population: Number(r.population),
    fibrePresent: settlementLit(
      { popInSettlement: r.pop_in_settlement, popDistanceM: roundM(r.pop_distance_m), routeDistanceM: roundM(r.route_distance_m) },
      p.villageRadiusM,
    ),
    lon: r.lon,
    lat: r.lat,
  }));
}
