// The embedded backend's spelling of a bulk COPY: PGlite reads the rows from its /dev/blob device
// (given with the statement) where PostgreSQL reads them from the client (FROM STDIN). Pure.

/** `COPY … FROM STDIN …` as PGlite runs it; a statement that is no such COPY is refused. */
export function blobCopy(sql: string): string {
  const from = /\bFROM\s+STDIN\b/i;
  if (!/^\s*(--[^\n]*\n\s*)*COPY\b/i.test(sql) || !from.test(sql)) throw new Error('copyFrom takes a COPY … FROM STDIN statement');
  return sql.replace(from, "FROM '/dev/blob'");
}
