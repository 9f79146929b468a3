// Each user's day in headless Chromium against the real server and the bundled data (issue 13):
// a fund manager creates a scenario on a fresh server, runs it twice, compares and downloads;
// a telecom partner reads its regions' plan and the PPP view and cannot run; a school's IT person
// sees only their link, with no raw permission error, and the school page follows an outage
// without a reload. Screenshots go to test-results/screenshots (CI artifacts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollSample } from '../../server/src/monitoring/poll-sample.ts';
import { recordSamples } from '../../server/src/monitoring/store.ts';
import { createUser } from '../support/auth.ts';
import { SCREENSHOTS, chromiumPath, startHarness, waitForMapIdle, type Harness } from './harness.ts';

const chromium = chromiumPath();
let hx: Harness;
const SITE = 'e2e-role-site';
const QUIET = 'e2e-never-polled';
let partnerRegion: string;
let otherRegion: string;
let shareToken: string;
let quietToken: string;
const users: Record<'planner' | 'partner' | 'site' | 'lockout', { email: string; password: string }> = {} as never;
let pollNo = 0;

function poll(outcome: PollSample['outcome'], at: number): PollSample {
  pollNo += 1;
  return {
    sampleId: `e2e-role-${pollNo}`, siteId: SITE, polledAt: at, outcome, rttMs: outcome === 'unreachable' ? null : 12,
    sysUpTime: 100_000 + pollNo * 6000, engineBoots: null, ifIndex: 2,
    ifOperStatus: outcome === 'up' ? 1 : 2, ifAdminStatus: 1,
    inOctets: null, outOctets: null, counterBits: null, ifSpeedMbps: 100, discontinuityTime: null, error: null,
  };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${hx.url}/`);
  await page.locator('#sign-in-email').fill(who.email);
  await page.locator('#sign-in-password').fill(who.password);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.locator('header.topbar').waitFor();
}

/** Visible text of the page that looks like a raw server message (English error prose). */
async function rawErrors(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.split('\n').filter((l) => /may not|not listed|HTTP \d{3}|not found|forbidden|internal error|invalid (body|query)/i.test(l));
}

describe.skipIf(!chromium)('each user in Chromium', () => {
  beforeAll(async () => {
    hx = await startHarness(chromium!);
    await hx.api('POST', '/api/plan/recompute?wait=true', {});
    // The partner's region: the one with the top-ranked gap; another region to stay out of.
    const gaps = await hx.api<{ items: Array<{ facilityId: string; admin1Id: string }> }>('GET', '/api/gaps?limit=1');
    const top = gaps.items[0]!;
    partnerRegion = top.admin1Id;
    const regions = await hx.api<{ items: Array<{ regionId: string; gaps: number }> }>('GET', '/api/regions?level=admin1');
    otherRegion = regions.items.find((r) => r.regionId !== partnerRegion && r.gaps > 0)!.regionId;
    const site = await hx.api<{ site: { shareToken: string } }>('POST', '/api/sites', {
      id: SITE, facilityId: top.facilityId, name: 'E2E link', host: '127.0.0.1', port: 1161,
      snmp: { version: '2c', community: 'e2e-community' }, wan: { ifName: 'eth0' },
      // The suite's scripted polls must stay recent for its whole run: past 3 intervals without a
      // poll a site has "no recent data" (issue 12), so a long interval.
      intervalS: 3600,
      operator: 'Kazakhtelecom', contactPhone: '+7 7172 000 000', slaTarget: 99,
    });
    shareToken = site.site.shareToken;
    const second = (await hx.api<{ items: Array<{ facilityId: string }> }>('GET', `/api/gaps?region=${partnerRegion}&limit=2`)).items[1]!;
    const quiet = await hx.api<{ site: { shareToken: string } }>('POST', '/api/sites', {
      id: QUIET, facilityId: second.facilityId, name: 'E2E quiet link', host: '127.0.0.1', port: 1162,
      snmp: { version: '2c', community: 'e2e-community' }, wan: { ifName: 'eth0' }, slaTarget: 99,
    });
    quietToken = quiet.site.shareToken;
    const now = Date.now();
    await recordSamples(hx.db, [poll('up', now - 180_000), poll('up', now - 120_000), poll('up', now - 60_000)]);
    const accounts: Array<[keyof typeof users, 'planner' | 'partner' | 'site', { regions?: string[]; siteIds?: string[] }]> = [
      ['planner', 'planner', {}], ['partner', 'partner', { regions: [partnerRegion] }],
      ['site', 'site', { siteIds: [SITE, QUIET] }], ['lockout', 'planner', {}],
    ];
    for (const [key, role, scope] of accounts) {
      const u = await createUser(hx.db, role, scope);
      users[key] = { email: u.email, password: u.password };
    }
  });
  afterAll(async () => hx?.close());

  it('fund manager: creates the first scenario, runs it twice, compares, reloads and downloads', async () => {
    const { page, context } = await hx.newPage({ signIn: false });
    await signIn(page, users.planner);
    await page.getByRole('tab', { name: 'Планы' }).click();
    // A fresh server has no scenario: the editor opens with the documented defaults.
    await page.locator('#scenario-name').waitFor();
    expect(await page.locator('#param-planning-finance-kztPerUsd').inputValue()).toMatch(/^\d+/);
    expect(await page.locator('.scenario-editor').innerText()).toMatch(/источник/);
    await page.locator('#scenario-name').fill('фонд-2026');
    // The budget is typed in tenge, no slider and no maximum.
    await page.locator('#scenario-budget').fill('50 000 000 000 000');
    expect(await page.locator('#scenario-budget-hint').innerText()).toMatch(/50\s000\s000\s000\s000\s₸/);
    await page.locator('#scenario-budget').fill('3 000 000 000');
    await shot(page, 'manager-editor-ru');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('#plan-run').waitFor();
    await page.locator('#plan-run').click({ noWaitAfter: true }); // the result below proves the run; a busy renderer stalled Playwright's post-click wait
    await page.locator('[data-testid="plan-percentiles"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="plan-cost"]').innerText()).toMatch(/₸$/);
    expect(await page.locator('[data-testid="plan-by-region"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="plan-by-kind"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('ol.chosen li').count()).toBeGreaterThan(0);
    // A second run under another budget, then the two compared.
    await page.locator('#plan-budget').fill('1 000 000 000');
    await page.locator('#plan-run').click({ noWaitAfter: true }); // the result below proves the run; a busy renderer stalled Playwright's post-click wait
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-list"] li').length === 2, undefined, { timeout: 120_000 });
    await page.locator('#plan-compare').selectOption({ index: 1 });
    await page.locator('[data-testid="compare-table"]').waitFor();
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(5);
    await shot(page, 'manager-plans-ru');
    // Runs survive a reload: listed from the server, the latest shown.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-list"] li').length === 2, undefined, { timeout: 60_000 });
    await page.locator('[data-testid="plan-result"]').waitFor();
    // CSV in the user's language, with a BOM and ';' for Excel ru/kk.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="plan-csv"]').click()]);
    const csvBytes = await readFile((await csv.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.toString('utf8');
    expect(csvText.split('\r\n')[0]).toBe('\ufeffОчерёдность;Код объекта;Название;Тип;Регион;Технология;Стоимость, ₸;P10, ₸;P50, ₸;P90, ₸;Получатели пользы');
    expect(csvText.split('\r\n')[1]).toMatch(/^1;[^;]+;[^;]*;(школа|.+);/);
    // GeoJSON is GeoJSON; the printable report opens in Russian.
    const geojsonHref = await page.locator('[data-testid="plan-geojson"]').getAttribute('href');
    const gj = await page.evaluate(async (u) => (await fetch(u!)).json(), geojsonHref);
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.features.length).toBeGreaterThan(0);
    const reportHref = await page.locator('[data-testid="plan-report"]').getAttribute('href');
    expect(reportHref).toMatch(/report\.html\?run=\d+&lang=ru/);
    const report = await page.evaluate(async (u) => { const r = await fetch(u!); return { status: r.status, type: r.headers.get('content-type') }; }, reportHref);
    expect(report).toEqual({ status: 200, type: expect.stringMatching(/text\/html/) });
    // A copy of the scenario, then deleted after a question; the original and its runs stay.
    await page.locator('#scenario-duplicate').click();
    await page.locator('#scenario-name').fill('фонд-копия');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForFunction(() => (document.querySelector('#plan-scenario') as HTMLSelectElement | null)?.value === 'фонд-копия');
    await page.locator('#scenario-delete').click();
    expect(await page.locator('#scenario-delete-question').innerText()).toMatch(/Удалить сценарий «фонд-копия»/);
    await page.locator('#scenario-delete-yes').click();
    await page.getByText('Сценарий «фонд-копия» удалён.').waitFor();
    expect(await page.locator('#plan-scenario option').allInnerTexts()).toEqual(['фонд-2026']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-list"] li').length === 2, undefined, { timeout: 60_000 });
    await page.locator('[data-testid="plan-result"]').waitFor();
    // In Kazakh: the app's own formats, not the browser's ("₸ 799,249", "799.2K", "2026 M11 30").
    await page.selectOption('#lang', 'kk');
    const kkText = await page.locator('#view-plans').innerText();
    expect(kkText).toMatch(/(мың|млн|млрд)\s₸/);
    expect(kkText).not.toMatch(/₸[ \u00a0]?\d|\d(\.\d)?[KMB]\b|M\d{1,2}\b/);
    expect(kkText).toMatch(/\d{4}\sж\.\s\d{1,2}\s(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)/);
    // No English left in the Kazakh view: Latin words are only names and formats (P50, CSV, GeoJSON…).
    // 'English' is the language switch naming itself; 'i' the attribution button.
    const ALLOWED_LATIN = new Set(['P10', 'P50', 'P90', 'CSV', 'GeoJSON', 'Excel', 'LTE', '4G', 'Baylanys', 'SLA', 'English', 'i']);
    const latin = [...new Set((await page.locator('body').innerText()).match(/\b[A-Za-z][A-Za-z0-9]*\b/g) ?? [])]
      .filter((w) => !ALLOWED_LATIN.has(w) && !/^(P\d+|[A-Z]{2,}\d*)$/.test(w));
    expect(latin.filter((w) => !/OpenStreetMap|contributors|ODbL|Global|Map|of|Kazakhstan|ISCGM|Kartinform|geokz|OCHA|COD|AB|CC|BY|planner|test|baylanys/.test(w))).toEqual([]);
    await shot(page, 'manager-plans-kk');
    expect(await rawErrors(page)).toEqual([]);
    expect(hx.blocked).toEqual([]);
    await context.close();
  }, 240_000); // two scenario runs: minutes on a busy 2-core machine

  it('telecom partner: its regions only, the plan read-only, the PPP view, no Run', async () => {
    const { page, context } = await hx.newPage({ signIn: false });
    await signIn(page, users.partner);
    await page.locator('#ranked-list [role="option"]').first().waitFor();
    // The region filter offers the partner's region only.
    await page.waitForFunction(() => document.querySelectorAll('#filter-region option').length > 1);
    const regionOptions = await page.locator('#filter-region option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(regionOptions).toEqual(['', partnerRegion]);
    // Every row of the list is in that region (the server narrows, the row names the region).
    const rowRegions = await page.evaluate(async () => (await (await fetch('/api/gaps?limit=200')).json()).items.map((i: { admin1Id: string }) => i.admin1Id));
    expect(new Set(rowRegions)).toEqual(new Set([partnerRegion]));
    const outside = await page.evaluate(async (r) => (await (await fetch(`/api/gaps?region=${r}&limit=5`)).json()).total, otherRegion);
    expect(outside).toBe(0);
    await shot(page, 'partner-map-ru');
    // Filters change the map too: the facility layer keeps schools only, the listed matches are ringed.
    await page.selectOption('#filter-kind', 'school');
    await page.waitForFunction(() => {
      const map = (window as unknown as { __map: { getFilter(id: string): unknown; getSource(id: string): unknown } }).__map;
      return JSON.stringify(map.getFilter('facilities')).includes('school') && !!map.getSource('matches');
    }, undefined, { timeout: 30_000 });
    await page.locator('#ranked-list [role="option"]').first().waitFor();
    expect(await page.locator('#ranked-list [role="option"] .meta').first().innerText()).toMatch(/школ/i);
    await shot(page, 'partner-filter-school-ru');
    // The filtered ranking as GeoJSON: schools, in the partner's region only.
    const gjHref = await page.locator('[data-testid="gaps-geojson"]').getAttribute('href');
    expect(gjHref).toContain('kind=school');
    const gaps = await page.evaluate(async (u) => (await fetch(u!)).json(), gjHref);
    expect(gaps.type).toBe('FeatureCollection');
    expect(new Set(gaps.features.map((f: { properties: { kind: string; admin1Id: string } }) => `${f.properties.kind}@${f.properties.admin1Id}`))).toEqual(new Set([`school@${partnerRegion}`]));
    await page.selectOption('#filter-kind', '');
    // The plan, read-only: no editor, no Run; the latest run narrowed to the partner's region.
    await hx.api('POST', '/api/scenarios', { name: 'national', budgetKzt: 5_000_000_000 });
    await hx.api('POST', '/api/scenarios/national/run?wait=true', {});
    await page.getByRole('tab', { name: 'Планы' }).click();
    await page.locator('[data-testid="plan-result"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#plan-run').count()).toBe(0);
    expect(await page.locator('#scenario-new, #scenario-edit').count()).toBe(0);
    await page.locator('[data-testid="plan-scope"]').waitFor();
    const byRegion = await page.locator('[data-testid="plan-by-region"] tbody tr').count();
    expect(byRegion).toBeLessThanOrEqual(1);
    await shot(page, 'partner-plan-ru');
    // The PPP view, narrowed the same way.
    await page.getByRole('tab', { name: 'ГЧП' }).click();
    await page.locator('[data-testid="ppp-table"] tbody tr').first().waitFor({ timeout: 60_000 });
    const pppRegions = await page.locator('#ppp-region option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(pppRegions).toEqual(['', partnerRegion]);
    await page.selectOption('#lang', 'kk');
    await page.getByText('МЖӘ: мобильді интернеті жоқ елді мекендер').waitFor();
    // Its spreadsheet in Kazakh, ';'-separated for Excel (fetch's text() drops the BOM).
    const pppCsvHref = await page.locator('[data-testid="ppp-csv"]').getAttribute('href');
    const pppCsv = await page.evaluate(async (u) => (await fetch(u!)).text(), pppCsvHref);
    expect(pppCsv.split('\r\n')[0]).toMatch(/^Елді мекен;Облыс;Халқы;Ауылда ТОБЖ бар;/);
    expect(pppCsv.split('\r\n')[1]).toMatch(/;(иә|жоқ);/);
    await shot(page, 'partner-ppp-kk');
    // Asked anyway, the server refuses the run; the app would say it in words.
    const refused = await page.evaluate(async () => (await fetch('/api/scenarios/national/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    expect(refused).toBe(403);
    expect(await rawErrors(page)).toEqual([]);
    await context.close();
  });

  it('school IT: own links only, no raw errors, a share link to /s/…, and the page follows an outage', async () => {
    const { page, context } = await hx.newPage({ signIn: false });
    await signIn(page, users.site);
    await page.locator('[data-testid="my-sites"] li').first().waitFor();
    // No planning tabs at all (and no "ranking" in the map tab's name): their links, and their account.
    expect(await page.locator('[role="tab"]').allInnerTexts()).toEqual(['Карта и мои каналы', 'Учётная запись']);
    expect(await page.locator('#ranked-list').count()).toBe(0);
    expect(await page.locator('#legend').innerText()).not.toMatch(/траншеи|Shared trenches/);
    // The never-polled link says one thing: no data yet.
    const quiet = page.locator(`[data-testid="my-sites"] li[data-id="${QUIET}"]`);
    expect(await quiet.innerText()).toContain('Данных пока нет');
    expect(await quiet.innerText()).not.toMatch(/неизвест|0,00/);
    const share = page.locator(`[data-testid="my-sites"] li[data-id="${SITE}"] [data-testid="share-link"]`);
    expect(await share.getAttribute('href')).toBe(`${hx.url}/s/${shareToken}`);
    await page.locator(`[data-testid="my-sites"] li[data-id="${SITE}"] button.site-name`).click();
    await page.locator('#facility-panel .site').waitFor();
    await page.waitForTimeout(1500);
    expect(await rawErrors(page)).toEqual([]);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await shot(page, 'site-ru');
    await page.selectOption('#lang', 'kk');
    await shot(page, 'site-kk');
    // The school page on a phone: up, then down within one refresh, without a reload.
    const school = await hx.newPage({ viewport: { width: 390, height: 844 }, signIn: false });
    await school.page.goto(`${hx.url}/s/${shareToken}`);
    await school.page.locator('[data-testid="status"]').getByText('работает').waitFor();
    const now = Date.now();
    await recordSamples(hx.db, [poll('link_down', now - 20_000), poll('link_down', now - 10_000)]);
    const t0 = Date.now();
    await school.page.locator('[data-testid="status"]').getByText('порт отключён').waitFor({ timeout: 20_000 });
    const shownAfterMs = Date.now() - t0;
    expect(shownAfterMs).toBeLessThan(20_000);
    console.info(`school page showed the outage ${shownAfterMs} ms after it was recorded (refresh every 15 s)`);
    await shot(school.page, 'school-outage-ru');
    // A link never polled: "no data yet", not "unknown", "0,00 % below the contract" and "no outages".
    await school.page.goto(`${hx.url}/s/${quietToken}`);
    await school.page.locator('[data-testid="status"]').getByText('Данных пока нет').waitFor();
    const quietText = await school.page.locator('main').innerText();
    expect(quietText).not.toMatch(/неизвест|0,00|ниже договора|перерывов не было/);
    await school.page.getByRole('button', { name: 'Қазақша' }).click();
    await school.page.getByText('Әзірге дерек жоқ').waitFor();
    await shot(school.page, 'school-nodata-kk');
    // 320 px: nothing wider than the screen.
    await school.page.setViewportSize({ width: 320, height: 640 });
    expect(await school.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await school.context.close();
    await context.close();
  });

  it('administrator: creates a partner account, hands over its password, sees it in the audit log', async () => {
    const { page, context } = await hx.newPage();
    await page.goto(`${hx.url}/account`);
    await page.locator('#user-email').waitFor();
    await page.locator('#user-email').fill('akmola-partner@test.baylanys');
    await page.locator('#user-role').selectOption('partner');
    await page.waitForFunction(() => document.querySelectorAll('#user-regions option').length > 1);
    await page.locator('#user-regions').selectOption([partnerRegion]);
    await page.getByRole('button', { name: 'Создать' }).click();
    const handOver = page.locator('[data-testid="hand-over"] code');
    await handOver.waitFor();
    const password = await handOver.innerText();
    expect(password).toMatch(/^\S{12,}$/);
    const row = page.locator('[data-testid="users"] tbody tr', { hasText: 'akmola-partner@test.baylanys' });
    expect(await row.innerText()).toMatch(/телеком-партнёр/);
    await page.locator('[data-testid="audit"] tbody tr', { hasText: 'user.create' }).first().waitFor();
    // Monitored sites: each with its school page; a CSV import with a bad row names the row, in Russian.
    expect(await page.locator('[data-testid="admin-sites"] tbody tr').count()).toBe(2);
    await page.locator('#sites-csv').fill('id,name\nbad-1,Школа без адреса\n');
    await page.getByRole('button', { name: 'Импортировать' }).click();
    const result = page.locator('[data-testid="import-result"]');
    await result.getByText(/Строка 2: поле/).first().waitFor();
    expect(await result.innerText()).toMatch(/Ничего не импортировано/);
    // Maintenance window of a monitored site: added, listed, deleted.
    await page.getByRole('button', { name: `Окна обслуживания канала ${SITE}` }).click();
    await page.locator(`#mw-start-${SITE}`).fill('2026-12-01T09:00');
    await page.locator(`#mw-end-${SITE}`).fill('2026-12-01T11:30');
    await page.locator(`#mw-reason-${SITE}`).fill('замена модема');
    await page.getByRole('button', { name: 'Добавить окно' }).click();
    const windows = page.locator(`[data-testid="maintenance-${SITE}"] li`);
    await windows.first().waitFor();
    expect(await windows.first().innerText()).toMatch(/замена модема/);
    const stored = await hx.api<{ maintenance: Array<{ startsAt: string; endsAt: string; reason: string }> }>('GET', `/api/sites/${SITE}`);
    expect(stored.maintenance.map((w) => Date.parse(w.endsAt) - Date.parse(w.startsAt))).toEqual([150 * 60_000]);
    await shot(page, 'admin-maintenance-ru');
    await windows.first().getByRole('button').click();
    await page.getByText('Окно обслуживания удалено.').waitFor();
    expect((await hx.api<{ maintenance: unknown[] }>('GET', `/api/sites/${SITE}`)).maintenance).toEqual([]);
    // An API token: issued, its secret shown once and working, then revoked and refused.
    await page.locator('#token-name').fill('ежемесячный отчёт');
    await page.locator('#token-days').selectOption('30');
    await page.getByRole('button', { name: 'Выпустить токен' }).click();
    const secret = await page.locator('[data-testid="token-secret"] code').innerText();
    expect(secret.length).toBeGreaterThan(20);
    const tokenRow = page.locator('[data-testid="tokens"] tbody tr', { hasText: 'ежемесячный отчёт' });
    expect(await tokenRow.innerText()).toMatch(/действует/);
    const asToken = (tk: string) => page.evaluate(async (b) => (await fetch('/api/auth/me', { credentials: 'omit', headers: { authorization: `Bearer ${b}` } })).status, tk);
    expect(await asToken(secret)).toBe(200);
    await shot(page, 'admin-token-ru');
    await tokenRow.getByRole('button', { name: 'Отозвать токен ежемесячный отчёт' }).click();
    await page.getByText('Токен «ежемесячный отчёт» отозван и больше не работает.').waitFor();
    expect(await page.locator('[data-testid="token-secret"]').count()).toBe(0);
    expect(await tokenRow.innerText()).toMatch(/отозван/);
    expect(await asToken(secret)).toBe(401);
    await context.close();
    // The new partner signs in with the handed-over password and changes it.
    const partner = await hx.newPage({ signIn: false });
    await signIn(partner.page, { email: 'akmola-partner@test.baylanys', password });
    await partner.page.getByRole('tab', { name: 'Учётная запись' }).click();
    await partner.page.locator('#pw-current').fill(password);
    await partner.page.locator('#pw-new').fill('a-new-long-password-1');
    await partner.page.locator('#pw-repeat').fill('a-new-long-password-1');
    await partner.page.getByRole('button', { name: 'Сменить пароль' }).click();
    await partner.page.getByText('Пароль изменён.').waitFor();
    expect(await partner.page.locator('#account-admin').count()).toBe(0);
    await partner.context.close();
  });

  it('everyone: a lock-out after wrong passwords says when to try again, and the top bar fits a phone', async () => {
    const { page, context } = await hx.newPage({ signIn: false });
    await page.goto(`${hx.url}/`);
    const attempt = async (password: string) => {
      await page.locator('#sign-in-email').fill(users.lockout.email);
      await page.locator('#sign-in-password').fill(password);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        page.locator('form.sign-in button[type="submit"]').click(),
      ]);
      await page.locator('form.sign-in button[type="submit"]:not([disabled])').waitFor();
      return { status: res.status(), retryS: Number(res.headers()['retry-after'] ?? 0) };
    };
    // Wrong passwords, waiting out each delay, until the server asks this browser to wait a while.
    let last = { status: 0, retryS: 0 };
    for (let i = 0; i < 20 && !(last.status === 429 && last.retryS >= 4); i++) {
      if (last.status === 429) await page.waitForTimeout(last.retryS * 1000 + 200);
      last = await attempt(`wrong-${i}`);
    }
    expect(last).toMatchObject({ status: 429 });
    // Asked to wait, even the right password is refused for now, and the page says how long, not "wrong password".
    expect((await attempt(users.lockout.password)).status).toBe(429);
    await page.locator('[data-testid="sign-in-error"]').getByText(/Повторите через \d+ с/).waitFor();
    expect(await page.locator('[data-testid="sign-in-error"]').innerText()).not.toMatch(/Неверный логин/);
    await shot(page, 'sign-in-locked-ru');
    await context.close();

    const phone = await hx.newPage({ viewport: { width: 390, height: 844 } });
    await phone.page.goto(`${hx.url}/`);
    await waitForMapIdle(phone.page);
    const widths = await phone.page.evaluate(() => ({ page: document.documentElement.scrollWidth, bar: document.querySelector('header.topbar')!.scrollWidth }));
    expect(widths.bar).toBeLessThanOrEqual(390);
    expect(widths.page).toBeLessThanOrEqual(390);
    // The map names its data sources (the attribution control, offline).
    expect(await phone.page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('OpenStreetMap');
    await shot(phone.page, 'phone-map-ru');
    await phone.context.close();
  });
});
