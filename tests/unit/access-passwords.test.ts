import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, SCRYPT_PARAMS, verifyPassword } from '../../server/src/access/passwords.ts';
import { newApiToken, sha256Hex, tokenPrefix } from '../../server/src/access/secrets.ts';

describe('password hashing (scrypt)', () => {
  it('stores parameters, a per-user salt and the key, never the password', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(h).not.toContain('correct');
    expect(SCRYPT_PARAMS.N * SCRYPT_PARAMS.r * 128).toBe(32 * 1024 * 1024); // 32 MiB per hash
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same password 1')).not.toBe(await hashPassword('same password 1'));
  });

  it('treats NFC and NFD spellings of a password as one (NFKC)', async () => {
    const nfc = 'Қазақстан-жолы-йә'.normalize('NFC'); // й = и + combining breve in NFD
    expect(nfc.normalize('NFD')).not.toBe(nfc);
    const h = await hashPassword(nfc);
    expect(await verifyPassword(nfc.normalize('NFD'), h)).toBe(true);
  });

  it('rejects malformed or tampered stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$3$8$1$c2FsdA$a2V5')).toBe(false); // N not a power of two
    expect(await verifyPassword('x', `scrypt$${2 ** 24}$8$1$c2FsdA$a2V5`)).toBe(false); // N too large: refuse, do not allocate
  });

  it('verifies hashes made with other parameters (upgrades keep old hashes valid)', async () => {
    // A hash made with N = 2^10 verifies, because the parameters travel with it.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('old password 1', salt, 32, { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('old password 1', `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`)).toBe(true);
  });
});

describe('generated secrets', () => {
  it('passwords: 20 symbols from an alphabet without look-alikes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('API tokens: bly_ + 43 base64url characters (32 bytes); the stored hash is SHA-256 hex', () => {
    const t = newApiToken();
    expect(t).toMatch(/^bly_[\w-]{43}$/);
    expect(sha256Hex(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenPrefix(t)).toBe(t.slice(0, 8));
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
