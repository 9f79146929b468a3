// The account menu: one's own password and API tokens (everyone) and, for administrators, the users (create with
// a role and regions or sites, disable, enable, reset a password), monitored sites (share links,
// maintenance windows, CSV import) and the audit log. The server's
// access policy decides; this view only offers what the role may do.
import { ApiFailure, api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { regionNames, type RegionName } from '../api/regions.ts';
import type { AuditItem, Site, UserRecord } from '../api/types.ts';
import { clear, h, keepingInput } from '../dom.ts';
import { fmtDateTime, t, tOr } from '../i18n/index.ts';
import { createMaintenanceSection, type MaintenanceSection } from './maintenance-section.ts';
import { recordName } from './names.ts';
import { sharePageUrl } from './site-history.ts';
import { createTokensSection } from './tokens-section.ts';

export type AccountView = { show(): Promise<void>; rerender(): void };

const ROLES = ['admin', 'planner', 'partner', 'site'] as const;

/** A password to hand over once: 16 characters from an alphabet without look-alikes. */
export function newPassword(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...random(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

type Note = { kind: 'ok' | 'bad'; text: () => string } | null;

export function createAccountView(root: HTMLElement, opts: { isAdmin: boolean; email: string; role: string }): AccountView {
  let users: UserRecord[] = [];
  let audit: AuditItem[] = [];
  let regions = new Map<string, RegionName>();
  let passwordNote: Note = null;
  let usersNote: Note = null;
  /** A password just set or generated, shown once next to its user. */
  let handOver: { email: string; password: string } | null = null;
  let loadFailure: unknown = null;
  let sites: Site[] = [];
  let importNote: { kind: 'ok' | 'bad'; text: () => string; rows: Array<{ row?: number; field?: string }> } | null = null;
  const tokens = createTokensSection({ role: opts.role, onChange: () => render() });
  /** Maintenance windows of the sites whose panel is open, by site id. */
  const maintenance = new Map<string, MaintenanceSection>();

  async function toggleMaintenance(siteId: string) {
    if (maintenance.delete(siteId)) return render();
    const m = createMaintenanceSection(siteId, () => render());
    maintenance.set(siteId, m);
    render();
    await m.load();
    render();
  }

  async function show() {
    render();
    await tokens.load();
    render();
    if (!opts.isAdmin) return;
    try {
      const [u, a, st] = await Promise.all([api.users(), api.audit(50), api.sites()]);
      users = u.items;
      audit = a.items;
      sites = st.items;
      loadFailure = null;
    } catch (e) {
      loadFailure = e;
    }
    regions = await regionNames('admin1').catch(() => regions);
    render();
  }

  async function changePassword(form: HTMLFormElement) {
    const data = new FormData(form);
    const next = String(data.get('new') ?? '');
    if (next !== String(data.get('repeat') ?? '')) {
      passwordNote = { kind: 'bad', text: () => t('account.mismatch') };
      return render();
    }
    try {
      await api.changePassword(String(data.get('current') ?? ''), next);
      form.reset();
      passwordNote = { kind: 'ok', text: () => t('account.passwordChanged') };
    } catch (e) {
      passwordNote = { kind: 'bad', text: () => errorText(e, 'edit') };
    }
    render();
  }

  async function createUser(form: HTMLFormElement) {
    const data = new FormData(form);
    const role = String(data.get('role'));
    const ids = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
    try {
      const res = await api.createUser({
        email: String(data.get('email') ?? ''), role, displayName: String(data.get('displayName') ?? '') || null,
        regions: role === 'partner' ? data.getAll('regions').map(String) : [],
        siteIds: role === 'site' ? ids(String(data.get('siteIds') ?? '')) : [],
      });
      handOver = res.password ? { email: res.user.email, password: res.password } : null;
      form.reset();
      usersNote = { kind: 'ok', text: () => t('account.created') };
      await show();
    } catch (e) {
      const taken = e instanceof ApiFailure && e.status === 409 && e.details.some((d) => d.field === 'email');
      usersNote = { kind: 'bad', text: () => (taken ? t('account.emailTaken') : errorText(e, 'edit')) };
      render();
    }
  }

  async function change(u: UserRecord, c: { disabled?: boolean; password?: string }) {
    try {
      await api.updateUser(u.id, c);
      if (c.password) handOver = { email: u.email, password: c.password };
      usersNote = { kind: 'ok', text: () => t('account.saved') };
      await show();
    } catch (e) {
      usersNote = { kind: 'bad', text: () => errorText(e, 'edit') };
      render();
    }
  }

  async function importCsv(text: string, form: HTMLFormElement) {
    try {
      const res = await api.importSites(text);
      form.reset();
      importNote = { kind: 'ok', text: () => t('account.imported', { n: res.imported }), rows: [] };
      await show();
    } catch (e) {
      const rows = e instanceof ApiFailure ? e.details.filter((d) => d.row !== undefined) : [];
      importNote = { kind: 'bad', text: () => (rows.length ? t('account.importRows', { n: rows.length }) : errorText(e, 'edit')), rows };
      render();
    }
  }

  async function renew(site: Site) {
    try {
      await api.renewShareLink(site.id);
      usersNote = { kind: 'ok', text: () => t('account.linkRenewed') };
      await show();
    } catch (e) {
      usersNote = { kind: 'bad', text: () => errorText(e, 'edit') };
      render();
    }
  }

  const note = (n: Note) => (n ? h('p', { role: n.kind === 'bad' ? 'alert' : 'status', class: n.kind }, n.text()) : null);
  const regionLabel = (id: string) => {
    const r = regions.get(id);
    return r ? recordName(r as unknown as Record<string, unknown>) : id;
  };

  /** Re-renders keep half-typed fields: data (tokens, users, regions) can arrive while someone types. */
  const render = () => keepingInput(root, draw);

  function draw() {
    const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
    const own = h('section', { 'aria-labelledby': 'account-own' },
      h('h2', { id: 'account-own' }, t('account.title')),
      h('p', {}, opts.email, ' · ', tOr(`role.${opts.role}`, 'role.unknown')),
      h('form', {
        class: 'account-password', 'aria-labelledby': 'account-password-title',
        onsubmit: (e: Event) => { e.preventDefault(); void changePassword(e.target as HTMLFormElement); },
      },
      h('h3', { id: 'account-password-title' }, t('account.changePassword')),
      field('pw-current', t('account.currentPassword'), h('input', { id: 'pw-current', name: 'current', type: 'password', autocomplete: 'current-password', required: true })),
      field('pw-new', t('account.newPassword'), h('input', { id: 'pw-new', name: 'new', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 })),
      field('pw-repeat', t('account.repeatPassword'), h('input', { id: 'pw-repeat', name: 'repeat', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 })),
      h('p', { class: 'muted small' }, t('account.passwordRule')),
      note(passwordNote),
      h('button', { type: 'submit', class: 'primary' }, t('account.changePassword'))),
    tokens.render());
    if (!opts.isAdmin) return clear(root, own);

    const regionOptions = [...regions.values()].map((r) => h('option', { value: r.id }, recordName(r as unknown as Record<string, unknown>)));
    const create = h('form', {
      class: 'account-create', 'aria-labelledby': 'account-create-title',
      onsubmit: (e: Event) => { e.preventDefault(); void createUser(e.target as HTMLFormElement); },
    },
    h('h3', { id: 'account-create-title' }, t('account.newUser')),
    field('user-email', t('login.email'), h('input', { id: 'user-email', name: 'email', required: true, autocomplete: 'off' })),
    field('user-name', t('account.displayName'), h('input', { id: 'user-name', name: 'displayName', autocomplete: 'off' })),
    field('user-role', t('account.role'), h('select', { id: 'user-role', name: 'role' }, ...ROLES.map((r) => h('option', { value: r, selected: r === 'planner' }, t(`role.${r}`))))),
    field('user-regions', t('account.regions'), h('select', { id: 'user-regions', name: 'regions', multiple: true, size: 5 }, ...regionOptions)),
    field('user-sites', t('account.sites'), h('input', { id: 'user-sites', name: 'siteIds', autocomplete: 'off', placeholder: 'KZ-0001, KZ-0002' })),
    h('p', { class: 'muted small' }, t('account.scopeHint')),
    h('button', { type: 'submit', class: 'primary' }, t('account.create')));

    const list = h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table users', 'data-testid': 'users' },
      h('caption', {}, t('account.users')),
      h('thead', {}, h('tr', {}, ...['login.email', 'account.role', 'account.scope', 'account.lastLogin', 'account.actions'].map((k) => h('th', { scope: 'col' }, t(k as 'login.email'))))),
      h('tbody', {}, ...users.map((u) => h('tr', { class: u.disabledAt ? 'muted' : '' },
        h('th', { scope: 'row' }, u.email, u.disabledAt ? h('small', {}, ` (${t('account.disabled')})`) : null),
        h('td', {}, tOr(`role.${u.role}`, 'role.unknown')),
        h('td', {}, [...u.regions.map(regionLabel), ...u.siteIds].join(', ') || '—'),
        h('td', {}, u.lastLoginAt ? fmtDateTime(u.lastLoginAt) : '—'),
        h('td', {},
          // One's own account is not disabled from here (the server refuses it too).
          u.email === opts.email ? null : h('button', { type: 'button', class: 'link', onclick: () => void change(u, { disabled: !u.disabledAt }) }, t(u.disabledAt ? 'account.enable' : 'account.disable')),
          ' ',
          h('button', { type: 'button', class: 'link', onclick: () => void change(u, { password: newPassword() }) }, t('account.resetPassword'))))))));

    const log = h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table audit', 'data-testid': 'audit' },
      h('caption', {}, t('account.audit')),
      h('thead', {}, h('tr', {}, ...['account.when', 'account.who', 'account.what', 'account.target'].map((k) => h('th', { scope: 'col' }, t(k as 'account.when'))))),
      h('tbody', {}, ...audit.map((a) => h('tr', {}, h('td', {}, fmtDateTime(a.at)), h('td', {}, a.actor), h('td', {}, a.action), h('td', {}, a.target ?? '—'))))));

    const csvInput = h('textarea', { id: 'sites-csv', rows: 4, placeholder: 'id,name,host,port,snmp_version,community,facility_id,…' });
    const monitored = h('section', { 'aria-labelledby': 'account-sites' },
      h('h3', { id: 'account-sites' }, t('account.sites.title')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table', 'data-testid': 'admin-sites' },
        h('thead', {}, h('tr', {}, ...['account.siteId', 'account.siteName', 'filters.status', 'account.shareLink'].map((k) => h('th', { scope: 'col' }, t(k as 'filters.status'))))),
        h('tbody', {}, ...sites.flatMap((x) => {
          const url = sharePageUrl(x);
          const open = maintenance.get(x.id);
          const row = h('tr', {}, h('th', { scope: 'row' }, x.id), h('td', {}, x.facilityName ?? x.name), h('td', {}, tOr(`status.${x.status}`, 'status.unknown')),
            h('td', {}, url ? h('a', { href: url, target: '_blank', rel: 'noopener' }, '/s/…') : '—', ' ',
              h('button', { type: 'button', class: 'link', onclick: () => void renew(x) }, t('account.renewLink')), ' ',
              h('button', {
                type: 'button', class: 'link', 'aria-expanded': open ? 'true' : 'false',
                'aria-label': t('maintenance.titleFor', { site: x.id }), onclick: () => void toggleMaintenance(x.id),
              }, t('maintenance.title'))));
          return open ? [row, h('tr', { class: 'maintenance-row' }, h('td', { colspan: 4 }, open.render()))] : [row];
        })))),
      h('form', {
        class: 'sites-import', onsubmit: (e: Event) => { e.preventDefault(); void importCsv(csvInput.value, e.target as HTMLFormElement); },
      },
      h('label', { for: 'sites-csv' }, t('account.importCsv')),
      h('input', {
        type: 'file', accept: '.csv,text/csv', 'aria-label': t('account.importCsv'),
        onchange: async (e: Event) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          if (f) csvInput.value = await f.text();
        },
      }),
      csvInput,
      importNote ? h('div', { role: importNote.kind === 'bad' ? 'alert' : 'status', class: importNote.kind, 'data-testid': 'import-result' },
        importNote.text(),
        importNote.rows.length ? h('ul', {}, ...importNote.rows.slice(0, 20).map((r) => h('li', {}, t('account.importRow', { row: r.row ?? '?', field: r.field ?? '—' })))) : null) : null,
      h('button', { type: 'submit' }, t('account.import'))));

    clear(root, own,
      h('section', { 'aria-labelledby': 'account-admin' },
        h('h2', { id: 'account-admin' }, t('account.admin')),
        loadFailure ? h('p', { role: 'alert' }, errorText(loadFailure)) : null,
        note(usersNote),
        handOver ? h('p', { class: 'hand-over', 'data-testid': 'hand-over' }, t('account.handOver', { email: handOver.email }), ' ', h('code', {}, handOver.password)) : null,
        create,
        list,
        monitored,
        log));
  }

  return { show, rerender: render };
}
