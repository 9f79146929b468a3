import { describe, expect, it } from 'vitest';
import { estimatePopulations, median } from '../../scripts/illustrative/population.ts';
import type { Place, SettlementInput } from '../../scripts/illustrative/types.ts';

let nextId = 1;
function place(place: Place, population: number | null, adm2: string, adm1 = 'KZ01'): SettlementInput {
  const osmId = nextId++;
  return { id: `osm:${osmId}`, osmId, place, name: null, nameRu: null, nameKk: null, nameEn: null, population, adm1, adm2, at: [70, 50] };
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones rounded half up', () => {
    expect(median([300, 100, 200])).toBe(200);
    expect(median([100, 200, 301, 400])).toBe(251); // (200 + 301) / 2 = 250.5 → 251
  });
});

describe('estimated settlement population', () => {
  it('uses the district median when the district has 5 tagged places of the type', () => {
    const tagged = [100, 200, 300, 400, 500].map((p) => place('village', p, 'D1'));
    const untagged = place('village', null, 'D1');
    const [e] = estimatePopulations([...tagged, untagged]);
    // median of 100…500 = 300
    expect(e).toEqual({ settlementId: untagged.id, population: 300, method: 'median_same_place_same_district' });
  });

  it('falls back to the oblast, then the nation, then the default, per place type', () => {
    // D1 has 3 tagged villages (too few), the oblast KZ01 has 6: 10, 20, 30 in D1 and 40, 50, 60 in D2
    const inputs = [
      ...[10, 20, 30].map((p) => place('village', p, 'D1')),
      ...[40, 50, 60].map((p) => place('village', p, 'D2')),
      // another oblast holds hamlets; KZ01 has none tagged
      ...[7, 9, 11, 13, 15].map((p) => place('hamlet', p, 'D9', 'KZ02')),
    ];
    const village = place('village', null, 'D1');
    const hamlet = place('hamlet', null, 'D1');
    const dwelling = place('isolated_dwelling', null, 'D1');
    const estimates = estimatePopulations([...inputs, village, hamlet, dwelling]);
    expect(estimates).toEqual([
      { settlementId: village.id, population: 35, method: 'median_same_place_same_oblast' }, // (30 + 40) / 2
      { settlementId: hamlet.id, population: 11, method: 'median_same_place_national' }, // middle of 7…15
      { settlementId: dwelling.id, population: 10, method: 'default_for_place' }, // no tagged dwellings at all
    ]);
  });

  it('never estimates a tagged settlement, including a tagged 0', () => {
    const zero = place('hamlet', 0, 'D1');
    expect(estimatePopulations([zero])).toEqual([]);
  });
});
