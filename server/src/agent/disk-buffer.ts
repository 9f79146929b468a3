// Samples the database could not take, kept on disk in order until it can: append-only NDJSON
// segments (seg-<seq>.ndjson) under one folder, bounded in bytes. Past the bound the oldest
// segment is deleted and its samples counted as dropped: the only way a sample is ever lost.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { PollSample } from '../monitoring/poll-sample.ts';
import { decodeSample, encodeSample } from './sample-codec.ts';

export type DiskBufferOptions = {
  /** Total size bound (default 256 MiB ≈ 600 000 samples ≈ 7 days of 60 sites at 60 s… or 1 h of 10 000). */
  maxBytes?: number;
  /** A segment is sealed (and can be replayed) once it reaches this size. */
  segmentBytes?: number;
};

type Segment = { seq: number; file: string; bytes: number; samples: number; sealed: boolean };

const NAME = /^seg-(\d{12})\.ndjson$/;

export class DiskBuffer {
  private segments: Segment[] = [];
  private lastSeq = 0;
  private maxBytes: number;
  private segmentBytes: number;
  /** Samples deleted past the bound, and lines that could not be parsed back (a torn write). */
  dropped = 0;
  corrupt = 0;

  constructor(
    readonly dir: string,
    options: DiskBufferOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.segmentBytes = Math.min(options.segmentBytes ?? 4 * 1024 * 1024, this.maxBytes);
  }

  /** Finds the segments a previous run left behind (replayed before anything new). */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const found: Segment[] = [];
    for (const name of await readdir(this.dir)) {
      const m = NAME.exec(name);
      if (!m) continue;
      const file = path.join(this.dir, name);
      const text = await readFile(file, 'utf8');
      found.push({ seq: Number(m[1]), file, bytes: (await stat(file)).size, samples: countLines(text), sealed: true });
    }
    this.segments = found.sort((a, b) => a.seq - b.seq);
    this.lastSeq = this.segments.at(-1)?.seq ?? 0;
  }

  get bytes(): number {
    return this.segments.reduce((s, g) => s + g.bytes, 0);
  }

  get samples(): number {
    return this.segments.reduce((s, g) => s + g.samples, 0);
  }

  isEmpty(): boolean {
    return this.segments.every((g) => g.samples === 0);
  }

  /** Keeps a sample the database refused (a poison row) in rejected.ndjson, for a human to look at;
   * the file stops growing at 16 MiB (the log line and the counter still say it happened). */
  async setAside(sample: PollSample, reason: string): Promise<void> {
    const file = path.join(this.dir, 'rejected.ndjson');
    const size = existsSync(file) ? (await stat(file)).size : 0;
    if (size > 16 * 1024 * 1024) return;
    await appendFile(file, `${JSON.stringify({ reason, sample: JSON.parse(encodeSample(sample)) })}\n`);
  }

  async append(samples: PollSample[]): Promise<void> {
    if (samples.length === 0) return;
    const text = samples.map(encodeSample).join('\n') + '\n';
    let tail = this.segments.at(-1);
    if (!tail || tail.sealed || tail.bytes >= this.segmentBytes) {
      const seq = ++this.lastSeq;
      tail = { seq, file: path.join(this.dir, `seg-${String(seq).padStart(12, '0')}.ndjson`), bytes: 0, samples: 0, sealed: false };
      this.segments.push(tail);
    }
    await appendFile(tail.file, text);
    tail.bytes += Buffer.byteLength(text);
    tail.samples += samples.length;
    await this.enforceBound();
  }

  private async enforceBound(): Promise<void> {
    while (this.segments.length > 1 && this.bytes > this.maxBytes) {
      const oldest = this.segments.shift()!;
      this.dropped += oldest.samples;
      await unlink(oldest.file).catch(() => {});
    }
  }

  /** The oldest segment's samples, or null when empty. Appends after this go to a new segment. */
  async peekOldest(): Promise<{ seq: number; samples: PollSample[] } | null> {
    const oldest = this.segments[0];
    if (!oldest) return null;
    oldest.sealed = true;
    if (!existsSync(oldest.file)) {
      this.segments.shift();
      return this.peekOldest();
    }
    const samples: PollSample[] = [];
    for (const line of (await readFile(oldest.file, 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        samples.push(decodeSample(line));
      } catch {
        this.corrupt++;
      }
    }
    return { seq: oldest.seq, samples };
  }

  /** Forgets a segment once every sample of it is in the database. */
  async remove(seq: number): Promise<void> {
    const i = this.segments.findIndex((g) => g.seq === seq);
    if (i < 0) return;
    const [g] = this.segments.splice(i, 1);
    await unlink(g!.file).catch(() => {});
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
