// SLA reports: per site and per operator or contract, availability over 24 h / 7 d / 30 d and
// calendar months against the SLA target, outages with durations, and MTTR.
import type { CsvValue } from '../csv.ts';
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { siteAvailabilityFromHistory, siteScheduledFromHistory, type ScheduledFigure } from './history.ts';
import { combine, type Availability, type Span } from './rules/availability.ts';
import { effectiveSchedule, type Schedule } from './rules/schedule.ts';
import { monthSpan, WINDOW_NAMES, windowSpan, type WindowName } from './windows.ts';

const outagesSql = loadSql(import.meta.url, './sql/outages-list.sql');
const siteRefsSql = loadSql(import.meta.url, './sql/report-sites.sql');

export type OutageRow = {
  id: number; startedAt: string; endedAt: string | null; durationS: number; cause: string;
  lastGoodAt: string | null; estimated: boolean;
};

export async function siteOutages(db: Queryable, siteId: string, span: Span, limit = 500): Promise<OutageRow[]> {
  const rows = await runSql<Record<string, any>>(db, outagesSql, { site_id: siteId, from: span.from, to: span.to, limit });
  return rows.map((r) => ({
    id: Number(r.id), startedAt: r.started_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null,
    durationS: Math.round(r.duration_s), cause: r.cause, lastGoodAt: r.last_good_at?.toISOString() ?? null,
    estimated: r.estimated,
  }));
}

/** Mean time to repair: mean duration of the closed outages that started in the span. */
export function mttrS(outages: readonly OutageRow[], span: Span): number | null {
  const closed = outages.filter((o) => o.endedAt !== null && Date.parse(o.startedAt) >= span.from);
  return closed.length ? closed.reduce((t, o) => t + o.durationS, 0) / closed.length : null;
}

export type WindowFigures = {
  from: string; to: string; availability: number | null; coverage: number | null;
  upS: number; downS: number; unknownS: number; maintenanceS: number;
  meetsSla: boolean | null; outages: number; mttrS: number | null;
  /**
   * Over the site's schedule (school hours); null when it has none. `partial`: the span reaches into
   * time whose polls (or, for a schedule on whole hours, hourly rollups) were dropped, so the figure
   * covers only from `coveredFrom` on (history.ts `siteScheduledFromHistory`).
   */
  scheduled: {
    availability: number | null; coverage: number | null; downS: number; unknownS: number; scheduledS: number;
    partial: boolean; coveredFrom: string;
  } | null;
};

function figures(a: Availability, span: Span, slaTarget: number, outages: readonly OutageRow[], sch: ScheduledFigure | null = null): WindowFigures {
  const s = (ms: number) => Math.round(ms / 1000);
  return {
    from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString(),
    availability: a.availability, coverage: a.coverage,
    upS: s(a.upMs), downS: s(a.downMs), unknownS: s(a.unknownMs), maintenanceS: s(a.maintenanceMs),
    meetsSla: a.availability === null ? null : a.availability >= slaTarget,
    outages: outages.length, mttrS: mttrS(outages, span),
    scheduled: sch && {
      availability: sch.availability, coverage: sch.coverage, downS: s(sch.downMs), unknownS: s(sch.unknownMs), scheduledS: s(sch.scheduledMs),
      partial: sch.partial, coveredFrom: new Date(sch.coveredFrom).toISOString(),
    },
  };
}

type SiteRef = {
  id: string; name: string; facility_id: string; operator: string | null; contract: string | null; sla_target: number; interval_s: number;
  schedule: Schedule | null; facility_kind: string | null;
};

async function siteRefs(db: Queryable, filter: { siteId?: string; operator?: string; contract?: string }): Promise<SiteRef[]> {
  return runSql<SiteRef>(db, siteRefsSql, { site_id: filter.siteId ?? null, operator: filter.operator ?? null, contract: filter.contract ?? null });
}

/** A span clipped at `now`: a month not over yet is reported up to now. */
export function reportSpan(window: WindowName | { month: string }, now: number): Span {
  if (typeof window === 'string') return windowSpan(window, now);
  const m = monthSpan(window.month);
  // A month not begun yet is an empty span, not a negative one.
  return { from: m.from, to: Math.max(m.from, Math.min(m.to, now)) };
}

