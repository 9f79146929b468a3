// Availability of a site over a window (the pure rule fed from the database), and the periodic
// refresh of site_measure: windows, lit-but-idle and chronically-unavailable flags for lists,
// metrics and planning feedback (view facility_measured_state).
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { availability, type Availability, type Span } from './rules/availability.ts';
import { isIdle, IDLE_DEFAULTS, type IdleParams } from './rules/idle.ts';
import { pollClass, type PollClass } from './rules/poll-outcome.ts';
import { scheduledAvailability, type Schedule } from './rules/schedule.ts';
import { KZ_OFFSET_MS, windowSpan } from './windows.ts';

const samplesSql = loadSql(import.meta.url, './sql/availability-samples.sql');
const spansSql = loadSql(import.meta.url, './sql/availability-spans.sql');
const meanSql = loadSql(import.meta.url, './sql/traffic-mean.sql');

type Inputs = { samples: { at: number; cls: PollClass }[]; downSpans: Span[]; maintenance: Span[]; intervalMs: number };

async function availabilityInputs(db: Queryable, site: { id: string; intervalS: number }, span: Span): Promise<Inputs> {
  const p = { site_id: site.id, from: span.from, to: span.to, interval_s: site.intervalS };
  const rows = await runSql<{ at: number; outcome: any; if_admin_status: number | null }>(db, samplesSql, p);
  const spans = await runSql<{ kind: string; f: number; t: number }>(db, spansSql, p);
  return {
    samples: rows.map((r) => ({ at: r.at, cls: pollClass({ outcome: r.outcome, ifAdminStatus: r.if_admin_status }) })),
    downSpans: spans.filter((s) => s.kind === 'down').map((s) => ({ from: s.f, to: s.t })),
    maintenance: spans.filter((s) => s.kind === 'maintenance').map((s) => ({ from: s.f, to: s.t })),
    intervalMs: site.intervalS * 1000,
  };
}

export async function siteAvailability(db: Queryable, site: { id: string; intervalS: number }, span: Span): Promise<Availability> {
  return availability({ ...(await availabilityInputs(db, site, span)), window: span });
}

/** 24×7 and, when the site has a schedule (school hours), over the schedule too: one read. */
export async function siteAvailabilityBoth(db: Queryable, site: { id: string; intervalS: number }, span: Span, schedule: Schedule | null) {
  const inputs = { ...(await availabilityInputs(db, site, span)), window: span };
  return { all: availability(inputs), scheduled: schedule ? scheduledAvailability(inputs, schedule) : null };
}

/** Availability per calendar day (Kazakhstan time) across the span, for charts; one query. */
export async function dailyAvailability(db: Queryable, site: { id: string; intervalS: number }, span: Span) {
  const inputs = await availabilityInputs(db, site, span);
  const out: { day: string; availability: number | null; coverage: number | null }[] = [];
  for (let from = dayStart(span.from); from < span.to; from += DAY) {
    const w = { from: Math.max(from, span.from), to: Math.min(from + DAY, span.to) };
    const a = availability({ ...inputs, window: w });
    out.push({ day: new Date(from + KZ_OFFSET_MS).toISOString().slice(0, 10), availability: a.availability, coverage: a.coverage });
  }
  return out;
}

const DAY = 86_400_000;
/** Midnight in Kazakhstan at or before t. */
const dayStart = (t: number) => Math.floor((t + KZ_OFFSET_MS) / DAY) * DAY - KZ_OFFSET_MS;

export async function meanTraffic(db: Queryable, siteId: string, span: Span): Promise<{ inBps: number | null; outBps: number | null }> {
  const [r] = await runSql<{ mean_in_bps: number | null; mean_out_bps: number | null }>(db, meanSql, { site_id: siteId, ...span });
  return { inBps: r?.mean_in_bps ?? null, outBps: r?.mean_out_bps ?? null };
}

export type MeasureParams = {
  idle: IdleParams;
  /** 30-day availability below this (with ≥ 50 % coverage) marks a site chronically unavailable. */
  chronicBelow: number;
};
export const MEASURE_DEFAULTS: MeasureParams = { idle: IDLE_DEFAULTS, chronicBelow: 0.95 };

