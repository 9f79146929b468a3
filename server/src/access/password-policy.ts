// Refuses trivially weak passwords with a reason a person can act on: blanks only, too few
// different characters (aaaaaaaaaaaa, 121212121212), a run on the keyboard or the alphabet
// (123456789012, abcdefghijkl), or a common password with digits or punctuation around it
// (common-passwords.txt). Length limits are in passwords.ts; generated passwords always pass.
import { readFileSync } from 'node:fs';

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

/** Rows people run their fingers along, in both directions (Latin and Russian/Kazakh layouts). */
const RUNS = [
  '0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 'йцукенгшщзхъфывапролджэячсмитьбю',
];
const RUN_TEXT = RUNS.flatMap((r) => [r, [...r].reverse().join('')]);

const MIN_DISTINCT = 5;

/** Why `password` is too weak, or undefined when it is acceptable. */
export function weakPasswordReason(password: string): string | undefined {
  const lower = password.toLowerCase();
  if (lower.trim() === '') return 'password must not be only spaces';
  if (new Set([...lower.replace(/\s/g, '')]).size < MIN_DISTINCT) {
    return `password needs at least ${MIN_DISTINCT} different characters`;
  }
  const compact = lower.replace(/[\s_.-]/g, '');
  if (compact.length >= 6 && isRun(compact)) return 'password must not be a run of keys or letters (like 123456… or qwerty…)';
  const stem = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON.has(lower) || COMMON.has(compact) || COMMON.has(stem) || isRepeatOfCommon(stem)) {
    return 'password is too common: choose a phrase of a few unrelated words';
  }
  return undefined;
}

/** "123456789012", "qwertyuiopas" …: made of consecutive pieces of one keyboard or alphabet run. */
function isRun(s: string): boolean {
  // Cyclic runs ("890123…") count too: look in the run written twice.
  return RUN_TEXT.some((r) => (r + r + r).includes(s));
}

/** "passwordpassword", "qwertyqwerty": one common word repeated. */
function isRepeatOfCommon(s: string): boolean {
  for (let n = 3; n <= s.length / 2; n++) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s && COMMON.has(s.slice(0, n))) return true;
  }
  return false;
}
