// What a command-line command needs from its surroundings, so the same command runs in its own
// process or inside the running server (handed over its local socket, see relay.ts).
import type { Database } from '../db/database.ts';

export type CliIo = {
  /** The caller's working directory: relative file names are the caller's, not the server's. */
  cwd: string;
  /** One line of standard output. */
  out: (line: string) => void;
  /** Text for standard error (commander's own messages end in a newline). */
  err: (text: string) => void;
  /** Runs fn on the migrated database, closing it afterwards when the command opened it. */
  withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
};

/** A command: arguments after the script name in, exit status out. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;
