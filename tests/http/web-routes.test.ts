// The built web app's assets travel gzipped when the browser accepts it (issue 13, speed): the
// same bytes after gunzip, the year-long cache kept, plain for a client without gzip.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/logger.ts';
import { webRoutesFrom } from '../../server/src/http/web-routes.ts';

function appWith(files: Record<string, string>) {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'baylanys-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dist, name), body);
  const app = express();
  app.use(webRoutesFrom(dist)({ db: undefined as never, config: loadConfig({}), logger: createLogger('silent'), versions: {} }));
  return app;
}

const js = `export const greeting = ${JSON.stringify('Сәлем, '.repeat(2000))};\n`;

describe('web assets', () => {
  const app = appWith({ 'index.html': '<!doctype html><title>x</title>', 'assets/index-abc123.js': js, 'assets/logo.png': 'PNG' });

  it('sends JavaScript gzipped, smaller, byte-identical once unzipped, cached for a year', async () => {
    const res = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip, br')
      .buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); })
      .expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    // supertest unzips the body; the length on the wire is the header's.
    expect(Number(res.headers['content-length'])).toBeLessThan(Buffer.byteLength(js) / 5);
    expect((res.body as Buffer).toString('utf8')).toBe(js);
  });

  it('sends it plain to a client that does not accept gzip, and leaves images alone', async () => {
    const plain = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(js);
    const png = await request(app).get('/assets/logo.png').set('Accept-Encoding', 'gzip').expect(200);
    expect(png.headers['content-encoding']).toBeUndefined();
  });

  it('does not step out of the assets folder', async () => {
    const up = await request(app).get('/assets/..%2Findex.html').set('Accept-Encoding', 'gzip');
    expect([403, 404]).toContain(up.status);
    expect(up.text).not.toContain('<title>x</title>');
    await request(app).get('/assets/missing.js').set('Accept-Encoding', 'gzip').expect(404);
  });
});
