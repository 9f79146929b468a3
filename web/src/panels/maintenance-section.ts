// Maintenance windows of one monitored site (account menu → monitored sites, administrators: the
// access policy lets only them change sites): list, add, delete. A window is left out of the
// availability figures and silences alerts; windows for every site are listed but not deleted here.
import { api } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import type { MaintenanceWindow } from '../api/types.ts';
import { h } from '../dom.ts';
import { fmtDateTime, t } from '../i18n/index.ts';

/**
 * A `datetime-local` value ("2026-12-01T09:30", the browser's own clock) as an ISO instant, or null
 * when it is not a complete date and time.
 */
export function localInputToIso(value: string, offsetMinutes?: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, hh, mm, ss] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (offsetMinutes === undefined) {
    const local = new Date(y, mo - 1, d, hh, mm, ss);
    return Number.isNaN(local.getTime()) || local.getMonth() !== mo - 1 ? null : local.toISOString();
  }
  // An explicit offset (minutes east of UTC, as +300 for Kazakhstan) makes the result independent of the browser.
  const utc = Date.UTC(y, mo - 1, d, hh, mm, ss) - offsetMinutes * 60_000;
  return new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1 ? null : new Date(utc).toISOString();
}

export type MaintenanceSection = { load(): Promise<void>; render(): HTMLElement };

export function createMaintenanceSection(siteId: string, onChange: () => void): MaintenanceSection {
  let windows: MaintenanceWindow[] = [];
  let failure: unknown = null;
  let note: { kind: 'ok' | 'bad'; text: () => string } | null = null;
  const idPart = siteId.replace(/[^A-Za-z0-9_-]/g, '_');

  async function load() {
    try {
      windows = await api.maintenance(siteId);
      failure = null;
    } catch (e) {
      failure = e;
    }
  }

  async function add(form: HTMLFormElement) {
    const data = new FormData(form);
    const startsAt = localInputToIso(String(data.get('startsAt') ?? ''));
    const endsAt = localInputToIso(String(data.get('endsAt') ?? ''));
    const reason = String(data.get('reason') ?? '').trim();
    if (!startsAt || !endsAt) note = { kind: 'bad', text: () => t('maintenance.badTime') };
    else if (Date.parse(endsAt) <= Date.parse(startsAt)) note = { kind: 'bad', text: () => t('maintenance.endBeforeStart') };
    else {
      try {
        await api.addMaintenance(siteId, { startsAt, endsAt, ...(reason ? { reason } : {}) });
        note = { kind: 'ok', text: () => t('maintenance.added') };
        form.reset();
        await load();
      } catch (e) {
        note = { kind: 'bad', text: () => errorText(e, 'edit') };
      }
    }
    onChange();
  }

  async function remove(w: MaintenanceWindow) {
    try {
      await api.deleteMaintenance(siteId, w.id);
      note = { kind: 'ok', text: () => t('maintenance.deleted') };
      await load();
    } catch (e) {
      note = { kind: 'bad', text: () => errorText(e, 'edit') };
    }
    onChange();
  }

  function render(): HTMLElement {
    const field = (name: string, label: string, input: HTMLElement) =>
      h('div', { class: 'field' }, h('label', { for: `mw-${name}-${idPart}` }, label), input);
    const list = windows.length
      ? h('ul', { class: 'maintenance-list', 'data-testid': `maintenance-${siteId}` }, ...windows.map((w) => h('li', {},
        `${fmtDateTime(w.startsAt)} — ${fmtDateTime(w.endsAt)}`,
        w.reason ? h('span', { class: 'muted' }, ` · ${w.reason}`) : null,
        w.siteId === null ? h('span', { class: 'muted small' }, ` · ${t('maintenance.allSites')}`) : null,
        ' ',
        w.siteId === null ? null : h('button', {
          type: 'button', class: 'link', 'aria-label': t('maintenance.deleteNamed', { from: fmtDateTime(w.startsAt) }), onclick: () => void remove(w),
        }, t('maintenance.delete')))))
      : h('p', { class: 'muted small' }, t('maintenance.none'));
    return h('div', { class: 'maintenance', role: 'group', 'aria-label': t('maintenance.titleFor', { site: siteId }) },
      h('p', { class: 'muted small' }, t('maintenance.intro')),
      failure ? h('p', { role: 'alert', class: 'bad' }, errorText(failure)) : null,
      list,
      h('form', {
        class: 'maintenance-new', onsubmit: (e: Event) => { e.preventDefault(); void add(e.target as HTMLFormElement); },
      },
      field('start', t('maintenance.start'), h('input', { id: `mw-start-${idPart}`, name: 'startsAt', type: 'datetime-local', required: true })),
      field('end', t('maintenance.end'), h('input', { id: `mw-end-${idPart}`, name: 'endsAt', type: 'datetime-local', required: true })),
      field('reason', t('maintenance.reason'), h('input', { id: `mw-reason-${idPart}`, name: 'reason', maxlength: 500, autocomplete: 'off' })),
      note ? h('p', { role: note.kind === 'bad' ? 'alert' : 'status', class: note.kind }, note.text()) : null,
      h('button', { type: 'submit' }, t('maintenance.add'))));
  }

  return { load, render };
}
