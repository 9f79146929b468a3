// Facilities from measures to results: gap class, scope, every technology option costed over the
// horizon, one choice per settlement (shared trench, shared village radio base), score. Pure: the
// recompute, the explanation endpoint, the portfolio and the sensitivity report all call this.
import { costBetween, costOver, demandInYear, type Costed, type CostStream, type Horizon, type Replacement } from './cost-stream.ts';
import { connectedNow, gapClass, measuredFlag, settlementLit, type GapClass, type MeasuredFlag, type MeasuredState } from './gap-class.ts';
import { technologyParameters, type Parameters } from './parameters.ts';
import { round, roundKzt, roundUsd } from './round.ts';
import { beneficiaries, score, type FacilityKind, type Score } from './score.ts';
import { chooseForSettlement, type AccessPointNode, type ChoiceMember, type SettlementChoice, type SharedGroup } from './settlement-choice.ts';
import { fibreAccess, trenchStream } from './technologies/fibre.ts';
import { TECHNOLOGY_REGISTRY } from './technologies/index.ts';
import type { FibreAccess, Reason, SiteContext } from './technologies/types.ts';

export type SettlementMeasure = { popInSettlement: boolean; popDistanceM: number | null; routeDistanceM: number | null };

export type FacilityInput = {
  facilityId: string;
  kind: FacilityKind;
  subkind: string | null;
  connection: string;
  measuredMbps: number | null;
  students: number | null;
  staff: number | null;
  populationServed: number | null;
  settlementId: string | null;
  /** OSM place of the settlement: city, town, village, hamlet, isolated_dwelling; null: unknown. */
  settlementPlace: string | null;
  settlementPopulation: number | null;
  admin1Id: string | null;
  admin2Id: string | null;
  lon: number;
  lat: number;
  settlement: SettlementMeasure | null;
  popDistanceM: number | null;
  routeDistanceM: number | null;
  roadPathPopM: number | null;
  roadPathSpliceM: number | null;
  /** Where a drop would start: the nearest PoP and the splice point on the nearest built route. */
  pop: AccessPointNode | null;
  splice: AccessPointNode | null;
  mobileTechnology: string | null;
  /** The nearest planned route (status planned, with a year) within the longest drop; null: none. */
  planned: { routeId: string; distanceM: number; year: number } | null;
  /** Monitoring's verdict (facility_measured_state); null: no monitored site. */
  measured: MeasuredState | null;
};

export type CostedOption = {
  technology: string;
  feasible: boolean;
  reason: Reason;
  capexUsd: number;
  /** Year 1's recurring cost. */
  yearlyUsd: number;
  replacements: Replacement[];
  tcoUsd: number;
  capacityMbps: number;
  outgrowsInYear: number | null;
  fibre?: FibreAccess;
};

export type SettlementType = 'rural' | 'urban' | 'unknown';

export type Choice = {
  technology: string;
  /** This facility's part of what is built (its share of a shared trench or base). */
  capexUsd: number;
  tcoUsd: number;
  tcoKzt: number;
  /** Its chosen technology's TCO had it been built for it alone. */
  standaloneTcoUsd: number;
  /** The shared trench or radio base it is part of, with the other members; null: built alone. */
  group: { id: string; kind: SharedGroup['kind']; memberIds: string[]; savingUsd: number; lengthM: number | null } | null;
  why: string;
};

export type Evaluation = {
  facilityId: string;
  gapClass: GapClass;
  measuredFlag: MeasuredFlag | null;
  settlementLit: boolean;
  settlementType: SettlementType;
  inScope: boolean;
  /** Below demand on its current link (dsl, mobile, satellite, unknown speed or measured slow). */
  underserved: boolean;
  demandMbps: number;
  demandAtHorizonMbps: number;
  regionMultiplier: number;
  beneficiaries: number;
  /** Every technology costed (stand-alone), feasible or not; [] for a connected facility. */
  options: CostedOption[];
  /**
   * What to do: null for a connected facility; technology 'keep' when the current link is the
   * cheapest that carries the demand (no new work); technology null when nothing is feasible.
   */
  choice: Choice | null;
  whyOthersLost: Array<{ technology: string; reason: 'infeasible' | 'costlier'; message: string }>;
  /** null when there is nothing to rank: connected, out of scope, keep, or nothing feasible. */
  score: Score | null;
};

