// PPP view for telecom partners: per settlement without mobile broadband, the business case of an
// in-village access network and the subsidy that makes it break even (docs/planning-model.md,
// "PPP view"). Pure: no I/O. Money in KZT; equipment prices in USD converted by a parameter.
import { discountedYears } from '../planning/cost-stream.ts';

export type SizeBand = {
  /** Upper bound of the band (inclusive), people; null = no bound. */
  maxPopulation: number | null;
  /** Capex of the in-village access network (small cell / Wi-Fi mesh, power, mast), USD. */
  accessCapexUsd: number;
};

export type PppParams = {
  takeUp: number; // subscribers per resident (planning model default 0.25)
  arpuKztPerMonth: number;
  years: number; // T
  rate: number; // r
  usdToKzt: number;
  bands: SizeBand[];
  /** Extra capex when no fibre reaches the settlement: a point-to-point radio link (2,000 + 2,500 USD). */
  backhaulCapexUsdWithoutFibre: number;
  opexShare: number; // opex per year as a share of capex
  /** Yearly backhaul lease/energy when no fibre is present, USD. */
  backhaulOpexUsdWithoutFibre: number;
};

/**
 * Defaults. T, r and take-up are the planning model's; the P2P link is the model's radio price.
 * ARPU, the band prices and the backhaul opex are ours (illustrative): partners set their own.
 */
export const DEFAULT_PPP: PppParams = {
  takeUp: 0.25,
  arpuKztPerMonth: 2500,
  years: 5,
  rate: 0.05,
  usdToKzt: 500,
  bands: [
    { maxPopulation: 500, accessCapexUsd: 15_000 },
    { maxPopulation: 2000, accessCapexUsd: 40_000 },
    { maxPopulation: null, accessCapexUsd: 80_000 },
  ],
  backhaulCapexUsdWithoutFibre: 4_500,
  opexShare: 0.1,
  backhaulOpexUsdWithoutFibre: 1_200,
};

export type PppSettlement = {
  settlementId: string;
  name: string | null;
  admin1Id: string | null;
  admin2Id: string | null;
  population: number;
  fibrePresent: boolean;
  lon: number;
  lat: number;
};

export type PppCase = PppSettlement & {
  band: number;
  capexKzt: number;
  subscribers: number;
  revenueKztPerYear: number;
  opexKztPerYear: number;
  npvKzt: number;
  /** Subsidy that brings the NPV to zero; 0 when the case pays for itself. */
  viabilityGapKzt: number;
  /** null when nobody lives there (the gap cannot be shared out). */
  viabilityGapPerPersonKzt: number | null;
};

export function bandOf(population: number, bands: readonly SizeBand[]): number {
  const i = bands.findIndex((b) => b.maxPopulation === null || population <= b.maxPopulation);
  if (i < 0) throw new Error(`no settlement size band covers a population of ${population}`);
  return i;
}

/** NPV = −capex + (revenue − opex) × PVIFA(r, T); viability gap = max(0, −NPV). */
export function pppCase(s: PppSettlement, p: PppParams): PppCase {
  const band = bandOf(s.population, p.bands);
  const capexUsd = p.bands[band]!.accessCapexUsd + (s.fibrePresent ? 0 : p.backhaulCapexUsdWithoutFibre);
  const capexKzt = capexUsd * p.usdToKzt;
  const subscribers = s.population * p.takeUp;
  const revenueKztPerYear = subscribers * p.arpuKztPerMonth * 12;
  const opexKztPerYear = p.opexShare * capexKzt + (s.fibrePresent ? 0 : p.backhaulOpexUsdWithoutFibre * p.usdToKzt);
  const npvKzt = -capexKzt + (revenueKztPerYear - opexKztPerYear) * discountedYears({ rate: p.rate, years: p.years, growth: 0 });
  const viabilityGapKzt = Math.max(0, -npvKzt);
  return {
    ...s,
    band,
    capexKzt,
    subscribers,
    revenueKztPerYear,
    opexKztPerYear,
    npvKzt,
    viabilityGapKzt,
    viabilityGapPerPersonKzt: s.population > 0 ? viabilityGapKzt / s.population : null,
  };
}

/** Cheapest subsidy per person first (those the partner can be brought to build soonest); empty places last. */
export function pppView(settlements: readonly PppSettlement[], p: PppParams): PppCase[] {
  return settlements
    .map((s) => pppCase(s, p))
    .sort((a, b) => {
      const x = a.viabilityGapPerPersonKzt ?? Infinity;
      const y = b.viabilityGapPerPersonKzt ?? Infinity;
      if (x !== y) return x < y ? -1 : 1;
      return a.settlementId < b.settlementId ? -1 : a.settlementId > b.settlementId ? 1 : 0;
    });
}
