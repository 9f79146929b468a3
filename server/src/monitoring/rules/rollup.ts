// Rollups (issue 15): hourly figures cut from the raw polls with the availability rule itself, and
// a report span split into raw edges, whole hours and whole days. Pure; times in ms.
// Why the sums are exact: every term of the rule (a poll's standing, maintenance, estimated down)
// is an overlap with the window, and overlaps add up over disjoint windows.
import { availability, type Availability, type AvailabilityInput, type Span } from './availability.ts';
import { KZ_OFFSET_MS } from '../windows.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
export const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;
/** Start of the Kazakhstan calendar day at or before t. */
export const floorDay = (t: number) => Math.floor((t + KZ_OFFSET_MS) / DAY_MS) * DAY_MS - KZ_OFFSET_MS;
export const ceilDay = (t: number) => Math.ceil((t + KZ_OFFSET_MS) / DAY_MS) * DAY_MS - KZ_OFFSET_MS;

/** What one rollup row holds: the parts of an availability figure that add up, and traffic. */
export type Rollup = {
  start: number;
  observedMs: number;
  upMs: number;
  maintenanceMs: number;
  ratedS: number;
  inBytes: number;
  outBytes: number;
  samples: number;
};

/** A poll with the rate the rules derived for the interval ending at it (null: none). */
export type RatedPoll = { at: number; inBps: number | null; outBps: number | null; dtS: number | null };

/** First index whose `at` is ≥ t (samples sorted by time). */
function lowerBound(xs: readonly { at: number }[], t: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One rollup per hour in [from, to) (hour-aligned). `input.samples` must hold every poll from
 * 2 × interval before `from`. Traffic counts in the hour its interval ends in (where the poll is).
 */
export function hourlyRollups(input: Omit<AvailabilityInput, 'window'>, rated: readonly RatedPoll[], from: number, to: number): Rollup[] {
  const out: Rollup[] = [];
  const cap = 2 * input.intervalMs;
  for (let h = from; h < to; h += HOUR_MS) {
    const end = h + HOUR_MS;
    // Only polls from h − cap can stand inside the hour; the slice keeps each one's successor.
    const samples = input.samples.slice(lowerBound(input.samples, h - cap), lowerBound(input.samples, end));
    const a = availability({ ...input, samples, window: { from: h, to: end } });
    const r: Rollup = { start: h, observedMs: a.upMs + a.downMs, upMs: a.upMs, maintenanceMs: a.maintenanceMs, ratedS: 0, inBytes: 0, outBytes: 0, samples: 0 };
    for (let k = lowerBound(rated, h); k < rated.length && rated[k]!.at < end; k++) {
      const p = rated[k]!;
      r.samples++;
      if (p.inBps === null || p.dtS === null || !(p.dtS > 0)) continue;
      r.ratedS += p.dtS;
      r.inBytes += (p.inBps * p.dtS) / 8;
      r.outBytes += ((p.outBps ?? 0) * p.dtS) / 8;
    }
    out.push(r);
  }
  return out;
}

/** The pieces of a report span: raw edges, whole hours, whole Kazakhstan days. */
export type SpanPlan = { raw: Span[]; hours: Span[]; days: Span[] };

/**
 * Splits [from, to) so that only what the rollups cannot answer is read raw: the partial hours at
 * both ends and anything at or after `doneUntil` (hours not rolled up yet).
 */
export function planSpan(span: Span, doneUntil: number | null): SpanPlan {
  const plan: SpanPlan = { raw: [], hours: [], days: [] };
  const a = ceilHour(span.from);
  const b = Math.min(floorHour(span.to), doneUntil === null ? -Infinity : floorHour(doneUntil));
  if (!(a < b)) {
    if (span.to > span.from) plan.raw.push({ ...span });
    return plan;
  }
  if (span.from < a) plan.raw.push({ from: span.from, to: a });
  const d1 = ceilDay(a), d2 = floorDay(b);
  if (d1 < d2) {
    if (a < d1) plan.hours.push({ from: a, to: d1 });
    plan.days.push({ from: d1, to: d2 });
    if (d2 < b) plan.hours.push({ from: d2, to: b });
  } else {
    plan.hours.push({ from: a, to: b });
  }
  if (b < span.to) plan.raw.push({ from: b, to: span.to });
  return plan;
}

/** Availability over a span of `spanMs` from summed rollups and raw pieces (same formula as the rule). */
export function fromParts(spanMs: number, rollups: readonly Pick<Rollup, 'observedMs' | 'upMs' | 'maintenanceMs'>[], raw: readonly Availability[]): Availability {
  let upMs = 0, knownMs = 0, maintenanceMs = 0;
  for (const r of rollups) {
    upMs += r.upMs;
    knownMs += r.observedMs;
    maintenanceMs += r.maintenanceMs;
  }
  for (const r of raw) {
    upMs += r.upMs;
    knownMs += r.upMs + r.downMs;
    maintenanceMs += r.maintenanceMs;
  }
  const downMs = knownMs - upMs;
  const unknownMs = spanMs - maintenanceMs - knownMs;
  return {
    upMs, downMs, unknownMs, maintenanceMs,
    availability: knownMs > 0 ? upMs / knownMs : null,
    coverage: knownMs + unknownMs > 0 ? knownMs / (knownMs + unknownMs) : null,
  };
}
