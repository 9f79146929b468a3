// The agent's sample writer batches by size or time (issue 12, storage cost). startAgent hands its
// unset options through as undefined; the writer spread them over its defaults, so flushMs became
// undefined = a 1 ms timer and every poll went to the database as a batch (a transaction) of one:
// 5,421 transactions for 6,000 polls in the pipeline benchmark. Samples arriving within the flush
// time must make one batch, each stored exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskBuffer } from '../../server/src/agent/disk-buffer.ts';
import { SampleWriter, type SampleSink } from '../../server/src/agent/sample-writer.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const poll = (i: number): PollSample => ({
  sampleId: `a:s-${i}:${i}`, siteId: `s-${i}`, polledAt: 1_700_000_000_000 + i * 10, outcome: 'up', rttMs: 1,
  sysUpTime: 100, engineBoots: null, ifIndex: 1, ifOperStatus: 1, ifAdminStatus: 1, inOctets: 1n, outOctets: 2n,
  counterBits: 64, ifSpeedMbps: 100, discontinuityTime: null, error: null,
} as PollSample);

describe('sample writer batching', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  async function writerWith(options: ConstructorParameters<typeof SampleWriter>[2]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-writer-'));
    dirs.push(dir);
    const buffer = new DiskBuffer(dir);
    await buffer.open();
    const batches: string[][] = [];
    const sink: SampleSink = { write: async (s) => { batches.push(s.map((x) => x.sampleId)); return { inserted: s.length, duplicates: 0 }; } };
    const writer = new SampleWriter(sink, buffer, options);
    await writer.start();
    return { writer, batches };
  }

  it('options passed as undefined (as startAgent passes them) keep the 1 s flush: 8 polls 20 ms apart are one batch', async () => {
    const { writer, batches } = await writerWith({ batchSize: undefined, flushMs: undefined });
    for (let i = 0; i < 8; i++) {
      writer.add(poll(i));
      await sleep(20);
    }
    await writer.close();
    expect(batches).toEqual([Array.from({ length: 8 }, (_, i) => `a:s-${i}:${i}`)]);
  });

  it('a full batch goes at once and the rest after the flush time; every poll once, in order', async () => {
    const { writer, batches } = await writerWith({ batchSize: 4, flushMs: 50 });
    for (let i = 0; i < 10; i++) writer.add(poll(i));
    await sleep(150);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    await writer.close();
    expect(batches.flat()).toEqual(Array.from({ length: 10 }, (_, i) => `a:s-${i}:${i}`));
  });
});
