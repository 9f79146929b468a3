// Reboot vs sysUpTime wrap, hand-worked. sysUpTime is in hundredths; 2^32 = 4 294 967 296.
import { describe, expect, it } from 'vitest';
import { detectReboot, rebootDownSpan } from '../../server/src/monitoring/rules/reboot.ts';

const T0 = Date.UTC(2026, 0, 1);

describe('reboot detection', () => {
  it('uptime grew by the elapsed time: same boot', () => {
    // 60 s later the uptime grew by 6000 hundredths.
    expect(detectReboot({ at: T0, sysUpTime: 100_000, engineBoots: null }, { at: T0 + 60_000, sysUpTime: 106_000, engineBoots: null }))
      .toEqual({ kind: 'same_boot' });
  });

  it('uptime went back with no wrap possible: reboot, boot time = poll − uptime', () => {
    // Now uptime is 30 s (3000) → booted at T0+60 s − 30 s = T0+30 s.
    expect(detectReboot({ at: T0, sysUpTime: 100_000, engineBoots: null }, { at: T0 + 60_000, sysUpTime: 3_000, engineBoots: null }))
      .toEqual({ kind: 'reboot', bootAt: T0 + 30_000, reason: 'uptime_went_back' });
  });

  it('497-day wrap: previous near 2^32, elapsed time lands on the new value → wrap, not reboot', () => {
    // prev = 2^32 − 2000 (20 s before the wrap); 60 s later expected = 2^32 + 4000 → lands at 4000.
    const prev = { at: T0, sysUpTime: 2 ** 32 - 2_000, engineBoots: 7 };
    expect(detectReboot(prev, { at: T0 + 60_000, sysUpTime: 4_000, engineBoots: 7 })).toEqual({ kind: 'wrap' });
  });

  it('near 2^32 but the elapsed time does not match: reboot', () => {
    // Expected to land at 4000 but reads 900 000 (9000 s): 8960 s off, far beyond the 5 s tolerance.
    const prev = { at: T0, sysUpTime: 2 ** 32 - 2_000, engineBoots: null };
    expect(detectReboot(prev, { at: T0 + 60_000, sysUpTime: 900_000, engineBoots: null }).kind).toBe('reboot');
  });

  it('engineBoots changed across a would-be wrap: reboot', () => {
    const prev = { at: T0, sysUpTime: 2 ** 32 - 2_000, engineBoots: 7 };
    expect(detectReboot(prev, { at: T0 + 60_000, sysUpTime: 4_000, engineBoots: 8 }))
      .toMatchObject({ kind: 'reboot', reason: 'engine_boots' });
  });

  it('a long gap in polling hides a reboot behind a larger uptime: still a reboot', () => {
    // prev uptime 10 s; 1 day later uptime is 1 h → it booted 23 h after our last poll.
    const v = detectReboot({ at: T0, sysUpTime: 1_000, engineBoots: null }, { at: T0 + 86_400_000, sysUpTime: 360_000, engineBoots: null });
    expect(v).toEqual({ kind: 'reboot', bootAt: T0 + 86_400_000 - 3_600_000, reason: 'boot_after_previous_poll' });
  });

  it('down span between two up polls runs from the previous poll to the boot', () => {
    expect(rebootDownSpan(T0, T0 + 30_000, T0 + 60_000)).toEqual({ from: T0, to: T0 + 30_000 });
    // A device clock that puts the boot before our previous poll gives no span.
    expect(rebootDownSpan(T0, T0 - 5_000, T0 + 60_000)).toBeNull();
  });
});
