// Shapes of the server's JSON (see WORKING-RULES contracts). Optional fields may be absent on older servers.
export type Provenance = 'real' | 'estimated' | 'illustrative';
export type GapClass = 'connected' | 'lit_village' | 'near_fibre' | 'mobile_only' | 'unserved';
/** A site's schedule (school hours): ISO weekdays 1–7, local "HH:MM" from–to, UTC offset in minutes. */
export type Schedule = { days: number[]; from: string; to: string; utcOffsetMin?: number };
export type SiteStatus = 'up' | 'down' | 'link_down' | 'unknown' | 'idle';

export type GapItem = {
  facilityId: string;
  name: string | null;
  nameRu?: string | null;
  nameKk?: string | null;
  nameEn?: string | null;
  kind: string;
  subkind?: string | null;
  /** From monitoring: 'idle' (lit, unused) or 'unreliable' (chronically unavailable); null otherwise. */
  measuredFlag?: 'idle' | 'unreliable' | null;
  settlementId?: string | null;
  settlementName?: string | null;
  admin1Id?: string | null;
  admin2Id?: string | null;
  gapClass: GapClass | string;
  technology: string | null;
  capexUsd?: number | null;
  tcoUsd?: number | null;
  tcoKzt?: number | null;
  beneficiaries?: number | null;
  score: number | null;
  rank: number | null;
  lon: number;
  lat: number;
  provenance?: Provenance | string | null;
};

export type GapList = { total: number; items: GapItem[] };

/** Why an option is (not) feasible: a code and values the app translates, and English text. */
export type OptionReason = { code: string; values: Record<string, number | string>; text: string };

export type TechOption = {
  technology: string;
  feasible: boolean;
  reason?: OptionReason | string | null;
  capexUsd?: number | null;
  /** Year 1's recurring cost (per-Mbps costs follow the year's demand). */
  yearlyUsd?: number | null;
  opexUsdPerYear?: number | null;
  replacements?: Array<{ year: number; item: string; usd: number }>;
  tcoUsd?: number | null;
  tcoKzt?: number | null;
  capacityMbps?: number | null;
};

/** The settlement's choice for this facility: its share of a shared trench or radio base, and its figure alone. */
export type FacilityChoice = {
  technology: string;
  capexUsd: number;
  tcoUsd: number;
  tcoKzt: number;
  standaloneTcoUsd: number;
  group: { id: string; kind: 'trench' | 'village_radio'; memberIds: string[]; savingUsd: number; lengthM: number | null } | null;
  why: string;
};

export type GapDetail = {
  facility: Record<string, unknown> & { id?: string; name?: string | null; kind?: string; provenance?: string };
  /** From monitoring (see GapItem.measuredFlag). */
  measuredFlag?: 'idle' | 'unreliable' | null;
  measures?: {
    popDistanceM?: number | null;
    routeDistanceM?: number | null;
    pathM?: number | null;
    pathMethod?: string | null;
    snapM?: number | null;
    mobileTechnology?: string | null;
  };
  options?: TechOption[];
  choice?: FacilityChoice | null;
  inScope?: boolean;
  settlementType?: string;
  demandMbps?: number;
  demandAtHorizonMbps?: number;
  horizonYears?: number;
  recommendation?: string | { technology?: string } | null;
  whyOthersLost?: Array<string | { technology?: string; reason?: string }>;
  score?: { value: number | null; components?: Record<string, unknown> };
  rank?: number | null;
  gapClass?: string;
  sharedTrench?: {
    settlementId?: string;
    standaloneKzt?: number | null; sharedKzt?: number | null;
    standaloneUsd?: number | null; sharedUsd?: number | null;
    facilities?: Array<string | { facilityId?: string; name?: string }>;
  } | null;
  kztPerUsd?: number;
};

export type Site = {
  id: string;
  facilityId: string | null;
  name: string;
  status: SiteStatus;
  lastPollAt?: string | null;
  availability24h?: number | null;
  availabilityMonth?: number | null;
  slaTarget?: number | null;
  operator?: string | null;
  facilityName?: string | null;
  facilityKind?: string | null;
  /** admin1 id of the site's settlement. */
  region?: string | null;
  shareToken?: string | null;
  /** The school's public page, /s/<token>. */
  shareUrl?: string | null;
  coverage24h?: number | null;
  contactPhone?: string | null;
  /** True once the last poll is older than 3 intervals: the status is then 'unknown'. */
  noRecentData?: boolean;
  lon: number;
  lat: number;
};

