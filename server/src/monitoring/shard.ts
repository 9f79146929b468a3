// Stable shard of a site: FNV-1a (32-bit, UTF-8) of its id modulo the number of agents. Pure.
import { fnv1a32 } from '../fnv1a.ts';

export type Shard = { index: number; count: number };

/** index is 0-based: agents `--shard 0/4` … `--shard 3/4` together cover every site once. */
export function checkShard(s: Shard): void {
  if (!Number.isInteger(s.count) || s.count < 1 || !Number.isInteger(s.index) || s.index < 0 || s.index >= s.count) {
    throw new RangeError(`shard ${s.index}/${s.count}: need integers with 0 ≤ index < count (index is 0-based)`);
  }
}

export const inShard = (siteId: string, s: Shard) => fnv1a32(siteId) % s.count === s.index;
