// The hostile-input guard: NUL characters and overlong URLs are refused before any route runs.
import { describe, expect, it } from 'vitest';
import { hostileInput } from '../../server/src/http/hostile-input.ts';

describe('hostile input guard', () => {
  it('refuses NUL characters in the URL or anywhere in the body, and overlong URLs', () => {
    expect(hostileInput('/api/users?q=a%00b', undefined)?.status).toBe(400);
    expect(hostileInput('/api/users', { a: [{ b: 'x\u0000' }] })?.status).toBe(400);
    expect(hostileInput('/api/users', { ['k\u0000']: 1 })?.status).toBe(400);
    expect(hostileInput(`/api/users?q=${'a'.repeat(9000)}`, undefined)?.status).toBe(414);
    expect(hostileInput('/api/users?q=Ақсу', { name: 'ok' })).toBeUndefined();
  });
});