export type Outage = { start?: string; end?: string | null; startedAt?: string; endedAt?: string | null; durationMs?: number | null; durationS?: number | null; cause?: string };

export type ShareView = {
  siteName: string;
  /** This month's availability over the school's own hours; null without a schedule. */
  availabilityMonthScheduled?: number | null;
  schedule?: Schedule | null;
  facilityName?: string | null;
  status: SiteStatus;
  availabilityMonth: number | null;
  slaTarget: number | null;
  lastOutages: Outage[];
  contact?: { operator?: string | null; phone?: string | null };
  updatedAt?: string;
  lastPollAt?: string | null;
  /** Share of the month the site was observed (0..1); null before the first poll. */
  coverageMonth?: number | null;
  /** True once the last poll is older than 3 intervals (the agent stopped reporting). */
  noRecentData?: boolean;
};

export type Breakdown = { facilities: number; beneficiaries: number; costKzt: number };

export type ChosenSite = {
  facilityId: string; name?: string | null; kind?: string; settlementId?: string | null; admin1Id?: string | null; admin2Id?: string | null;
  technology?: string | null; costKzt?: number; beneficiaries?: number; p10?: number; p50?: number; p90?: number;
};

/** A run as POST …/run and GET …/runs/:id answer it: the stored result plus its identity. */
export type ScenarioRun = {
  scenario?: string;
  runId?: number;
  id?: number;
  ranAt?: string;
  paramsHash?: string;
  budgetKzt?: number;
  chosen: string[];
  sites?: ChosenSite[];
  totalCostKzt: number;
  p10?: number; p50?: number; p90?: number;
  beneficiaries: number;
  byKind?: Record<string, Breakdown>;
  byRegion?: Record<string, Breakdown>;
  connectAllKzt?: number;
  candidates?: number;
  curve: Array<{ costKzt: number; beneficiaries: number }>;
  scope?: { regions: string[]; note: string };
};

export type RunSummary = { id: number; budgetKzt: number; ranAt: string; totalCostKzt?: number | null; beneficiaries?: number | null; paramsHash?: string };

/** What a scenario stores: planning overrides (deep) and the Monte Carlo settings. */
export type ScenarioParams = { planning?: Record<string, unknown>; seed?: number; draws?: number; distribution?: 'triangular' | 'uniform' };

export type Scenario = {
  name: string;
  description?: string | null;
  budgetKzt: number;
  params?: ScenarioParams;
  updatedAt?: string;
  latestRun?: { id: number; ranAt: string; totalCostKzt?: number; beneficiaries?: number } | null;
};

export type ScenarioDefaults = {
  planning: Record<string, unknown> & { ranges?: Record<string, [number, number]> };
  seed: number; draws: number; distribution: 'triangular' | 'uniform';
};

export type PppCase = {
  settlementId: string; name: string | null; admin1Id: string | null; admin2Id?: string | null; population: number; fibrePresent: boolean;
  capexKzt: number; subscribers: number; revenueKztPerYear: number; opexKztPerYear: number; npvKzt: number;
  viabilityGapKzt: number; viabilityGapPerPersonKzt: number | null; lon: number; lat: number;
};
export type PppList = { total: number; params: Record<string, unknown>; items: PppCase[] };

export type LayerInfo = { name: string; title: string; count: number; provenance: string[] };

export type UserRecord = {
  id: number; email: string; displayName: string | null; role: string; regions: string[]; siteIds: string[];
  disabledAt: string | null; lastLoginAt: string | null;
};

export type AuditItem = { id: number; at: string; actor: string; action: string; target: string | null };

/** One ranged figure and where the facility's technology would change below or above its value. */
export type BreakEven = {
  name: string;
  value: number;
  technology: string | null;
  below: { value: number; technology: string | null } | null;
  above: { value: number; technology: string | null } | null;
};

/** One ranged figure: how many facilities change technology at each end of its range, and the main moves. */
export type SensitivityEnd = { value: number; changed: number; moves: Record<string, number> };
export type SensitivityRange = { name: string; value: number; min: SensitivityEnd; max: SensitivityEnd };

/** One of the caller's API tokens as the server lists it (never the secret itself). */
export type ApiToken = {
  id: number; prefix: string; name: string; role: string; regions: string[]; siteIds: string[];
  createdAt: string; expiresAt: string; revokedAt: string | null; lastUsedAt: string | null;
};

/** A planned maintenance window of a monitored site (siteId null: every site). */
export type MaintenanceWindow = { id: number; siteId: string | null; startsAt: string; endsAt: string; reason: string | null };
