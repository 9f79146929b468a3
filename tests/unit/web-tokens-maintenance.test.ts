// The account menu's pure parts: a token's state from its dates, and a maintenance window's
// datetime-local inputs turned into the instants the server stores.
import { describe, expect, it } from 'vitest';
import { localInputToIso } from '../../web/src/panels/maintenance-section.ts';
import { tokenState } from '../../web/src/panels/tokens-section.ts';

describe('tokenState', () => {
  const now = Date.parse('2026-11-30T08:00:00Z');
  it('is active before expiry, expired from the expiry instant on', () => {
    expect(tokenState({ expiresAt: '2026-11-30T08:00:01Z', revokedAt: null }, now)).toBe('active');
    expect(tokenState({ expiresAt: '2026-11-30T08:00:00Z', revokedAt: null }, now)).toBe('expired');
    expect(tokenState({ expiresAt: '2026-01-01T00:00:00Z', revokedAt: null }, now)).toBe('expired');
  });
  it('is revoked once revoked, even if not yet expired', () => {
    expect(tokenState({ expiresAt: '2027-01-01T00:00:00Z', revokedAt: '2026-11-29T10:00:00Z' }, now)).toBe('revoked');
  });
});

describe('localInputToIso', () => {
  it('reads the wall-clock time at a given offset: 09:30 in Almaty (UTC+5) is 04:30 UTC', () => {
    expect(localInputToIso('2026-12-01T09:30', 300)).toBe('2026-12-01T04:30:00.000Z');
    // Across midnight: 02:00 on 1 December at UTC+5 is 21:00 UTC on 30 November.
    expect(localInputToIso('2026-12-01T02:00', 300)).toBe('2026-11-30T21:00:00.000Z');
    expect(localInputToIso('2026-12-01T09:30:15', 0)).toBe('2026-12-01T09:30:15.000Z');
  });
  it('uses the browser clock without an offset (round trip through Date)', () => {
    const iso = localInputToIso('2026-06-15T12:00')!;
    const d = new Date(iso);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 5, 15, 12, 0]);
  });
  it('refuses incomplete or impossible dates', () => {
    for (const bad of ['', '2026-12-01', '2026-12-01T9:30', 'tomorrow', '2026-02-30T10:00']) {
      expect(localInputToIso(bad, 300), bad).toBeNull();
      expect(localInputToIso(bad), bad).toBeNull();
    }
  });
});
