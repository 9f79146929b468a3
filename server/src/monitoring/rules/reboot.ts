// Reboot or sysUpTime wrap between two replies (docs/monitoring-model.md, "Reboots and wraps").
// Pure. sysUpTime counts hundredths of a second in 32 bits and wraps after 497.1 days; a wrap
// must never be reported as a reboot (LibreNMS's most common false alarm).
export const UPTIME_WRAP = 2 ** 32; // hundredths

export type UptimeReading = {
  /** Wall-clock time of the poll, ms. */
  at: number;
  /** sysUpTime in hundredths of a second. */
  sysUpTime: number;
  engineBoots: number | null;
};

export type RebootVerdict =
  | { kind: 'same_boot' }
  | { kind: 'wrap' }
  /** bootAt: estimated wall time the device came back (poll time − sysUpTime). */
  | { kind: 'reboot'; bootAt: number; reason: 'engine_boots' | 'uptime_went_back' | 'boot_after_previous_poll' };

export type RebootOptions = {
  /** Clock disagreement allowed between the device and us, ms: max(this, 1 % of elapsed). */
  toleranceMs?: number;
};

export function detectReboot(prev: UptimeReading, cur: UptimeReading, opts: RebootOptions = {}): RebootVerdict {
  const elapsedMs = cur.at - prev.at;
  const tol = Math.max(opts.toleranceMs ?? 5_000, Math.abs(elapsedMs) * 0.01);
  const bootAt = cur.at - cur.sysUpTime * 10;
  if (prev.engineBoots !== null && cur.engineBoots !== null && cur.engineBoots !== prev.engineBoots) {
    return { kind: 'reboot', bootAt, reason: 'engine_boots' };
  }
  if (cur.sysUpTime < prev.sysUpTime) {
    // A wrap: the old value plus the elapsed time crosses 2^32 and lands where the new value is.
    const expected = prev.sysUpTime + elapsedMs / 10;
    const landed = expected - UPTIME_WRAP;
    if (expected >= UPTIME_WRAP && Math.abs(cur.sysUpTime - landed) * 10 <= tol) return { kind: 'wrap' };
    return { kind: 'reboot', bootAt, reason: 'uptime_went_back' };
  }
  // Uptime grew, yet the device says it booted after our previous poll answered: it rebooted and
  // has since run longer than its old uptime (a long gap between polls).
  if (bootAt > prev.at + tol) return { kind: 'reboot', bootAt, reason: 'boot_after_previous_poll' };
  return { kind: 'same_boot' };
}

/**
 * Between two `up` polls with a reboot in between, the device was down at most from the previous
 * poll until it booted: that span counts as down. Null when the clocks put the boot before it.
 */
export function rebootDownSpan(prevAt: number, bootAt: number, curAt: number): { from: number; to: number } | null {
  const to = Math.min(bootAt, curAt);
  return to > prevAt ? { from: prevAt, to } : null;
}
