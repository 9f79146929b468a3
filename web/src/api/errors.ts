// Every failure the user sees is a sentence in their language: the API's error code (or, failing
// that, the HTTP status) picks the message; the server's English text is never shown.
import { fmtDuration, t, type MessageKey } from '../i18n/index.ts';
import { PARAM_FIELDS } from '../panels/scenario-params.ts';
import { ApiFailure, NotAvailable } from './client.ts';

/** Fields the server names in its details, as the forms label them (unknown ones keep their code). */
const FIELD_LABELS: Record<string, MessageKey> = {
  email: 'login.email',
  currentPassword: 'account.currentPassword',
  newPassword: 'account.newPassword',
  budgetKzt: 'plans.budgetKzt',
  description: 'plans.description',
  displayName: 'account.displayName',
  role: 'account.role',
  regions: 'account.regions',
  siteIds: 'account.sites',
  startsAt: 'maintenance.start',
  endsAt: 'maintenance.end',
  reason: 'maintenance.reason',
  days: 'tokens.lifetime',
};

export function fieldLabel(field: string): string {
  const f = field.replace(/^(body|query)\./, '');
  const param = f.replace(/^params\./, '');
  const key = FIELD_LABELS[f] ?? PARAM_FIELDS.find((p) => p.key === param)?.label;
  return key ? t(key) : f;
}

/** What the user was trying to do, so a refusal can say "your account cannot run plans". */
export type Action = 'run' | 'edit' | 'view' | 'signIn' | 'export';

const BY_CODE: Record<string, MessageKey> = {
  authentication_required: 'err.signedOut',
  invalid_credentials: 'login.failed',
  session_required: 'err.sessionRequired',
  csrf: 'err.csrf',
  scenario_not_found: 'err.scenarioNotFound',
  scenario_exists: 'err.scenarioExists',
  run_not_found: 'err.runNotFound',
  spatial_parameters_differ: 'err.spatialParametersDiffer',
  invalid_parameters: 'err.invalidParameters',
  invalid_input: 'err.invalidInput',
  bad_request: 'err.invalidInput',
  malformed_json: 'err.invalidInput',
  payload_too_large: 'err.tooLarge',
  uri_too_long: 'err.tooLong',
  no_fibre_facilities: 'err.noTrench',
  secret_key: 'err.serverSetup',
  network: 'err.network',
  time_budget_exceeded: 'err.timeBudget',
};

const FORBIDDEN: Record<Action, MessageKey> = {
  run: 'err.forbidden.run',
  edit: 'err.forbidden.edit',
  view: 'err.forbidden.view',
  signIn: 'err.forbidden.view',
  export: 'err.forbidden.view',
};

function byStatus(status: number): MessageKey {
  if (status === 401) return 'err.signedOut';
  if (status === 404) return 'err.notFound';
  if (status === 409) return 'err.conflict';
  if (status === 413) return 'err.tooLarge';
  if (status === 414 || status === 431) return 'err.tooLong';
  if (status === 503) return 'err.unavailable';
  if (status >= 500) return 'err.server';
  if (status >= 400) return 'err.invalidInput';
  return 'err.network';
}

/** How long to wait, in words: "42 с", "15 мин". */
const waitText = (seconds: number) => (seconds < 60 ? t('common.seconds', { n: Math.ceil(seconds) }) : fmtDuration(seconds * 1000));

/** "Try again in 15 min" from the server's Retry-After; a sign-in throttle says more. */
export function retryText(seconds: number | null, code = 'rate_limited'): string {
  if (seconds === null || !Number.isFinite(seconds)) return t('err.rateLimited');
  if (code === 'login_throttled') return t('err.loginThrottled', { time: waitText(seconds) });
  return t('err.rateLimitedIn', { time: waitText(seconds) });
}

/** A translated sentence for any failure; `action` sharpens permission errors. */
export function errorText(e: unknown, action: Action = 'view'): string {
  if (e instanceof NotAvailable) return t('err.notAvailable');
  if (!(e instanceof ApiFailure)) return t('err.unexpected');
  if (e.status === 429) return retryText(e.retryAfterS, e.code);
  if (e.status === 403 && (e.code === 'forbidden' || !(e.code in BY_CODE))) return t(FORBIDDEN[action]);
  const key = BY_CODE[e.code] ?? byStatus(e.status);
  if (key === 'err.invalidInput' || key === 'err.invalidParameters') {
    const fields = [...new Set(e.details.map((d) => d.field).filter((f): f is string => !!f))];
    if (fields.length) return `${t(key)} (${fields.slice(0, 5).map(fieldLabel).join(', ')})`;
  }
  return t(key);
}
