// Advances one site's state by one poll: outcome → reboot/wrap → traffic rate → outages → status.
// Pure (the store persists the state as JSON and applies the effects). Polls must come in time
// order; the store never feeds an older poll than state.lastAt.
import type { PollSample } from '../poll-sample.ts';
import { isAdminDown, pollClass } from './poll-outcome.ts';
import { NO_OUTAGE, OUTAGE_DEFAULTS, stepOutage, type OutageEffect, type OutageParams, type OutageState } from './outages.ts';
import { detectReboot, rebootDownSpan } from './reboot.ts';
import { trafficRate, type CounterReading } from './traffic.ts';

export type SiteStatus = 'up' | 'down' | 'link_down' | 'unknown';

/** JSON-safe: counters are kept as decimal strings. */
export type SiteState = {
  lastAt: number | null;
  lastOutcome: PollSample['outcome'] | null;
  status: SiteStatus;
  statusSince: number | null;
  lastReply: { at: number; sysUpTime: number; engineBoots: number | null; up: boolean } | null;
  baseline: (Omit<CounterReading, 'inOctets' | 'outOctets'> & { inOctets: string; outOctets: string }) | null;
  lastIfIndex: number | null;
  doubleWrapWarned: boolean;
  outage: OutageState;
  /** Processed polls by outcome since the site was created (exported as a per-site counter). */
  polls: Record<PollSample['outcome'], number>;
  /** The last poll found the WAN interface switched off on purpose (ifAdminStatus down). */
  adminDown: boolean;
};

export const INITIAL_STATE: SiteState = {
  lastAt: null, lastOutcome: null, status: 'unknown', statusSince: null, lastReply: null,
  baseline: null, lastIfIndex: null, doubleWrapWarned: false, outage: NO_OUTAGE,
  polls: { up: 0, link_down: 0, unreachable: 0, error: 0 }, adminDown: false,
};

export type SiteEvent = { kind: string; at: number; details: Record<string, unknown> };

export type SampleRate = { inBps: number | null; outBps: number | null; dtS: number | null; note: string | null };

export type SiteEffect =
  | OutageEffect
  /** A closed outage known only after the fact (a reboot between two up polls). */
  | { type: 'outage_estimated'; startedAt: number; endedAt: number; cause: 'reboot'; lastGoodAt: number; alert: boolean }
  | { type: 'event'; event: SiteEvent }
  | { type: 'status'; status: SiteStatus; at: number };

export type SiteContext = { inMaintenance: boolean; outage?: OutageParams };

function reading(s: PollSample): CounterReading | null {
  if (s.inOctets === null || s.outOctets === null || s.counterBits === null) return null;
  return {
    sysUpTime: s.sysUpTime, inOctets: s.inOctets, outOctets: s.outOctets, counterBits: s.counterBits,
    discontinuityTime: s.discontinuityTime, ifIndex: s.ifIndex, ifSpeedMbps: s.ifSpeedMbps,
  };
}