export type EvaluationRun = { evaluations: Map<string, Evaluation>; groups: SharedGroup[]; methods: Record<SettlementChoice['method'], number> };

export function regionMultiplier(admin1Id: string | null, admin2Id: string | null, p: Parameters): number {
  const m = p.regionCostMultiplier;
  if (admin2Id !== null && m[admin2Id] !== undefined) return m[admin2Id];
  if (admin1Id !== null && m[admin1Id] !== undefined) return m[admin1Id];
  return 1;
}

const RURAL = new Set(['village', 'hamlet', 'isolated_dwelling']);
const URBAN = new Set(['city', 'town']);
export function settlementType(place: string | null): SettlementType {
  if (place !== null && RURAL.has(place)) return 'rural';
  if (place !== null && URBAN.has(place)) return 'urban';
  return 'unknown';
}

/** A new object per run, never changed: the costings of shared streams (costOver) are remembered per horizon object. */
export const horizonOf = (p: Parameters): Horizon => ({ years: p.finance.years, rate: p.finance.discountRate, growth: p.finance.demandGrowth });

type RawOption = CostedOption & { raw: Costed | null; stream: CostStream | null };

/** The one empty list every option without replacements shares (figures-only runs make thousands). */
const NO_REPLACEMENTS: Replacement[] = [];
/** The one empty "why others lost" list of every figures-only evaluation (never added to). */
const NO_REASONS: Evaluation['whyOthersLost'] = [];

function costed(o: ReturnType<(typeof TECHNOLOGY_REGISTRY)[number]['option']>, demand: number, h: Horizon, detail: boolean): RawOption {
  const c = o.stream ? costOver(o.stream, demand, h, detail) : null;
  const out: RawOption = {
    technology: o.technology, feasible: o.feasible, reason: o.reason,
    capexUsd: roundUsd(c?.capexUsd ?? 0), yearlyUsd: roundUsd(c?.yearlyUsd ?? 0),
    replacements: c && c.replacements.length > 0 ? c.replacements.map((r) => ({ ...r, usd: roundUsd(r.usd) })) : NO_REPLACEMENTS,
    tcoUsd: roundUsd(c?.tcoUsd ?? 0), capacityMbps: o.capacityMbps, outgrowsInYear: o.outgrowsInYear, raw: c, stream: o.stream,
  };
  if (o.fibre) out.fibre = o.fibre;
  return out;
}

type Prepared = { f: FacilityInput; e: Evaluation; member: ChoiceMember | null; optionsRaw: RawOption[] };

/** `fixed` (a technology, or null for none) holds a choice made before; undefined: any. */
function allowedBy(fixed: string | null | undefined, t: string): boolean {
  return fixed === undefined || fixed === t;
}

/** What every facility of one evaluation shares: worked out once per run, not per facility. */
type RunContext = { h: Horizon; all: Record<string, Record<string, unknown>>; detail: boolean };

