// Bounded history (issue 15): day partitions of poll_sample made ahead and dropped after the
// retention, hourly and daily rollups kept for years, and availability over any span read from
// rollups where they exist and from raw polls at the edges. The rule is the pure one in
// rules/availability.ts either way, so both give the same figures (tests/db/monitoring-history.test.ts).
import type { Database, Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { siteAvailabilityBoth, siteAvailabilityPieces } from './measures.ts';
import type { Availability, Span } from './rules/availability.ts';
import { hourAligned, schedulePlan, type Schedule, type ScheduledAvailability } from './rules/schedule.ts';
import { pollClass, type PollClass } from './rules/poll-outcome.ts';
import { ceilDay, DAY_MS, floorDay, floorHour, fromParts, HOUR_MS, hourlyRollups, planSpan, type RatedPoll, type Rollup } from './rules/rollup.ts';

const samplesSql = loadSql(import.meta.url, './sql/rollup-samples.sql');
const spansSql = loadSql(import.meta.url, './sql/rollup-spans.sql');
const hoursClearSql = loadSql(import.meta.url, './sql/rollup-hours-clear.sql');
const hoursWriteSql = loadSql(import.meta.url, './sql/rollup-hours-write.sql');
const daysClearSql = loadSql(import.meta.url, './sql/rollup-days-clear.sql');
const daysWriteSql = loadSql(import.meta.url, './sql/rollup-days-write.sql');
const lateSql = loadSql(import.meta.url, './sql/rollup-late.sql');
const dirtySql = loadSql(import.meta.url, './sql/rollup-dirty-take.sql');
const hoursSumSql = loadSql(import.meta.url, './sql/rollup-hours-sum.sql');
const daysSumSql = loadSql(import.meta.url, './sql/rollup-days-sum.sql');
const partitionsAddSql = loadSql(import.meta.url, './sql/partitions-add.sql');
const partitionsDropSql = loadSql(import.meta.url, './sql/partitions-drop.sql');
const progressSql = loadSql(import.meta.url, './sql/rollup-progress.sql');
const progressSaveSql = loadSql(import.meta.url, './sql/rollup-progress-save.sql');
const sitesSql = loadSql(import.meta.url, './sql/rollup-sites.sql');
const clockSql = loadSql(import.meta.url, './sql/rollup-clock.sql');
const firstSampleSql = loadSql(import.meta.url, './sql/samples-first.sql');
const hoursDropSql = loadSql(import.meta.url, './sql/rollup-hours-drop.sql');
const hoursSumSpansSql = loadSql(import.meta.url, './sql/rollup-hours-sum-spans.sql');
const keptFromSql = loadSql(import.meta.url, './sql/schedule-kept-from.sql');

export type HistoryParams = {
  /** Raw polls are kept this many days, then dropped a day partition at a time. */
  retentionDays: number;
  /** Hourly rollups are kept this long; daily rollups are never dropped. */
  hourlyRetentionDays: number;
  /** Partitions made this many days ahead. */
  aheadDays: number;
  /** An hour is rolled up once it ended this long ago (polls of a batch still being written). */
  settleMs: number;
  /** Sites per query when rolling up. */
  siteBatch: number;
};
export const HISTORY_DEFAULTS: HistoryParams = { retentionDays: 35, hourlyRetentionDays: 400, aheadDays: 7, settleMs: 5 * 60_000, siteBatch: 500 };

const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Day partitions from yesterday to `aheadDays` ahead (idempotent); returns how many were made. */
export async function ensureSamplePartitions(db: Queryable, now: number, aheadDays = HISTORY_DEFAULTS.aheadDays): Promise<number> {
  const [r] = await runSql<{ made: number }>(db, partitionsAddSql, { from_day: utcDay(now - DAY_MS), to_day: utcDay(now + aheadDays * DAY_MS) });
  return r?.made ?? 0;
}

type SiteRow = { id: string; interval_s: number; parent_id?: string | null };
type Progress = { doneUntil: number | null; checkedAt: number | null };

export async function rollupProgress(db: Queryable): Promise<Progress> {
  const [r] = await runSql<{ done_until: number | null; checked_at: number | null }>(db, progressSql);
  return { doneUntil: r?.done_until ?? null, checkedAt: r?.checked_at ?? null };
}

/** Recomputes the hourly rollups of `sites` over [from, to) (hour-aligned) and their days. */
async function rollUp(db: Database, sites: readonly SiteRow[], from: number, to: number): Promise<number> {
  if (!sites.length || to <= from) return 0;
  const ids = sites.map((s) => s.id);
  const maxInterval = Math.max(...sites.map((s) => s.interval_s));
  const p = { site_ids: ids, from, to, max_interval_s: maxInterval };
  const rows = await runSql<{ site_id: string; at: number; outcome: any; if_admin_status: number | null; in_bps: number | null; out_bps: number | null; rate_dt_s: number | null }>(db, samplesSql, p);
  const spans = await runSql<{ site_id: string; kind: string; f: number; t: number }>(db, spansSql, p);
  const bySite = new Map<string, { samples: { at: number; cls: PollClass }[]; rated: RatedPoll[] }>();
  for (const r of rows) {
    const e = bySite.get(r.site_id) ?? bySite.set(r.site_id, { samples: [], rated: [] }).get(r.site_id)!;
    e.samples.push({ at: r.at, cls: pollClass({ outcome: r.outcome, ifAdminStatus: r.if_admin_status }) });
    if (r.at >= from) e.rated.push({ at: r.at, inBps: r.in_bps, outBps: r.out_bps, dtS: r.rate_dt_s });
  }
  const out: (Omit<Rollup, 'start' | 'observedMs' | 'upMs' | 'maintenanceMs'> & { site_id: string; start: number; observed_s: number; up_s: number; maintenance_s: number })[] = [];
  for (const s of sites) {
    const e = bySite.get(s.id) ?? { samples: [], rated: [] };
    const mine = spans.filter((x) => x.site_id === s.id);
    const input = {
      samples: e.samples, intervalMs: s.interval_s * 1000,
      downSpans: mine.filter((x) => x.kind === 'down').map((x) => ({ from: x.f, to: x.t })),
      maintenance: mine.filter((x) => x.kind === 'maintenance').map((x) => ({ from: x.f, to: x.t })),
    };
    if (!e.samples.length && !input.downSpans.length && !input.maintenance.length) continue;
    for (const r of hourlyRollups(input, e.rated, from, to)) {
      if (r.observedMs === 0 && r.maintenanceMs === 0 && r.samples === 0) continue;
      out.push({
        site_id: s.id, start: r.start, observed_s: r.observedMs / 1000, up_s: r.upMs / 1000, maintenance_s: r.maintenanceMs / 1000,
        ratedS: r.ratedS, inBytes: r.inBytes, outBytes: r.outBytes, samples: r.samples,
      });
    }
  }
  const dayFrom = floorDay(from), dayTo = ceilDay(to);
  await db.transaction(async (tx) => {
    await runSql(tx, hoursClearSql, { site_ids: ids, from, to });
    if (out.length) {
      await runSql(tx, hoursWriteSql, {
        rows: JSON.stringify(out.map((r) => ({ site_id: r.site_id, start: r.start, observed_s: r.observed_s, up_s: r.up_s, maintenance_s: r.maintenance_s, rated_s: r.ratedS, in_bytes: r.inBytes, out_bytes: r.outBytes, samples: r.samples }))),
      });
    }
    await runSql(tx, daysClearSql, { site_ids: ids, from: dayFrom, to: dayTo });
    await runSql(tx, daysWriteSql, { site_ids: ids, from: dayFrom, to: dayTo });
  });
  return out.length;
}

async function inBatches(db: Database, sites: readonly SiteRow[], batch: number, from: number, to: number): Promise<number> {
  let rows = 0;
  for (let i = 0; i < sites.length; i += batch) {
    // A day at a time keeps one batch's polls in memory small (500 sites × 1 440 polls).
    for (let f = from; f < to; f = Math.min(to, floorDay(f) + DAY_MS)) rows += await rollUp(db, sites.slice(i, i + batch), f, Math.min(to, floorDay(f) + DAY_MS));
  }
  return rows;
}

export type HistoryPass = { partitionsMade: number; partitionsDropped: number; hoursFrom: number | null; hoursTo: number | null; recomputedSites: number; rollupRows: number };

/**
 * One pass of the history job as of `now`: make partitions ahead, recompute hours changed by late
 * polls or new maintenance / reboot spans, roll up the hours that ended since the last pass, then
 * drop raw days past the retention (never a day not rolled up yet) and old hourly rollups.
 */
export async function rollUpHistory(db: Database, now: number, params: HistoryParams = HISTORY_DEFAULTS): Promise<HistoryPass> {
  const partitionsMade = await ensureSamplePartitions(db, now, params.aheadDays);
  const sites = await runSql<SiteRow>(db, sitesSql);
  const [clock] = await runSql<{ now: number }>(db, clockSql);
  const scanAt = clock!.now;
  const progress = await rollupProgress(db);
  const final = floorHour(now - params.settleMs);
  let start = progress.doneUntil;
  if (start === null) {
    const [first] = await runSql<{ at: number | null }>(db, firstSampleSql);
    start = first?.at == null ? final : floorHour(first.at);
  }
  // The past that can still be recomputed: raw polls are there from the retention cut-off on.
  const rawFrom = floorDay(now - params.retentionDays * DAY_MS) + DAY_MS;
  const redo = new Map<string, Span>();
  const mark = (siteId: string, from: number, to: number) => {
    const f = Math.max(floorHour(from), rawFrom), t = Math.min(Math.ceil(to / HOUR_MS) * HOUR_MS, start!);
    if (t <= f) return;
    const old = redo.get(siteId);
    redo.set(siteId, old ? { from: Math.min(old.from, f), to: Math.max(old.to, t) } : { from: f, to: t });
  };
  if (progress.doneUntil !== null) {
    // A minute of overlap: a poll written just before the last scan may have committed after it.
    const since = (progress.checkedAt ?? 0) - 60_000;
    for (const r of await runSql<{ site_id: string; from_ms: number; to_ms: number }>(db, lateSql, { since, oldest: rawFrom, done_until: start })) {
      mark(r.site_id, r.from_ms, r.to_ms);
    }
  }
  for (const d of await runSql<{ site_id: string | null; from_ms: number; to_ms: number }>(db, dirtySql)) {
    if (progress.doneUntil === null) continue;
    // A parent's maintenance covers its children: they are recomputed with it.
    for (const s of d.site_id === null ? sites : sites.filter((x) => x.id === d.site_id || x.parent_id === d.site_id)) mark(s.id, d.from_ms, d.to_ms);
  }
  let rollupRows = 0;
  for (const s of sites) {
    const span = redo.get(s.id);
    if (span) rollupRows += await inBatches(db, [s], 1, span.from, span.to);
  }
  if (final > start) rollupRows += await inBatches(db, sites, params.siteBatch, start, final);
  const doneUntil = Math.max(start, final);
  await runSql(db, progressSaveSql, { done_until_ms: doneUntil, checked_at_ms: scanAt });
  // Retention: whole days only, and never past what the rollups hold.
  const cut = Math.min(Math.floor((now - params.retentionDays * DAY_MS) / DAY_MS) * DAY_MS, doneUntil);
  const [dropped] = await runSql<{ n: number }>(db, partitionsDropSql, { cut_ms: cut });
  await runSql(db, hoursDropSql, { before_ms: now - params.hourlyRetentionDays * DAY_MS });
  return {
    partitionsMade, partitionsDropped: dropped?.n ?? 0, hoursFrom: final > start ? start : null, hoursTo: final > start ? final : null,
    recomputedSites: redo.size, rollupRows,
  };
}

/**
 * Availability of a site over any span: whole days and hours from the rollups, the partial hours at
 * the ends and anything not rolled up yet from the raw polls. Same figures as siteAvailability
 * while the raw polls exist; the only figures once they are gone.
 */
export async function siteAvailabilityFromHistory(db: Queryable, site: { id: string; intervalS: number }, span: Span): Promise<Availability> {
  const { doneUntil } = await rollupProgress(db);
  const plan = planSpan(span, doneUntil);
  const sums: { observedMs: number; upMs: number; maintenanceMs: number }[] = [];
  const add = (r: { observed_s: number; up_s: number; maintenance_s: number } | undefined) => {
    if (r) sums.push({ observedMs: r.observed_s * 1000, upMs: r.up_s * 1000, maintenanceMs: r.maintenance_s * 1000 });
  };
  for (const h of plan.hours) add((await runSql<any>(db, hoursSumSql, { site_id: site.id, ...h }))[0]);
  for (const d of plan.days) add((await runSql<any>(db, daysSumSql, { site_id: site.id, ...d }))[0]);
  return fromParts(span.to - span.from, sums, await siteAvailabilityPieces(db, site, plan.raw));
}

/** A figure over the schedule, and the part of the span it stands for. */
export type ScheduledFigure = ScheduledAvailability & {
  /** The span the figure covers: the whole request, or only from where the data it needs is kept. */
  coveredFrom: number;
  /** True when the span reaches into time whose polls (or hourly rollups) were dropped. */
  partial: boolean;
};

type Kept = { raw_from: number | null; hours_from: number | null; raw_dropped: boolean; hours_dropped: boolean };

/** Whether [span.from, keptFrom) lost data, and from where the figure then counts. */
function coverage(span: Span, keptFrom: number | null, dropped: boolean): Pick<ScheduledFigure, 'coveredFrom' | 'partial'> {
  const kept = Math.min(span.to, Math.max(span.from, keptFrom ?? span.to));
  const partial = dropped && kept > span.from;
  return { coveredFrom: partial ? kept : span.from, partial };
}

/**
 * Availability over the site's schedule (school hours) over any span. An hour-aligned schedule
 * (the default 08:00–20:00 at UTC+5) is summed from the hourly rollups of its hours, so it reaches
 * as far back as they do (hourlyRetentionDays); any other schedule is cut from the raw polls. Either
 * says, with `partial` and `coveredFrom`, when the span reaches beyond what is kept.
 */
export async function siteScheduledFromHistory(db: Queryable, site: { id: string; intervalS: number }, span: Span, schedule: Schedule): Promise<ScheduledFigure> {
  const [k] = await runSql<Kept>(db, keptFromSql, { site_id: site.id, from: span.from, to: span.to });
  if (!hourAligned(schedule)) {
    const sch = (await siteAvailabilityBoth(db, site, span, schedule)).scheduled!;
    return { ...sch, ...coverage(span, k?.raw_from ?? null, k?.raw_dropped === true) };
  }
  const { doneUntil } = await rollupProgress(db);
  const plan = schedulePlan(schedule, span, doneUntil);
  const sums: { observedMs: number; upMs: number; maintenanceMs: number }[] = [];
  if (plan.hours.length) {
    const [r] = await runSql<{ observed_s: number; up_s: number; maintenance_s: number }>(db, hoursSumSpansSql, {
      site_id: site.id, spans: JSON.stringify(plan.hours.map((h) => ({ f: h.from, t: h.to }))),
    });
    if (r) sums.push({ observedMs: r.observed_s * 1000, upMs: r.up_s * 1000, maintenanceMs: r.maintenance_s * 1000 });
  }
  const raw = await siteAvailabilityPieces(db, site, plan.raw);
  const scheduledMs = [...plan.hours, ...plan.raw].reduce((t, x) => t + x.to - x.from, 0);
  return { ...fromParts(scheduledMs, sums, raw), scheduledMs, ...coverage(span, k?.hours_from ?? null, k?.hours_dropped === true) };
}
