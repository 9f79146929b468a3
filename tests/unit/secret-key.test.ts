import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedSecretKey } from '../../server/src/secret-key.ts';

describe('embeddedSecretKey', () => {
  it('creates a 32-byte key once, readable only by its owner, and returns the same key after', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-key-'));
    const first = embeddedSecretKey(dir);
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = embeddedSecretKey(dir);
    expect(second).toEqual({ key: first.key, created: false });
  });
});
