// The first administrator of a fresh embedded install: created with a random password shown once,
// so there is no default password to forget. Shown on the terminal only when stderr is one; when
// output goes to a file or a log collector it is written to DATA_DIR/first-admin-password.txt
// (mode 0600) instead, and the console only says where: never into a captured log.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
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
  logger.info({ login: FIRST_ADMIN_LOGIN }, 'first administrator created; its password was shown once (terminal) or written to a 0600 file');
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

export const FIRST_ADMIN_FILE = 'first-admin-password.txt';

/**
 * Where the first administrator's password goes: a terminal (stderr is a TTY) sees it; otherwise
 * it is written to DATA_DIR/first-admin-password.txt (0600) and `say` names only the file.
 */
export function firstAdminDelivery(
  dataDir: string,
  stderr: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
  say: (line: string) => void = (line) => console.log(line),
): (text: string) => void {
  return (text) => {
    if (stderr.isTTY) {
      stderr.write(`${text}\n`);
      return;
    }
    const file = path.join(dataDir, FIRST_ADMIN_FILE);
    writeFileSync(file, `${text.trim()}\n\nDelete this file once you have signed in and changed the password.\n`, { mode: 0o600 });
    say(`First administrator created (login: ${FIRST_ADMIN_LOGIN}). Its password is in ${file} (readable only by this user): sign in, change it, delete the file.`);
  };
}
