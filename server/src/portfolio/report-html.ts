// A printable HTML report of one scenario run: summary, per-region and per-kind tables and an
// inline SVG chart of the cost–beneficiaries curve. One self-contained file: no scripts, no
// external fonts, styles or images, so a programme manager can mail it or print it.
import type { Breakdown } from './portfolio.ts';
import type { ScenarioRun } from './result.ts';
import { formatDateTime } from '../../../web/src/i18n/format.ts';
import { PARAM_FIELDS } from '../../../web/src/panels/scenario-params.ts';
import { webText } from './export-labels.ts';
import { LOCALE, kindLabel, label, type Lang } from './report-labels.ts';

/** How trench lengths were measured, in words: the engine records it as an English sentence with its route factor. */
export function pathMethodText(pathMethod: string, lang: Lang): string {
  const f = /geodesic × ([\d.]+)/.exec(pathMethod)?.[1];
  return f ? label('pathRoads', lang, { f: new Intl.NumberFormat(LOCALE[lang]).format(Number(f)) }) : pathMethod;
}

/** The scenario's changed parameters as "label: value" in the reader's language (unknown paths keep their code). */
export function changedParameters(overrides: Record<string, unknown>, lang: Lang): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
      return;
    }
    const field = PARAM_FIELDS.find((f) => f.key === path);
    const name = field ? webText(field.label, lang, path) : path;
    const value = typeof v === 'number'
      ? new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 4 }).format(field?.percent ? v * 100 : v) + (field?.percent ? ' %' : '')
      : typeof v === 'string' ? webText(`param.option.${v}`, lang, v) : JSON.stringify(v);
    out.push(`${name}: ${value}`);
  };
  walk(overrides, '');
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Keeps at most `max` points of a rising curve, always its ends, for a light chart. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/** The curve as an SVG line chart: x = cost (million KZT), y = beneficiaries, a dashed budget line. */
export function curveSvg(run: ScenarioRun, lang: Lang): string {
  const W = 640, H = 320, left = 70, right = 20, top = 20, bottom = 50;
  const pts = thin(run.result.curve, 400);
  const maxX = Math.max(run.result.connectAllKzt, run.result.budgetKzt, 1);
  const maxY = Math.max(pts.at(-1)?.beneficiaries ?? 0, 1);
  const x = (v: number) => left + ((W - left - right) * v) / maxX;
  const y = (v: number) => H - bottom - ((H - top - bottom) * v) / maxY;
  const fmt = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 });
  // Steps, not a slope: beneficiaries arrive only when a whole site or trench is paid for.
  const line = pts.map((p, i) => (i ? `H${x(p.costKzt).toFixed(1)}V${y(p.beneficiaries).toFixed(1)}` : `M${x(p.costKzt).toFixed(1)},${y(p.beneficiaries).toFixed(1)}`)).join('');
  const whole = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const xTicks = ticks.map((t) =>
    `<text x="${x(t * maxX).toFixed(1)}" y="${H - bottom + 18}" text-anchor="middle">${fmt.format((t * maxX) / 1e6)}</text>`).join('');
  const yTicks = ticks.map((t) =>
    `<text x="${left - 6}" y="${(y(t * maxY) + 4).toFixed(1)}" text-anchor="end">${whole.format(t * maxY)}</text>` +
    `<line x1="${left}" x2="${W - right}" y1="${y(t * maxY).toFixed(1)}" y2="${y(t * maxY).toFixed(1)}" stroke="#ddd"/>`).join('');
  const bx = x(Math.min(run.result.budgetKzt, maxX)).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" ` +
    `aria-label="${escapeHtml(label('curve', lang))}" font-family="sans-serif" font-size="11">` +
    yTicks + xTicks +
    `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="#333"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#333"/>` +
    `<path d="${line}" fill="none" stroke="#1f6feb" stroke-width="2"/>` +
    `<line x1="${bx}" x2="${bx}" y1="${top}" y2="${H - bottom}" stroke="#d1242f" stroke-dasharray="4 3"/>` +
    `<circle cx="${x(run.result.totalCostKzt).toFixed(1)}" cy="${y(run.result.beneficiaries).toFixed(1)}" r="4" fill="#d1242f"/>` +
    `<text x="${bx}" y="${top - 4}" text-anchor="middle" fill="#d1242f">${escapeHtml(label('budgetLine', lang))}</text>` +
    `<text x="${(left + W - right) / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(label('costAxis', lang))}</text>` +
    `<text transform="translate(14 ${(top + H - bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(label('beneficiaries', lang))}</text>` +
    `</svg>`;
}

