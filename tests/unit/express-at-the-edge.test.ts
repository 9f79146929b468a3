// Only the HTTP edge (server/src/http/) imports express: domain folders (planning, monitoring,
// access, portfolio, …) stay callable from the CLI, the job thread and tests without a request.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../server/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|mts)$/.test(e.name) ? [p] : [];
  });
}

describe('express stays at the edge', () => {
  it('no module outside server/src/http/ imports express or an express middleware package', () => {
    const offenders = sources(root)
      .filter((f) => !f.startsWith(path.join(root, 'http') + path.sep))
      .filter((f) => /from ['"](express|express-[a-z-]+|helmet)['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
