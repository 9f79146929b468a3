// The streaming UTF-8 check: exact byte offsets, chunk boundaries, and the named likely encoding.
import { describe, expect, it } from 'vitest';
import { guessEncoding, Utf8Checker } from '../../server/src/data/import/encoding.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const check = (...chunks: Uint8Array[]) => {
  const c = new Utf8Checker();
  for (const ch of chunks) {
    const p = c.push(ch);
    if (p) return p;
  }
  return c.end();
};

describe('Utf8Checker', () => {
  it('accepts UTF-8 Kazakh and Russian text, also split inside a character', () => {
    const text = Buffer.from('Қарағанды, Өскемен, Щучинск 🏫');
    expect(check(text)).toBeUndefined();
    // "Қ" is D2 9A: cut between its two bytes, and a 4-byte emoji cut in the middle.
    expect(check(text.subarray(0, 1), text.subarray(1, text.length - 2), text.subarray(text.length - 2))).toBeUndefined();
  });

  it('reports the offset of the sequence that breaks', () => {
    // 'A', then D0 (a 2-byte lead) followed by 'A' instead of a continuation byte: offset 1.
    expect(check(bytes(0x41, 0xd0, 0x41))?.byteOffset).toBe(1);
    // A lone continuation byte at offset 2.
    expect(check(bytes(0x41, 0x42, 0x80))?.byteOffset).toBe(2);
    // Offsets count across chunks: 3 + 2 bytes before the stray FF.
    expect(check(bytes(0x41, 0x42, 0x43), bytes(0x44, 0x45, 0xff))?.byteOffset).toBe(5);
  });

  it('rejects overlong forms, surrogates and code points above U+10FFFF', () => {
    expect(check(bytes(0xc0, 0xaf))?.byteOffset).toBe(0); // overlong '/'
    expect(check(bytes(0xe0, 0x80, 0xaf))?.byteOffset).toBe(0); // overlong 3-byte
    expect(check(bytes(0xed, 0xa0, 0x80))?.byteOffset).toBe(0); // U+D800
    expect(check(bytes(0xf4, 0x90, 0x80, 0x80))?.byteOffset).toBe(0); // U+110000
  });

  it('reports a file that ends inside a character', () => {
    expect(check(bytes(0x41, 0xd0))).toMatchObject({ byteOffset: 1, reason: expect.stringMatching(/ends inside/) });
  });

  it('names Windows-1251 for Cyrillic saved in that code page', () => {
    // "Караганда" in Windows-1251: CA E0 F0 E0 E3 E0 ED E4 E0.
    const p = check(Buffer.from('id,name\n1,'), bytes(0xca, 0xe0, 0xf0, 0xe0, 0xe3, 0xe0, 0xed, 0xe4, 0xe0));
    expect(p).toMatchObject({ byteOffset: 10, reason: expect.stringMatching(/0xCA .*Windows-1251/) });
  });

  it('names UTF-16 from a byte-order mark or from zero bytes', () => {
    expect(check(Buffer.from('\ufeff{"type":1}', 'utf16le'))?.reason).toMatch(/UTF-16 LE/);
    expect(check(Buffer.from('{"type":"FeatureCollection"}', 'utf16le'))?.reason).toMatch(/UTF-16 LE \(every other byte is zero\)/);
  });

  it('tells a damaged UTF-8 file from another encoding', () => {
    const around = Buffer.concat([Buffer.from('Темиртау'), bytes(0xff), Buffer.from('Қарағанды')]);
    expect(guessEncoding(around, false)).toMatch(/UTF-8 with a damaged or stray byte/);
  });
});
