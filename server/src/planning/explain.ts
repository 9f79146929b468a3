// One facility's full explanation: its measures, every technology option, the recommendation, why
// the others lost, and the score's components — recomputed by the same pure code as the ranking.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { evaluateFacilities } from './evaluate.ts';
import { inputOf, settlementInputs, toFacilityInput } from './inputs.ts';
import type { Parameters } from './parameters.ts';
import { roundM } from './round.ts';

const rankSql = loadSql(import.meta.url, './explain-rank.sql');

export async function explainFacility(db: Queryable, facilityId: string, p: Parameters) {
  const row = await inputOf(db, facilityId);
  if (!row) return null;
  const [res] = await runSql<{ rank: number | null; parameter_hash: string | null }>(db, rankSql, { facility_id: facilityId });
  const input = toFacilityInput(row);
  // The choice is made per settlement: evaluate the facility with its neighbours, as the recompute does.
  const neighbours = row.settlement_id ? (await settlementInputs(db, row.settlement_id)).map(toFacilityInput) : [input];
  const e = evaluateFacilities(neighbours, p).evaluations.get(facilityId)!;
  const fibre = e.options.find((o) => o.technology === 'fibre')?.fibre;
  return {
    facility: {
      id: row.facility_id, name: row.name, nameRu: row.name_ru, nameKk: row.name_kk, nameEn: row.name_en,
      kind: row.kind, subkind: row.subkind, connection: row.connection, provenance: row.provenance,
      lon: row.lon, lat: row.lat, settlementId: row.settlement_id, settlementName: row.settlement_name,
      attachMethod: row.attach_method, attachDistanceM: roundM(row.attach_distance_m),
      admin1Id: row.admin1_id, admin2Id: row.admin2_id,
    },
    measures: {
      popId: row.pop_id,
      popDistanceM: input.popDistanceM,
      routeId: row.route_id,
      routeDistanceM: input.routeDistanceM,
      splicePoint: row.splice_lon === null ? null : { type: 'Point', coordinates: [row.splice_lon, row.splice_lat] },
      pathM: fibre?.pathM ?? null,
      pathMethod: fibre?.pathMethod ?? null,
      accessPoint: fibre?.accessPoint ?? null,
      snapM: roundM(row.road_snap_m),
      roadNote: row.road_note,
      mobileTechnology: row.mobile_technology,
      settlementLit: e.settlementLit,
    },
    gapClass: e.gapClass,
    measuredFlag: e.measuredFlag,
    // What monitoring measured now (facility_measured_state); null: the facility has no monitored site.
    monitoring: row.measured_state === null ? null : {
      state: row.measured_state, measured: row.measured === true, flag: e.measuredFlag,
      availability7d: row.availability_7d, availability30d: row.availability_30d, siteId: row.site_id,
    },
    settlementType: e.settlementType,
    inScope: e.inScope,
    underserved: e.underserved,
    demandMbps: e.demandMbps,
    demandAtHorizonMbps: e.demandAtHorizonMbps,
    horizonYears: p.finance.years,
    kztPerUsd: p.finance.kztPerUsd,
    demandGrowth: p.finance.demandGrowth,
    regionMultiplier: e.regionMultiplier,
    beneficiaries: e.beneficiaries,
    options: e.options,
    choice: e.choice,
    // Kept for clients of the first API: the chosen technology and its (allocated) figures.
    recommendation: e.choice ? { technology: e.choice.technology, capexUsd: e.choice.capexUsd, tcoUsd: e.choice.tcoUsd } : null,
    whyOthersLost: e.whyOthersLost,
    tcoKzt: e.choice?.tcoKzt ?? null,
    score: e.score,
    rank: res?.rank ?? null,
    parameterHash: res?.parameter_hash ?? null,
  };
}
