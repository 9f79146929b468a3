// The monitored-link part of the facility panel: availability (24 h, month, SLA), a 30-day
// availability chart, recent outages and traffic (GET /api/sites/:id/…).
import { api, itemsOf } from '../api/client.ts';
import type { Outage, Site } from '../api/types.ts';
import { h } from '../dom.ts';
import { fmtDateTime, fmtDuration, fmtPercent, t, tOr, type MessageKey } from '../i18n/index.ts';
import { STATUS_COLOURS } from '../map/palette.ts';
import { statusIconUrl } from '../map/status-icons.ts';
import { dailyAvailability, slaRatio } from './availability-days.ts';
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
      o.cause ? h('span', { class: 'muted' }, ` · ${tOr(`status.${o.cause}`, 'status.unknown')}`) : null)));
}

export function renderSiteHistory(site: Site): HTMLElement {
  const chartEl = h('div', { class: 'chart', 'aria-label': t('panel.chartAvailability'), role: 'img' });
  const trafficEl = h('div', { class: 'chart', 'aria-label': t('panel.traffic'), role: 'img' });
  const outagesEl = h('div', { class: 'outages-box' }, h('p', { class: 'muted' }, t('panel.loading')));
  const section = h('section', { class: 'site', 'aria-labelledby': 'site-title' },
    h('h3', { id: 'site-title' }, t('panel.site')),
    h('p', {}, statusLine(site.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('panel.availability24h')), h('dd', {}, fmtPercent(site.availability24h)),
      h('dt', {}, t('panel.availabilityMonth')), h('dd', {}, fmtPercent(site.availabilityMonth)),
      h('dt', {}, t('panel.sla')), h('dd', {}, fmtPercent(slaRatio(site.slaTarget))),
      site.operator ? h('dt', {}, t('panel.operator')) : null, site.operator ? h('dd', {}, site.operator) : null),
    chartEl,
    h('h4', {}, t('panel.outages')),
    outagesEl,
    h('h4', {}, t('panel.traffic')),
    trafficEl);

  void api.siteOutages(site.id).then((body) => {
    const outages = itemsOf<Outage>(body as never);
    outagesEl.replaceChildren(outageList(outages, 'panel.noOutages'));
    const days = dailyAvailability(outages.flatMap((o) => {
      const s = outageStart(o);
      const e = outageEnd(o);
      return s ? [{ startMs: Date.parse(s), endMs: e ? Date.parse(e) : null }] : [];
    }), Date.now(), 30);
    const sla = slaRatio(site.slaTarget);
    timeChart(chartEl, days.map((d) => d.dayStartMs / 1000), [
      { label: t('panel.availabilityMonth'), values: days.map((d) => d.availability), colour: STATUS_COLOURS.up! },
      ...(sla ? [{ label: t('panel.sla'), values: days.map(() => sla), colour: '#555555', dash: [4, 4] }] : []),
    ], 'ratio', t('panel.chartAvailability'), t('common.day'));
  }).catch(() => {
    outagesEl.replaceChildren(h('p', { class: 'muted' }, t('panel.noOutages')));
    chartEl.remove();
  });
  void api.siteTraffic(site.id).then((body) => {
    const inPts = seriesOf(body, ['inBps', 'in', 'rxBps', 'inRate']);
    const outPts = seriesOf(body, ['outBps', 'out', 'txBps', 'outRate']);
    if (inPts.length) {
      timeChart(trafficEl, inPts.map((p) => p.x), [
        { label: t('panel.in'), values: inPts.map((p) => p.y), colour: '#0072B2' },
        { label: t('panel.out'), values: outPts.map((p) => p.y), colour: '#E69F00', dash: [4, 3] },
      ], 'bps', t('panel.traffic'), t('common.time'));
    } else trafficEl.remove();
  }).catch(() => trafficEl.remove());
  return section;
}
