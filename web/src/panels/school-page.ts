// The school's own page (/s/:token, no login): is the link up, uptime this month against the
// contract, last outages and whom to call. Small, readable on a phone, in ru/kk/en.
import { ApiFailure, NotAvailable, api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import type { ShareView } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { LANGS, LANG_NAMES, fmtDateTime, fmtDuration, fmtPercent, lang, onLangChange, setLang, t, type Lang } from '../i18n/index.ts';
import { observedMonthMs, slaRatio } from './availability-days.ts';
import { scheduleLabel } from './schedule-label.ts';
import { outageList, siteState } from './site-history.ts';

/** How often the page asks again: a site going down shows within one interval, without a reload. */
export const REFRESH_MS = 15_000;

export function mountSchoolPage(root: HTMLElement, token: string, refreshMs = REFRESH_MS): void {
  let view: ShareView | null = null;
  let failed: 'not_found' | 'error' | null = null;
  let failure: unknown = null;
  /** Set when a refresh failed after a good answer: the last answer stays, with a note. */
  let stale = false;
  let checkedAt: number | null = null;

  function langSwitch() {
    return h('nav', { class: 'lang-switch', 'aria-label': t('lang.label') },
      ...LANGS.map((l: Lang) => h('button', {
        type: 'button', lang: l, 'aria-pressed': l === lang() ? 'true' : 'false', onclick: () => setLang(l),
      }, LANG_NAMES[l])));
  }

  function render() {
    document.title = `${t('school.title')} — Baylanys`;
    const header = h('header', { class: 'school-header' }, h('h1', {}, t('school.title')), langSwitch());
    if (failed) {
      clear(root, header, h('main', {}, h('p', { role: 'alert', class: 'big' }, failed === 'not_found' ? t('school.notFound') : errorText(failure))));
      return;
    }
    if (!view) {
      clear(root, header, h('main', {}, h('p', { role: 'status' }, t('school.loading'))));
      return;
    }
    const v = view;
    const sla = slaRatio(v.slaTarget);
    const phone = v.contact?.phone ?? null;
    // Never polled: one plain "no data yet", not "unknown", "0 % below the contract" and "no outages".
    const noData = !v.lastPollAt && v.availabilityMonth === null;
    const meets = !noData && v.availabilityMonth !== null && sla !== null ? v.availabilityMonth >= sla : null;
    // Whom to call only when the site names an operator or a phone.
    const contact = !v.contact?.operator && !phone ? null : h('section', { class: 'school-contact', 'aria-labelledby': 'call' },
      h('h2', { id: 'call' }, t('school.contact')),
      v.contact?.operator ? h('p', {}, v.contact.operator) : null,
      phone ? h('a', { class: 'call', href: `tel:${phone.replace(/[^+\d]/g, '')}` }, t('school.call', { phone })) : null);
    const footer = h('p', { class: 'muted small', 'data-testid': 'checked' },
      v.lastPollAt ? t('school.updated', { time: fmtDateTime(v.lastPollAt) }) : null,
      checkedAt ? h('span', {}, v.lastPollAt ? ' · ' : '', t('school.checked', { time: fmtDateTime(checkedAt) })) : null,
      stale ? h('strong', { class: 'bad' }, ` · ${t('school.refreshFailed')}`) : null);
    if (noData) {
      clear(root, header, h('main', {},
        h('p', { class: 'school-name' }, v.facilityName ?? v.siteName),
        h('section', { class: 'school-status status-nodata', 'aria-labelledby': 'st', 'aria-live': 'polite' },
          h('h2', { id: 'st' }, t('school.linkIs')), h('p', { class: 'big', 'data-testid': 'status' }, t('site.noDataYet')),
          h('p', { class: 'muted' }, t('school.noDataHint'))),
        contact, footer));
      return;
    }
    clear(root, header, h('main', {},
      h('p', { class: 'school-name' }, v.facilityName ?? v.siteName),
      h('section', { class: `school-status status-${v.status}`, 'aria-labelledby': 'st', 'aria-live': 'polite' },
        h('h2', { id: 'st' }, t('school.linkIs')), h('p', { class: 'big', 'data-testid': 'status' }, siteState(v))),
      h('section', { class: 'school-sla', 'aria-labelledby': 'sla' },
        h('h2', { id: 'sla' }, t('school.uptimeMonth')),
        h('p', { class: 'big', 'data-testid': 'uptime' }, fmtPercent(v.availabilityMonth)),
        h('meter', { min: 0, max: 1, low: sla ?? 0.99, optimum: 1, value: v.availabilityMonth ?? 0, 'aria-label': t('school.uptimeMonth') }),
        v.schedule && v.availabilityMonthScheduled !== undefined && v.availabilityMonthScheduled !== null
          ? h('p', { 'data-testid': 'uptime-scheduled' }, t('school.uptimeScheduled', { hours: scheduleLabel(v.schedule), value: fmtPercent(v.availabilityMonthScheduled) })) : null,
        v.coverageMonth !== undefined && v.coverageMonth !== null
          ? h('p', { class: 'muted small', 'data-testid': 'observed' }, v.coverageMonth < 0.1
            ? t('school.observedFor', { time: fmtDuration(observedMonthMs(v.coverageMonth, Date.now())) })
            : t('school.observed', { share: fmtPercent(v.coverageMonth, 0) })) : null,
        h('p', { 'data-testid': 'sla' }, t('school.slaTarget', { sla: fmtPercent(sla) }),
          meets === null ? null : h('strong', { class: meets ? 'ok' : 'bad' }, ` — ${t(meets ? 'school.meetsSla' : 'school.belowSla')}`))),
      h('section', { 'aria-labelledby': 'out' }, h('h2', { id: 'out' }, t('school.lastOutages')), outageList(v.lastOutages ?? [], 'school.noOutages')),
      contact, footer));
  }

  async function refresh() {
    try {
      view = await api.share(token);
      failed = null;
      stale = false;
      checkedAt = Date.now();
    } catch (e) {
      const gone = e instanceof NotAvailable || (e instanceof ApiFailure && e.status === 404);
      // A revoked link stops at once; a network hiccup keeps the last answer on screen.
      if (gone || !view) {
        failed = gone ? 'not_found' : 'error';
        failure = e;
        view = null;
      } else stale = true;
    }
    render();
    if (failed !== 'not_found') setTimeout(() => void refresh(), refreshMs);
  }

  onLangChange(render);
  render();
  void refresh();
}
