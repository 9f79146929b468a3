// The monitored-link part of the facility panel: availability (24 h, month, SLA), a 30-day
// availability chart, recent outages and traffic (GET /api/sites/:id/…).
import { api, itemsOf } from '../api/client.ts';
import type { Outage, Site } from '../api/types.ts';
import { h } from '../dom.ts';
import { fmtDate, fmtDateTime, fmtDuration, fmtPercent, t, tOr, type MessageKey } from '../i18n/index.ts';
import { STATUS_COLOURS } from '../map/palette.ts';
import { statusIconUrl } from '../map/status-icons.ts';
import { slaRatio } from './availability-days.ts';
import { scheduleLabel } from './schedule-label.ts';
import { timeChart } from './charts.ts';

type Point = { x: number; y: number | null };

/** Finds a time series in a response whose exact shape may vary: [{ t|at|day|start, value|availability }]. */
export function seriesOf(body: unknown, valueKeys: string[]): Point[] {
  const arr = Array.isArray(body)
    ? body
    : (['series', 'points', 'buckets', 'days', 'items', 'samples'].map((k) => (body as Record<string, unknown>)?.[k]).find(Array.isArray) as unknown[] | undefined) ?? [];
  const out: Point[] = [];
  for (const p of arr as Array<Record<string, unknown>>) {
    const ts = p.t ?? p.at ?? p.day ?? p.start ?? p.time ?? p.bucket;
    const x = typeof ts === 'number' ? (ts > 1e11 ? ts / 1000 : ts) : Date.parse(String(ts)) / 1000;
    const key = valueKeys.find((k) => k in p);
    const y = key !== undefined && p[key] !== null ? Number(p[key]) : null;
    if (Number.isFinite(x)) out.push({ x, y: y !== null && Number.isFinite(y) ? y : null });
  }
  return out.sort((a, b) => a.x - b.x);
}

export function outageStart(o: Outage): string | undefined {
  return o.start ?? o.startedAt;
}
export function outageEnd(o: Outage): string | null | undefined {
  return o.end ?? o.endedAt;
}
export function outageMs(o: Outage, now = Date.now()): number | null {
  if (o.durationMs !== undefined && o.durationMs !== null) return o.durationMs;
  if (o.durationS !== undefined && o.durationS !== null) return o.durationS * 1000;
  const s = outageStart(o);
  if (!s) return null;
  const e = outageEnd(o);
  return (e ? Date.parse(e) : now) - Date.parse(s);
}

export function statusLine(status: string): HTMLElement {
  return h('span', { class: 'status-line', style: `--c:${STATUS_COLOURS[status] ?? '#777'}` },
    h('img', { src: statusIconUrl(status), alt: '', width: 18, height: 18 }),
    tOr(`status.${status}`, 'status.unknown'));
}

export function outageList(outages: Outage[], emptyKey: MessageKey): HTMLElement {
  if (!outages.length) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ul', { class: 'outages' }, ...outages.slice(0, 10).map((o) =>
    h('li', {},
      h('span', {}, fmtDateTime(outageStart(o))),
      ' — ',
      outageEnd(o) ? h('span', {}, fmtDuration(outageMs(o))) : h('strong', {}, t('school.ongoing')),
      o.cause ? h('span', { class: 'muted' }, ` · ${tOr(`cause.${o.cause}`, 'cause.other')}`) : null)));
}

/**
 * The link's state in words: "no data yet" before the first poll, "no recent data since …" when
 * the agent stopped reporting (the server then says 'unknown'), else the status with its icon.
 */
export function siteState(s: { lastPollAt?: string | null; status?: string; noRecentData?: boolean }): HTMLElement {
  if (neverPolled(s)) return h('span', { class: 'status-line', 'data-testid': 'no-data' }, t('site.noDataYet'));
  if (s.noRecentData && s.lastPollAt) return h('span', { class: 'status-line stale', 'data-testid': 'stale' }, t('site.noRecentData', { time: fmtDateTime(s.lastPollAt) }));
  return statusLine(s.status ?? 'unknown');
}

/** True for a site the agent has never polled: nothing about it is known yet. */
export const neverPolled = (s: { lastPollAt?: string | null; status?: string }) => !s.lastPollAt && (s.status ?? 'unknown') === 'unknown';

/** The school page's address for a site, absolute so it can be copied and sent. */
export function sharePageUrl(site: Pick<Site, 'shareUrl' | 'shareToken'>): string | null {
  const path = site.shareUrl?.startsWith('/s/') ? site.shareUrl : site.shareToken ? `/s/${encodeURIComponent(site.shareToken)}` : null;
  return path ? new URL(path, location.origin).href : null;
}

export function shareLink(site: Site): HTMLElement | null {
  const url = sharePageUrl(site);
  if (!url) return null;
  return h('p', { class: 'share' }, h('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': 'share-link' }, t('site.sharePage')),
    h('br'), h('small', { class: 'muted share-url' }, url));
}

