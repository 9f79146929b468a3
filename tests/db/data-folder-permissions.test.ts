// Issue 11 item 7: the embedded data folder is the owner's alone. Before the fix most PGlite files
// (password hashes among them) were created world-readable (0644 under the usual umask).
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConfiguredDatabase } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'baylanys-perms-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function exposed(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if ((st.mode & 0o077) !== 0) out.push(`${path.relative(tmp, p)} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return out;
}

describe('data folder permissions', () => {
  it('a new data folder and every file in it are 0700 / 0600, and an old readable one is fixed', { timeout: 180_000 }, async () => {
    process.umask(0o022); // the usual umask, under which the files used to come out 0644
    const dataDir = path.join(tmp, 'data');
    // What an older version left: a readable folder and file.
    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'pglite', 'left-by-an-old-version'), 'x', { mode: 0o644 });
    const db = await openConfiguredDatabase({ dataDir });
    await migrate(db);
    await db.close();
    const files = readdirSync(path.join(dataDir, 'pglite'), { recursive: true });
    expect(files.length).toBeGreaterThan(100);
    expect(exposed(dataDir)).toEqual([]);
  });
});