function breakdownTable(title: string, head: string, rows: [string, Breakdown][], lang: Lang): string {
  const n = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  const total = rows.reduce(
    (t, [, b]) => ({ facilities: t.facilities + b.facilities, beneficiaries: t.beneficiaries + b.beneficiaries, costKzt: t.costKzt + b.costKzt }),
    { facilities: 0, beneficiaries: 0, costKzt: 0 },
  );
  const tr = (name: string, b: Breakdown, tag = 'td') =>
    `<tr><${tag}>${escapeHtml(name)}</${tag}><${tag} class="n">${n.format(b.facilities)}</${tag}>` +
    `<${tag} class="n">${n.format(b.beneficiaries)}</${tag}><${tag} class="n">${n.format(b.costKzt)}</${tag}></tr>`;
  return `<h2>${escapeHtml(title)}</h2><table><thead><tr><th>${escapeHtml(head)}</th><th>${escapeHtml(label('facilities', lang))}</th>` +
    `<th>${escapeHtml(label('beneficiaries', lang))}</th><th>${escapeHtml(label('cost', lang))}</th></tr></thead><tbody>` +
    rows.map(([k, b]) => tr(k, b)).join('') + `</tbody><tfoot>${tr(label('total', lang), total, 'th')}</tfoot></table>`;
}

/** regionNames: admin1 id → name in the report's language (falls back to the id). */
export function renderReportHtml(run: ScenarioRun, lang: Lang, regionNames: Record<string, string> = {}): string {
  const r = run.result;
  const n = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  const row = (k: string, v: string) => `<tr><th>${escapeHtml(k)}</th><td class="n">${escapeHtml(v)}</td></tr>`;
  const facilities = Object.values(r.byKind).reduce((s, b) => s + b.facilities, 0);
  const changed = changedParameters(run.overrides, lang);
  const params = changed.length ? changed.map(escapeHtml).join('<br>') : escapeHtml(label('none', lang));
  const regions = Object.entries(r.byRegion).map(([k, b]) => [regionNames[k] ?? k, b] as [string, Breakdown])
    .sort((a, b) => b[1].costKzt - a[1].costKzt || a[0].localeCompare(b[0]));
  const kinds = Object.entries(r.byKind).map(([k, b]) => [kindLabel(k, lang), b] as [string, Breakdown]);
  const version = Object.entries(run.dataVersion).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(`${label('title', lang)}: ${run.scenario}`)}</title><style>` +
    `body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:60em}` +
    `table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}` +
    `td.n,th.n{text-align:right}tfoot th{text-align:right}tfoot th:first-child{text-align:left}` +
    `code{font-size:.85em;word-break:break-all}.note{font-size:.85em;color:#444}@media print{body{margin:0}h2{break-after:avoid}}` +
    `</style></head><body>` +
    `<h1>${escapeHtml(label('title', lang))}: ${escapeHtml(run.scenario)}</h1>` +
    `<h2>${escapeHtml(label('summary', lang))}</h2><table>` +
    row(label('budget', lang), n.format(r.budgetKzt)) +
    row(label('totalCost', lang), n.format(r.totalCostKzt)) +
    row(label('range', lang), `${n.format(r.p10)} / ${n.format(r.p50)} / ${n.format(r.p90)}`) +
    row(label('facilities', lang), n.format(facilities)) +
    row(label('beneficiaries', lang), n.format(r.beneficiaries)) +
    row(label('connectAll', lang), n.format(r.connectAllKzt)) +
    `</table>` +
    breakdownTable(label('byRegion', lang), label('region', lang), regions, lang) +
    breakdownTable(label('byKind', lang), label('kind', lang), kinds, lang) +
    `<h2>${escapeHtml(label('curve', lang))}</h2>${curveSvg(run, lang)}<p class="note">${escapeHtml(label('curveNote', lang))}</p>` +
    `<h2>${escapeHtml(label('provenance', lang))}</h2><table>` +
    row(label('ranAt', lang), `${formatDateTime(lang, new Date(run.ranAt), 'Etc/GMT-5')} (${label('utc5', lang)})`) +
    `<tr><th>${escapeHtml(label('paramsHash', lang))}</th><td><code>${escapeHtml(run.paramsHash)}</code></td></tr>` +
    `<tr><th>${escapeHtml(label('dataVersion', lang))}</th><td><code>${escapeHtml(version)}</code></td></tr>` +
    row(label('monteCarlo', lang), `${n.format(r.monteCarlo.draws)} ${label('draws', lang)} ${r.monteCarlo.seed}; ${webText(`param.option.${r.monteCarlo.distribution}`, lang, r.monteCarlo.distribution).toLowerCase()}`) +
    `<tr><th>${escapeHtml(label('pathMethod', lang))}</th><td>${escapeHtml(pathMethodText(r.pathMethod, lang))}</td></tr>` +
    `<tr><th>${escapeHtml(label('parameters', lang))}</th><td>${params}</td></tr>` +
    `</table><p>${escapeHtml(label('footer', lang))}</p>` +
    // Licences ask for it (OpenStreetMap ODbL, Global Map of Kazakhstan) wherever the data goes.
    `<p class="note">${escapeHtml(webText('map.attribution', lang, 'OpenStreetMap contributors'))}</p></body></html>\n`;
}
