// One choice per settlement (docs/planning-model.md "Shared last mile"): the facilities of a
// settlement that take fibre share one trench (a minimum spanning tree from the access point), and
// those that take village radio share one base. So the technologies of a settlement's facilities
// are chosen together: every assignment of {fibre, village radio, own best other option} is costed
// and the cheapest set wins (exhaustive up to MAX_EXHAUSTIVE facilities; above it a local search).
// Shared costs are allocated in proportion to each member's stand-alone figure. Pure (its memos
// are sized from the heap limit).
import { geodesicM } from './geodesy.ts';
import { fitInHeap } from './heap-share.ts';
import { primTree, type TreeNode as TrenchNode } from './spanning-tree.ts';
import { costOver, type Costed, type Horizon } from './cost-stream.ts';
import type { Parameters } from './parameters.ts';
import { trenchStream } from './technologies/fibre.ts';
import type { FibreAccess } from './technologies/types.ts';
import { villageRadioStream } from './technologies/village-radio.ts';

/** 3^n assignments are tried exhaustively up to this size (3^9 = 19,683). */
export const MAX_EXHAUSTIVE = 9;

export type AccessPointNode = { id: string; kind: 'pop' | 'splice'; lon: number; lat: number };

/** What the choice needs of one facility's stand-alone options. */
export type ChoiceMember = {
  facilityId: string;
  lon: number;
  lat: number;
  demandMbps: number;
  demandAtHorizonMbps: number;
  regionMultiplier: number;
  /** Cheapest feasible option that shares nothing (keep, radio link, 4G, satellite); null: none. */
  other: { technology: string; costed: Costed } | null;
  /** Stand-alone fibre drop, when feasible, with the access point it starts from. */
  fibre: { costed: Costed; access: FibreAccess; accessPoint: AccessPointNode } | null;
  /** Stand-alone village radio (base + one CPE), when feasible. */
  villageRadio: { costed: Costed } | null;
};

export type SharedGroup = {
  id: string;
  kind: 'trench' | 'village_radio';
  memberIds: string[];
  costed: Costed;
  standaloneTcoUsd: number;
  savingUsd: number;
  /** Trench only: its length, the stand-alone drops' total, and its lines. */
  lengthM: number | null;
  standaloneLengthM: number | null;
  geometry: { type: 'MultiLineString'; coordinates: Array<Array<[number, number]>> } | null;
  /** Trench only: the PoPs and splice points it starts from. */
  accessPoints: AccessPointNode[];
};

export type MemberChoice = {
  facilityId: string;
  /** null: no feasible option at all. */
  technology: string | null;
  /** The facility's part of what is built: its own option, or its share of a group. */
  allocatedCapexUsd: number;
  allocatedTcoUsd: number;
  /** Its own option's TCO had it been built alone (for a group member: its stand-alone drop or base). */
  standaloneTcoUsd: number;
  groupId: string | null;
};

export type SettlementChoice = { members: MemberChoice[]; groups: SharedGroup[]; method: 'exhaustive' | 'local_search' | 'single' };

type Assign = 0 | 1 | 2; // 0 own best other option, 1 fibre trench, 2 village radio

const byId = (a: { facilityId: string }, b: { facilityId: string }) => (a.facilityId < b.facilityId ? -1 : a.facilityId > b.facilityId ? 1 : 0);

/** Where a trench runs, without its price: a function of positions, access points and the route factor only. */
type TrenchShape = { lengthM: number; splices: number; accessPoints: AccessPointNode[]; geometry: { type: 'MultiLineString'; coordinates: Array<Array<[number, number]>> } | null };

/**
 * Lays the trench over `members` (each with a feasible fibre drop). The fibre network is one root:
 * every member's own access point (the village PoP, or a splice on a passing route) hangs from it at
 * no cost, so the minimum spanning tree joins each facility either to an access point or to a
 * neighbour, whichever is shorter: one shared tree, or several, or separate drops. Every splice
 * point the tree uses costs a mid-span splice. `withGeometry` false: no lines (the assignment search
 * lays a trench for every subset it tries; only the chosen one is drawn).
 */