function prepare(f: FacilityInput, p: Parameters, fixed: string | null | undefined, ctx: RunContext): Prepared {
  const { h, all, detail } = ctx;
  const demandMbps = p.demandMbps[f.kind];
  const demandAtHorizonMbps = demandInYear(demandMbps, h.growth, h.years);
  const mult = regionMultiplier(f.admin1Id, f.admin2Id, p);
  const lit = settlementLit(f.settlement, p.villageRadiusM);
  const meetsDemand = f.measuredMbps !== null && f.measuredMbps >= demandMbps;
  // A connected facility's class does not depend on the fibre near it: no option is costed for it.
  const connected = connectedNow({ connection: f.connection, meetsDemand, measured: f.measured });
  const optionsRaw: RawOption[] = [];
  let fibreOpt: RawOption | undefined;
  let vr: RawOption | undefined;
  let cls: GapClass = 'connected';
  if (!connected) {
    const site: SiteContext = {
      kind: f.kind, demandMbps, demandAtHorizonMbps, popDistanceM: f.popDistanceM, routeDistanceM: f.routeDistanceM,
      roadPathPopM: f.roadPathPopM, roadPathSpliceM: f.roadPathSpliceM, mobileTechnology: f.mobileTechnology, settlementLit: lit,
      connection: f.connection, measuredMbps: f.measuredMbps, regionMultiplier: mult, routeFactor: p.routeFactor,
      maxFibreDropM: p.spatial.maxFibreDropM, allowOutgrow: p.finance.allowOutgrow, growth: h.growth, texts: detail,
    };
    // A fixed choice (a choice made before, costed again at other unit costs) needs only its own option.
    const any = fixed === undefined || fixed === PLANNED_FIBRE;
    for (const t of TECHNOLOGY_REGISTRY) {
      if (!any && t.id !== fixed) continue;
      optionsRaw.push(costed(t.option(site, all[t.id] as never, all), demandMbps, h, detail));
    }
    // Today's fibre access, found once: the fibre option carries it; without that option (a fixed
    // choice of another technology) it is looked up here.
    for (const o of optionsRaw) {
      if (o.technology === 'fibre') fibreOpt = o;
      else if (o.technology === 'village_radio') vr = o;
    }
    const today = fibreOpt ? (fibreOpt.fibre ?? null) : fibreAccess(site, p.fibre);
    // Waiting for a planned route makes sense only where it comes nearer than the fibre of today.
    const plannedNearer = f.planned !== null && (today === null || today.pathM > site.maxFibreDropM || f.planned.distanceM * p.routeFactor < today.pathM);
    if (f.planned && plannedNearer && any) optionsRaw.push(plannedFibreOption(f.planned, site, optionsRaw, p, h, detail));
    cls = gapClass({
      connection: f.connection, meetsDemand, settlementLit: lit, fibrePathM: today?.pathM ?? null,
      mobileTechnology: f.mobileTechnology, maxFibreDropM: p.spatial.maxFibreDropM, measured: f.measured,
    });
  }
  const type = settlementType(f.settlementPlace);
  const e: Evaluation = {
    facilityId: f.facilityId, gapClass: cls, measuredFlag: measuredFlag(f.measured), settlementLit: lit, settlementType: type,
    inScope: p.scope === 'all' || type !== 'urban', underserved: cls !== 'connected' && f.connection !== 'none',
    demandMbps, demandAtHorizonMbps: round(demandAtHorizonMbps, 2), regionMultiplier: mult, beneficiaries: beneficiaries(f, p),
    // Without detail the working options are kept as they are (their extra fields are not read): no copy per facility.
    options: cls === 'connected' ? [] : detail ? optionsRaw.map(({ raw: _raw, stream: _stream, ...o }) => o) : optionsRaw, choice: null, whyOthersLost: detail ? [] : NO_REASONS, score: null,
  };
  if (cls === 'connected') return { f, e, member: null, optionsRaw };
  // The cheapest feasible option that shares nothing; ties go to the registry's order (keep first).
  let other: ChoiceMember['other'] = null;
  for (const o of optionsRaw) {
    if (!o.feasible || !o.raw || o.technology === 'fibre' || o.technology === 'village_radio' || !allowedBy(fixed, o.technology)) continue;
    if (!other || o.raw.tcoUsd < other.costed.tcoUsd - 1e-9) other = { technology: o.technology, costed: o.raw };
  }
  const access = fibreOpt?.fibre;
  const accessPoint = access ? (access.accessPoint === 'pop' ? f.pop : f.splice) : null;
  const member: ChoiceMember = {
    facilityId: f.facilityId, lon: f.lon, lat: f.lat, demandMbps, demandAtHorizonMbps, regionMultiplier: mult, other,
    fibre: fibreOpt?.feasible && fibreOpt.raw && access && accessPoint && allowedBy(fixed, 'fibre') ? { costed: fibreOpt.raw, access, accessPoint } : null,
    villageRadio: vr?.feasible && vr.raw && allowedBy(fixed, 'village_radio') ? { costed: vr.raw } : null,
  };
  return { f, e, member, optionsRaw };
}

/** The phased option's id (a composite of the registry's options: see the catalogue). */
export const PLANNED_FIBRE = 'planned_fibre';

/**
 * "Fibre that is coming" (docs/planning-model.md): a planned route (not fibre today) reaches the
 * facility in year y of the plan. Phased option: the cheapest interim link that shares nothing
 * (keeping the current one, a radio link, 4G or satellite) for years 0 … w, w = max(1, y − base year),
 * then a fibre drop from the planned route bought in year w and run to the end of the horizon.
 */
