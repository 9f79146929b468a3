// One's own API tokens (account menu): issue one with a name and a lifetime, see its secret once,
// list them with their state, revoke. Every role may hold tokens of its own role (the server's
// access policy, /api/tokens); an administrator may also issue a metrics-only token for Prometheus.
import { api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import type { ApiToken } from '../api/types.ts';
import { h } from '../dom.ts';
import { fmtDate, fmtDateTime, t, tOr } from '../i18n/index.ts';

export type TokenState = 'active' | 'expired' | 'revoked';

/** A token is revoked once revokedAt is set, expired from expiresAt on, else active. */
export function tokenState(tk: Pick<ApiToken, 'expiresAt' | 'revokedAt'>, now: number): TokenState {
  if (tk.revokedAt) return 'revoked';
  return Date.parse(tk.expiresAt) <= now ? 'expired' : 'active';
}

/** Lifetimes offered, in days (the server allows 1–366). */
export const TOKEN_DAYS = [7, 30, 90, 180, 366] as const;

export type TokensSection = { load(): Promise<void>; render(): HTMLElement };

export function createTokensSection(opts: { role: string; onChange(): void; now?: () => number }): TokensSection {
  const now = opts.now ?? Date.now;
  let tokens: ApiToken[] = [];
  let failure: unknown = null;
  let note: { kind: 'ok' | 'bad'; text: () => string } | null = null;
  /** The secret of the token just issued: shown once, gone on the next load. */
  let fresh: { name: string; token: string } | null = null;

  async function load() {
    try {
      tokens = (await api.tokens()).items;
      failure = null;
    } catch (e) {
      failure = e;
    }
  }

  async function issue(form: HTMLFormElement) {
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const role = String(data.get('role') ?? '');
    try {
      const res = await api.createToken({ name, days: Number(data.get('days')), ...(role ? { role } : {}) });
      fresh = { name: res.name, token: res.token };
      form.reset();
      note = null;
      await load();
    } catch (e) {
      fresh = null;
      note = { kind: 'bad', text: () => errorText(e, 'edit') };
    }
    opts.onChange();
  }

  async function revoke(tk: ApiToken) {
    try {
      await api.revokeToken(tk.id);
      note = { kind: 'ok', text: () => t('tokens.revoked', { name: tk.name }) };
      if (fresh?.name === tk.name) fresh = null;
      await load();
    } catch (e) {
      note = { kind: 'bad', text: () => errorText(e, 'edit') };
    }
    opts.onChange();
  }

  function render(): HTMLElement {
    const at = now();
    const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
    const form = h('form', {
      class: 'token-new', 'aria-labelledby': 'tokens-new-title',
      onsubmit: (e: Event) => { e.preventDefault(); void issue(e.target as HTMLFormElement); },
    },
    h('h4', { id: 'tokens-new-title' }, t('tokens.new')),
    field('token-name', t('tokens.name'), h('input', { id: 'token-name', name: 'name', required: true, maxlength: 100, autocomplete: 'off', placeholder: t('tokens.namePlaceholder') })),
    field('token-days', t('tokens.lifetime'), h('select', { id: 'token-days', name: 'days' },
      ...TOKEN_DAYS.map((d) => h('option', { value: d, selected: d === 90 }, t('tokens.days', { n: d }))))),
    // Administrators may hand Prometheus a token that reads /metrics and nothing else.
    opts.role === 'admin' ? field('token-role', t('tokens.access'), h('select', { id: 'token-role', name: 'role' },
      h('option', { value: '' }, t('tokens.accessOwn')), h('option', { value: 'metrics' }, t('tokens.accessMetrics')))) : null,
    h('button', { type: 'submit', class: 'primary' }, t('tokens.issue')));

    const secret = fresh ? h('div', { class: 'hand-over', role: 'status', 'data-testid': 'token-secret' },
      h('p', {}, t('tokens.copyNow', { name: fresh.name })),
      h('code', { class: 'token-secret' }, fresh.token),
      h('p', { class: 'muted small' }, t('tokens.howToUse'))) : null;

    const rows = tokens.map((tk) => {
      const state = tokenState(tk, at);
      return h('tr', { class: state === 'active' ? '' : 'muted' },
        h('th', { scope: 'row' }, tk.name, h('small', { class: 'muted' }, ` ${tk.prefix}…`)),
        h('td', {}, tOr(`role.${tk.role}`, 'role.unknown')),
        h('td', {}, fmtDate(tk.createdAt)),
        h('td', {}, fmtDate(tk.expiresAt)),
        h('td', {}, tk.lastUsedAt ? fmtDateTime(tk.lastUsedAt) : t('tokens.neverUsed')),
        h('td', {}, t(`tokens.state.${state}`)),
        h('td', {}, state === 'active'
          ? h('button', { type: 'button', class: 'link', 'aria-label': t('tokens.revokeNamed', { name: tk.name }), onclick: () => void revoke(tk) }, t('tokens.revoke'))
          : '—'));
    });
    const table = tokens.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table', 'data-testid': 'tokens' },
        h('thead', {}, h('tr', {}, ...(['tokens.name', 'account.role', 'tokens.created', 'tokens.expires', 'tokens.lastUsed', 'tokens.stateTitle', 'account.actions'] as const)
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, ...rows)))
      : h('p', { class: 'muted small' }, t('tokens.none'));

    return h('section', { class: 'tokens', 'aria-labelledby': 'tokens-title' },
      h('h3', { id: 'tokens-title' }, t('tokens.title')),
      h('p', { class: 'muted small' }, t('tokens.intro')),
      failure ? h('p', { role: 'alert', class: 'bad' }, errorText(failure)) : null,
      note ? h('p', { role: note.kind === 'bad' ? 'alert' : 'status', class: note.kind }, note.text()) : null,
      secret,
      table,
      form);
  }

  return { load, render };
}
