// What the plan says, in figures a fund manager can check (issue 10 "Done when"): the technology
// mix per gap class, how much of the lit-village gap fibre or village radio closes, the top of
// the ranking. Read from plan_result, so it is what the API and the map show.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';

const mixSql = loadSql(import.meta.url, './plan-summary-mix.sql');
const topSql = loadSql(import.meta.url, './plan-summary-top.sql');

export type MixRow = { gapClass: string; inScope: boolean; technology: string; facilities: number; shared: number; tcoUsd: number };
export type TopRow = {
  rank: number; facilityId: string; name: string | null; kind: string; subkind: string | null; settlementName: string | null;
  settlementType: string | null; gapClass: string; technology: string; beneficiaries: number; tcoUsd: number; standaloneTcoUsd: number | null;
  shareGroup: string | null; score: number;
};

export type PlanSummary = {
  mix: MixRow[];
  inScope: number;
  outOfScope: number;
  litVillage: { inScope: number; fibre: number; villageRadio: number; share: number };
  keep: number;
  top: TopRow[];
};

export async function planSummary(db: Queryable, top = 20): Promise<PlanSummary> {
  const mix = await runSql<MixRow>(db, mixSql);
  const top20 = await runSql<TopRow>(db, topSql, { top });
  const sum = (f: (r: MixRow) => boolean) => mix.filter(f).reduce((s, r) => s + r.facilities, 0);
  const lit = (t?: string) => sum((r) => r.gapClass === 'lit_village' && r.inScope && (t === undefined || r.technology === t));
  const litAll = lit();
  const fibre = lit('fibre');
  const villageRadio = lit('village_radio');
  return {
    mix,
    inScope: sum((r) => r.inScope),
    outOfScope: sum((r) => !r.inScope),
    litVillage: { inScope: litAll, fibre, villageRadio, share: litAll > 0 ? (fibre + villageRadio) / litAll : 0 },
    keep: sum((r) => r.inScope && r.technology === 'keep'),
    top: top20,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Markdown, for docs/status.md and a terminal. */
export function planSummaryMarkdown(s: PlanSummary): string {
  const lines: string[] = [];
  lines.push(`Facilities in scope: ${s.inScope}; out of scope (cities and towns): ${s.outOfScope}; keep their current link: ${s.keep}.`);
  lines.push(`Lit-village facilities in scope: ${s.litVillage.inScope}; fibre drop ${s.litVillage.fibre}, village radio ${s.litVillage.villageRadio} (${pct(s.litVillage.share)}).`, '');
  const classes = [...new Set(s.mix.map((r) => r.gapClass))];
  const techs = [...new Set(s.mix.filter((r) => r.inScope).map((r) => r.technology))].sort();
  lines.push(`| gap class (in scope) | ${techs.join(' | ')} | total |`, `|---|${techs.map(() => '---:').join('|')}|---:|`);
  for (const c of classes) {
    const rows = s.mix.filter((r) => r.gapClass === c && r.inScope);
    const n = (t: string) => rows.find((r) => r.technology === t)?.facilities ?? 0;
    lines.push(`| ${c} | ${techs.map(n).join(' | ')} | ${rows.reduce((a, r) => a + r.facilities, 0)} |`);
  }
  lines.push('', '| rank | facility | kind | settlement (type) | gap class | technology | beneficiaries | TCO USD (alone) | score |', '|---:|---|---|---|---|---|---:|---:|---:|');
  for (const t of s.top) {
    lines.push(`| ${t.rank} | ${t.name ?? t.facilityId} | ${t.subkind ?? t.kind} | ${t.settlementName ?? '–'} (${t.settlementType ?? '–'}) | ${t.gapClass} | ${t.technology}${t.shareGroup ? ' (shared)' : ''} | ${t.beneficiaries} | ${t.tcoUsd.toFixed(0)} (${(t.standaloneTcoUsd ?? t.tcoUsd).toFixed(0)}) | ${t.score.toFixed(1)} |`);
  }
  return lines.join('\n');
}