function plannedFibreOption(planned: NonNullable<FacilityInput['planned']>, site: SiteContext, options: readonly RawOption[], p: Parameters, h: Horizon, detail: boolean): RawOption {
  const wait = Math.max(1, planned.year - p.baseYear);
  const pathM = round(planned.distanceM * p.routeFactor, 2);
  const km = Math.round(pathM / 10) / 100;
  const values = { year: planned.year, km, wait };
  if (wait >= h.years) {
    return plannedInfeasible(p, { code: 'planned_beyond_horizon', values, text: detail ? `the planned route arrives in ${planned.year}, after the ${h.years}-year horizon` : '' });
  }
  let interim: RawOption | null = null;
  for (const o of options) {
    if (!o.feasible || !o.stream || !o.raw || o.technology === 'fibre' || o.technology === 'village_radio') continue;
    if (!interim || o.raw.tcoUsd < interim.raw!.tcoUsd - 1e-9) interim = o;
  }
  if (!interim) return plannedInfeasible(p, { code: 'no_interim', values, text: 'no link can bridge the years until the planned route arrives' });
  if (pathM > p.spatial.maxFibreDropM) {
    return plannedInfeasible(p, { code: 'drop_too_long', values: { km, maxKm: Math.round(p.spatial.maxFibreDropM / 10) / 100 }, text: detail ? `the planned route is ${km} km away, beyond the drop limit` : '' });
  }
  const before = costBetween(interim.stream!, site.demandMbps, h, 0, wait, detail);
  const after = costBetween(trenchStream(p.fibre, pathM, 1, 1, site.regionMultiplier), site.demandMbps, h, wait, h.years, detail);
  const tco = before.tcoUsd + after.tcoUsd;
  const raw: Costed = { capexUsd: before.capexAtStartUsd, yearlyUsd: interim.raw!.yearlyUsd, replacements: detail ? [...before.purchases, ...after.purchases] : NO_REPLACEMENTS, tcoUsd: tco };
  // Written out, not `{ ...base, more }`: V8's slow path, microseconds a call, for every facility a planned route comes near.
  return {
    technology: PLANNED_FIBRE, capacityMbps: p.fibre.capacityMbps, outgrowsInYear: null, raw, stream: null,
    capexUsd: roundUsd(raw.capexUsd), yearlyUsd: roundUsd(raw.yearlyUsd),
    replacements: detail ? raw.replacements.map((x) => ({ ...x, usd: roundUsd(x.usd) })) : NO_REPLACEMENTS, tcoUsd: roundUsd(tco), feasible: true,
    reason: { code: 'wait_for_fibre', values: { year: planned.year, km, wait, interim: interim.technology }, text: detail ? `${interim.technology} until ${planned.year}, then a ${km} km drop from the planned route` : '' },
  };
}

/** The phased option when it cannot be taken, for `reason`. */
function plannedInfeasible(p: Parameters, reason: Reason): RawOption {
  return { technology: PLANNED_FIBRE, capacityMbps: p.fibre.capacityMbps, outgrowsInYear: null, raw: null, stream: null, capexUsd: 0, yearlyUsd: 0, replacements: NO_REPLACEMENTS, tcoUsd: 0, feasible: false, reason };
}

// Each module names itself (`words`); the composite planned_fibre is built here.
const TECH_WORDS: Record<string, string> = { planned_fibre: 'an interim link, then the planned PPP fibre', ...Object.fromEntries(TECHNOLOGY_REGISTRY.map((t) => [t.id, t.words])) };

