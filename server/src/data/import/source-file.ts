// The byte stream of an import file: gunzip when it is gzipped (by name or magic bytes), then the
// UTF-8 check. Every reader (GeoJSON, CSV) starts here, so encoding errors look the same everywhere.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Utf8CheckStream } from './encoding.ts';
import { FatalImportError, type ImportError } from './errors.ts';

export type FileFormat = 'geojson' | 'csv';

/** Format from the name: .geojson/.json (.gz) or .csv/.txt (.gz). */
export function detectFormat(file: string): FileFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  if (name.endsWith('.csv') || name.endsWith('.tsv') || name.endsWith('.txt')) return 'csv';
  return undefined;
}

export async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

export function checkReadable(file: string): ImportError | undefined {
  if (!existsSync(file)) return { code: 'file_not_found', file, reason: 'no such file' };
  if (!statSync(file).isFile()) return { code: 'file_not_found', file, reason: 'not a regular file' };
  return undefined;
}

/**
 * Streams the decompressed bytes as an array of stages to pipe in order (read → gunzip → check),
 * so the caller can append its parser and pass them all to stream.pipeline.
 */
export async function byteStages(file: string, options: { checkUtf8?: boolean } = {}): Promise<Readable[]> {
  const stages: Readable[] = [createReadStream(file, { highWaterMark: 256 * 1024 })];
  if (await isGzip(file)) {
    const gunzip = createGunzip();
    stages.push(gunzip);
  }
  if (options.checkUtf8 !== false) {
    stages.push(
      new Utf8CheckStream(
        (p) => new FatalImportError({ code: 'bad_encoding', file, byteOffset: p.byteOffset, reason: p.reason }),
      ),
    );
  }
  return stages;
}

/** Turns a zlib failure into an import error a user understands. */
export function asGzipError(file: string, err: unknown): FatalImportError | undefined {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    return new FatalImportError({ code: 'unsupported_format', file, reason: `not a valid gzip file (${e.message})` });
  }
  return undefined;
}

/** The first line of the (decompressed) file, at most 64 KiB; for sniffing a CSV delimiter. */
export async function peekFirstLine(file: string): Promise<string> {
  const stages = await byteStages(file, { checkUtf8: false });
  const parts: Buffer[] = [];
  let size = 0;
  const last = stages.reduce((a, b) => a.pipe(b as unknown as NodeJS.WritableStream) as unknown as Readable);
  try {
    for await (const chunk of last as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      const nl = chunk.indexOf(0x0a);
      if (nl >= 0 || size >= 65536) break;
    }
  } catch {
    // A broken file is reported by the real read.
  } finally {
    for (const s of stages) s.destroy();
  }
  const text = Buffer.concat(parts).toString('utf8');
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** The most frequent of , ; tab outside quotes in the header line; comma when none. */
export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  return Object.entries(counts).reduce((best, c) => (c[1] > best[1] ? c : best), [',', 0] as [string, number])[0];
}
