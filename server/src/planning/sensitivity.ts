// Sensitivity (docs/planning-model.md "Sensitivity"): for every figure with a range, how many
// facilities change technology at each end of it, and for one chosen facility the values at which
// its recommended technology changes ("fibre wins below 11,400 USD/km"). Pure: the same evaluation
// as the gap list, with one figure moved at a time.
import { evaluateFacilities, type FacilityInput } from './evaluate.ts';
import { valueAt, withValue, type Parameters } from './parameters.ts';

export type RangeEnd = { value: number; changed: number; moves: Record<string, number> };
export type RangeSensitivity = { name: string; value: number; min: RangeEnd; max: RangeEnd };
export type BreakEven = { name: string; value: number; technology: string | null; below: { value: number; technology: string | null } | null; above: { value: number; technology: string | null } | null };
export type SensitivityReport = { planned: number; ranges: RangeSensitivity[]; facility: { facilityId: string; breakEven: BreakEven[] } | null };

type Choices = Map<string, string | null>;

function choices(inputs: readonly FacilityInput[], p: Parameters): Choices {
  const out: Choices = new Map();
  for (const [id, e] of evaluateFacilities(inputs, p, { detail: false }).evaluations) if (e.inScope && e.gapClass !== 'connected') out.set(id, e.choice?.technology ?? null);
  return out;
}

function compare(base: Choices, other: Choices, value: number): RangeEnd {
  let changed = 0;
  const moves: Record<string, number> = {};
  for (const [id, t] of base) {
    const u = other.get(id) ?? null;
    if (u === t) continue;
    changed++;
    const k = `${t ?? 'none'}→${u ?? 'none'}`;
    moves[k] = (moves[k] ?? 0) + 1;
  }
  return { value, changed, moves };
}

/** The first value between `from` and `to` at which the facility's technology is no longer `t` (bisection after a scan). */
function firstChange(inputs: readonly FacilityInput[], p: Parameters, name: string, id: string, t: string | null, from: number, to: number): { value: number; technology: string | null } | null {
  const techAt = (v: number) => evaluateFacilities(inputs, withValue(p, name, v), { detail: false }).evaluations.get(id)?.choice?.technology ?? null;
  const steps = 24;
  let lo = from;
  for (let i = 1; i <= steps; i++) {
    const hi = from + ((to - from) * i) / steps;
    const u = techAt(hi);
    if (u !== t) {
      let a = lo, b = hi;
      for (let k = 0; k < 30 && Math.abs(b - a) > Math.abs(to - from) * 1e-4; k++) {
        const mid = (a + b) / 2;
        if (techAt(mid) === t) a = mid;
        else b = mid;
      }
      const value = Number(b.toPrecision(4));
      return { value, technology: techAt(b) };
    }
    lo = hi;
  }
  return null;
}

/**
 * `inputs`: every facility (the counts), or at least the chosen facility's settlement (break-even).
 * `facilityId`: also the break-even values of that facility, from its settlement alone.
 */
export function sensitivity(inputs: readonly FacilityInput[], p: Parameters, facilityId?: string): SensitivityReport {
  const base = choices(inputs, p);
  const ranges: RangeSensitivity[] = [];
  for (const [name, [lo, hi]] of Object.entries(p.ranges).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = valueAt(p, name);
    ranges.push({ name, value, min: compare(base, choices(inputs, withValue(p, name, lo)), lo), max: compare(base, choices(inputs, withValue(p, name, hi)), hi) });
  }
  let facility: SensitivityReport['facility'] = null;
  if (facilityId) {
    const f = inputs.find((x) => x.facilityId === facilityId);
    if (f) {
      const local = inputs.filter((x) => x.settlementId !== null && x.settlementId === f.settlementId);
      const own = local.length > 0 ? local : [f];
      const t = evaluateFacilities(own, p, { detail: false }).evaluations.get(facilityId)?.choice?.technology ?? null;
      const breakEven = Object.entries(p.ranges).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, [lo, hi]]): BreakEven => {
        const value = valueAt(p, name);
        // Search beyond the published range too (down to 0, up to twice the maximum): a break-even just outside it is worth knowing.
        return { name, value, technology: t, below: firstChange(own, p, name, facilityId, t, value, Math.min(lo, value) * 0), above: firstChange(own, p, name, facilityId, t, value, Math.max(hi, value) * 2) };
      });
      facility = { facilityId, breakEven };
    }
  }
  return { planned: base.size, ranges, facility };
}

const moves = (m: Record<string, number>) => Object.entries(m).sort(([, a], [, b]) => b - a).slice(0, 3).map(([k, v]) => `${k} ${v}`).join(', ') || '–';

/** Markdown, for a terminal and docs/status.md. */
export function sensitivityMarkdown(r: SensitivityReport): string {
  const lines = [`Facilities planned (in scope, not connected): ${r.planned}`, '', '| figure | default | at min: value → changed (main moves) | at max: value → changed (main moves) |', '|---|---:|---|---|'];
  for (const x of r.ranges) lines.push(`| ${x.name} | ${x.value} | ${x.min.value} → ${x.min.changed} (${moves(x.min.moves)}) | ${x.max.value} → ${x.max.changed} (${moves(x.max.moves)}) |`);
  if (r.facility) {
    lines.push('', `Break-even values for ${r.facility.facilityId}:`, '', '| figure | default | technology | below | above |', '|---|---:|---|---|---|');
    for (const b of r.facility.breakEven) {
      const side = (s: BreakEven['below']) => (s ? `${s.technology ?? 'none'} wins beyond ${s.value}` : 'no change');
      lines.push(`| ${b.name} | ${b.value} | ${b.technology ?? 'none'} | ${side(b.below)} | ${side(b.above)} |`);
    }
  }
  return lines.join('\n');
}
