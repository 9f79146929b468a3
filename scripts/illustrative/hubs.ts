// Hub settlements (опорные СНП): no public list with coordinates exists, so we mark the most
// populous `village` of each district, the usual shape of a district's rural centre.
import type { SettlementInput } from './types.ts';

export const HUB_RULE = 'most_populous_village_in_district';

export interface HubChoice {
  settlementId: string;
  rule: string;
}

/**
 * One hub per district (admin2): the `village` with the largest population (tagged or estimated);
 * ties go to a tagged population, then to the lower OSM id. Cities, towns and hamlets are never hubs.
 */
export function chooseHubs(
  settlements: readonly SettlementInput[],
  populationOf: (s: SettlementInput) => { pop: number; estimated: boolean },
): HubChoice[] {
  const best = new Map<string, { s: SettlementInput; pop: number; estimated: boolean }>();
  for (const s of settlements) {
    if (s.place !== 'village') continue;
    const { pop, estimated } = populationOf(s);
    const cur = best.get(s.adm2);
    const better =
      !cur ||
      pop > cur.pop ||
      (pop === cur.pop && (!estimated && cur.estimated || (estimated === cur.estimated && s.osmId < cur.s.osmId)));
    if (better) best.set(s.adm2, { s, pop, estimated });
  }
  return [...best.values()]
    .sort((a, b) => a.s.osmId - b.s.osmId)
    .map(({ s }) => ({ settlementId: s.id, rule: HUB_RULE }));
}
