// The public school view behind GET /api/share/:token (http/monitoring-routes.ts). No login, no secrets, no host or credentials:
// the name, status, this month's availability against the SLA, the last outages and who to call.
import type { Queryable } from '../db/database.ts';
import { siteAvailabilityBoth } from './measures.ts';
import { effectiveSchedule } from './rules/schedule.ts';
import { siteOutages } from './reports.ts';
import { currentStatus, noRecentData } from './rules/freshness.ts';
import { findSites } from './sites.ts';
import { windowSpan } from './windows.ts';

export async function shareView(db: Queryable, token: string, now: number) {
  // Tokens are 22 URL-safe characters; anything else cannot match and is not looked up.
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [s] = await findSites(db, { shareToken: token, limit: 1 });
  if (!s) return null;
  const month = windowSpan('month', now);
  const schedule = effectiveSchedule(s);
  const both = await siteAvailabilityBoth(db, { id: s.id, intervalS: s.interval_s }, month, schedule);
  const a = both.all;
  const outages = await siteOutages(db, s.id, windowSpan('30d', now), 5);
  return {
    siteName: s.name,
    facilityName: s.facility_name ?? null,
    // Stale is a state: past 3 intervals without a poll the school sees "no recent data", not "up".
    status: s.idle && currentStatus(s.status, s.last_polled_at, s.interval_s, now) === 'up' ? 'idle' : currentStatus(s.status, s.last_polled_at, s.interval_s, now),
    noRecentData: noRecentData(s.last_polled_at, s.interval_s, now),
    lastPollAt: s.last_polled_at ? new Date(s.last_polled_at).toISOString() : null,
    availabilityMonth: a.availability,
    coverageMonth: a.coverage,
    // Over the school's own hours (what pupils and teachers live through); null without a schedule.
    availabilityMonthScheduled: both.scheduled?.availability ?? null,
    schedule,
    slaTarget: s.sla_target,
    lastOutages: outages.map((o) => ({ startedAt: o.startedAt, endedAt: o.endedAt, durationS: o.durationS, cause: o.cause })),
    contact: { operator: s.operator ?? null, phone: s.contact_phone ?? null },
  };
}
