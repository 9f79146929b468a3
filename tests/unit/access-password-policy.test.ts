// Issue 11 item 7: trivially weak passwords and unprintable names are refused with a reason.
// Before the fix 12 spaces and aaaaaaaaaaaa were accepted, and names took control characters.
import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../server/src/access/passwords.ts';
import { weakPasswordReason } from '../../server/src/access/password-policy.ts';
import { newUserSchema, passwordSchema } from '../../server/src/access/schemas.ts';

describe('password policy', () => {
  const weak: Array<[string, RegExp]> = [
    ['            ', /only spaces/],
    ['aaaaaaaaaaaa', /5 different characters/],
    ['121212121212', /5 different characters/],
    ['123456789012', /run of keys/],
    ['abcdefghijkl', /run of keys/],
    ['qwertyuiopas', /run of keys/],
    ['йцукенгшщзхъ', /run of keys/],
    ['Password2024!', /too common/],
    ['qwerty123456', /too common/],
    ['пароль123456', /too common/],
    ['Kazakhstan2025', /too common/],
    ['passwordpassword', /too common/],
    ['  admin  2024 ', /too common/],
  ];
  for (const [pw, reason] of weak) {
    it(`refuses ${JSON.stringify(pw)}`, () => {
      expect(weakPasswordReason(pw)).toMatch(reason);
      expect(passwordSchema.safeParse(pw).success).toBe(false);
    });
  }

  it('accepts passphrases and every generated password', () => {
    for (const pw of ['a long enough password 1', 'тау шаңғы қасық 1987', 'correct horse battery staple', 'Zh7#qL9!vR2p']) {
      expect(weakPasswordReason(pw), pw).toBeUndefined();
    }
    for (let i = 0; i < 200; i++) expect(weakPasswordReason(generatePassword())).toBeUndefined();
  });
});

describe('names', () => {
  const base = { email: 'anna@fund.kz', role: 'planner' };
  it('refuse control characters and lone surrogates, keep Kazakh and emoji', () => {
    for (const bad of ['Anna\nadmin', 'Anna\u001b[31m', 'tab\there', 'x\u0085y', 'half \ud83d', 'half \udc00 low']) {
      const r = newUserSchema.safeParse({ ...base, displayName: bad });
      expect(r.success, JSON.stringify(bad)).toBe(false);
    }
    for (const good of ['Әсем Қайратқызы', 'Анна 🙂', "O'Brien"]) expect(newUserSchema.safeParse({ ...base, displayName: good }).success, good).toBe(true);
  });
});
