// Sign-in: the API answers 401 until a session cookie exists (POST /api/auth/login). A server
// without accounts (no /api/auth/me route) needs no sign-in at all.
import { ApiFailure, NotAvailable, failureOf, send } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import { clear, h } from '../dom.ts';
import { LANGS, LANG_NAMES, lang, onLangChange, setLang, t, type Lang } from '../i18n/index.ts';

export type Role = 'admin' | 'planner' | 'partner' | 'site';
export type Me = {
  user?: { email?: string; displayName?: string | null } | null;
  role?: Role | string;
  scope?: { regions?: string[]; siteIds?: string[] };
} | null;

/** Who is signed in: a Me, null when nobody is (401), or 'open' when the server has no accounts. */
export async function whoAmI(): Promise<Me | 'open'> {
  const res = await send('/api/auth/me', { headers: { accept: 'application/json' } });
  if (res.status === 401) return null;
  if (res.status === 404) return 'open';
  if (!res.ok) throw await failureOf(res);
  return (await res.json()) as Me;
}

const ROLE_HINT = 'baylanys.role';

/**
 * The role signed in on this browser last time: a hint, never trusted for access (the server decides),
 * that lets the app ask for its code and first data alongside the session check instead of after it.
 */
export function rememberedRole(): string | null {
  try {
    return localStorage.getItem(ROLE_HINT);
  } catch {
    return null;
  }
}

export function rememberRole(role: string | null): void {
  try {
    if (role) localStorage.setItem(ROLE_HINT, role);
    else localStorage.removeItem(ROLE_HINT);
  } catch {
    /* storage disabled: no head start next time */
  }
}

export async function signOut(): Promise<void> {
  rememberRole(null);
  await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  location.reload();
}

/** Shows the sign-in form in `root` and resolves once the server accepted the login. */
export function showSignIn(root: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    let failed: (() => string) | null = null;
    let busy = false;
    let email = '';
    const render = () => {
      const form = h('form', {
        class: 'sign-in', 'aria-labelledby': 'sign-in-title',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const data = new FormData(e.target as HTMLFormElement);
          email = String(data.get('email') ?? '');
          busy = true;
          render();
          try {
            const res = await send('/api/auth/login', {
              method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
              body: JSON.stringify({ email, password: String(data.get('password') ?? '') }),
            });
            busy = false;
            if (res.ok) {
              off();
              resolve();
              return;
            }
            // 401: wrong login or password; 429: locked out for a while (says until when); others as they are.
            const f = await failureOf(res);
            failed = res.status === 401 ? () => t('login.failed') : () => errorText(f, 'signIn');
          } catch (err) {
            busy = false;
            failed = () => errorText(err, 'signIn');
          }
          render();
        },
      },
      h('h1', { id: 'sign-in-title' }, `Baylanys — ${t('login.title')}`),
      h('p', { class: 'muted' }, t('login.required')),
      h('div', { class: 'field' }, h('label', { for: 'sign-in-email' }, t('login.email')),
        h('input', { id: 'sign-in-email', name: 'email', type: 'text', autocomplete: 'username', required: true, value: email })),
      h('div', { class: 'field' }, h('label', { for: 'sign-in-password' }, t('login.password')),
        h('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
      failed ? h('p', { role: 'alert', class: 'bad', 'data-testid': 'sign-in-error' }, failed()) : null,
      h('button', { type: 'submit', class: 'primary', disabled: busy }, t('login.submit')),
      h('nav', { class: 'lang-switch', 'aria-label': t('lang.label') }, ...LANGS.map((l: Lang) =>
        h('button', { type: 'button', lang: l, 'aria-pressed': l === lang() ? 'true' : 'false', onclick: () => setLang(l) }, LANG_NAMES[l]))));
      clear(root, form);
      (root.querySelector(failed ? '#sign-in-password' : '#sign-in-email') as HTMLInputElement | null)?.focus();
    };
    const off = onLangChange(render);
    render();
  });
}
