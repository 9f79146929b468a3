// What a simulated device looks like at time t: pure functions of the scenario and the elapsed
// time, so a test can say exactly what a poll at t must see.
export type ScenarioKind =
  | 'normal' // up, traffic with a gentle swell
  | 'outage' // stops answering for `activeMs` at the end of every period
  | 'reboot' // restarts every period: sysUpTime and counters reset, WAN ifIndex moves (2 ↔ 3)
  | 'wrap32' // no ifXTable (no HC counters, no ifName): 32-bit counters wrap often
  | 'link_down' // WAN ifOperStatus down(2) for `activeMs` at the end of every period
  | 'idle' // up, counters barely move
  | 'slow' // answers after `delayMs` (default 1.5 s, under the 2 s timeout)
  | 'malformed' // sysUpTime.0 comes back as an OCTET STRING
  | 'nosuch'; // the WAN interface is not there (noSuchInstance / not in ifName)

export type Scenario = {
  kind: ScenarioKind;
  /** Cycle length for outage / reboot / link_down (default 120 s). */
  periodMs?: number;
  /** How long the outage or link-down lasts in each period (default 40 s). */
  activeMs?: number;
  /** Mean traffic in Mbit/s, in + out alike (default 20; idle: 0.0008 = 100 B/s). */
  rateMbps?: number;
  /** ifHighSpeed in Mbit/s (default 100). */
  speedMbps?: number;
  delayMs?: number;
  /** Shifts the outage / link-down cycle: the window comes `offsetMs` earlier (demo: down soon after start). */
  offsetMs?: number;
};

export type DeviceState = {
  answering: boolean;
  delayMs: number;
  bootIndex: number;
  /** Hundredths of a second since this boot, 32-bit. */
  sysUpTime: number;
  engineBoots: number;
  wanIfIndex: number;
  wanPresent: boolean;
  operStatus: number;
  adminStatus: number;
  inOctets: bigint;
  outOctets: bigint;
  hc: boolean;
  malformedUptime: boolean;
  speedMbps: number;
};

const TWO32 = 2n ** 32n;
/** Uptime the device already had when the simulator started (3 days), so it does not look fresh. */
const INITIAL_UPTIME_MS = 3 * 86_400_000;
const SWELL_MS = 600_000;

/** Octets carried in the first `ms` of a boot at mean `bytesPerS`: ∫ r(1 + ½ sin ωτ) dτ, never decreasing. */
export function octetsAfter(ms: number, bytesPerS: number): bigint {
  const w = (2 * Math.PI) / SWELL_MS;
  const s = ms / 1000;
  const integral = s + (0.5 * (1 - Math.cos(w * ms))) / (w * 1000);
  return BigInt(Math.floor(bytesPerS * integral));
}

function inWindow(tMs: number, periodMs: number, activeMs: number): boolean {
  return tMs % periodMs >= periodMs - activeMs;
}

export function deviceStateAt(sc: Scenario, tMs: number): DeviceState {
  const periodMs = sc.periodMs ?? 120_000;
  const activeMs = Math.min(sc.activeMs ?? 40_000, periodMs);
  const rateMbps = sc.rateMbps ?? (sc.kind === 'idle' ? 0.0008 : sc.kind === 'wrap32' ? 90 : 20);
  const bytesPerS = (rateMbps * 1e6) / 8;
  const rebooting = sc.kind === 'reboot';
  const bootIndex = rebooting ? Math.floor(tMs / periodMs) : 0;
  const bootStartMs = rebooting ? bootIndex * periodMs : 0;
  const sinceBootMs = tMs - bootStartMs;
  const uptimeMs = bootIndex === 0 ? INITIAL_UPTIME_MS + tMs : sinceBootMs;
  const tw = tMs + (sc.offsetMs ?? 0); // time on the window clock
  const linkDown = sc.kind === 'link_down' && inWindow(tw, periodMs, activeMs);
  // Traffic stops while the link is down: count only the up time so far.
  let carryingMs = sinceBootMs;
  if (sc.kind === 'link_down') {
    const upTimeBefore = (t: number) => Math.floor(t / periodMs) * (periodMs - activeMs) + Math.min(t % periodMs, periodMs - activeMs);
    carryingMs = upTimeBefore(tw) - upTimeBefore(sc.offsetMs ?? 0);
  }
  let inOctets = octetsAfter(carryingMs, bytesPerS);
  let outOctets = octetsAfter(carryingMs, bytesPerS / 4);
  if (sc.kind === 'wrap32') {
    // Start 30 s of traffic below 2^32 so the first wrap comes within the first minute.
    const start = TWO32 - BigInt(Math.floor(bytesPerS * 30));
    inOctets = (start + inOctets) % TWO32;
    outOctets = (start + outOctets) % TWO32;
  }
  return {
    answering: !(sc.kind === 'outage' && inWindow(tw, periodMs, activeMs)),
    delayMs: sc.kind === 'slow' ? (sc.delayMs ?? 1500) : 0,
    bootIndex,
    sysUpTime: Math.floor(uptimeMs / 10) % 2 ** 32,
    engineBoots: 1 + bootIndex,
    wanIfIndex: bootIndex % 2 === 0 ? 2 : 3,
    wanPresent: sc.kind !== 'nosuch',
    operStatus: linkDown ? 2 : 1,
    adminStatus: 1,
    inOctets,
    outOctets,
    hc: sc.kind !== 'wrap32',
    malformedUptime: sc.kind === 'malformed',
    speedMbps: sc.speedMbps ?? 100,
  };
}
