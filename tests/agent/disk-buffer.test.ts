// The on-disk buffer in a temp folder: order, segment sealing, re-open after a restart, a torn
// last line after a crash, and the size bound.
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskBuffer } from '../../server/src/agent/disk-buffer.ts';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';

const dirs: string[] = [];
const newDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'baylanys-buffer-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const sample = (i: number): PollSample => ({
  sampleId: `a:s:${i}`, siteId: 's', polledAt: i, outcome: 'up', rttMs: 1, sysUpTime: i, engineBoots: 1, ifIndex: 2,
  ifOperStatus: 1, ifAdminStatus: 1, inOctets: BigInt(i) * 1000n, outOctets: 0n, counterBits: 64, ifSpeedMbps: 100,
  discontinuityTime: 0, error: null,
});
const ids = (s: PollSample[]) => s.map((x) => x.polledAt);

describe('DiskBuffer', () => {
  it('hands segments back oldest first; appends after a peek start a new segment', async () => {
    const b = new DiskBuffer(newDir(), { segmentBytes: 1_000 });
    await b.open();
    await b.append([sample(1), sample(2)]);
    const first = await b.peekOldest();
    expect(ids(first!.samples)).toEqual([1, 2]);
    await b.append([sample(3)]); // the peeked segment is sealed: this goes to a new one
    await b.remove(first!.seq);
    expect(ids((await b.peekOldest())!.samples)).toEqual([3]);
    expect(b.samples).toBe(1);
  });

  it('a restarted agent finds what the last run left, in order', async () => {
    const dir = newDir();
    const a = new DiskBuffer(dir, { segmentBytes: 400 }); // ~1 sample per segment
    await a.open();
    for (let i = 1; i <= 5; i++) await a.append([sample(i)]);
    const b = new DiskBuffer(dir, { segmentBytes: 400 });
    await b.open();
    expect(b.samples).toBe(5);
    const seen: number[] = [];
    for (let seg = await b.peekOldest(); seg; seg = await b.peekOldest()) {
      seen.push(...ids(seg.samples));
      await b.remove(seg.seq);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a torn last line (crash mid-write) is skipped and counted, the rest replays', async () => {
    const dir = newDir();
    const a = new DiskBuffer(dir);
    await a.open();
    await a.append([sample(1), sample(2)]);
    appendFileSync(path.join(dir, readdirSync(dir)[0]!), '{"sampleId":"a:s:3","siteId":"s","outc');
    const b = new DiskBuffer(dir);
    await b.open();
    expect(ids((await b.peekOldest())!.samples)).toEqual([1, 2]);
    expect(b.corrupt).toBe(1);
  });

  it('past maxBytes the oldest segments go, and their samples are counted as dropped', async () => {
    const line = 380; // ≈ bytes of one encoded sample
    const b = new DiskBuffer(newDir(), { maxBytes: line * 10, segmentBytes: line * 2 });
    await b.open();
    for (let i = 1; i <= 20; i++) await b.append([sample(i)]);
    expect(b.bytes).toBeLessThanOrEqual(line * 10 + line);
    expect(b.samples + b.dropped).toBe(20);
    expect(b.dropped).toBeGreaterThan(0);
    const oldest = (await b.peekOldest())!.samples[0]!.polledAt;
    expect(oldest).toBe(b.dropped + 1); // exactly the first `dropped` samples went
  });
});
