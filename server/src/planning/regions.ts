// Region roll-ups (docs/planning-model.md "Region roll-ups"): counts from SQL, shares and rounding here.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import type { Parameters } from './parameters.ts';
import { round, roundKzt, roundUsd } from './round.ts';

const regionsSql = loadSql(import.meta.url, './regions.sql');

export type RegionLevel = 'admin1' | 'admin2' | 'national';

type Row = {
  region_id: string; name_ru: string | null; name_kk: string | null; name_en: string | null;
  settlements: number; with_fibre: number; with_mobile: number; facilities: number; connected: number;
  lit_village: number; near_fibre: number; mobile_only: number; unserved: number; orphans: number; out_of_scope: number;
  cost_usd: number; cost_kzt: number; beneficiaries: number;
};

export type RegionRollup = {
  regionId: string; nameRu: string | null; nameKk: string | null; nameEn: string | null;
  settlements: number; settlementsWithFibre: number; settlementsWithMobileBroadband: number;
  facilities: number; gaps: number; orphans: number;
  /** Facilities in cities and towns under the rural scope: listed, counted, not planned. */
  outOfScope: number;
  byGapClass: { connected: number; lit_village: number; near_fibre: number; mobile_only: number; unserved: number };
  costToConnectUsd: number; costToConnectKzt: number; beneficiaries: number;
  /** This region's share of the nation's gaps (facilities not connected) and of their cost. */
  shareOfNationalGap: number; shareOfNationalCost: number;
};

export async function regionRollups(db: Queryable, level: RegionLevel, p: Parameters, regions?: string[]): Promise<RegionRollup[]> {
  const rows = await runSql<Row>(db, regionsSql, { level, village_radius_m: p.villageRadiusM, regions: regions ?? null });
  const gapsOf = (r: Row) => r.facilities - r.connected;
  const nationalGaps = rows.reduce((s, r) => s + gapsOf(r), 0);
  const nationalCost = rows.reduce((s, r) => s + r.cost_usd, 0);
  return rows.map((r) => ({
    regionId: r.region_id,
    nameRu: r.name_ru, nameKk: r.name_kk, nameEn: r.name_en,
    settlements: r.settlements,
    settlementsWithFibre: r.with_fibre,
    settlementsWithMobileBroadband: r.with_mobile,
    facilities: r.facilities,
    gaps: gapsOf(r),
    orphans: r.orphans,
    outOfScope: r.out_of_scope,
    byGapClass: { connected: r.connected, lit_village: r.lit_village, near_fibre: r.near_fibre, mobile_only: r.mobile_only, unserved: r.unserved },
    costToConnectUsd: roundUsd(r.cost_usd),
    costToConnectKzt: roundKzt(r.cost_kzt),
    beneficiaries: round(r.beneficiaries, 2),
    shareOfNationalGap: nationalGaps > 0 ? round(gapsOf(r) / nationalGaps, 6) : 0,
    shareOfNationalCost: nationalCost > 0 ? round(r.cost_usd / nationalCost, 6) : 0,
  }));
}
