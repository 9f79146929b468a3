// Gap class of a facility, exactly as docs/planning-model.md "Per-facility measures" defines it,
// tested in that order: the first that holds wins.
export const GAP_CLASSES = ['connected', 'lit_village', 'near_fibre', 'mobile_only', 'unserved'] as const;
export type GapClass = (typeof GAP_CLASSES)[number];

export type GapClassInput = {
  connection: string; // none, satellite, mobile, dsl, fibre, unknown
  /** The current link's measured speed is at least today's demand (planning model "Scope"). */
  meetsDemand?: boolean;
  /** PoP in the settlement, or a PoP or built route within the village radius of it. */
  settlementLit: boolean;
  /** Length of the shortest fibre drop (roads or geodesic × factor); null: no fibre anywhere. */
  fibrePathM: number | null;
  mobileTechnology: string | null; // 2G, 3G, 4G, 5G
  maxFibreDropM: number;
  /** What monitoring measured at the facility (view facility_measured_state); null: not monitored. */
  measured: MeasuredState | null;
};

/** The monitoring view's verdict: `measured` is a 7-day poll coverage of at least 50 %. */
export const MEASURED_STATES = ['ok', 'idle', 'chronically_unavailable', 'down'] as const;
export type MeasuredState = { state: (typeof MEASURED_STATES)[number]; measured: boolean };
/** idle: lit but unused (an activation task, not capex); unreliable: chronically unavailable. */
export type MeasuredFlag = 'idle' | 'unreliable';

const BROADBAND = new Set(['3G', '4G', '5G']);

export function gapClass(i: GapClassInput): GapClass {
  if (connectedNow(i)) return 'connected';
  if (i.settlementLit) return 'lit_village';
  if (i.fibrePathM !== null && i.fibrePathM <= i.maxFibreDropM) return 'near_fibre';
  if (i.mobileTechnology !== null && BROADBAND.has(i.mobileTechnology)) return 'mobile_only';
  return 'unserved';
}

/**
 * The first rule of the class: connected, whatever fibre or mobile coverage is near (so the
 * evaluation costs no option for such a facility).
 */
export function connectedNow(i: Pick<GapClassInput, 'connection' | 'meetsDemand' | 'measured'>): boolean {
  if (i.connection === 'fibre') return true;
  if (i.meetsDemand && i.connection !== 'none') return true;
  // A measured working link is a connection, whatever the inventory says (model: feedback).
  return !!i.measured?.measured && (i.measured.state === 'ok' || i.measured.state === 'idle');
}

/** Fibre "reaches" a settlement: a PoP serves it, or a PoP or built route lies within the radius. */
export function settlementLit(
  s: { popInSettlement: boolean; popDistanceM: number | null; routeDistanceM: number | null } | null,
  villageRadiusM: number,
): boolean {
  if (!s) return false;
  if (s.popInSettlement) return true;
  if (s.popDistanceM !== null && s.popDistanceM <= villageRadiusM) return true;
  return s.routeDistanceM !== null && s.routeDistanceM <= villageRadiusM;
}

/**
 * The flag monitoring puts on a gap record. Only a measured state counts (too little data proves
 * nothing; the view's chronic test has its own 30-day coverage rule, the 7-day one is applied on
 * top so every flag rests on recent polls); `down` now is one outage, not a gap: no flag.
 */
export function measuredFlag(m: MeasuredState | null): MeasuredFlag | null {
  if (!m?.measured) return null;
  if (m.state === 'idle') return 'idle';
  if (m.state === 'chronically_unavailable') return 'unreliable';
  return null;
}
