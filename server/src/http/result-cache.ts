// Answers computed from plan_result, kept per result version (result-version.sql: the parameter
// hash and time of the last recompute) and per key (the caller's scope and the query): the ranked
// list under 50–200 clients recounts and re-sorts nothing between two recomputes. A page is kept
// as its JSON and its gzip, with a weak ETag, so a repeated request costs a lookup (or a 304).
// Reads that also depend on the layers (region roll-ups, the layer index, OGC pages) are kept per
// data version (data-version.sql: the result version, when measures were redone, each layer's
// import version): on the embedded backend every statement waits its turn on the one database
// thread, and one 60 ms roll-up per request was half of its time under 200 clients (issue 11).
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Queryable } from '../db/database.ts';
import { shared } from '../db/statement-scope.ts';
import { loadSql, runSql } from '../db/sql.ts';

const versionSql = loadSql(import.meta.url, './result-version.sql');
const dataVersionSql = loadSql(import.meta.url, './data-version.sql');

export async function resultVersion(db: Queryable): Promise<string> {
  const [row] = await runSql<{ version: string }>(db, versionSql);
  return row?.version ?? '';
}

export async function dataVersion(db: Queryable): Promise<string> {
  const [row] = await runSql<{ version: string }>(db, dataVersionSql);
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

/** Sets the caching headers of `etag`, and answers 304 (returning true) when the client holds it. */
export function notModified(req: Request, res: Response, etag: string): boolean {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Encoding, Authorization, Cookie');
  if (req.headers['if-none-match'] !== etag) return false;
  res.status(304).end();
  return true;
}

/** Sends a kept body's JSON, gzipped when the client takes it. */
export function sendBody(req: Request, res: Response, body: CachedBody): void {
  const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.type('application/json');
  if (gz) res.setHeader('Content-Encoding', 'gzip');
  res.end(gz ? body.gzip : body.json);
}

/** Sends a kept body: 304 when the client holds its ETag, gzip when the client takes it. */
export function sendCachedBody(req: Request, res: Response, body: CachedBody): void {
  if (!notModified(req, res, body.etag)) sendBody(req, res, body);
}

/**
 * The body kept under (version, key), made by `make` when absent; concurrent misses of one key
 * share one computation, so 200 clients arriving together run the query once, not 200 times.
 */
export class KeptBodies {
  private readonly cache: ResultCache<CachedBody>;
  private readonly making = new Map<string, Promise<CachedBody>>();
  constructor(maxEntries: number) {
    this.cache = new ResultCache<CachedBody>(maxEntries);
  }

  async get(version: string, key: string, make: () => Promise<unknown>): Promise<CachedBody> {
    const hit = this.cache.get(version, key);
    if (hit) return hit;
    const id = `${version}\n${key}`;
    let p = this.making.get(id);
    if (!p) {
      // Not cancelled with the first caller's request: its client leaving must not fail the others.
      p = shared(make)
        .then((value) => {
          const body = cachedBody(value, etagOf(version, key));
          this.cache.set(version, key, body);
          return body;
        })
        .finally(() => this.making.delete(id));
      this.making.set(id, p);
    }
    return p;
  }
}