function finish(x: Prepared, c: SettlementChoice['members'][number] | undefined, groups: readonly SharedGroup[], p: Parameters, detail: boolean): void {
  const { e } = x;
  if (!c || e.gapClass === 'connected') return;
  if (c.technology === null) {
    if (detail) e.whyOthersLost = e.options.map((o) => ({ technology: o.technology, reason: 'infeasible', message: o.reason.text }));
    return;
  }
  const g = c.groupId ? groups.find((y) => y.id === c.groupId) ?? null : null;
  const tcoUsd = roundUsd(c.allocatedTcoUsd);
  // KZT from the rounded USD figure, so a reader multiplies what they see.
  const tcoKzt = roundKzt(tcoUsd * p.finance.kztPerUsd);
  const why = !detail
    ? ''
    : g
    ? `${TECH_WORDS[c.technology]} shared by ${g.memberIds.length} facilities of the settlement: ${tcoUsd.toFixed(2)} USD as its share, ${roundUsd(c.standaloneTcoUsd).toFixed(2)} USD alone`
    : `${TECH_WORDS[c.technology] ?? c.technology} is the cheapest option that carries the demand (${tcoUsd.toFixed(2)} USD over ${p.finance.years} years)`;
  e.choice = {
    technology: c.technology, capexUsd: roundUsd(c.allocatedCapexUsd), tcoUsd, tcoKzt, standaloneTcoUsd: roundUsd(c.standaloneTcoUsd),
    group: g ? { id: g.id, kind: g.kind, memberIds: g.memberIds, savingUsd: roundUsd(g.savingUsd), lengthM: g.lengthM === null ? null : round(g.lengthM, 2) } : null,
    why,
  };
  if (detail) e.whyOthersLost = e.options
    .filter((o) => o.technology !== c.technology)
    .map((o) =>
      o.feasible
        ? { technology: o.technology, reason: 'costlier' as const, message: `TCO ${o.tcoUsd.toFixed(2)} USD alone, more than ${tcoUsd.toFixed(2)} USD for ${c.technology}` }
        : { technology: o.technology, reason: 'infeasible' as const, message: o.reason.text },
    );
  if (!e.inScope || c.technology === 'keep') return;
  e.score = score({ beneficiaries: e.beneficiaries, tcoKzt, connection: x.f.connection, subkind: x.f.subkind, gapClass: e.gapClass, measuredFlag: e.measuredFlag }, p, detail);
}

/**
 * Evaluates facilities, choosing per settlement. In scope, unconnected facilities of one settlement
 * are chosen together; the others (out of scope, or without a settlement) alone.
 */
export type EvaluateOptions = {
  /** A choice made before per facility (a technology, or null for none): cost only that option. */
  fixed?: ReadonlyMap<string, string | null>;
  /**
   * false: the figures only (every number the same), without the words a reader is shown: no
   * replacement lists, no reason texts made from figures (codes and values stay), no "why" and "why others lost"
   * texts, options not copied. The recompute,
   * Monte Carlo, the portfolio and the sensitivity sweep read only the figures; the explanation
   * of one facility asks for the detail. Default true.
   */
  detail?: boolean;
};

export function evaluateFacilities(given: readonly FacilityInput[], p: Parameters, opts: EvaluateOptions = {}): EvaluationRun {
  const evaluated: Evaluation[] = new Array(given.length);
  const groups: SharedGroup[] = [];
  const methods = evaluateEach(given, p, opts, (i, x) => { evaluated[i] = x.e; }, groups);
  const evaluations = new Map<string, Evaluation>();
  for (const e of evaluated) evaluations.set(e.facilityId, e);
  return { evaluations, groups, methods };
}

/** Receives each facility once it is evaluated, with its index in the input. */
export type EvaluationSink = (index: number, x: { f: FacilityInput; e: Evaluation }) => void;

/**
 * The evaluation itself, one settlement at a time: its facilities are prepared, chosen for and
 * finished together, then handed to `sink` and dropped, so no per-facility object lives past its
 * settlement (kept to the end of a run, 19,000 of them made every garbage collection copy them).
 * Settlements in id order (their shared groups are pushed onto `groups` in that order), then the
 * facilities without one. Returns how many choices each method made.
 */
