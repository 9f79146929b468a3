// Streaming UTF-8 check with the byte offset of the first bad byte, and a guess of what the file
// really is (UTF-16, Windows-1251), because "invalid UTF-8" alone does not tell a user what to do.
import { Transform, type TransformCallback } from 'node:stream';

export type EncodingProblem = { byteOffset: number; reason: string };

/** Names the likely encoding of bytes that are not UTF-8; `window` surrounds the first bad byte. */
export function guessEncoding(window: Uint8Array, atStart: boolean): string {
  if (atStart && window.length >= 2) {
    if (window[0] === 0xff && window[1] === 0xfe) return 'UTF-16 LE (byte-order mark FF FE)';
    if (window[0] === 0xfe && window[1] === 0xff) return 'UTF-16 BE (byte-order mark FE FF)';
  }
  let high = 0;
  let cyrillic = 0;
  for (const b of window) {
    if (b < 0x80) continue;
    high += 1;
    // Windows-1251: А–я are C0–FF; Ё ё І і Ў ў are A8 B8 B2 B3 A1 A2.
    if (b >= 0xc0 || b === 0xa8 || b === 0xb8 || b === 0xb2 || b === 0xb3) cyrillic += 1;
  }
  if (high > 0 && cyrillic / high >= 0.7) return 'Windows-1251 (Cyrillic)';
  // Mostly well-formed two-byte UTF-8 around the bad byte: a damaged UTF-8 file, not another encoding.
  let pairs = 0;
  for (let i = 0; i + 1 < window.length; i++) {
    const a = window[i]!;
    const b = window[i + 1]!;
    if (a >= 0xc2 && a <= 0xdf && b >= 0x80 && b <= 0xbf) {
      pairs += 1;
      i += 1;
    }
  }
  if (high > 0 && (pairs * 2) / high >= 0.6) return 'UTF-8 with a damaged or stray byte';
  return 'a single-byte code page such as Windows-1252 or KOI8-R';
}

/** Incremental validator: feed chunks in order; returns the first problem, then stays failed. */
export class Utf8Checker {
  private offset = 0;
  private need = 0; // continuation bytes still expected
  private lo = 0x80;
  private hi = 0xbf;
  private seqStart = 0;
  problem: EncodingProblem | undefined;

  push(chunk: Uint8Array): EncodingProblem | undefined {
    if (this.problem) return this.problem;
    if (this.offset === 0) {
      const sniff = sniffUtf16(chunk);
      if (sniff) return (this.problem = { byteOffset: 0, reason: sniff });
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.need > 0) {
        if (b < this.lo || b > this.hi) return this.fail(chunk, i, this.seqStart);
        this.lo = 0x80;
        this.hi = 0xbf;
        this.need -= 1;
        continue;
      }
      if (b < 0x80) continue;
      this.seqStart = this.offset + i;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lo = 0xa0;
        if (b === 0xed) this.hi = 0x9f; // no UTF-16 surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lo = 0x90;
        if (b === 0xf4) this.hi = 0x8f;
      } else return this.fail(chunk, i, this.offset + i);
    }
    this.offset += chunk.length;
    return undefined;
  }

  /** Call at the end of input: a sequence cut short is also an error. */
  end(): EncodingProblem | undefined {
    if (!this.problem && this.need > 0) {
      this.problem = { byteOffset: this.seqStart, reason: 'file ends inside a multi-byte UTF-8 character' };
    }
    return this.problem;
  }

  private fail(chunk: Uint8Array, i: number, byteOffset: number): EncodingProblem {
    const window = chunk.subarray(Math.max(0, i - 32), Math.min(chunk.length, i + 64));
    const guess = guessEncoding(window, false);
    const at = byteOffset - this.offset; // the sequence may have started in the previous chunk
    const hex = (at >= 0 ? chunk[at]! : chunk[i]!).toString(16).toUpperCase().padStart(2, '0');
    const advice = guess.startsWith('UTF-8') ? 'fix or remove that byte' : 'save it as UTF-8';
    this.problem = { byteOffset, reason: `byte 0x${hex} is not valid UTF-8; the file looks like ${guess}: ${advice}` };
    return this.problem;
  }
}

function sniffUtf16(chunk: Uint8Array): string | undefined {
  if (chunk.length < 2) return undefined;
  if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
    return `the file is ${guessEncoding(chunk.subarray(0, 2), true)}, not UTF-8: save it as UTF-8`;
  }
  // ASCII text in UTF-16 without a BOM: every other byte is zero.
  const n = Math.min(chunk.length, 64);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) if (chunk[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  const half = Math.floor(n / 2);
  if (half >= 4 && oddZeros >= half * 0.8) return 'the file looks like UTF-16 LE (every other byte is zero), not UTF-8: save it as UTF-8';
  if (half >= 4 && evenZeros >= half * 0.8) return 'the file looks like UTF-16 BE (every other byte is zero), not UTF-8: save it as UTF-8';
  return undefined;
}

/** Pass-through stream that fails with the first encoding problem. */
export class Utf8CheckStream extends Transform {
  private readonly checker = new Utf8Checker();
  constructor(private readonly onProblem: (p: EncodingProblem) => Error) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const p = this.checker.push(chunk);
    if (p) cb(this.onProblem(p));
    else cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    const p = this.checker.end();
    cb(p ? this.onProblem(p) : null);
  }
}
