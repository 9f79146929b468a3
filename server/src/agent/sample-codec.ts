// PollSample ⇄ one NDJSON line, for the on-disk buffer. Polled values follow the poll table:
// Counter64 rows are exact decimal strings (JSON numbers lose precision past 2^53; they go to
// 2^64 − 1). A line written before a row existed reads back without it.
import type { PollOutcome, PollSample } from '../monitoring/poll-sample.ts';
import { isBigRow, POLL_TABLE } from '../monitoring/poll-table.ts';

const OUTCOMES = new Set<PollOutcome>(['up', 'link_down', 'unreachable', 'error']);

export function encodeSample(s: PollSample): string {
  const o: Record<string, unknown> = { ...s };
  for (const row of POLL_TABLE) {
    const v = (s as Record<string, unknown>)[row.name];
    if (typeof v === 'bigint') o[row.name] = v.toString();
  }
  return JSON.stringify(o);
}

function numOrNull(v: unknown, field: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${field}: not a number`);
  return v;
}

function bigOrNull(v: unknown, field: string): bigint | null {
  if (v === null) return null;
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) throw new Error(`${field}: not a decimal counter`);
  return BigInt(v);
}

/** Parses one buffered line; throws with the field at fault (a torn last line after a crash). */
export function decodeSample(line: string): PollSample {
  const o = JSON.parse(line) as Record<string, unknown>;
  if (typeof o.sampleId !== 'string' || typeof o.siteId !== 'string') throw new Error('sampleId/siteId missing');
  if (!OUTCOMES.has(o.outcome as PollOutcome)) throw new Error(`outcome: ${String(o.outcome)}`);
  const bits = o.counterBits;
  if (bits !== null && bits !== 32 && bits !== 64) throw new Error('counterBits: not 32, 64 or null');
  const s: Record<string, unknown> = {
    sampleId: o.sampleId,
    siteId: o.siteId,
    polledAt: numOrNull(o.polledAt, 'polledAt') ?? 0,
    outcome: o.outcome as PollOutcome,
    ifIndex: numOrNull(o.ifIndex, 'ifIndex'),
    counterBits: bits as 32 | 64 | null,
    error: typeof o.error === 'string' ? o.error : null,
  };
  for (const row of POLL_TABLE) {
    const v = o[row.name];
    if (v === undefined) {
      if ('core' in row) s[row.name] = null;
      continue;
    }
    s[row.name] = isBigRow(row) ? bigOrNull(v, row.name) : numOrNull(v, row.name);
  }
  return s as PollSample;
}
