// Every API failure becomes a sentence in the user's language (issue 13): permission errors say
// what the account cannot do, a lock-out says when to try again, no English server text leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFailure, NotAvailable } from '../../web/src/api/client.ts';
import { errorText } from '../../web/src/api/errors.ts';
import { setLang } from '../../web/src/i18n/index.ts';
import { kk } from '../../web/src/i18n/kk.ts';
import { ru } from '../../web/src/i18n/ru.ts';

beforeAll(() => {
  // setLang marks <html lang>; a bare stand-in is enough here.
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  (globalThis as { localStorage?: unknown }).localStorage ??= { setItem() {}, getItem: () => null };
});

const forbidden = new ApiFailure(403, 'forbidden', 'the partner role may not POST /api/scenarios/:name/run');

describe('errorText', () => {
  it('says what the account cannot do, per action, in ru, kk and en', () => {
    setLang('ru');
    expect(errorText(forbidden, 'run')).toBe('Ваша учётная запись не может запускать расчёт планов.');
    setLang('kk');
    expect(errorText(forbidden, 'run')).toBe('Сіздің есептік жазбаңыз жоспарларды есептей алмайды.');
    setLang('en');
    expect(errorText(forbidden, 'run')).toBe('Your account cannot run plans.');
    expect(errorText(forbidden, 'view')).toBe('Your account cannot see this.');
  });

  it('tells a locked-out person when to try again', () => {
    setLang('ru');
    expect(errorText(new ApiFailure(429, 'rate_limited', 'too many failed sign-ins', [], 900))).toBe('Слишком много попыток. Повторите через 15 мин.');
    expect(errorText(new ApiFailure(429, 'account_locked', 'locked', [], 42))).toBe('Слишком много попыток. Повторите через 42 с.');
    expect(errorText(new ApiFailure(429, 'rate_limited', 'too many', [], null))).toBe('Слишком много попыток. Повторите позже.');
    expect(errorText(new ApiFailure(429, 'login_throttled', 'wait 4 s', [], 4))).toMatch(/^Слишком много неудачных попыток входа под этим логином отсюда\. Повторите через 4 с /);
  });

  it('maps codes first, then statuses, and never shows the server message', () => {
    setLang('en');
    const cases: Array<[ApiFailure, string]> = [
      [new ApiFailure(404, 'scenario_not_found', "scenario 'default' not found"), 'This scenario no longer exists. Reload the page.'],
      [new ApiFailure(409, 'scenario_exists', 'exists'), 'A scenario with this name already exists. Choose another name.'],
      [new ApiFailure(401, 'authentication_required', 'sign in'), 'Your session has ended. Sign in again.'],
      [new ApiFailure(431, 'http_error', 'HTTP 431'), 'The request is too long. Shorten the search.'],
      [new ApiFailure(500, 'internal', 'internal error; see the server log'), 'The server failed. Try again; if it repeats, tell the administrator.'],
      [new ApiFailure(502, 'http_error', 'HTTP 502'), 'The server failed. Try again; if it repeats, tell the administrator.'],
      [new ApiFailure(0, 'network', 'Failed to fetch'), 'The server cannot be reached. Check the connection; the page tries again.'],
    ];
    for (const [e, text] of cases) expect(errorText(e)).toBe(text);
    expect(errorText(new NotAvailable('/api/ppp'))).toBe('Not available on this server.');
    expect(errorText(new TypeError('x is undefined'))).toBe('Something went wrong. Reload the page.');
  });

  it('names the fields a validation error is about', () => {
    setLang('ru');
    const e = new ApiFailure(400, 'invalid_parameters', 'bad', [{ field: 'params.planning.fibre.perKmUsd', message: 'Too small' }]);
    // The field as the editor labels it, not the server's English path.
    expect(errorText(e)).toBe(`Некоторые параметры недопустимы (${ru['param.fibrePerKm']})`);
    setLang('kk');
    expect(errorText(new ApiFailure(400, 'invalid_input', 'invalid body', [{ field: 'endsAt', message: 'endsAt must be after startsAt' }, { field: 'email', message: 'x' }])))
      .toBe(`${kk['err.invalidInput']} (${kk['maintenance.end']}, ${kk['login.email']})`);
    // A field the app has no label for keeps its code rather than vanish.
    setLang('ru');
    expect(errorText(new ApiFailure(400, 'invalid_input', 'bad', [{ field: 'body.somethingNew', message: 'x' }]))).toBe('Некоторые значения недопустимы (somethingNew)');
  });
});
