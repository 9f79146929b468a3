// The password an administrator hands over: 16 characters, none that read alike (0/O, 1/l/I).
import { describe, expect, it } from 'vitest';
import { newPassword } from '../../web/src/panels/account-view.ts';

describe('newPassword', () => {
  it('is 16 characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 50; i++) {
      const p = newPassword();
      expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{16}$/);
    }
  });
  it('takes its randomness from the source it is given', () => {
    expect(newPassword((n) => new Uint8Array(n))).toBe('a'.repeat(16));
    expect(newPassword((n) => new Uint8Array(n).fill(55))).toBe('9'.repeat(16));
  });
});
