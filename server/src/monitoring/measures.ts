// Availability of a site over a window (the pure rule fed from the database), and the periodic
// refresh of site_measure: windows, lit-but-idle and chronically-unavailable flags for lists,
// metrics and planning feedback (view facility_measured_state).
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { availability, type Availability, type Span } from './rules/availability.ts';
import { isIdle, IDLE_DEFAULTS, type IdleParams } from './rules/idle.ts';
import { pollClass, type PollClass } from './rules/poll-outcome.ts';
import { scheduledAvailability, type Schedule } from './rules/schedule.ts';
import { fromParts, planSpan } from './rules/rollup.ts';
import { KZ_OFFSET_MS, windowSpan } from './windows.ts';

const samplesSql = loadSql(import.meta.url, './sql/availability-samples.sql');
const spansSql = loadSql(import.meta.url, './sql/availability-spans.sql');

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

/**
 * Availability over each of several pieces (time order), read raw: pieces closer than a day share
 * one read, so a schedule's days not rolled up yet cost one query, not one each.
 */
export async function siteAvailabilityPieces(db: Queryable, site: { id: string; intervalS: number }, pieces: readonly Span[]): Promise<Availability[]> {
  const out: Availability[] = [];
  for (let i = 0; i < pieces.length;) {
    let j = i + 1;
    while (j < pieces.length && pieces[j]!.from - pieces[j - 1]!.to <= DAY) j++;
    const inputs = await availabilityInputs(db, site, { from: pieces[i]!.from, to: pieces[j - 1]!.to });
    for (const w of pieces.slice(i, j)) out.push(availability({ ...inputs, window: w }));
    i = j;
  }
  return out;
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

export type MeasureParams = {
  idle: IdleParams;
  /** 30-day availability below this (with ≥ 50 % coverage) marks a site chronically unavailable. */
  chronicBelow: number;
};
export const MEASURE_DEFAULTS: MeasureParams = { idle: IDLE_DEFAULTS, chronicBelow: 0.95 };

const progressSql = loadSql(import.meta.url, './sql/measures-progress.sql');
const rollupSumsSql = loadSql(import.meta.url, './sql/measures-rollups.sql');
const rawSql = loadSql(import.meta.url, './sql/measures-raw.sql');
const spansManySql = loadSql(import.meta.url, './sql/rollup-spans.sql');
const saveSql = loadSql(import.meta.url, './sql/measures-save.sql');
const sitesSql = loadSql(import.meta.url, './sql/measures-sites.sql');
const idleEventSql = loadSql(import.meta.url, './sql/event-insert.sql');

type SiteToMeasure = { id: string; interval_s: number; committed_mbps: number | null; idle: boolean | null };
type Sums = { observedMs: number; upMs: number; maintenanceMs: number; ratedS: number; inBytes: number; outBytes: number };

/**
 * Recomputes site_measure for every site (or the given ones) as of `now`; logs idle changes as
 * events. The windows are read from the hourly and daily rollups (history.ts keeps them up to date
 * from the new polls) and only the pieces no rollup covers yet — the partial first hour of each
 * window and the last hour or so — from raw polls: a pass reads ~3 hours of polls per site instead
 * of 30 days. Sites go in chunks, a few statements per chunk. Same figures as the raw rule
 * (tests/db/monitoring-measures-rollups.test.ts).
 */
export async function refreshSiteMeasures(db: Queryable, now: number, params = MEASURE_DEFAULTS, siteIds?: string[], chunk = 500): Promise<number> {
  const sites = await runSql<SiteToMeasure>(db, sitesSql, { site_ids: siteIds ?? null });
  const [progress] = await runSql<{ done_until: number | null }>(db, progressSql);
  const windows = { '24h': windowSpan('24h', now), '7d': windowSpan('7d', now), '30d': windowSpan('30d', now), month: windowSpan('month', now) };
  // The same plan for every site: which parts come from rollups, which from raw polls.
  const plans = Object.entries(windows).map(([w, span]) => ({ w, span, plan: planSpan(span, progress?.done_until ?? null) }));
  const ranges = plans.flatMap(({ w, plan }) => [
    ...plan.hours.map((r) => ({ w, kind: 'hour', f: r.from, t: r.to })),
    ...plan.days.map((r) => ({ w, kind: 'day', f: r.from, t: r.to })),
  ]);
  const rawRanges = plans.flatMap(({ w, plan }) => plan.raw.map((r) => ({ w, ...r })));
  for (let i = 0; i < sites.length; i += chunk) await measureChunk(db, now, params, sites.slice(i, i + chunk), plans, ranges, rawRanges);
  return sites.length;
}

async function measureChunk(
  db: Queryable, now: number, params: MeasureParams, sites: SiteToMeasure[],
  plans: { w: string; span: Span }[], ranges: unknown[], rawRanges: ({ w: string } & Span)[],
) {
  const ids = sites.map((s) => s.id);
  const maxInterval = Math.max(...sites.map((s) => s.interval_s));
  const sums = new Map<string, Sums>(); // key: site id + window
  if (ranges.length > 0) {
    for (const r of await runSql<Record<string, any>>(db, rollupSumsSql, { ranges: JSON.stringify(ranges), site_ids: ids })) {
      const k = `${r.site_id} ${r.w}`;
      const s = sums.get(k) ?? { observedMs: 0, upMs: 0, maintenanceMs: 0, ratedS: 0, inBytes: 0, outBytes: 0 };
      s.observedMs += r.observed_s * 1000; s.upMs += r.up_s * 1000; s.maintenanceMs += r.maintenance_s * 1000;
      s.ratedS += r.rated_s; s.inBytes += r.in_bytes; s.outBytes += r.out_bytes;
      sums.set(k, s);
    }
  }
  // Raw pieces: one read over their hull (they are short and near each other or at the end).
  const raw = new Map<string, { samples: { at: number; cls: PollClass }[]; rated: { at: number; inBps: number; outBps: number; dtS: number }[] }>();
  const spans = new Map<string, { down: Span[]; maintenance: Span[] }>();
  for (const piece of mergeRanges(rawRanges)) {
    const p = { site_ids: ids, from: piece.from, to: piece.to, max_interval_s: maxInterval };
    for (const r of await runSql<Record<string, any>>(db, rawSql, p)) {
      const e = raw.get(r.site_id) ?? raw.set(r.site_id, { samples: [], rated: [] }).get(r.site_id)!;
      e.samples.push({ at: r.at, cls: pollClass({ outcome: r.outcome, ifAdminStatus: r.if_admin_status }) });
      if (r.in_bps !== null && r.rate_dt_s !== null) e.rated.push({ at: r.at, inBps: r.in_bps, outBps: r.out_bps ?? 0, dtS: r.rate_dt_s });
    }
    for (const r of await runSql<{ site_id: string | null; kind: string; f: number; t: number }>(db, spansManySql, p)) {
      for (const id of r.site_id === null ? ids : [r.site_id]) {
        const e = spans.get(id) ?? spans.set(id, { down: [], maintenance: [] }).get(id)!;
        (r.kind === 'down' ? e.down : e.maintenance).push({ from: r.f, to: r.t });
      }
    }
  }
  const rows: Record<string, unknown>[] = [];
  for (const s of sites) {
    const e = raw.get(s.id) ?? { samples: [], rated: [] };
    const sp = spans.get(s.id) ?? { down: [], maintenance: [] };
    const input = { samples: e.samples, intervalMs: s.interval_s * 1000, downSpans: sp.down, maintenance: sp.maintenance };
    const a: Record<string, Availability> = {};
    const traffic: Record<string, { ratedS: number; inBytes: number; outBytes: number }> = {};
    for (const { w, span } of plans) {
      const rolled = sums.get(`${s.id} ${w}`);
      const pieces = rawRanges.filter((r) => r.w === w);
      a[w] = fromParts(span.to - span.from, rolled ? [rolled] : [], pieces.map((r) => availability({ ...input, window: r })));
      const t = { ratedS: rolled?.ratedS ?? 0, inBytes: rolled?.inBytes ?? 0, outBytes: rolled?.outBytes ?? 0 };
      for (const r of pieces) {
        for (const x of e.rated) {
          if (x.at < r.from || x.at >= r.to) continue;
          t.ratedS += x.dtS; t.inBytes += (x.inBps * x.dtS) / 8; t.outBytes += (x.outBps * x.dtS) / 8;
        }
      }
      traffic[w] = t;
    }
    const week = windows7d(plans);
    const upRatio7d = a['7d']!.upMs / (week.to - week.from - a['7d']!.maintenanceMs || 1);
    const t7 = traffic['7d']!;
    const busier = t7.ratedS > 0 ? (Math.max(t7.inBytes, t7.outBytes) * 8) / t7.ratedS : null;
    const idle = isIdle({ upRatio7d, meanBps7d: busier, committedMbps: s.committed_mbps }, params.idle);
    const m30 = a['30d']!;
    const chronic = m30.availability !== null && (m30.coverage ?? 0) >= 0.5 && m30.availability < params.chronicBelow;
    rows.push({
      site_id: s.id, availability_24h: a['24h']!.availability, coverage_24h: a['24h']!.coverage,
      availability_7d: a['7d']!.availability, coverage_7d: a['7d']!.coverage, availability_30d: m30.availability,
      coverage_30d: m30.coverage, availability_month: a.month!.availability, coverage_month: a.month!.coverage,
      up_ratio_7d: upRatio7d, mean_bps_7d: busier, idle, chronically_unavailable: chronic,
    });
    if (idle !== (s.idle ?? false)) {
      await runSql(db, idleEventSql, {
        site_id: s.id, at: now, kind: idle ? 'idle' : 'idle_cleared',
        details: JSON.stringify({ upRatio7d, meanBps7d: busier, committedMbps: s.committed_mbps }),
      });
    }
  }
  await runSql(db, saveSql, { now, rows: JSON.stringify(rows) });
}

const windows7d = (plans: { w: string; span: Span }[]) => plans.find((p) => p.w === '7d')!.span;

/** Sorted union of the windows' raw pieces (several windows share the same last hour). */
function mergeRanges(ranges: readonly Span[]): Span[] {
  const sorted = [...ranges].sort((x, y) => x.from - y.from);
  const out: Span[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}
