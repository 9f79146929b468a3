// The school's own page (/s/:token, no login): is the link up, uptime this month against the
// contract, last outages and whom to call. Small, readable on a phone, in ru/kk/en.
import { ApiFailure, NotAvailable, api } from '../api/client.ts';
import type { ShareView } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { LANGS, LANG_NAMES, fmtDateTime, fmtPercent, lang, onLangChange, setLang, t, type Lang } from '../i18n/index.ts';
import { slaRatio } from './availability-days.ts';
import { outageList, statusLine } from './site-history.ts';

export function mountSchoolPage(root: HTMLElement, token: string): void {
  let view: ShareView | null = null;
  let failed: 'not_found' | 'error' | null = null;
  let message = '';

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
      clear(root, header, h('main', {}, h('p', { role: 'alert', class: 'big' }, failed === 'not_found' ? t('school.notFound') : `${t('common.error')}: ${message}`)));
      return;
    }
    if (!view) {
      clear(root, header, h('main', {}, h('p', { role: 'status' }, t('school.loading'))));
      return;
    }
    const v = view;
    const sla = slaRatio(v.slaTarget);
    const meets = v.availabilityMonth !== null && sla !== null ? v.availabilityMonth >= sla : null;
    const phone = v.contact?.phone ?? null;
    clear(root, header, h('main', {},
      h('p', { class: 'school-name' }, v.facilityName ?? v.siteName),
      h('section', { class: `school-status status-${v.status}`, 'aria-labelledby': 'st' },
        h('h2', { id: 'st' }, t('school.linkIs')), h('p', { class: 'big' }, statusLine(v.status))),
      h('section', { class: 'school-sla', 'aria-labelledby': 'sla' },
        h('h2', { id: 'sla' }, t('school.uptimeMonth')),
        h('p', { class: 'big', 'data-testid': 'uptime' }, fmtPercent(v.availabilityMonth)),
        h('meter', { min: 0, max: 1, low: sla ?? 0.99, optimum: 1, value: v.availabilityMonth ?? 0, 'aria-label': t('school.uptimeMonth') }),
        h('p', { 'data-testid': 'sla' }, t('school.slaTarget', { sla: fmtPercent(sla) }),
          meets === null ? null : h('strong', { class: meets ? 'ok' : 'bad' }, ` — ${t(meets ? 'school.meetsSla' : 'school.belowSla')}`))),
      h('section', { 'aria-labelledby': 'out' }, h('h2', { id: 'out' }, t('school.lastOutages')), outageList(v.lastOutages ?? [], 'school.noOutages')),
      h('section', { class: 'school-contact', 'aria-labelledby': 'call' },
        h('h2', { id: 'call' }, t('school.contact')),
        v.contact?.operator ? h('p', {}, v.contact.operator) : null,
        phone ? h('a', { class: 'call', href: `tel:${phone.replace(/[^+\d]/g, '')}` }, t('school.call', { phone })) : null),
      (v.updatedAt ?? v.lastPollAt) ? h('p', { class: 'muted small' }, t('school.updated', { time: fmtDateTime(v.updatedAt ?? v.lastPollAt) })) : null));
  }

  onLangChange(render);
  render();
  api.share(token).then((v) => {
    view = v;
    render();
  }).catch((e) => {
    failed = e instanceof NotAvailable || (e instanceof ApiFailure && e.status === 404) ? 'not_found' : 'error';
    message = e instanceof Error ? e.message : String(e);
    render();
  });
}
