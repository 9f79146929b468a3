// Memos and caches that grow with the plan are sized from this thread's heap limit: a national plan
// run with a larger heap (NODE_OPTIONS=--max-old-space-size=…) keeps more of them between runs.
import v8 from 'node:v8';

/** As many things of `bytesEach` as fit in `share` of the heap limit, at least `atLeast`. */
export function fitInHeap(share: number, bytesEach: number, atLeast: number): number {
  return Math.max(atLeast, Math.floor((v8.getHeapStatistics().heap_size_limit * share) / bytesEach));
}
