// Availability over a site's own schedule (docs/monitoring-model.md, "Schedules"): a school cares
// about its school hours, as Giga Meter measures school uptime. Pure; times in ms.
// Time outside the schedule is left out of the figure the way maintenance is (neither up, down
// nor unknown); maintenance inside the schedule is still reported as maintenance.
import { availability, type Availability, type AvailabilityInput, type Span, subtract } from './availability.ts';
import { ceilHour, floorHour } from './rollup.ts';

export type Schedule = {
  /** ISO weekdays the schedule applies: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local wall-clock start and end of the day's hours, "HH:MM", from < to (no overnight spans). */
  from: string;
  to: string;
  /** The local time's offset from UTC in minutes. Kazakhstan has one zone, UTC+5, without daylight
   * saving since 1 March 2024 (Asia/Almaty), so a fixed offset is exact from then on. */
  utcOffsetMin: number;
};

/** Default for schools: Mon–Fri 08:00–20:00, Asia/Almaty (UTC+5, no DST). */
export const SCHOOL_HOURS: Schedule = { days: [1, 2, 3, 4, 5], from: '08:00', to: '20:00', utcOffsetMin: 300 };

const DAY = 86_400_000;
const MIN = 60_000;

function minutes(hhmm: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m || (m[1] === '24' && m[2] !== '00')) throw new RangeError(`time '${hhmm}' must look like 08:00 (00:00–24:00)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Throws a RangeError naming the field when the schedule cannot be used. */
export function checkSchedule(s: Schedule): void {
  if (!Array.isArray(s.days) || s.days.length === 0 || s.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError('schedule.days must list ISO weekdays 1 (Monday) to 7 (Sunday)');
  }
  if (minutes(s.from) >= minutes(s.to)) throw new RangeError(`schedule.from ${s.from} must be before schedule.to ${s.to}`);
  if (!Number.isInteger(s.utcOffsetMin) || Math.abs(s.utcOffsetMin) > 14 * 60) throw new RangeError('schedule.utcOffsetMin must be whole minutes within ±14 h');
}

/** The schedule's spans that meet the window, clipped to it, in time order. */
export function scheduleSpans(s: Schedule, window: Span): Span[] {
  const off = s.utcOffsetMin * MIN;
  const from = minutes(s.from) * MIN, to = minutes(s.to) * MIN;
  const days = new Set(s.days);
  const out: Span[] = [];
  // Local midnights from the one at or before the window's start.
  for (let day = Math.floor((window.from + off) / DAY) * DAY - off; day < window.to; day += DAY) {
    const iso = ((new Date(day + off).getUTCDay() + 6) % 7) + 1; // getUTCDay: 0 = Sunday
    if (!days.has(iso)) continue;
    const span = { from: Math.max(day + from, window.from), to: Math.min(day + to, window.to) };
    if (span.to > span.from) out.push(span);
  }
  return out;
}

/**
 * True when the schedule starts and ends on whole UTC hours (08:00–20:00 at UTC+5 does; 08:30, or
 * any time at UTC+5:30 unless it ends in :30, does not): then the hourly rollups answer it exactly.
 */
export function hourAligned(s: Schedule): boolean {
  return (minutes(s.from) - s.utcOffsetMin) % 60 === 0 && (minutes(s.to) - s.utcOffsetMin) % 60 === 0;
}

/** The schedule's time inside a window split into whole rolled-up hours and raw pieces. */
export type SchedulePlan = { hours: Span[]; raw: Span[] };

/**
 * For an hour-aligned schedule: its whole hours before `doneUntil` (the rollups are final there)
 * come from the hourly rollups; partial hours at the window's edges and anything not rolled up yet
 * are read raw. Adjacent hour spans are merged (a 24 h schedule is one span).
 */
export function schedulePlan(s: Schedule, window: Span, doneUntil: number | null): SchedulePlan {
  const plan: SchedulePlan = { hours: [], raw: [] };
  const limit = doneUntil === null ? -Infinity : floorHour(doneUntil);
  for (const sp of scheduleSpans(s, window)) {
    const a = ceilHour(sp.from), b = Math.min(floorHour(sp.to), limit);
    if (!(a < b)) { plan.raw.push(sp); continue; }
    if (sp.from < a) plan.raw.push({ from: sp.from, to: a });
    const last = plan.hours[plan.hours.length - 1];
    if (last && last.to === a) last.to = b;
    else plan.hours.push({ from: a, to: b });
    if (b < sp.to) plan.raw.push({ from: b, to: sp.to });
  }
  return plan;
}

export type ScheduledAvailability = Availability & { /** Time the schedule covers inside the window. */ scheduledMs: number };

/** Availability counted only inside the schedule: up / known within its hours, and coverage likewise. */
export function scheduledAvailability(input: AvailabilityInput, s: Schedule): ScheduledAvailability {
  const inside = scheduleSpans(s, input.window);
  const outside = subtract([input.window], inside);
  const outsideMs = outside.reduce((t, x) => t + x.to - x.from, 0);
  const a = availability({ ...input, maintenance: [...(input.maintenance ?? []), ...outside] });
  // Maintenance and out-of-hours merge into one excluded time; what is left is maintenance in hours.
  return { ...a, maintenanceMs: a.maintenanceMs - outsideMs, scheduledMs: input.window.to - input.window.from - outsideMs };
}

/** The schedule a site is reported over: its own, else its facility kind's default (schools), else none. */
export function effectiveSchedule(site: { schedule?: Schedule | null; facility_kind?: string | null }): Schedule | null {
  return site.schedule ?? (site.facility_kind === 'school' ? SCHOOL_HOURS : null);
}
