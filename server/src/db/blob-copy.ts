// A bulk COPY's statement, checked before it is sent, and the embedded backend's spelling of it: PGlite
// reads the rows from its /dev/blob device (given with the statement) where PostgreSQL reads them
// from the client (FROM STDIN). Pure.

const LEADING_COMMENTS = /^(\s*--[^\n]*\n)*\s*/;
const FROM_STDIN = /\bFROM\s+STDIN\b/i;

/**
 * `sql` split into its leading comment lines and the statement, which must be a COPY … FROM STDIN:
 * anything else would leave the driver waiting for a copy that never starts.
 */
function copyStatement(sql: string): { comments: string; statement: string } {
  const comments = LEADING_COMMENTS.exec(sql)![0];
  const statement = sql.slice(comments.length);
  if (!/^COPY\b/i.test(statement) || !FROM_STDIN.test(statement)) throw new Error('copyFrom takes a COPY … FROM STDIN statement');
  return { comments, statement };
}

/** Throws unless `sql` is a COPY … FROM STDIN (leading comment lines allowed). */
export function assertCopyFromStdin(sql: string): void {
  copyStatement(sql);
}

/** `COPY … FROM STDIN …` as PGlite runs it. */
export function blobCopy(sql: string): string {
  const { comments, statement } = copyStatement(sql);
  return comments + statement.replace(FROM_STDIN, "FROM '/dev/blob'");
}
