// COPY … FROM STDIN on a node-postgres connection (pg-copy-streams): the server backend's and the
// write thread's copyFrom (database.ts). The server's error (a NOT NULL row, a bad number) rejects
// with its SQLSTATE and ends the COPY; the connection then takes the next statement (its ROLLBACK).
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyStream } from 'pg-copy-streams';
import { assertCopyFromStdin } from './blob-copy.ts';

export async function copyInto(client: pg.ClientBase, sql: string, rows: Uint8Array<ArrayBuffer>): Promise<number> {
  // Checked before it is sent: another statement would never start the copy, and the driver would
  // fail inside its socket handler (review of session 16).
  assertCopyFromStdin(sql);
  const stream = client.query(copyStream(sql));
  stream.end(rows);
  await finished(stream);
  return stream.rowCount;
}
