// Region and district names (no geometry) from GET /api/regions, fetched once per level. The
// server narrows them to a partner's regions, so the region filter offers only those.
import { api } from './client.ts';

export type RegionName = { id: string; nameRu: string | null; nameKk: string | null; nameEn: string | null };

const cache = new Map<'admin1' | 'admin2', Promise<Map<string, RegionName>>>();

export function regionNames(level: 'admin1' | 'admin2'): Promise<Map<string, RegionName>> {
  let p = cache.get(level);
  if (!p) {
    p = api.regions(level).then((b) => new Map(b.items.map((r) => [r.regionId, { id: r.regionId, nameRu: r.nameRu, nameKk: r.nameKk, nameEn: r.nameEn }])));
    // A failure is not remembered: the next caller tries again.
    p.catch(() => cache.delete(level));
    cache.set(level, p);
  }
  return p;
}
