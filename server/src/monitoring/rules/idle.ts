// Lit but idle (docs/monitoring-model.md): up ≥ 95 % of the last 7 days and carrying on average
// less than 1 % of the committed bandwidth. Pure.
export type IdleParams = { minUpRatio: number; maxUseRatio: number };
export const IDLE_DEFAULTS: IdleParams = { minUpRatio: 0.95, maxUseRatio: 0.01 };

export type IdleInput = {
  /** Up time / the whole 7-day window (not / known time: an unmonitored week proves nothing). */
  upRatio7d: number | null;
  /** Mean bit rate over 7 days, the busier direction. */
  meanBps7d: number | null;
  committedMbps: number | null;
};

export function isIdle(x: IdleInput, p: IdleParams = IDLE_DEFAULTS): boolean {
  if (x.upRatio7d === null || x.meanBps7d === null || !x.committedMbps) return false;
  return x.upRatio7d >= p.minUpRatio && x.meanBps7d < p.maxUseRatio * x.committedMbps * 1e6;
}

/** Time-weighted mean of rate samples: Σ(rate × Δt) / ΣΔt. */
export function meanRate(rates: readonly { bps: number; dtS: number }[]): number | null {
  let bits = 0, t = 0;
  for (const r of rates) {
    bits += r.bps * r.dtS;
    t += r.dtS;
  }
  return t > 0 ? bits / t : null;
}
