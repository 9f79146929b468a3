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

const inAny = (t: number, spans: readonly Span[]) => spans.some((s) => s.from <= t && t < s.to);

export function availability(input: AvailabilityInput): Availability {
  const { samples, window: w, intervalMs } = input;
  const downSpans = input.downSpans ?? [];
  const maintenance = input.maintenance ?? [];
  const cap = 2 * intervalMs;
  // Cut the window at every point where the answer can change, then classify each piece.
  const cuts = new Set<number>([w.from, w.to]);
  const add = (t: number) => {
    if (t > w.from && t < w.to) cuts.add(t);
  };
  for (const s of samples) {
    add(s.at);
    add(s.at + cap);
  }
  for (const s of [...downSpans, ...maintenance]) {
    add(s.from);
    add(s.to);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let upMs = 0, downMs = 0, unknownMs = 0, maintenanceMs = 0;
  let i = -1; // index of the last sample at or before the piece's start
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]!, b = points[k + 1]!;
    const len = b - a;
    while (i + 1 < samples.length && samples[i + 1]!.at <= a) i++;
    if (inAny(a, maintenance)) maintenanceMs += len;
    else if (inAny(a, downSpans)) downMs += len;
    else {
      const s = i >= 0 ? samples[i]! : undefined;
      const cls = s && a < s.at + cap ? s.cls : 'unknown';
      if (cls === 'up') upMs += len;
      else if (cls === 'down') downMs += len;
      else unknownMs += len;
    }
  }
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
