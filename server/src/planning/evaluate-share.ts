// The cost-only evaluation as the result columns the recompute writes (no Evaluation objects kept):
// the same function runs on the caller's thread or on a worker thread (evaluate-pool.ts), so the
// figures are the same either way.
import { evaluateEach, evaluateSteps, type Evaluation, type EvaluationSink, type FacilityInput } from './evaluate.ts';
import type { Parameters } from './parameters.ts';

/** plan_result's columns that the evaluation decides (the rank comes later, from every score). */
export const FIGURE_COLUMNS = [
  'gap_class', 'technology', 'capex_usd', 'opex_usd', 'tco_usd', 'tco_kzt', 'beneficiaries', 'score',
  'measured_flag', 'in_scope', 'underserved', 'standalone_tco_usd', 'share_group', 'settlement_type',
] as const;
export type FigureColumns = Record<(typeof FIGURE_COLUMNS)[number], unknown[]>;

export const emptyFigures = (): FigureColumns => Object.fromEntries(FIGURE_COLUMNS.map((k) => [k, []])) as unknown as FigureColumns;

/** Evaluates `inputs` (whole settlements) figures-only; one entry per input, in their order. */
export function evaluateFigures(inputs: readonly FacilityInput[], p: Parameters): FigureColumns {
  const out = figureColumnsFor(inputs.length);
  evaluateEach(inputs, p, { detail: false }, intoColumns(out));
  return out;
}

/**
 * evaluateFigures into `out` (figureColumnsFor(inputs.length)), handing over the rows (input indices)
 * it has finished every `every` facilities
 * (whole settlements): `done` is awaited before the next are evaluated, so a caller sends those rows
 * to the database while this thread evaluates the next (result-write.ts).
 */
export async function evaluateFiguresInTurn(inputs: readonly FacilityInput[], p: Parameters, out: FigureColumns, every: number, done: (rows: number[]) => Promise<void>): Promise<void> {
  const into = intoColumns(out);
  let rows: number[] = [];
  const steps = evaluateSteps(inputs, p, { detail: false }, (i, x) => {
    into(i, x);
    rows.push(i);
  }, undefined, every);
  for (;;) {
    const step = steps.next();
    if (rows.length > 0) {
      const finished = rows;
      rows = [];
      await done(finished);
    }
    if (step.done) return;
  }
}

/** Empty figure columns for `n` facilities. */
export function figureColumnsFor(n: number): FigureColumns {
  const out = emptyFigures();
  for (const k of Object.keys(out) as Array<keyof FigureColumns>) out[k] = new Array(n);
  return out;
}

/** Each facility's figures straight into the columns as its settlement is done. */
function intoColumns(out: FigureColumns): EvaluationSink {
  return (i, x) => {
    const e = x.e;
    const c = e.choice;
    out.gap_class[i] = e.gapClass;
    out.technology[i] = c?.technology ?? null; out.capex_usd[i] = c?.capexUsd ?? null;
    out.opex_usd[i] = c ? yearlyOf(e, c.technology) : null; out.tco_usd[i] = c?.tcoUsd ?? null;
    out.tco_kzt[i] = c?.tcoKzt ?? null; out.beneficiaries[i] = e.beneficiaries;
    out.score[i] = e.score?.value ?? null; out.measured_flag[i] = e.measuredFlag;
    out.in_scope[i] = e.inScope; out.underserved[i] = e.underserved;
    out.standalone_tco_usd[i] = c?.standaloneTcoUsd ?? null; out.share_group[i] = c?.group?.id ?? null;
    out.settlement_type[i] = e.settlementType;
  };
}

/** Year 1's recurring cost of the chosen technology (its stand-alone option; shares split capex and TCO). */
function yearlyOf(e: Evaluation, technology: string): number | null {
  for (const o of e.options) if (o.technology === technology) return o.yearlyUsd;
  return null;
}