/** Recomputes site_measure for every site (or the given ones) as of `now`; logs idle changes as events. */
export async function refreshSiteMeasures(db: Queryable, now: number, params = MEASURE_DEFAULTS, siteIds?: string[]): Promise<number> {
  const sites = await db.query<{ id: string; interval_s: number; committed_mbps: number | null; idle: boolean | null }>(
    `SELECT s.id, s.interval_s, s.committed_mbps, m.idle FROM monitored_site s
     LEFT JOIN site_measure m ON m.site_id = s.id
     WHERE ($1::text[] IS NULL OR s.id = ANY($1::text[])) ORDER BY s.id`, [siteIds ?? null]);
  const windows = { '24h': windowSpan('24h', now), '7d': windowSpan('7d', now), '30d': windowSpan('30d', now), month: windowSpan('month', now) };
  // One read of the samples per site, for the widest window; each window is cut from it in memory
  // (the four windows used to read 30 days of samples ~2.3 times over).
  const widest = Object.values(windows).reduce((u, w) => ({ from: Math.min(u.from, w.from), to: Math.max(u.to, w.to) }));
  for (const s of sites) {
    const site = { id: s.id, intervalS: s.interval_s };
    const inputs = await availabilityInputs(db, site, widest);
    const a: Record<string, Availability> = {};
    for (const [w, span] of Object.entries(windows)) a[w] = availability({ ...inputs, window: span });
    const week = windowSpan('7d', now);
    const t = await meanTraffic(db, s.id, week);
    const upRatio7d = a['7d']!.upMs / (week.to - week.from - a['7d']!.maintenanceMs || 1);
    const busier = t.inBps === null ? null : Math.max(t.inBps, t.outBps ?? 0);
    const idle = isIdle({ upRatio7d, meanBps7d: busier, committedMbps: s.committed_mbps }, params.idle);
    const m30 = a['30d']!;
    const chronic = m30.availability !== null && (m30.coverage ?? 0) >= 0.5 && m30.availability < params.chronicBelow;
    await db.query(
      `INSERT INTO site_measure (site_id, computed_at, availability_24h, coverage_24h, availability_7d, coverage_7d,
         availability_30d, coverage_30d, availability_month, coverage_month, up_ratio_7d, mean_bps_7d, idle, chronically_unavailable)
       VALUES ($1, to_timestamp($2 / 1000.0), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (site_id) DO UPDATE SET computed_at = EXCLUDED.computed_at,
         availability_24h = EXCLUDED.availability_24h, coverage_24h = EXCLUDED.coverage_24h,
         availability_7d = EXCLUDED.availability_7d, coverage_7d = EXCLUDED.coverage_7d,
         availability_30d = EXCLUDED.availability_30d, coverage_30d = EXCLUDED.coverage_30d,
         availability_month = EXCLUDED.availability_month, coverage_month = EXCLUDED.coverage_month,
         up_ratio_7d = EXCLUDED.up_ratio_7d, mean_bps_7d = EXCLUDED.mean_bps_7d, idle = EXCLUDED.idle,
         chronically_unavailable = EXCLUDED.chronically_unavailable`,
      [s.id, now, a['24h']!.availability, a['24h']!.coverage, a['7d']!.availability, a['7d']!.coverage,
        m30.availability, m30.coverage, a.month!.availability, a.month!.coverage, upRatio7d, busier, idle, chronic],
    );
    if (idle !== (s.idle ?? false)) {
      await db.query(
        `INSERT INTO site_event (site_id, at, kind, details) VALUES ($1, to_timestamp($2 / 1000.0), $3, $4::jsonb)
         ON CONFLICT (site_id, kind, at) DO NOTHING`,
        [s.id, now, idle ? 'idle' : 'idle_cleared', JSON.stringify({ upRatio7d, meanBps7d: busier, committedMbps: s.committed_mbps })],
      );
    }
  }
  return sites.length;
}
