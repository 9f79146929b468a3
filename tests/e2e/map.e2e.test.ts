// The map app in headless Chromium against the real server: offline, layers rendered, list ↔ map
// ↔ panel, languages, plans, live status, and the school page.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, chromiumPath, recordBench, startHarness, waitForMapIdle, type Harness } from './harness.ts';

const chromium = chromiumPath();
let hx: Harness;

type MapHandle = {
  queryRenderedFeatures(opts: { layers: string[] }): Array<{ properties: Record<string, unknown> }>;
  getLayoutProperty(layer: string, prop: string): unknown;
  getLayer(id: string): unknown;
  project(lngLat: [number, number]): { x: number; y: number };
  jumpTo(o: { center: [number, number]; zoom: number }): void;
};

async function rendered(page: Page, layers: string[]): Promise<number> {
  return page.evaluate((ls) => {
    const map = (window as unknown as { __map: MapHandle }).__map;
    return map.queryRenderedFeatures({ layers: ls.filter((l) => map.getLayer(l)) }).length;
  }, layers);
}

/** Status of an API path as the signed-in page sees it. */
async function apiStatus(page: Page, p: string): Promise<number> {
  return page.evaluate(async (u) => (await fetch(u)).status, p);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe.skipIf(!chromium)('map app in Chromium', () => {
  beforeAll(async () => {
    hx = await startHarness(chromium!);
  });
  afterAll(async () => hx?.close());

  it('paints the basemap and facilities from its own tiles, offline, in Russian by default', async () => {
    const { page, context } = await hx.newPage({ signIn: false });
    // Anonymous: the sign-in form, in Russian; a wrong password is refused, the right one lets in.
    await page.goto(`${hx.url}/`);
    await page.getByLabel('Логин (эл. почта)').fill(hx.login.email);
    await page.getByLabel('Пароль').fill('wrong-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Неверный логин или пароль.').waitFor();
    await shot(page, 'sign-in');
    await page.getByLabel('Пароль').fill(hx.login.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await waitForMapIdle(page);
    // First paint, measured on a reload with the session in place: navigation → every visible tile drawn.
    const t0 = Date.now();
    await page.reload();
    await page.waitForFunction(() => {
      const map = (window as unknown as { __map?: MapHandle & { getLayer(id: string): unknown } }).__map;
      return !!map && map.getLayer('facilities') && map.queryRenderedFeatures({ layers: ['admin1-fill'] }).length > 0;
    }, undefined, { polling: 100, timeout: 60_000 });
    const firstDataMs = Date.now() - t0;
    await waitForMapIdle(page);
    const firstPaintMs = Date.now() - t0;
    const counts = {
      admin: await rendered(page, ['admin1-fill']),
      settlements: await rendered(page, ['settlements']),
      facilities: await rendered(page, ['facilities', 'facility-clusters']),
      fibre: await rendered(page, ['fibre-routes']),
      labels: await rendered(page, ['admin1-label', 'settlement-label']),
    };
    expect(counts.admin).toBeGreaterThan(0);
    expect(counts.settlements).toBeGreaterThan(0);
    expect(counts.facilities).toBeGreaterThan(0);
    expect(counts.labels).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await expect(page.getByRole('tab', { name: 'Карта и рейтинг' }).count()).resolves.toBe(1);
    // Tiles came from our server; nothing was attempted elsewhere.
    expect(hx.served.some((u) => u.startsWith('/tiles/facilities/'))).toBe(true);
    expect(hx.blocked).toEqual([]);
    await shot(page, 'map-ru');
    recordBench({
      firstPaintMs, firstDataMs, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), data: hx.data, viewport: '1400x900', renderedFeatures: counts,
      tileRequests: hx.served.filter((u) => u.startsWith('/tiles/')).length,
      command: 'npm run test:e2e (tests/e2e/map.e2e.test.ts)',
      note: 'firstPaintMs: reload → map loaded and every visible tile rendered; firstDataMs: → first regions drawn (headless Chromium, SwiftShader WebGL, 2 shared cores)',
    });
    await context.close();
  });

  it('opens a facility from the ranked list (or from the map when no ranking exists) and flies to it', async () => {
    const { page, context } = await hx.newPage();
    await page.goto(`${hx.url}/`);
    await waitForMapIdle(page);
    if ((await apiStatus(page, '/api/gaps?limit=1')) === 404) {
      await expect(page.getByText('Рейтинг на этом сервере пока недоступен.').count()).resolves.toBe(1);
      // Zoom to a facility the server knows and click it on the map.
      const f = await page.evaluate(async () => {
        const res = await fetch('/api/layers/facilities?limit=1');
        const fc = (await res.json()) as { features: Array<{ geometry: { coordinates: [number, number] } }> };
        return fc.features[0]!.geometry.coordinates;
      });
      await page.evaluate((c) => (window as unknown as { __map: MapHandle }).__map.jumpTo({ center: c, zoom: 13 }), f);
      await waitForMapIdle(page);
      const pt = await page.evaluate((c) => (window as unknown as { __map: MapHandle }).__map.project(c), f);
      const box = (await page.locator('#map canvas').boundingBox())!;
      await page.mouse.click(box.x + pt.x, box.y + pt.y);
    } else {
      const first = page.locator('#ranked-list [role="option"]').first();
      await first.waitFor();
      await first.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await expect(first.getAttribute('aria-selected')).resolves.toBe('true');
    }
    const panel = page.getByRole('region', { name: /./ }).filter({ has: page.locator('#panel-title') });
    await panel.waitFor();
    await page.waitForFunction(() => !document.querySelector('#facility-panel [role="status"]'));
    expect(await page.locator('#panel-title').textContent()).toMatch(/\S/);
    await waitForMapIdle(page);
    await shot(page, 'facility-panel');
    await page.keyboard.press('Escape');
    await expect(page.locator('#facility-panel').isHidden()).resolves.toBe(true);
    expect(hx.blocked).toEqual([]);
    await context.close();
  });

  it('switches language to Kazakh and English, remembers it, and relabels the map', async () => {
    const { page, context } = await hx.newPage();
    await page.goto(`${hx.url}/`);
    await waitForMapIdle(page);
    await page.selectOption('#lang', 'kk');
    await expect(page.getByRole('tab', { name: 'Карта және рейтинг' }).count()).resolves.toBe(1);
    await expect(page.locator('#legend').textContent()).resolves.toContain('Әлеуметтік нысандар');
    const field = await page.evaluate(() => JSON.stringify((window as unknown as { __map: MapHandle }).__map.getLayoutProperty('settlement-label', 'text-field')));
    expect(field).toContain('name_kk');
    await waitForMapIdle(page);
    await shot(page, 'map-kk');
    await page.reload();
    await waitForMapIdle(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await page.selectOption('#lang', 'en');
    await expect(page.getByRole('tab', { name: 'Map and ranking' }).count()).resolves.toBe(1);
    await expect(page.locator('#legend').textContent()).resolves.toContain('Social facilities');
    await context.close();
  });

  it('shows the plans view, or says it is not available on this server', async () => {
    const { page, context } = await hx.newPage();
    await page.goto(`${hx.url}/plans`);
    const scenarios = await apiStatus(page, '/api/scenarios');
    if (scenarios === 404) {
      await page.getByText('Планирование сценариев на этом сервере недоступно.').waitFor();
    } else {
      await page.locator('#plan-budget').fill('3000000000');
      await page.getByRole('button', { name: 'Рассчитать' }).click();
      await page.locator('[data-testid="plan-cost"]').waitFor();
      expect(await page.locator('[data-testid="plan-cost"]').textContent()).toContain('₸');
    }
    await shot(page, 'plans');
    await context.close();
  });

  it('serves the school page at /s/:token on a phone-sized screen', async () => {
    const { page, context } = await hx.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${hx.url}/s/not-a-real-token`);
    await page.getByText('Ссылка недействительна или устарела.').waitFor();
    await shot(page, 'school-invalid');
    expect(hx.blocked).toEqual([]);
    await context.close();
  });
});
