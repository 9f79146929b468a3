import { describe, expect, it } from 'vitest';
import { deriveAll, type DeriveInput } from '../../scripts/illustrative/derive.ts';
import { mulberry32 } from '../../scripts/illustrative/prng.ts';
import { renderOutputs } from '../../scripts/illustrative/serialize.ts';
import type { Place, SettlementInput } from '../../scripts/illustrative/types.ts';

// 60 settlements scattered within ~1° of a railway in two oblasts, about a third untagged.
function fixture(seed: number): DeriveInput {
  const rnd = mulberry32(99);
  const places: Place[] = ['town', 'village', 'village', 'village', 'hamlet', 'hamlet', 'isolated_dwelling'];
  const settlements: SettlementInput[] = Array.from({ length: 60 }, (_, i) => {
    const place = places[i % places.length]!;
    const size = place === 'town' ? 5000 : place === 'village' ? 800 : place === 'hamlet' ? 150 : 8;
    return {
      id: `osm:${1000 + i}`, osmId: 1000 + i, place, name: `Ауыл ${i}`, nameRu: `Аул ${i}`, nameKk: `Ауыл ${i}`, nameEn: null,
      population: i % 3 === 0 ? null : Math.round(size * (0.5 + rnd())),
      adm1: i < 30 ? 'KZ01' : 'KZ02', adm2: `KZ0${i < 30 ? 1 : 2}0${i % 4}`,
      at: [70 + 2 * rnd(), 49.5 + rnd()] as [number, number],
    };
  });
  return {
    settlements: [...settlements].reverse(), // input order must not matter
    railways: [{ segId: 1, coords: [[70, 50], [71, 50.05], [72, 50]] }],
    counts: { schools: new Map([['KZ01', 25], ['KZ02', 30]]), hospitals: new Map([['KZ01', 3], ['KZ02', 2]]) },
    seed,
  };
}

describe('illustrative derivation', () => {
  it('gives byte-identical files for the same input and seed, whatever the input order', () => {
    const a = renderOutputs(deriveAll(fixture(5)));
    const shuffled = fixture(5);
    shuffled.settlements = [...shuffled.settlements].sort((x, y) => (x.name! < y.name! ? -1 : 1));
    const b = renderOutputs(deriveAll(shuffled));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a) expect(Buffer.compare(bytes, b.get(name)!), name).toBe(0);
  });

  it('changes the seeded layers with the seed, and not the estimated ones', () => {
    const a = renderOutputs(deriveAll(fixture(5)));
    const b = renderOutputs(deriveAll(fixture(6)));
    expect(a.get('estimated_settlement_population.csv')!.equals(b.get('estimated_settlement_population.csv')!)).toBe(true);
    expect(a.get('illustrative_facilities.geojson.gz')!.equals(b.get('illustrative_facilities.geojson.gz')!)).toBe(false);
  });

  it('meets the official totals exactly and refuses duplicate settlements', () => {
    const out = deriveAll(fixture(5));
    const schools = (o: string) => out.facilities.filter((f) => f.kind === 'school' && out.settlements.find((s) => s.id === f.settlement_id)!.adm1 === o).length;
    expect([schools('KZ01'), schools('KZ02')]).toEqual([25, 30]);
    expect(out.facilities.filter((f) => f.subkind === 'hospital').length).toBe(5);
    const dup = fixture(5);
    dup.settlements = [...dup.settlements, dup.settlements[0]!];
    expect(() => deriveAll(dup)).toThrow(/osm:1059 appears twice/);
  });
});
