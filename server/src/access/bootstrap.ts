// The first administrator of a fresh embedded install: created with a random password printed
// once to the console (never to the structured log), so there is no default password to forget.
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { audit } from './audit.ts';
import { generatePassword } from './passwords.ts';
import { countUsers, createUser, UserExistsError } from './users.ts';

export const FIRST_ADMIN_LOGIN = 'admin';

export type FirstAdmin = { created: false } | { created: true; email: string };

/**
 * On the embedded backend with an empty users table, creates `admin` and prints its password.
 * A server database is left alone: there an operator runs `npm run admin -- create`.
 */
export async function ensureFirstAdmin(
  db: Database,
  logger: Logger,
  print: (line: string) => void = (line) => console.log(line),
): Promise<FirstAdmin> {
  if (db.backend !== 'embedded' || (await countUsers(db)) > 0) return { created: false };
  const password = generatePassword();
  try {
    await createUser(db, { email: FIRST_ADMIN_LOGIN, role: 'admin', password, displayName: 'Administrator' });
  } catch (err) {
    if (err instanceof UserExistsError) return { created: false };
    throw err;
  }
  await audit(db, { actor: 'system', action: 'user.create', target: `login:${FIRST_ADMIN_LOGIN}`, details: { role: 'admin', reason: 'first start' } });
  logger.info({ login: FIRST_ADMIN_LOGIN }, 'first administrator created; its password was printed to the console once');
  print(
    [
      '',
      '  First administrator created.',
      `    login:    ${FIRST_ADMIN_LOGIN}`,
      `    password: ${password}`,
      '  It is shown only now. Sign in and change it (account menu → password).',
      '',
    ].join('\n'),
  );
  return { created: true, email: FIRST_ADMIN_LOGIN };
}
