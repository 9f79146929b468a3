// Synthetic planned facilities for the portfolio benchmark at national-programme scale: seeded,
// in memory, shaped like the gap engine's output (settlements of 1–6 facilities, a third on fibre).
import type { PlannedFacility, PlannedGroup } from '../../server/src/portfolio/engine.ts';
import { geodesicM } from '../../server/src/planning/geodesy.ts';
import { mulberry32 } from '../../server/src/prng.ts';
import { costOver } from '../../server/src/planning/cost-stream.ts';
import { horizonOf } from '../../server/src/planning/evaluate.ts';
import { DEFAULT_PARAMETERS as D } from '../../server/src/planning/parameters.ts';
import { trenchStream } from '../../server/src/planning/technologies/fibre.ts';
import { lteStream } from '../../server/src/planning/technologies/lte.ts';
import { satelliteStream } from '../../server/src/planning/technologies/satellite.ts';

const KINDS = ['school', 'health', 'library', 'community'] as const;

/** Facilities and the settlement trenches of those on fibre (costs from the technology registry). */
export function syntheticFacilities(count: number, seed = 2026): { facilities: PlannedFacility[]; groups: PlannedGroup[] } {
  const rng = mulberry32(seed);
  const h = horizonOf(D);
  const fx = 470;
  const groups: PlannedGroup[] = [];
  const out: PlannedFacility[] = [];
  let s = 0;
  while (out.length < count) {
    const sid = `syn-s${s++}`;
    const lon = 47 + rng() * 40;
    const lat = 41 + rng() * 14;
    const admin1 = `KZ${10 + Math.floor(rng() * 17)}`;
    const lit = rng() < 0.4;
    const ap = lit ? { id: `access:splice:${sid}`, lon: lon + (rng() - 0.5) * 0.02, lat: lat + (rng() - 0.5) * 0.02, kind: 'splice' as const } : null;
    const n = 1 + Math.floor(rng() * 6);
    const here: PlannedFacility[] = [];
    for (let i = 0; i < n && out.length < count; i++) {
      const kind = KINDS[Math.floor(rng() * KINDS.length)]!;
      const fl = lon + (rng() - 0.5) * 0.02;
      const ft = lat + (rng() - 0.5) * 0.02;
      const demand = kind === 'school' ? 20 : 10;
      const r = rng();
      let technology: string, tcoUsd: number, pathM: number | null = null;
      let coefUsd: Record<string, number> = {};
      if (ap && r < 0.8) {
        technology = 'fibre';
        pathM = geodesicM([ap.lon, ap.lat], [fl, ft]) * 1.2;
        tcoUsd = costOver(trenchStream(D.fibre, pathM, 1, 1, 1), demand, h).tcoUsd;
        coefUsd = { 'fibre.perKmUsd': pathM / 1000 };
      } else if (r < 0.9) {
        technology = 'lte';
        tcoUsd = costOver(lteStream(D.lte, 1), demand, h).tcoUsd;
        coefUsd = { 'lte.cpeUsd': tcoUsd > 0 ? 1.8 : 0 };
      } else {
        technology = 'satellite';
        tcoUsd = costOver(satelliteStream(D.satellite, 1), demand, h).tcoUsd;
        coefUsd = { 'satellite.terminalUsd': 2.4, 'satellite.serviceUsdPerYear': 7.72 };
      }
      const f: PlannedFacility = {
        facilityId: `syn-f${out.length}`, name: null, kind, settlementId: sid, admin1Id: admin1, admin2Id: `${admin1}${Math.floor(rng() * 20)}`,
        lon: fl, lat: ft, gapClass: lit ? 'lit_village' : 'unserved', technology, tcoUsd, tcoKzt: Math.round(tcoUsd * fx),
        beneficiaries: Math.floor(20 + rng() * 800), multiplier: lit ? 1.2 : 1, demandMbps: demand,
        inScope: true, groupId: technology === 'fibre' ? `trench:${sid}` : null, coefUsd,
      };
      out.push(f);
      here.push(f);
    }
    const fibre = here.filter((f) => f.groupId);
    if (fibre.length > 1) {
      groups.push({ id: `trench:${sid}`, kind: 'trench', settlementId: sid, memberIds: fibre.map((f) => f.facilityId), lengthM: null, tcoUsd: fibre.reduce((a, f) => a + f.tcoUsd, 0), savingUsd: 0, geometry: null });
    } else for (const f of fibre) f.groupId = null;
  }
  return { facilities: out, groups };
}
