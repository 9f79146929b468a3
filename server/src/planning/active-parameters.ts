// The parameter set in force: the one the last recompute used, else the defaults. A set stored by an
// earlier version of the model (issue 10 rewrote the technologies and their units) no longer parses:
// then the defaults are in force until the next recompute stores a new set.
import type { Queryable } from '../db/database.ts';
import { ParameterError, parseParameters, type Parameters } from './parameters.ts';

export async function activeParameters(db: Queryable): Promise<Parameters> {
  const [row] = await db.query<{ params: string }>(
    `SELECT ps.params::text AS params FROM plan_state s JOIN plan_parameter_set ps ON ps.hash = s.parameter_hash WHERE s.id = 1`,
  );
  if (!row) return parseParameters({});
  try {
    return parseParameters(JSON.parse(row.params));
  } catch (err) {
    if (err instanceof ParameterError) return parseParameters({});
    throw err;
  }
}
