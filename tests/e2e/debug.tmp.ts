import { startHarness, waitForMapIdle } from '/work/wt-web/tests/e2e/harness.ts';
const hx = await startHarness('/usr/bin/chromium');
const { page } = await hx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
for (let i = 0; i < 2; i++) {
const t0 = Date.now();
await page.goto(`${hx.url}/`);
console.log('goto', Date.now() - t0);
await page.waitForFunction(() => !!(window as any).__map, undefined, { polling: 50 });
console.log('map object', Date.now() - t0);
await page.waitForFunction(() => (window as any).__map.isStyleLoaded(), undefined, { polling: 50 });
console.log('style', Date.now() - t0);
await waitForMapIdle(page);
console.log('idle', Date.now() - t0);
const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e: any) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.duration)]));
console.log(JSON.stringify(res.filter((r: any) => r[2] > 150)));
}
await hx.close();
