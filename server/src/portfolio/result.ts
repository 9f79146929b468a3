// The stored shape of one scenario run: what the API returns, what reports and comparisons read.
import type { Breakdown } from './portfolio.ts';
import type { Percentiles } from './monte-carlo.ts';

/** Who and where a facility is, as the gap engine names it (a planned facility and a chosen site alike). */
export type FacilityPlace = {
  facilityId: string;
  name: string | null;
  kind: string;
  settlementId: string | null;
  admin1Id: string | null;
  admin2Id: string | null;
  lon: number;
  lat: number;
};

export type ChosenSite = FacilityPlace & {
  technology: string;
  /** The settlement cluster (shared trench) it was bought with, if any. */
  clusterId: string | null;
  costKzt: number;
  beneficiaries: number;
  score: number;
} & Percentiles;

export type TrenchFeature = {
  settlementId: string;
  facilityIds: string[];
  lengthM: number;
  costKzt: number;
  savingKzt: number;
  geometry: { type: 'MultiLineString'; coordinates: (readonly [number, number])[][] };
};

export type ScenarioResult = {
  budgetKzt: number;
  chosen: string[];
  totalCostKzt: number;
  /** Portfolio TCO percentiles over the Monte Carlo draws (the chosen set held fixed). */
  p10: number;
  p50: number;
  p90: number;
  beneficiaries: number;
  /** null in a view narrowed to some regions (the multipliers are not stored per site). */
  weightedBeneficiaries: number | null;
  byKind: Record<string, Breakdown>;
  byRegion: Record<string, Breakdown>;
  byDistrict: Record<string, Breakdown>;
  curve: { costKzt: number; beneficiaries: number }[];
  connectAllKzt: number;
  candidates: number;
  monteCarlo: { seed: number; draws: number; distribution: string };
  /** How trench lengths were measured, e.g. 'geodesic × 1.2'. */
  pathMethod: string;
  sites: ChosenSite[];
  trenches: TrenchFeature[];
  /** Set when the result was narrowed to a partner's regions (see scope.ts). */
  scope?: { regions: string[]; note: string };
};

/** A run as stored: the result with the parameters, their hash and the data version it came from. */
export type ScenarioRun = {
  id: number;
  scenario: string;
  /** The scenario's parameters as written, and the effective set (all planning parameters). */
  overrides: Record<string, unknown>;
  params: Record<string, unknown>;
  paramsHash: string;
  dataVersion: Record<string, number>;
  ranAt: string;
  result: ScenarioResult;
};
