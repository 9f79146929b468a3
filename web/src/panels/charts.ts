// Small uPlot charts for the facility panel (availability, traffic) and the plans view (curve).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtDayMonth, fmtKzt, fmtNumber, fmtPercent, t } from '../i18n/index.ts';

export type Series = { label: string; values: Array<number | null>; colour: string; dash?: number[] };

function dateAxis(): uPlot.Axis {
  return {
    values: (_u, splits) => splits.map((s) => fmtDayMonth(new Date(s * 1000))),
  };
}

export function timeChart(el: HTMLElement, xSeconds: number[], series: Series[], kind: 'ratio' | 'bps', title: string, xLabel: string): uPlot {
  const width = Math.max(260, el.clientWidth || 320);
  const fmt = kind === 'ratio' ? (v: number) => fmtPercent(v, 1) : (v: number) => t('common.mbps', { n: fmtNumber(v / 1e6, 1) });
  return new uPlot(
    {
      title, width, height: 160,
      scales: kind === 'ratio' ? { y: { range: [0, 1] } } : {},
      axes: [dateAxis(), { values: (_u, splits) => splits.map(fmt), size: 72 }],
      // Points too: a day with a value between two days without one is still visible.
      series: [{ label: xLabel, value: (_u: uPlot, v: number | null) => (v === null ? '—' : fmtDayMonth(new Date(v * 1000))) },
        ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, dash: s.dash, points: { show: !s.dash, size: 5, fill: s.colour }, value: (_u: uPlot, v: number | null) => (v === null ? '—' : fmt(v)) }))],
      legend: { show: true },
    },
    [xSeconds, ...series.map((s) => s.values)] as uPlot.AlignedData,
    el,
  );
}

export function curveChart(el: HTMLElement, curves: Array<{ label: string; colour: string; dash?: number[]; points: Array<{ costKzt: number; beneficiaries: number }> }>, title: string, xLabel: string): uPlot {
  // uPlot wants one shared x: merge the cost points of all curves and step each curve over them.
  const xs = [...new Set(curves.flatMap((c) => c.points.map((p) => p.costKzt)))].sort((a, b) => a - b);
  const ys = curves.map((c) => {
    const pts = [...c.points].sort((a, b) => a.costKzt - b.costKzt);
    let j = -1;
    const last = pts.at(-1)?.costKzt ?? -Infinity;
    return xs.map((x) => {
      while (j + 1 < pts.length && pts[j + 1]!.costKzt <= x) j++;
      // Beyond the run's budget the curve stops (null leaves a gap) instead of running flat.
      return x > last ? null : j >= 0 ? pts[j]!.beneficiaries : 0;
    });
  });
  return new uPlot(
    {
      title, width: Math.max(280, el.clientWidth || 420), height: 220,
      scales: { x: { time: false } },
      axes: [{ values: (_u, s) => s.map((v) => fmtKzt(v, true)), size: 40, space: 90 }, { values: (_u, s) => s.map((v) => fmtNumber(v, 0)), size: 90 }],
      series: [{ label: xLabel, value: (_u: uPlot, v: number) => fmtKzt(v, true) }, ...curves.map((c) => ({ label: c.label, stroke: c.colour, width: 2, dash: c.dash, paths: uPlot.paths.stepped!({ align: 1 }) }))],
    },
    [xs, ...ys] as uPlot.AlignedData,
    el,
  );
}