function trenchShape(members: ChoiceMember[], routeFactor: number, withGeometry: boolean): TrenchShape {
  const aps = [...new Map(members.map((m) => [m.fibre!.accessPoint.id, m.fibre!.accessPoint])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const root: TrenchNode = { id: '(network)', lon: 0, lat: 0 };
  const apIds = new Set(aps.map((a) => a.id));
  const own = new Map(members.map((f) => [f.facilityId, f]));
  const nodes: TrenchNode[] = [root, ...aps.map((a) => ({ id: a.id, lon: a.lon, lat: a.lat })), ...members.map((f) => ({ id: f.facilityId, lon: f.lon, lat: f.lat }))];
  const path = (a: TrenchNode, b: TrenchNode) => {
    if (a === root || b === root) return { meters: apIds.has(a === root ? b.id : a.id) ? 0 : Infinity };
    const aAp = apIds.has(a.id);
    const bAp = apIds.has(b.id);
    if (aAp && bAp) return { meters: Infinity };
    if (aAp || bAp) {
      // From an access point: the member's own measured drop when it starts there, else geodesic × factor.
      const m = own.get(aAp ? b.id : a.id)!;
      if (m.fibre!.accessPoint.id === (aAp ? a.id : b.id)) return { meters: m.fibre!.access.pathM };
    }
    return { meters: geodesicM([a.lon, a.lat], [b.lon, b.lat]) * routeFactor };
  };
  const { parent, meters } = primTree(nodes, path);
  let lengthM = 0;
  const coordinates: Array<Array<[number, number]>> = [];
  const used = new Set<string>();
  for (let i = 1 + aps.length; i < nodes.length; i++) {
    lengthM += meters[i]!;
    const a = nodes[parent[i]!]!;
    if (apIds.has(a.id)) used.add(a.id);
    if (withGeometry) coordinates.push([[a.lon, a.lat], [nodes[i]!.lon, nodes[i]!.lat]]);
  }
  const accessPoints = aps.filter((a) => used.has(a.id));
  const splices = accessPoints.filter((a) => a.kind === 'splice').length;
  return { lengthM, splices, accessPoints, geometry: withGeometry ? { type: 'MultiLineString', coordinates } : null };
}

/**
 * Trench shapes of one settlement by member subset, kept between evaluations: a unit cost that
 * moves (fibre per km, a what-if, a sensitivity end) changes what a trench costs, never where it
 * runs. One entry per settlement, valid while everything the shape reads is the same: the route
 * factor and, per member in order, its id, position, access point and measured drop. Bounded:
 * when full, new settlements are not kept (a run visits them in the same order, so the kept ones
 * keep hitting); the whole memo is dropped when, while it refused as many settlements as it holds,
 * it hit fewer than it refused (what it holds is gone: another data set).
 */
const shapes = new Map<string, { sig: unknown[]; masks: Map<number, TrenchShape> }>();
let hits = 0;
let refused = 0;
/**
 * Settlements kept: 5 % of the heap limit at ≈ 1.3 KB each (measured), at least 20,000: a national
 * plan's are kept (on the worker threads that evaluate it, each with its own heap), not laid again in
 * every run.
 */
const SHAPES_KEPT = fitInHeap(0.05, 1_300, 20_000);

function shapesOf(settlementId: string, members: ChoiceMember[], routeFactor: number): Map<number, TrenchShape> {
  // Compared value by value (no key text built: this runs for every settlement of every evaluation).
  const sig: unknown[] = [routeFactor];
  for (const m of members) {
    const ap = m.fibre?.accessPoint;
    sig.push(m.facilityId, m.lon, m.lat, ap?.id, ap?.kind, ap?.lon, ap?.lat, m.fibre?.access.pathM);
  }
  const got = shapes.get(settlementId);
  if (got && got.sig.length === sig.length && got.sig.every((v, i) => v === sig[i])) {
    hits++;
    return got.masks;
  }
  const masks = new Map<number, TrenchShape>();
  if (!got && shapes.size >= SHAPES_KEPT) {
    if (++refused <= SHAPES_KEPT) return masks; // not kept
    const useless = hits < refused; // over the last SHAPES_KEPT settlements refused
    hits = refused = 0;
    if (!useless) return masks;
    shapes.clear();
  }
  shapes.set(settlementId, { sig, masks });
  return masks;
}

/** A subset's trench (`mask` over the settlement's members, with its shape memo) or any members' (no memo). */
function trench(ms: ChoiceMember[], p: Parameters, h: Horizon, withGeometry: boolean, memo: { mask: number; shapes: Map<number, TrenchShape> } | null) {
  let shape = memo?.shapes.get(memo.mask);
  if (!shape || (withGeometry && !shape.geometry)) {
    shape = trenchShape(ms, p.routeFactor, withGeometry);
    memo?.shapes.set(memo.mask, shape);
  }
  const demand = ms.reduce((s, f) => s + f.demandMbps, 0);
  const costed = costOver(trenchStream(p.fibre, shape.lengthM, ms.length, shape.splices, ms[0]!.regionMultiplier), demand, h, withGeometry);
  return { costed, lengthM: shape.lengthM, accessPoints: shape.accessPoints, geometry: shape.geometry ?? { type: 'MultiLineString' as const, coordinates: [] } };
}

/** A radio base over `members`; `detail` false: its TCO alone, no replacement list (the search's subsets). */
function radioGroup(members: ChoiceMember[], p: Parameters, h: Horizon, detail: boolean): Costed | null {
  const atHorizon = members.reduce((s, f) => s + f.demandAtHorizonMbps, 0);
  if (atHorizon > p.villageRadio.capacityMbps && !p.finance.allowOutgrow) return null;
  const demand = members.reduce((s, f) => s + f.demandMbps, 0);
  return costOver(villageRadioStream(p.villageRadio, members.length, members[0]!.regionMultiplier), demand, h, detail);
}

/** Shared costs by member subset (a bit mask): an assignment search meets each subset many times. */
type Memo = { trench: Map<number, number>; radio: Map<number, number>; shapes: Map<number, TrenchShape> | null };
const newMemo = (shapes: Map<number, TrenchShape> | null): Memo => ({ trench: new Map(), radio: new Map(), shapes });

function sharedTco(want: Assign, members: ChoiceMember[], a: Assign[], p: Parameters, h: Horizon, mask: number, shapes: Map<number, TrenchShape> | null): number {
  const ms = members.filter((_, i) => a[i] === want);
  if (want === 2) return radioGroup(ms, p, h, false)?.tcoUsd ?? Infinity;
  return ms.length === 1 ? ms[0]!.fibre!.costed.tcoUsd : trench(ms, p, h, false, shapes ? { mask, shapes } : null).costed.tcoUsd;
}

/** A shared part of an assignment (1: the trench, 2: the radio base), from the memo when there is one. */
function sharedPart(want: Assign, mask: number, members: ChoiceMember[], a: Assign[], p: Parameters, h: Horizon, memo: Memo | null): number {
  if (mask === 0 && memo) return 0;
  if (!memo) return a.includes(want) ? sharedTco(want, members, a, p, h, 0, null) : 0;
  const cache = want === 1 ? memo.trench : memo.radio;
  let t = cache.get(mask);
  if (t === undefined) cache.set(mask, (t = sharedTco(want, members, a, p, h, mask, memo.shapes)));
  return t;
}

/**
 * The total of one assignment: each member's own option, plus the trench and the radio base of
 * those assigned to them. With a memo the shared parts are looked up by member subset; without
 * one (more than 30 members: masks are 32-bit) they are costed each time. One sum either way.
 */
function cost(members: ChoiceMember[], a: Assign[], p: Parameters, h: Horizon, memo: Memo | null): number {
  let total = 0;
  let fibreMask = 0;
  let radioMask = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    if (a[i] === 1) fibreMask |= 1 << i;
    else if (a[i] === 2) radioMask |= 1 << i;
    else if (m.other) total += m.other.costed.tcoUsd;
  }
  total += sharedPart(1, fibreMask, members, a, p, h, memo);
  total += sharedPart(2, radioMask, members, a, p, h, memo);
  return total;
}

function choices(m: ChoiceMember): Assign[] {
  const out: Assign[] = [];
  if (m.other) out.push(0);
  if (m.fibre) out.push(1);
  if (m.villageRadio) out.push(2);
  return out;
}

/** Every assignment, in a fixed order; a strictly cheaper one replaces the best (so ties keep the first). */
function exhaustive(members: ChoiceMember[], p: Parameters, h: Horizon, memo: Memo): Assign[] {
  const opts = members.map(choices);
  const a: Assign[] = opts.map((o) => o[0] ?? 0);
  let best = [...a];
  let bestCost = cost(members, a, p, h, memo);
  const idx = new Array<number>(members.length).fill(0);
  for (;;) {
    let i = 0;
    while (i < members.length && idx[i]! + 1 >= opts[i]!.length) idx[i++] = 0;
    if (i === members.length) break;
    idx[i]!++;
    for (let j = 0; j < members.length; j++) a[j] = opts[j]![idx[j]!] ?? 0;
    const c = cost(members, a, p, h, memo);
    if (c < bestCost - 1e-9) {
      bestCost = c;
      best = [...a];
    }
  }
  return best;
}

/** Large settlements: from each facility's stand-alone best, take the best single switch until none helps. */
function localSearch(members: ChoiceMember[], start: Assign[], p: Parameters, h: Horizon, memo: Memo | null): Assign[] {
  const opts = members.map(choices);
  const costOf = (x: Assign[]) => cost(members, x, p, h, memo);
  const a = [...start];
  let current = costOf(a);
  for (let round = 0; round < 100; round++) {
    let bestMove: [number, Assign] | null = null;
    let bestCost = current;
    for (let i = 0; i < members.length; i++) {
      for (const o of opts[i]!) {
        if (o === a[i]) continue;
        const was = a[i]!;
        a[i] = o;
        const c = costOf(a);
        a[i] = was;
        if (c < bestCost - 1e-9) {
          bestCost = c;
          bestMove = [i, o];
        }
      }
    }
    if (!bestMove) break;
    a[bestMove[0]] = bestMove[1];
    current = bestCost;
  }
  return a;
}

/** The stand-alone best of one facility: the cheapest of its feasible options (ties: other, fibre, radio). */
function standaloneBest(m: ChoiceMember): Assign {
  let best: Assign = m.other ? 0 : m.fibre ? 1 : 2;
  let bestTco = Infinity;
  const tcos: Array<[Assign, number | undefined]> = [[0, m.other?.costed.tcoUsd], [1, m.fibre?.costed.tcoUsd], [2, m.villageRadio?.costed.tcoUsd]];
  for (const [a, t] of tcos) if (t !== undefined && t < bestTco - 1e-9) { best = a; bestTco = t; }
  return best;
}

/**
 * The members again, with the village radio taken from those one base cannot carry: it keeps as many
 * as its capacity allows, smallest demand at the horizon first (ties in id order). Used when no
 * assignment fits a base: members whose only option is the radio outgrow it together (a `fixed`
 * choice made at other demand or capacity parameters; review finding F5), or a local search started on
 * such a base and no single switch fitted it.
 */
function offTheBase(members: ChoiceMember[], radio: ChoiceMember[], p: Parameters): ChoiceMember[] {
  const byDemand = [...radio].sort((x, y) => x.demandAtHorizonMbps - y.demandAtHorizonMbps);
  const kept = new Set<ChoiceMember>();
  let load = 0;
  for (const m of byDemand) {
    if (load + m.demandAtHorizonMbps > p.villageRadio.capacityMbps) break;
    kept.add(m);
    load += m.demandAtHorizonMbps;
  }
  // Summed in another order the total can differ in its last bit: at least one leaves, so this ends.
  if (kept.size === radio.length) kept.delete(byDemand[byDemand.length - 1]!);
  return members.map((m) => (radio.includes(m) && !kept.has(m) ? { ...m, villageRadio: null } : m));
}

export function chooseForSettlement(settlementId: string | null, input: ChoiceMember[], p: Parameters, h: Horizon): SettlementChoice {
  // One member (most settlements): no copy to sort (a sort allocates its work array even then).
  const members = input.length > 1 ? [...input].sort(byId) : input;
  const usable = members.filter((m) => m.other || m.fibre || m.villageRadio);
  const none: MemberChoice[] = members.filter((m) => !usable.includes(m)).map((m) => ({ facilityId: m.facilityId, technology: null, allocatedCapexUsd: 0, allocatedTcoUsd: 0, standaloneTcoUsd: 0, groupId: null }));
  let method: SettlementChoice['method'] = 'single';
  let a: Assign[];
  // Masks are 32-bit: a settlement with more members is searched without a memo (its keys would collide).
  const memo = settlementId !== null && usable.length > 1 && usable.length <= 30 ? newMemo(shapesOf(settlementId, usable, p.routeFactor)) : null;
  if (settlementId === null || usable.length <= 1) a = usable.map(standaloneBest);
  else if (usable.length <= MAX_EXHAUSTIVE) { a = exhaustive(usable, p, h, memo!); method = 'exhaustive'; }
  else { a = localSearch(usable, usable.map(standaloneBest), p, h, memo); method = 'local_search'; }

  const radio = usable.filter((_, i) => a[i] === 2);
  const base = radio.length > 0 ? radioGroup(radio, p, h, true) : null;
  // The search ended on a base over its capacity (no assignment it tried fitted one). Those the base
  // cannot carry are chosen again without it: their next option, or none when the radio was all they
  // had. So a fixed choice is honoured as far as it is feasible, as for one facility (a fixed option it
  // can no longer take alone leaves it with none), never silently costed as another technology.
  if (radio.length > 0 && !base) return chooseForSettlement(settlementId, offTheBase(members, radio, p), p, h);

  const out: MemberChoice[] = [...none];
  const groups: SharedGroup[] = [];
  let fibreMask = 0;
  usable.forEach((_, i) => { if (a[i] === 1) fibreMask |= 1 << i; });
  const fibre = usable.filter((_, i) => a[i] === 1);
  usable.forEach((m, i) => {
    if (a[i] !== 0) return;
    const o = m.other!;
    out.push({ facilityId: m.facilityId, technology: o.technology, allocatedCapexUsd: o.costed.capexUsd, allocatedTcoUsd: o.costed.tcoUsd, standaloneTcoUsd: o.costed.tcoUsd, groupId: null });
  });
  const allocate = (id: string, tech: string, ms: ChoiceMember[], shared: Costed, alone: (m: ChoiceMember) => Costed) => {
    const aloneTco = ms.reduce((s, m) => s + alone(m).tcoUsd, 0);
    const aloneCapex = ms.reduce((s, m) => s + alone(m).capexUsd, 0);
    for (const m of ms) {
      const own = alone(m);
      out.push({
        facilityId: m.facilityId, technology: tech, groupId: ms.length > 1 ? id : null, standaloneTcoUsd: own.tcoUsd,
        allocatedTcoUsd: aloneTco > 0 ? (shared.tcoUsd * own.tcoUsd) / aloneTco : shared.tcoUsd / ms.length,
        allocatedCapexUsd: aloneCapex > 0 ? (shared.capexUsd * own.capexUsd) / aloneCapex : shared.capexUsd / ms.length,
      });
    }
    return aloneTco;
  };
  if (fibre.length === 1) allocate('', 'fibre', fibre, fibre[0]!.fibre!.costed, (m) => m.fibre!.costed);
  else if (fibre.length > 1) {
    const id = `trench:${settlementId}`;
    const t = trench(fibre, p, h, true, memo?.shapes ? { mask: fibreMask, shapes: memo.shapes } : null);
    const aloneTco = allocate(id, 'fibre', fibre, t.costed, (m) => m.fibre!.costed);
    groups.push({
      id, kind: 'trench', memberIds: fibre.map((m) => m.facilityId), costed: t.costed, standaloneTcoUsd: aloneTco, savingUsd: aloneTco - t.costed.tcoUsd,
      lengthM: t.lengthM, standaloneLengthM: fibre.reduce((s, m) => s + m.fibre!.access.pathM, 0), geometry: t.geometry, accessPoints: t.accessPoints,
    });
  }
  if (base) {
    const id = `village_radio:${settlementId}`;
    const aloneTco = allocate(radio.length > 1 ? id : '', 'village_radio', radio, base, (m) => m.villageRadio!.costed);
    if (radio.length > 1) {
      groups.push({ id, kind: 'village_radio', memberIds: radio.map((m) => m.facilityId), costed: base, standaloneTcoUsd: aloneTco, savingUsd: aloneTco - base.tcoUsd, lengthM: null, standaloneLengthM: null, geometry: null, accessPoints: [] });
    }
  }
  if (out.length > 1) out.sort(byId);
  return { members: out, groups, method };
}
