// The job runner (server/src/jobs/job-runner.ts): one job at a time, progress and errors as the
// reader sees them, and jobs detached from the request that started them.
import { describe, expect, it } from 'vitest';
import { statementSignal, withStatementSignal } from '../../server/src/db/statement-scope.ts';
import { JobRunner } from '../../server/src/jobs/job-runner.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('JobRunner', () => {
  it('runs jobs one after another and reports progress', async () => {
    const runner = new JobRunner();
    const gate = deferred();
    const a = runner.start('a', 1, async (report) => {
      report('stage one', 1, 2);
      await gate.promise;
      return 'A';
    });
    const b = runner.start('b', 1, async () => 'B');
    await Promise.resolve();
    expect(runner.get(a.id)).toMatchObject({ state: 'running', progress: { stage: 'stage one', done: 1, total: 2 } });
    expect(runner.get(b.id)?.state).toBe('queued');
    gate.resolve();
    expect(await runner.settled(b.id)).toMatchObject({ state: 'succeeded', result: 'B' });
    expect(runner.get(a.id)).toMatchObject({ state: 'succeeded', result: 'A' });
  });

  it('a failed job carries the API error code; an unexpected failure says internal and is logged', async () => {
    const logged: unknown[] = [];
    const runner = new JobRunner({ onError: (_job, err) => logged.push(err) });
    const known = runner.start('x', null, async () => {
      throw Object.assign(new Error('no such scenario'), { status: 404, code: 'scenario_not_found', details: [] });
    });
    const unknown = runner.start('y', null, async () => {
      throw new Error('disk on fire at /srv/secret');
    });
    expect((await runner.settled(known.id))?.error).toEqual({ status: 404, code: 'scenario_not_found', message: 'no such scenario', details: [] });
    const u = await runner.settled(unknown.id);
    expect(u?.error).toMatchObject({ status: 500, code: 'internal' });
    expect(JSON.stringify(u)).not.toContain('/srv/secret');
    expect(logged).toHaveLength(1);
  });

  it('a job outlives its request: it runs outside the request\'s statement scope even when that was aborted', async () => {
    const runner = new JobRunner();
    const c = new AbortController();
    c.abort();
    const job = withStatementSignal(c.signal, () => runner.start('z', 1, async () => statementSignal() === undefined));
    expect((await runner.settled(job.id))?.result).toBe(true);
  });

  it('keeps only the newest ended jobs', async () => {
    const runner = new JobRunner({ keep: 2 });
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const j = runner.start('k', 1, async () => i);
      ids.push(j.id);
      await runner.settled(j.id);
    }
    runner.start('k', 1, async () => 4);
    expect(ids.map((id) => runner.get(id) !== undefined)).toEqual([false, false, true, true]);
  });
});
