// The figures `npm run derive` prints: counts per kind and oblast, km of routes, PoPs, coverage area.
import { area } from '@turf/turf';
import type { DeriveOutput } from './derive.ts';
import { lineLengthKm } from './geometry.ts';

export function summaryLines(out: DeriveOutput): string[] {
  const lines: string[] = [];
  const count = <T>(items: readonly T[], key: (t: T) => string) => {
    const m = new Map<string, number>();
    for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const fmt = (pairs: [string, number][]) => pairs.map(([k, n]) => `${k} ${n}`).join(', ');

  lines.push(`settlements ${out.settlements.length}; population estimated for ${out.estimates.length} (${fmt(count(out.estimates, (e) => e.method))})`);
  lines.push(`hub settlements ${out.hubs.length}`);
  lines.push(`facilities ${out.facilities.length}: ${fmt(count(out.facilities, (f) => `${f.kind}/${f.subkind}`))}`);
  lines.push(`connection: ${fmt(count(out.facilities, (f) => f.connection))}`);

  const oblastOf = new Map(out.settlements.map((s) => [s.id, s.adm1]));
  const perOblast = new Map<string, Map<string, number>>();
  for (const f of out.facilities) {
    const o = oblastOf.get(f.settlement_id)!;
    let m = perOblast.get(o);
    if (!m) perOblast.set(o, (m = new Map()));
    const k = f.subkind === 'hospital' ? 'hospital' : f.kind;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  lines.push('oblast  school hospital health(other) library');
  for (const o of [...perOblast.keys()].sort()) {
    const m = perOblast.get(o)!;
    const g = (k: string) => String(m.get(k) ?? 0).padStart(6);
    lines.push(`${o}   ${g('school')} ${g('hospital')} ${g('health')}        ${g('library')}`);
  }

  const km = new Map<string, number>();
  for (const r of out.fibre.routes) {
    const k = `${r.status}/${r.programme}`;
    km.set(k, (km.get(k) ?? 0) + r.lines.reduce((s, l) => s + lineLengthKm(l), 0));
  }
  lines.push(`fibre routes ${out.fibre.routes.length}: ${fmt(count(out.fibre.routes, (r) => `${r.status}/${r.programme}`))}`);
  lines.push(`fibre km: ${[...km.entries()].sort().map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  const withPop = new Set(out.fibre.pops.map((p) => p.settlement_id));
  const crossedNoPop = [...out.fibre.onNetwork].filter((id) => !withPop.has(id)).length;
  lines.push(`PoPs ${out.fibre.pops.length} (${fmt(count(out.fibre.pops, (p) => p.kind))}); settlements on a built route without a PoP: ${crossedNoPop}`);

  const areaKm2 = new Map<string, number>();
  for (const c of out.coverage) areaKm2.set(c.technology, (areaKm2.get(c.technology) ?? 0) + area(c.geometry) / 1e6);
  lines.push(`coverage polygons ${out.coverage.length}; area km² (sum over oblasts): ${[...areaKm2.entries()].sort().map(([t, a]) => `${t} ${Math.round(a)}`).join(', ')}`);
  const share = out.ruralTotal ? (100 * out.ruralWithMobileBroadband) / out.ruralTotal : 0;
  lines.push(`villages and hamlets inside 3G/4G: ${out.ruralWithMobileBroadband} of ${out.ruralTotal} (${share.toFixed(1)} %)`);
  return lines;
}
