// Device text made safe for PostgreSQL, logs and screens (issue 12, 2: a NUL byte in an error text
// made PostgreSQL refuse every batch with "unsupported Unicode escape sequence").
import { describe, expect, it } from 'vitest';
import { printable, PRINTABLE_MAX } from '../../server/src/monitoring/printable.ts';

describe('printable', () => {
  it('keeps ordinary text, Cyrillic and Kazakh letters as they are', () => {
    expect(printable('Нет ответа — Қостанай, wan0')).toBe('Нет ответа — Қостанай, wan0');
  });
  it('turns NUL, C0 and C1 controls and DEL into visible \\xNN escapes', () => {
    expect(printable('a\u0000b\u0007c\u001b[2Jd\u007fe\u0085f\ng')).toBe('a\\x00b\\x07c\\x1b[2Jd\\x7fe\\x85f\\x0ag');
  });
  it('replaces lone surrogates (not encodable as UTF-8) and keeps real pairs', () => {
    expect(printable('x\ud800y\udc00z 😀')).toBe('x\ufffdy\ufffdz 😀');
  });
  it('bounds the length', () => {
    const out = printable('x'.repeat(PRINTABLE_MAX * 3));
    expect(out.length).toBe(PRINTABLE_MAX);
    expect(out.endsWith('…')).toBe(true);
  });
});
