// Runs once before the suite: makes a PGlite data folder with PostGIS created and dumps it, so each
// test file's embedded database starts from it instead of creating the extension again (~10 s each).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'baylanys-pglite-'));
  const pg = await PGlite.create({ extensions: { postgis } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const file = path.join(dir, 'postgis.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.BAYLANYS_TEST_PGLITE_SNAPSHOT = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