export function evaluateEach(given: readonly FacilityInput[], p: Parameters, opts: EvaluateOptions, sink: EvaluationSink, groups?: SharedGroup[]): EvaluationRun['methods'] {
  const steps = evaluateSteps(given, p, opts, sink, groups);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * evaluateEach, pausing (a `yield`) after each settlement once `every` facilities have been handed to
 * `sink` since the last pause: a caller writes those while the next are evaluated (evaluate-share.ts
 * evaluateFiguresInTurn). The same evaluations in the same order, however often it pauses.
 */
export function* evaluateSteps(given: readonly FacilityInput[], p: Parameters, opts: EvaluateOptions, sink: EvaluationSink, groups?: SharedGroup[], every = Infinity): Generator<void, EvaluationRun['methods']> {
  const h = horizonOf(p);
  const detail = opts.detail ?? true;
  // Every option is costed again in each run: remembering them between runs (option-memo.ts, until
  // session 23) made a cost-only re-rank slower, not faster (docs/status.md, Session 23).
  const ctx: RunContext = { h, all: technologyParameters(p), detail };
  const fixedOf = (f: FacilityInput) => (opts.fixed ? (opts.fixed.get(f.facilityId) ?? null) : undefined);
  const methods = { exhaustive: 0, local_search: 0, single: 0 };
  const settle = (sid: string | null, xs: Prepared[]) => {
    const choice = chooseForSettlement(sid, xs.map((x) => x.member!), p, h);
    methods[choice.method]++;
    if (groups) for (const g of choice.groups) groups.push(g);
    // A settlement is a handful of facilities: looked up by scanning, no maps made per settlement.
    for (const x of xs) finish(x, choice.members.find((m) => m.facilityId === x.f.facilityId), choice.groups, p, detail);
  };
  const { settlements, without } = groupingOf(given);
  let handed = 0;
  for (const [sid, at] of settlements) {
    const members: FacilityInput[] = [];
    for (const i of at) members.push(given[i]!);
    const credited = creditPopulationOnce(members);
    const prepared: Prepared[] = [];
    for (let k = 0; k < at.length; k++) prepared.push(prepare(credited[k]!, p, fixedOf(members[k]!), ctx));
    // In scope, unconnected facilities are chosen together; out of scope ones alone.
    const together: Prepared[] = [];
    for (const x of prepared) {
      if (!x.member) continue;
      if (x.e.inScope) together.push(x);
      else settle(null, [x]);
    }
    if (together.length > 0) settle(sid, together);
    for (let k = 0; k < at.length; k++) sink(at[k]!, prepared[k]!);
    if ((handed += at.length) >= every) {
      handed = 0;
      yield;
    }
  }
  for (const i of without) {
    const x = prepare(given[i]!, p, fixedOf(given[i]!), ctx);
    if (x.member) settle(null, [x]);
    sink(i, x);
    if (++handed >= every) {
      handed = 0;
      yield;
    }
  }
  return methods;
}

/** The input's facilities by settlement (ids in order) and those without one, as input indices. */
type Grouping = { of: readonly FacilityInput[]; settlements: Array<[string, number[]]>; without: number[] };
// The last input's grouping: a re-rank evaluates the same facility objects again and again. It is
// a function of those objects only (kept as a copy of the list, compared one by one).
let lastGrouping: Grouping | null = null;

function groupingOf(given: readonly FacilityInput[]): Grouping {
  const last = lastGrouping;
  if (last && sameObjects(last.of, given)) return last;
  const bySettlement = new Map<string, number[]>();
  const without: number[] = [];
  for (let i = 0; i < given.length; i++) {
    const sid = given[i]!.settlementId;
    if (sid === null) without.push(i);
    else {
      const at = bySettlement.get(sid);
      if (at) at.push(i);
      else bySettlement.set(sid, [i]);
    }
  }
  const settlements = [...bySettlement].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (lastGrouping = { of: [...given], settlements, without });
}

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A settlement's people are credited once across its health facilities: when the populations its
 * health points claim add up to more than the settlement has (a hospital and a PHC centre of one
 * village each claiming all of it), each claim is scaled down in proportion. `members`: the
 * facilities of one settlement, in input order; the same array back when no claim is scaled. Pure.
 */
function creditPopulationOnce(members: readonly FacilityInput[]): readonly FacilityInput[] {
  let total = 0;
  for (const f of members) if (f.kind === 'health' && f.populationServed) total += f.populationServed;
  let out: FacilityInput[] | null = null;
  for (let k = 0; k < members.length; k++) {
    const f = members[k]!;
    if (f.kind !== 'health' || !f.populationServed || f.settlementPopulation === null || total <= f.settlementPopulation) continue;
    out ??= [...members];
    out[k] = { ...f, populationServed: round((f.populationServed * f.settlementPopulation) / total, 2) };
  }
  return out ?? members;
}

/** One facility on its own (its settlement's other facilities not considered). */
export function evaluateFacility(f: FacilityInput, p: Parameters): Evaluation {
  return evaluateFacilities([f], p).evaluations.get(f.facilityId)!;
}
