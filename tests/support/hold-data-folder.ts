// A child process for the data-folder lock test: opens the embedded database in argv[2], writes one
// row per argv[3..], prints "ready", and closes cleanly on SIGTERM.
import { openEmbeddedDatabase } from '../../server/src/db/embedded-database.ts';
import { readFileSync } from 'node:fs';

const [dir, ...names] = process.argv.slice(2);
const snapshot = process.env.BAYLANYS_TEST_PGLITE_SNAPSHOT;
const db = await openEmbeddedDatabase(dir!, snapshot ? new Blob([readFileSync(snapshot)]) : undefined);
await db.exec('CREATE TABLE IF NOT EXISTS probe (name text PRIMARY KEY)');
for (const n of names) await db.query('INSERT INTO probe (name) VALUES ($1) ON CONFLICT DO NOTHING', [n]);
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void db.close().then(() => process.exit(0));
});
setInterval(() => {}, 1 << 30);
