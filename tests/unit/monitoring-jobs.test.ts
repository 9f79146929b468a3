// Issue 12 (6): refreshSiteMeasures was queued every minute even while the last pass was running,
// so with slow passes (1 000 sites: 5–8 min) the queue grew without end. Now a tick that finds a
// pass running is skipped. The database is a fake that takes 300 ms per pass (no sites).
import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startMonitoringJobs } from '../../server/src/monitoring/jobs.ts';

describe('startMonitoringJobs', () => {
  it('never queues a measures pass behind a running one', async () => {
    let passes = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const db = {
      async query() {
        passes++;
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        await new Promise((r) => setTimeout(r, 300));
        concurrent--;
        return [];
      },
    } as unknown as Database;
    const jobs = startMonitoringJobs(db, createLogger('silent'), { measuresEveryMs: 50 });
    await new Promise((r) => setTimeout(r, 1_000));
    const started = passes;
    await jobs.stop();
    // About 3 passes of 300 ms in 1 s, one at a time; stop() lets the running one finish and starts
    // no other (before the fix ~20 ticks had queued, and stop() ran them all).
    expect(started).toBeGreaterThanOrEqual(2);
    expect(started).toBeLessThanOrEqual(5);
    expect(passes).toBe(started);
    expect(maxConcurrent).toBe(1);
  });
});
