// Memos and caches that grow with the plan are sized from this thread's heap limit: a national plan
// run with a larger heap (NODE_OPTIONS=--max-old-space-size=…) keeps more of them between runs.
import v8 from 'node:v8';
import { isMainThread, resourceLimits } from 'node:worker_threads';

/** As many things of `bytesEach` as fit in `share` of the heap limit, at least `atLeast`. */
export function fitInHeap(share: number, bytesEach: number, atLeast: number): number {
  return Math.max(atLeast, Math.floor((heapForData() * share) / bytesEach));
}

/**
 * The heap limit less a worker's young generation (a resource limit: EVALUATION_YOUNG_GENERATION_MB
 * below), which holds nothing kept: the job thread sizes its caches from its old generation, as before.
 */
function heapForData(): number {
  const young = isMainThread ? 0 : (resourceLimits.maxYoungGenerationSizeMb ?? 0) * 2 ** 20;
  return v8.getHeapStatistics().heap_size_limit - young;
}

/**
 * Young generation of the threads that evaluate (the job thread, evaluate-pool.ts's workers; a re-rank
 * on the main thread evaluates in the workers only, evaluate-pool.ts callerEvaluates): three
 * semi-spaces of 128 MB instead of V8's 16 MB. An evaluation allocates ≈ 6 KB a facility that dies
 * within the facility's settlement, but with small semi-spaces much of it is still alive at each
 * scavenge and is copied: 2.2 M facilities on one thread spent 22 s of 40 s in 1,035 scavenges;
 * with 128 MB, 17.5–18.9 s in all (64 MB: 24.6–25.2 s). Bundled data: a few scavenges a run either way.
 */
export const EVALUATION_YOUNG_GENERATION_MB = 384;
