// The parameter set in force: the one the last recompute used, else the defaults. A set stored by an
// earlier version of the model (issue 10 rewrote the technologies and their units) no longer parses:
// then the defaults are in force until the next recompute stores a new set.
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { ParameterError, parseParameters, type Parameters } from './parameters.ts';

const activeSql = loadSql(import.meta.url, './active-parameters.sql');

export async function activeParameters(db: Queryable): Promise<Parameters> {
  const [row] = await runSql<{ params: string }>(db, activeSql);
  if (!row) return parseParameters({});
  try {
    return parseParameters(JSON.parse(row.params));
  } catch (err) {
    if (err instanceof ParameterError) return parseParameters({});
    throw err;
  }
}