export async function siteWindow(db: Queryable, site: SiteRef, span: Span) {
  // Rollups where they exist (raw polls are dropped after the retention), raw polls at the edges.
  const a = await siteAvailabilityFromHistory(db, { id: site.id, intervalS: site.interval_s }, span);
  // Over the schedule (school hours): from the hourly rollups when it is on whole hours (the default
  // is), else from the raw polls; flagged partial past what is kept of either (history.ts).
  const schedule = effectiveSchedule(site);
  const scheduled = schedule ? await siteScheduledFromHistory(db, { id: site.id, intervalS: site.interval_s }, span, schedule) : null;
  const outages = await siteOutages(db, site.id, span);
  return { availability: a, scheduled, outages, figures: figures(a, span, site.sla_target, outages, scheduled) };
}

export async function siteReport(db: Queryable, siteId: string, now: number, months: string[] = []) {
  const [site] = await siteRefs(db, { siteId });
  if (!site) return null;
  const windows: Partial<Record<WindowName, WindowFigures>> = {};
  for (const w of WINDOW_NAMES) windows[w] = (await siteWindow(db, site, reportSpan(w, now))).figures;
  const monthly: Record<string, WindowFigures> = {};
  for (const m of months) monthly[m] = (await siteWindow(db, site, reportSpan({ month: m }, now))).figures;
  const last30 = await siteOutages(db, site.id, windowSpan('30d', now));
  return {
    site: {
      id: site.id, name: site.name, facilityId: site.facility_id, operator: site.operator, contract: site.contract, slaTarget: site.sla_target,
      schedule: effectiveSchedule(site),
    },
    windows, months: monthly, outages30d: last30,
  };
}

export type GroupRow = {
  group: string | null; sites: number; sitesMeetingSla: number; availability: number | null; coverage: number | null;
  downS: number; outages: number; mttrS: number | null;
  /** Over the group's sites' schedules (school hours), sites without one left out; null if none has one. */
  scheduledAvailability: number | null;
};

/** Per operator or per contract over one span: up and known time summed over the group's sites. */
export async function groupReport(db: Queryable, by: 'operator' | 'contract', span: Span, value?: string): Promise<GroupRow[]> {
  const sites = await siteRefs(db, by === 'operator' ? { operator: value } : { contract: value });
  const groups = new Map<string | null, { a: Availability[]; s: Availability[]; outages: OutageRow[]; meeting: number }>();
  for (const s of sites) {
    const r = await siteWindow(db, s, span);
    const key = by === 'operator' ? s.operator : s.contract;
    const g = groups.get(key) ?? groups.set(key, { a: [], s: [], outages: [], meeting: 0 }).get(key)!;
    g.a.push(r.availability);
    if (r.scheduled) g.s.push(r.scheduled);
    g.outages.push(...r.outages);
    if (r.figures.meetsSla) g.meeting++;
  }
  return [...groups.entries()]
    .sort(([a], [b]) => String(a ?? '').localeCompare(String(b ?? '')))
    .map(([group, g]) => {
      const c = combine(g.a);
      return {
        group, sites: g.a.length, sitesMeetingSla: g.meeting, availability: c.availability, coverage: c.coverage,
        downS: Math.round(c.downMs / 1000), outages: g.outages.length, mttrS: mttrS(g.outages, span),
        scheduledAvailability: g.s.length ? combine(g.s).availability : null,
      };
    });
}

export const SITE_CSV_HEADER = [
  'site_id', 'site_name', 'facility_id', 'operator', 'contract', 'sla_target_pct', 'window', 'from', 'to',
  'availability_pct', 'coverage_pct', 'meets_sla', 'down_s', 'unknown_s', 'maintenance_s', 'outages', 'mttr_s',
  'scheduled_availability_pct', 'scheduled_coverage_pct', 'scheduled_partial_from',
] as const;

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e4);

/** One CSV row per site and window, for every site matching the filter. */
export async function sitesReportRows(db: Queryable, now: number, filter: { operator?: string; contract?: string }, window: WindowName | { month: string }) {
  const rows: CsvValue[][] = [];
  const span = reportSpan(window, now);
  const label = typeof window === 'string' ? window : window.month;
  for (const s of await siteRefs(db, filter)) {
    const f = (await siteWindow(db, s, span)).figures;
    rows.push([s.id, s.name, s.facility_id, s.operator, s.contract, pct(s.sla_target), label, f.from, f.to,
      pct(f.availability), pct(f.coverage), f.meetsSla, f.downS, f.unknownS, f.maintenanceS, f.outages, f.mttrS === null ? null : Math.round(f.mttrS),
      pct(f.scheduled?.availability ?? null), pct(f.scheduled?.coverage ?? null), f.scheduled?.partial ? f.scheduled.coveredFrom : null]);
  }
  return rows;
}
