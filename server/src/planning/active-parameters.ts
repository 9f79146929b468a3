// The parameter set in force: the one the last recompute used, else the defaults.
import type { Queryable } from '../db/database.ts';
import { parseParameters, type Parameters } from './parameters.ts';

export async function activeParameters(db: Queryable): Promise<Parameters> {
  const [row] = await db.query<{ params: string }>(
    `SELECT ps.params::text AS params FROM plan_state s JOIN plan_parameter_set ps ON ps.hash = s.parameter_hash WHERE s.id = 1`,
  );
  return row ? parseParameters(JSON.parse(row.params)) : parseParameters({});
}
