// Answers computed from plan_result, kept per result version (result-version.sql: the parameter
// hash and time of the last recompute) and per key (the caller's scope and the query): the ranked
// list under 50–200 clients recounts and re-sorts nothing between two recomputes. A page is kept
// as its JSON and its gzip, with a weak ETag, so a repeated request costs a lookup (or a 304).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';

const versionSql = loadSql(import.meta.url, './result-version.sql');

export async function resultVersion(db: Queryable): Promise<string> {
  const [row] = await runSql<{ version: string }>(db, versionSql);
  return row?.version ?? '';
}

export type CachedBody = { json: Buffer; gzip: Buffer; etag: string };

/** A small LRU per result version: entries of an older version are dropped as soon as a newer one is seen. */
export class ResultCache<V> {
  private version = '';
  private readonly entries = new Map<string, V>();
  constructor(private readonly maxEntries: number) {}

  get(version: string, key: string): V | undefined {
    if (version !== this.version) return undefined;
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(version: string, key: string, value: V): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export const etagOf = (version: string, key: string) => `W/"${createHash('sha1').update(`${version}\n${key}`).digest('base64url')}"`;

export function cachedBody(value: unknown, etag: string): CachedBody {
  const json = Buffer.from(JSON.stringify(value));
  return { json, gzip: gzipSync(json, { level: 6 }), etag };
}
