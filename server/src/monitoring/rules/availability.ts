// Time-weighted availability (docs/monitoring-model.md, "Availability"). Pure; times in ms.
// Each sample stands for the time until the next one, capped at 2 × interval; time no sample covers
// is unknown, not down. Estimated down spans (reboots between two up polls) override what the
// samples say; maintenance windows are removed from the window altogether.
import type { PollClass } from './poll-outcome.ts';

export type ClassedSample = { at: number; cls: PollClass };
export type Span = { from: number; to: number };

export type AvailabilityInput = {
  /** Samples sorted by time; include the last one before the window, it may stand into it. */
  samples: readonly ClassedSample[];
  window: Span;
  intervalMs: number;
  downSpans?: readonly Span[];
  maintenance?: readonly Span[];
};

export type Availability = {
  upMs: number;
  downMs: number;
  unknownMs: number;
  maintenanceMs: number;
  /** up / known; null when nothing is known. */
  availability: number | null;
  /** known / (window − maintenance); null when the whole window is maintenance. */
  coverage: number | null;
};

/** Sorted, disjoint, merged copy of spans. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).map((s) => ({ ...s })).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push(s);
  }
  return out;
}

/** a minus b, both sorted and disjoint. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of a) {
    let from = s.from;
    for (const c of b) {
      if (c.to <= from || c.from >= s.to) continue;
      if (c.from > from) out.push({ from, to: c.from });
      from = Math.max(from, c.to);
    }
    if (from < s.to) out.push({ from, to: s.to });
  }
  return out;
}

/** Overlap of [from, to) with sorted disjoint spans; `start` lets increasing queries skip ahead. */
function overlap(from: number, to: number, spans: readonly Span[], cursor: { i: number }): number {
  while (cursor.i < spans.length && spans[cursor.i]!.to <= from) cursor.i++;
  let total = 0;
  for (let k = cursor.i; k < spans.length && spans[k]!.from < to; k++) {
    total += Math.max(0, Math.min(to, spans[k]!.to) - Math.max(from, spans[k]!.from));
  }
  return total;
}

export function availability(input: AvailabilityInput): Availability {
  const { samples, window: w, intervalMs } = input;
  const cap = 2 * intervalMs;
  // Maintenance wins over everything; an estimated down span wins over what the samples say.
  const maintenance = union(input.maintenance ?? []);
  const down = subtract(union(input.downSpans ?? []), maintenance);
  const all = { i: 0 };
  const maintenanceMs = overlap(w.from, w.to, maintenance, all);
  let downMs = overlap(w.from, w.to, down, { i: 0 });
  let upMs = 0;
  const mc = { i: 0 }, dc = { i: 0 };
  // Each sample stands from its time until the next sample, at most 2 × interval (one linear pass).
  for (let k = 0; k < samples.length; k++) {
    const s = samples[k]!;
    const next = samples[k + 1];
    const from = Math.max(s.at, w.from);
    const to = Math.min(s.at + cap, next ? next.at : Infinity, w.to);
    if (to <= from || s.cls === 'unknown') continue;
    const len = to - from - overlap(from, to, maintenance, mc) - overlap(from, to, down, dc);
    if (s.cls === 'up') upMs += len;
    else downMs += len;
  }
  const unknownMs = w.to - w.from - maintenanceMs - upMs - downMs;
  const known = upMs + downMs;
  const counted = known + unknownMs;
  return {
    upMs, downMs, unknownMs, maintenanceMs,
    availability: known > 0 ? upMs / known : null,
    coverage: counted > 0 ? known / counted : null,
  };
}

/** Sums several sites' figures: availability of a group is total up / total known. */
export function combine(parts: readonly Availability[]): Availability {
  const sum = (f: (a: Availability) => number) => parts.reduce((t, p) => t + f(p), 0);
  const upMs = sum((p) => p.upMs), downMs = sum((p) => p.downMs);
  const unknownMs = sum((p) => p.unknownMs), maintenanceMs = sum((p) => p.maintenanceMs);
  const known = upMs + downMs;
  return {
    upMs, downMs, unknownMs, maintenanceMs,
    availability: known > 0 ? upMs / known : null,
    coverage: known + unknownMs > 0 ? known / (known + unknownMs) : null,
  };
}
