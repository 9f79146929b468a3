// Day-by-day availability for the last N days, derived from a site's outages: each day's share of
// time not inside an outage. The server reports availability per window only, so the chart's
// per-day shape comes from the outage list (time with no samples at all is not visible here).
export type OutageSpan = { startMs: number; endMs: number | null };

const DAY_MS = 86_400_000;

/** Availability (0..1) for each of the `days` UTC days ending with the day of `nowMs`, oldest first. */
export function dailyAvailability(outages: OutageSpan[], nowMs: number, days: number): Array<{ dayStartMs: number; availability: number }> {
  const lastDay = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const out: Array<{ dayStartMs: number; availability: number }> = [];
  for (let i = days - 1; i >= 0; i--) {
    const from = lastDay - i * DAY_MS;
    // Today counts only up to now.
    const to = Math.min(from + DAY_MS, nowMs);
    const length = to - from;
    if (length <= 0) continue;
    // Merge overlapping outages inside the day so a double-reported span is not counted twice.
    const spans = outages
      .map((o) => [Math.max(from, o.startMs), Math.min(to, o.endMs ?? nowMs)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let down = 0;
    let cursor = from;
    for (const [a, b] of spans) {
      const start = Math.max(a, cursor);
      if (b > start) down += b - start;
      cursor = Math.max(cursor, b);
    }
    out.push({ dayStartMs: from, availability: 1 - down / length });
  }
  return out;
}

/** SLA targets come as a percentage (99.0) from the monitoring API; charts and meters want a ratio. */
export function slaRatio(target: number | null | undefined): number | null {
  if (target === null || target === undefined || !Number.isFinite(target)) return null;
  return target > 1 ? target / 100 : target;
}

const KZ_OFFSET_MS = 5 * 3_600_000;

/**
 * How long the month so far (a calendar month in Kazakhstan time, UTC+5, as the server's reports)
 * was observed, from the server's coverage share of it: "observed 0,0 % of the month" says nothing
 * in a site's first days; "observed 14 min" does.
 */
export function observedMonthMs(coverage: number, nowMs: number): number {
  const d = new Date(nowMs + KZ_OFFSET_MS);
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - KZ_OFFSET_MS;
  return coverage * (nowMs - from);
}
