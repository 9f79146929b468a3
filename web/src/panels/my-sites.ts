// A site account's first screen: its own monitored links (status, availability, last poll) and
// the school page to hand out. Clicking a link opens its history in the panel.
import type { Site } from '../api/types.ts';
import { clear, h } from '../dom.ts';
import { fmtDateTime, fmtPercent, t } from '../i18n/index.ts';
import { neverPolled, shareLink, siteState } from './site-history.ts';

export type MySites = { setSites(sites: Site[]): void; setError(message: string | null): void; render(): void };

export function createMySites(root: HTMLElement, opts: { onOpen(site: Site): void }): MySites {
  let sites: Site[] = [];
  let error: string | null = null;
  let loaded = false;

  function render() {
    const title = h('h2', { id: 'my-sites-title' }, t('sites.title'));
    if (error) return clear(root, title, h('p', { role: 'alert' }, error));
    if (!loaded) return clear(root, title, h('p', { role: 'status' }, t('panel.loading')));
    if (!sites.length) return clear(root, title, h('p', { class: 'muted' }, t('sites.none')));
    clear(root, title,
      h('ul', { class: 'my-sites', 'aria-labelledby': 'my-sites-title', 'data-testid': 'my-sites' }, ...sites.map((s) =>
        h('li', { 'data-id': s.id },
          h('button', { type: 'button', class: 'link site-name', onclick: () => opts.onOpen(s) }, s.facilityName ?? s.name),
          h('div', {}, siteState(s)),
          neverPolled(s) ? null : h('div', { class: 'muted small' },
            `${t('panel.availabilityMonth')}: ${fmtPercent(s.availabilityMonth)}`,
            s.lastPollAt ? ` · ${t('site.lastPoll')}: ${fmtDateTime(s.lastPollAt)}` : ''),
          shareLink(s)))));
  }

  render();
  return {
    setSites(next) {
      sites = next;
      loaded = true;
      render();
    },
    setError(message) {
      error = message;
      render();
    },
    render,
  };
}
