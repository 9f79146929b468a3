// For command-line tools: open the database the environment names (as the server would), bring its
// schema up to date, run the command, and always close it.
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

export async function withConfiguredDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase(loadConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}
