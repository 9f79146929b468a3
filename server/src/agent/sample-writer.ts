// Samples → the sink in batches (by size or time). When the sink fails, batches go to the disk
// buffer and later batches follow them there, so replay keeps poll order; a retry timer drains
// the buffer oldest first. Replays are safe to repeat: the sink is idempotent on sampleId.
// A batch the sink *rejects* (a data error, not an outage) is split in halves until the bad rows
// stand alone; those are set aside (counted, logged with their site) and the rest is stored, so
// one poison sample can never block every later write (issue 12, 2).
import type { PollSample } from '../monitoring/poll-sample.ts';
import type { DiskBuffer } from './disk-buffer.ts';

export interface SampleSink {
  write(samples: PollSample[]): Promise<{ inserted: number; duplicates: number }>;
}

export type WriterOptions = {
  batchSize?: number;
  flushMs?: number;
  /** First retry after a failure; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  onWriteFailure?: (err: unknown) => void;
  /** A sample the sink refused on its own (after splitting the batch); it is set aside, not retried. */
  onRejected?: (sample: PollSample, err: unknown) => void;
  /** Anything else that went wrong in the background (e.g. the disk buffer could not be written). */
  onError?: (err: unknown) => void;
};

/**
 * Is this the data's fault (retrying the same rows can never succeed) rather than the database's
 * availability? PostgreSQL SQLSTATE classes 22 (data exception: bad text, out-of-range value) and
 * 23 (integrity constraint), and monitoring's own checkSample (RangeError/TypeError).
 */
export function isRejection(err: unknown): boolean {
  if (err instanceof RangeError || err instanceof TypeError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

export class SampleWriter {
  private pending: PollSample[] = [];
  private chain: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private closed = false;
  readonly stats = { inserted: 0, duplicates: 0, writeFailures: 0, rejected: 0 };
  private o: Required<Omit<WriterOptions, 'onWriteFailure' | 'onRejected' | 'onError'>> & Pick<WriterOptions, 'onWriteFailure' | 'onRejected' | 'onError'>;

  constructor(
    private sink: SampleSink,
    private buffer: DiskBuffer,
    options: WriterOptions = {},
  ) {
    // An option given as undefined (startAgent passes its own unset ones through) keeps the default:
    // spread as is, flushMs undefined became setTimeout(…, undefined) = 1 ms, so every poll was a
    // batch of one — a transaction per sample (issue 12, storage cost).
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as WriterOptions;
    this.o = { batchSize: 500, flushMs: 1000, retryMs: 1000, maxRetryMs: 30_000, ...given };
    this.retryMs = this.o.retryMs;
  }

  /** Replays what a previous run left on disk (call once at start). */
  start(): Promise<void> {
    return this.serial(() => this.drain());
  }

  add(sample: PollSample): void {
    this.pending.push(sample);
    if (this.pending.length >= this.o.batchSize) this.background(this.flush());
    else if (!this.flushTimer && !this.closed) this.flushTimer = setTimeout(() => this.background(this.flush()), this.o.flushMs);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return this.chain;
    return this.serial(async () => {
      if (this.buffer.isEmpty() && (await this.tryWrite(batch))) return;
      await this.buffer.append(batch);
      this.scheduleRetry();
    });
  }

  /** Flushes, tries the buffer once more, and stops the timers. What the sink refused stays on disk. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.retryTimer);
    await this.serial(() => this.drain());
    clearTimeout(this.retryTimer);
  }

  /** A promise nobody awaits must not reject into the process (it would end it). */
  private background(p: Promise<void>): void {
    p.catch((err) => (this.o.onError ? this.o.onError(err) : undefined));
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(fn, fn);
    return this.chain;
  }

  /** True when the batch is stored (poison rows set aside); false when the sink is unavailable. */
  private async tryWrite(batch: PollSample[]): Promise<boolean> {
    try {
      const r = await this.sink.write(batch);
      this.stats.inserted += r.inserted;
      this.stats.duplicates += r.duplicates;
      return true;
    } catch (err) {
      if (!isRejection(err)) {
        this.stats.writeFailures++;
        this.o.onWriteFailure?.(err);
        return false;
      }
      if (batch.length === 1) {
        this.stats.rejected++;
        this.o.onRejected?.(batch[0]!, err);
        await this.buffer.setAside(batch[0]!, String((err as Error)?.message ?? err)).catch(() => {});
        return true;
      }
      // Halves: a part stored before an outage cuts in is re-sent later, a duplicate, never a loss.
      const mid = batch.length >> 1;
      return (await this.tryWrite(batch.slice(0, mid))) && (await this.tryWrite(batch.slice(mid)));
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const seg = await this.buffer.peekOldest();
      if (!seg) break;
      for (let i = 0; i < seg.samples.length; i += this.o.batchSize) {
        // A failure part-way re-sends the segment's first batches later: duplicates, not losses.
        if (!(await this.tryWrite(seg.samples.slice(i, i + this.o.batchSize)))) {
          this.scheduleRetry();
          return;
        }
      }
      await this.buffer.remove(seg.seq);
    }
    this.retryMs = this.o.retryMs;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.o.maxRetryMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.background(this.serial(() => this.drain()));
    }, wait);
  }
}