export function advanceSite(
  state: SiteState,
  s: PollSample,
  ctx: SiteContext,
): { state: SiteState; effects: SiteEffect[]; rate: SampleRate } {
  const params = ctx.outage ?? OUTAGE_DEFAULTS;
  const effects: SiteEffect[] = [];
  const event = (kind: string, details: Record<string, unknown> = {}) =>
    effects.push({ type: 'event', event: { kind, at: s.polledAt, details } });
  const cls = pollClass(s);
  const polls = { ...INITIAL_STATE.polls, ...state.polls };
  polls[s.outcome] += 1;
  const next: SiteState = { ...state, lastAt: s.polledAt, lastOutcome: s.outcome, polls, adminDown: isAdminDown(s) };

  // Reboot or wrap, judged between two replies that carry sysUpTime.
  let rebooted = false;
  if (s.sysUpTime !== null && state.lastReply) {
    const v = detectReboot(state.lastReply, { at: s.polledAt, sysUpTime: s.sysUpTime, engineBoots: s.engineBoots });
    if (v.kind === 'wrap') event('uptime_wrap', { previous: state.lastReply.sysUpTime, current: s.sysUpTime });
    if (v.kind === 'reboot') {
      rebooted = true;
      event('reboot', { bootAt: new Date(v.bootAt).toISOString(), reason: v.reason });
      // Between two consecutive up polls the samples say "up" throughout: the reboot's span is down.
      const consecutive = state.lastReply.at === state.lastAt && state.lastReply.up && cls === 'up' && !state.outage.open;
      const span = consecutive ? rebootDownSpan(state.lastReply.at, v.bootAt, s.polledAt) : null;
      if (span) {
        effects.push({
          type: 'outage_estimated', startedAt: span.from, endedAt: span.to, cause: 'reboot',
          lastGoodAt: state.lastReply.at,
          alert: !ctx.inMaintenance && span.to - span.from >= params.alertAfterMs,
        });
      }
    }
  }
  if (s.sysUpTime !== null) {
    next.lastReply = { at: s.polledAt, sysUpTime: s.sysUpTime, engineBoots: s.engineBoots, up: cls === 'up' };
  }
  if (s.ifIndex !== null && state.lastIfIndex !== null && s.ifIndex !== state.lastIfIndex) {
    event('if_index_moved', { from: state.lastIfIndex, to: s.ifIndex });
  }
  if (s.ifIndex !== null) next.lastIfIndex = s.ifIndex;
  if (s.outcome === 'error' && state.lastOutcome !== 'error') event('config_error', { message: s.error ?? 'error' });

  // Traffic rate for the interval ending at this poll.
  let rate: SampleRate = { inBps: null, outBps: null, dtS: null, note: null };
  const cur = reading(s);
  if (cur) {
    if (state.baseline) {
      const b = state.baseline;
      const r = trafficRate({ ...b, inOctets: BigInt(b.inOctets), outOctets: BigInt(b.outOctets) }, cur, rebooted);
      if (r.kind === 'rate') {
        rate = { inBps: r.inBps, outBps: r.outBps, dtS: r.dtS, note: r.wrapped ? 'counter32_wrap' : null };
        if (r.doubleWrapRisk && !state.doubleWrapWarned) {
          next.doubleWrapWarned = true;
          event('double_wrap_risk', { dtS: r.dtS, ifSpeedMbps: cur.ifSpeedMbps });
        }
      } else if (r.kind === 'implausible') {
        rate = { inBps: null, outBps: null, dtS: r.dtS, note: 'implausible' };
        event('implausible_rate', { inBps: r.inBps, outBps: r.outBps, ifSpeedMbps: cur.ifSpeedMbps });
      } else {
        rate = { ...rate, note: r.reason };
      }
    } else {
      rate = { ...rate, note: 'baseline' };
    }
    next.baseline = { ...cur, inOctets: cur.inOctets.toString(), outOctets: cur.outOctets.toString() };
  } else if (rebooted) {
    next.baseline = null; // counters from before the reboot must not pair with later ones
  }

  // Outages.
  const step = stepOutage(
    state.outage,
    { at: s.polledAt, cls, cause: s.outcome === 'link_down' ? 'link_down' : 'unreachable', inMaintenance: ctx.inMaintenance },
    params,
  );
  next.outage = step.state;
  effects.push(...step.effects);

  // Status: what a person looking at the map should see.
  let status: SiteStatus = state.status;
  if (cls === 'up') status = 'up';
  else if (s.outcome === 'error') status = 'unknown';
  else if (isAdminDown(s)) status = 'link_down';
  else if (next.outage.open) status = next.outage.open.cause === 'link_down' ? 'link_down' : 'down';
  if (status !== state.status) {
    next.status = status;
    next.statusSince = s.polledAt;
    effects.push({ type: 'status', status, at: s.polledAt });
  }
  return { state: next, effects, rate };
}