export function renderSiteHistory(site: Site): HTMLElement {
  const chartEl = h('div', { class: 'chart', 'aria-label': t('panel.chartAvailability'), role: 'img' });
  const trafficEl = h('div', { class: 'chart', 'aria-label': t('panel.traffic'), role: 'img' });
  const outagesEl = h('div', { class: 'outages-box' }, h('p', { class: 'muted' }, t('panel.loading')));
  const fresh = neverPolled(site);
  // Filled once the month's figures arrive, when the site has a schedule (school hours).
  const scheduledDt = h('dt', { hidden: true }, t('panel.availabilityScheduled'));
  const scheduledDd = h('dd', { hidden: true, 'data-testid': 'availability-scheduled' });
  const section = h('section', { class: 'site', 'aria-labelledby': 'site-title' },
    h('h3', { id: 'site-title' }, t('panel.site')),
    h('p', {}, siteState(site)),
    fresh ? h('p', { class: 'muted small' }, t('site.noDataHint')) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('panel.availability24h')), h('dd', {}, fmtPercent(site.availability24h)),
      h('dt', {}, t('panel.availabilityMonth')), h('dd', {}, fmtPercent(site.availabilityMonth)),
      scheduledDt, scheduledDd,
      h('dt', {}, t('panel.sla')), h('dd', {}, fmtPercent(slaRatio(site.slaTarget))),
      site.lastPollAt ? h('dt', {}, t('site.lastPoll')) : null, site.lastPollAt ? h('dd', {}, fmtDateTime(site.lastPollAt)) : null,
      site.operator ? h('dt', {}, t('panel.operator')) : null, site.operator ? h('dd', {}, site.operator) : null),
    shareLink(site),
    fresh ? null : chartEl,
    h('h4', {}, t('panel.outages')),
    outagesEl,
    fresh ? null : h('h4', {}, t('panel.traffic')),
    fresh ? null : trafficEl);

  void api.siteOutages(site.id).then((body) => {
    const outages = itemsOf<Outage>(body as never);
    outagesEl.replaceChildren(fresh && !outages.length ? h('p', { class: 'muted' }, t('site.noDataYet')) : outageList(outages, 'panel.noOutages'));
  }).catch(() => {
    outagesEl.replaceChildren(h('p', { class: 'muted' }, t('site.noDataYet')));
  });
  if (!fresh) {
    void api.siteAvailability(site.id, 'month').then((body) => {
      if (!body.scheduled) return;
      const sch = body.scheduled;
      // Past what the server keeps (raw polls, or hourly rollups) it says from when it counts.
      const partial = sch.partial && sch.coveredFrom ? ` — ${t('panel.scheduledPartial', { from: fmtDate(sch.coveredFrom) })}` : '';
      scheduledDd.textContent = `${fmtPercent(sch.availability)} (${scheduleLabel(sch.schedule)})${partial}`;
      scheduledDt.hidden = scheduledDd.hidden = false;
    }).catch(() => undefined);
    // Day by day from the server: a day with no observation has no value (not 100 %).
    void api.siteAvailability(site.id, '30d').then((body) => {
      const days = (body.series ?? []).map((d) => ({ x: Date.parse(`${d.day}T00:00:00+05:00`) / 1000, y: d.availability }));
      if (!days.some((d) => d.y !== null)) return chartEl.replaceWith(h('p', { class: 'muted small' }, t('site.noDataYet')));
      const sla = slaRatio(site.slaTarget);
      timeChart(chartEl, days.map((d) => d.x), [
        { label: t('panel.availabilityDay'), values: days.map((d) => d.y), colour: STATUS_COLOURS.up! },
        ...(sla ? [{ label: t('panel.sla'), values: days.map(() => sla), colour: '#555555', dash: [4, 4] }] : []),
      ], 'ratio', t('panel.chartAvailability'), t('common.day'));
    }).catch(() => chartEl.remove());
    void api.siteTraffic(site.id).then((body) => {
      const inPts = seriesOf(body, ['inBps', 'in', 'rxBps', 'inRate']);
      const outPts = seriesOf(body, ['outBps', 'out', 'txBps', 'outRate']);
      if (inPts.some((p) => p.y !== null)) {
        timeChart(trafficEl, inPts.map((p) => p.x), [
          { label: t('panel.in'), values: inPts.map((p) => p.y), colour: '#0072B2' },
          { label: t('panel.out'), values: outPts.map((p) => p.y), colour: '#E69F00', dash: [4, 3] },
        ], 'bps', t('panel.traffic'), t('common.time'));
      } else trafficEl.replaceWith(h('p', { class: 'muted small' }, t('site.noTraffic')));
    }).catch(() => trafficEl.remove());
  }
  return section;
}
