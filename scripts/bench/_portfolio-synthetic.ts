// Synthetic planned facilities for the portfolio benchmark at national-programme scale: seeded,
// in memory, shaped like the gap engine's output (settlements of 1–6 facilities, a third on fibre).
import type { PlannedFacility } from '../../server/src/portfolio/engine.ts';
import { haversineM } from '../../server/src/portfolio/geodesic.ts';
import { mulberry32 } from '../../server/src/prng.ts';
import { pvifa } from '../../server/src/portfolio/trench.ts';

const KINDS = ['school', 'health', 'library', 'community'] as const;

export function syntheticFacilities(count: number, seed = 2026): PlannedFacility[] {
  const rng = mulberry32(seed);
  const P = pvifa(0.05, 5);
  const fx = 470;
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
    for (let i = 0; i < n && out.length < count; i++) {
      const kind = KINDS[Math.floor(rng() * KINDS.length)]!;
      const fl = lon + (rng() - 0.5) * 0.02;
      const ft = lat + (rng() - 0.5) * 0.02;
      const demand = kind === 'school' ? 20 : 10;
      const r = rng();
      let technology: string, tcoUsd: number, pathM: number | null = null;
      if (ap && r < 0.8) {
        technology = 'fibre';
        pathM = haversineM([ap.lon, ap.lat], [fl, ft]) * 1.2;
        const capex = 500 + 8 * pathM + 400;
        tcoUsd = capex + (0.05 * capex + 3 * demand) * P;
      } else if (r < 0.9) {
        technology = 'lte';
        tcoUsd = 200 + (24 + 120 * demand) * P;
      } else {
        technology = 'satellite';
        tcoUsd = 800 + (80 + 6.4 * demand) * P;
      }
      out.push({
        facilityId: `syn-f${out.length}`, name: null, kind, settlementId: sid, admin1Id: admin1, admin2Id: `${admin1}${Math.floor(rng() * 20)}`,
        lon: fl, lat: ft, gapClass: lit ? 'lit_village' : 'unserved', technology, tcoUsd, tcoKzt: Math.round(tcoUsd * fx),
        beneficiaries: Math.floor(20 + rng() * 800), multiplier: lit ? 1.2 : 1, demandMbps: demand,
        pathM, accessPoint: technology === 'fibre' ? ap : null,
      });
    }
  }
  return out;
}
