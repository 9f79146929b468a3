// Administration from the command line:
//   npm run admin -- create --email anna@fund.kz [--role admin] [--name "Anna"] [--password-file F]
//   npm run admin -- reset-password --email anna@fund.kz [--password-file F]
//   npm run admin -- unlock --email anna@fund.kz      (after failed sign-ins delayed it)
// Without --password-file a password is generated and printed once. There is no default password.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../config.ts';
import type { Database } from '../db/database.ts';
import { audit } from '../access/audit.ts';
import { unlockLogin } from '../access/login-throttle.ts';
import { generatePassword } from '../access/passwords.ts';
import { ROLES, isRole, type Role } from '../access/roles.ts';
import { emailSchema, passwordSchema } from '../access/schemas.ts';
import { revokeUserSessions } from '../access/sessions.ts';
import { revokeUserTokens } from '../access/tokens.ts';
import { createUser, findLogin, updateUser, UserExistsError } from '../access/users.ts';
import type { CliCommand } from './cli-io.ts';
import { runCli } from './relay.ts';

export class CliError extends Error {}

function readPassword(file: string | undefined, cwd: string): { password: string; generated: boolean } {
  if (!file) return { password: generatePassword(), generated: true };
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new CliError(`--password-file: cannot read ${file} (${(err as Error).message})`);
  }
  const r = passwordSchema.safeParse(text);
  if (!r.success) throw new CliError(`--password-file ${file}: ${r.error.issues[0]!.message}`);
  return { password: text, generated: false };
}

function parseEmail(value: string): string {
  const r = emailSchema.safeParse(value);
  if (!r.success) throw new InvalidArgumentError(r.error.issues[0]!.message);
  return r.data;
}

function parseRole(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
  return value;
}

export type AdminDeps = {
  withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
  print: (line: string) => void;
  /** commander's usage and help text (default: the process's stderr/stdout). */
  writeErr?: (text: string) => void;
  /** Where relative file names start (default: this process's working directory). */
  cwd?: string;
};

/** The command tree; tests run it in-process against their own database. */
export function adminProgram({ withDatabase, print, writeErr, cwd = process.cwd() }: AdminDeps): Command {
  const announce = (email: string, secret: { password: string; generated: boolean }, what: string): void => {
    print(`${what}: ${email}`);
    if (secret.generated) print(`password (shown once): ${secret.password}`);
  };

  const program = new Command('admin').description('Baylanys user administration').exitOverride();
  if (writeErr) program.configureOutput({ writeErr, writeOut: (t) => print(t.replace(/\n$/, '')) });

  program
    .command('create')
    .description('create a user (by default an administrator)')
    .requiredOption('--email <login>', 'e-mail address or login name', parseEmail)
    .option('--role <role>', `one of ${ROLES.join(', ')}`, parseRole, 'admin' as Role)
    .option('--name <display name>', 'name shown in the app')
    .option('--regions <ids>', 'partner: comma-separated admin1 ids (e.g. KZ15,KZ19)')
    .option('--sites <ids>', 'site staff: comma-separated site ids')
    .option('--password-file <file>', 'read the password from this file instead of generating one')
    .action(async (o: { email: string; role: Role; name?: string; regions?: string; sites?: string; passwordFile?: string }) => {
      const secret = readPassword(o.passwordFile, cwd);
      await withDatabase(async (db) => {
        try {
          const user = await createUser(db, {
            email: o.email, role: o.role, password: secret.password, displayName: o.name ?? null,
            regions: o.regions?.split(',').map((x) => x.trim()).filter(Boolean),
            siteIds: o.sites?.split(',').map((x) => x.trim()).filter(Boolean),
          });
          await audit(db, { actor: 'cli', action: 'user.create', target: `user:${user.id}`, details: { email: user.email, role: user.role } });
          announce(user.email, secret, `created ${user.role}`);
        } catch (err) {
          if (err instanceof UserExistsError) throw new CliError(err.message);
          throw err;
        }
      });
    });

  program
    .command('reset-password')
    .description("set a user's password and end their sessions and API tokens")
    .requiredOption('--email <login>', 'e-mail address or login name', parseEmail)
    .option('--password-file <file>', 'read the password from this file instead of generating one')
    .action(async (o: { email: string; passwordFile?: string }) => {
      const secret = readPassword(o.passwordFile, cwd);
      await withDatabase(async (db) => {
        const login = await findLogin(db, o.email);
        if (!login) throw new CliError(`no user with login '${o.email}'`);
        await updateUser(db, login.id, { password: secret.password, disabled: false });
        await revokeUserSessions(db, login.id);
        await revokeUserTokens(db, login.id);
        await audit(db, { actor: 'cli', action: 'user.update', target: `user:${login.id}`, details: { passwordReset: true } });
        announce(login.email, secret, 'password reset');
      });
    });

  program
    .command('unlock')
    .description('lift the sign-in delays of a login after failed attempts (from every address and browser)')
    .requiredOption('--email <login>', 'e-mail address or login name', parseEmail)
    .action(async (o: { email: string }) => {
      await withDatabase(async (db) => {
        await unlockLogin(db, o.email);
        await audit(db, { actor: 'cli', action: 'user.unlock', target: `login:${o.email}`, details: {} });
        print(`unlocked: ${o.email}`);
      });
    });

  return program;
}

/** `npm run admin -- …` as a command: in its own process or handed to the running server. */
export const adminCommand: CliCommand = async (argv, io) => {
  try {
    await adminProgram({ withDatabase: io.withDatabase, print: io.out, writeErr: io.err, cwd: io.cwd }).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    // commander has already printed its own usage errors.
    if ((err as { code?: string }).code?.startsWith('commander.')) return (err as { exitCode?: number }).exitCode ?? 1;
    if (err instanceof CliError || err instanceof ConfigError) io.err(`${err.message}\n`);
    else io.err(`admin failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
};

runCli(import.meta.url, 'admin', adminCommand);
