// A database error crossing between threads: a plain object that keeps what callers match on
// (SQLSTATE `code`, detail, constraint …), and the Error made from it again on the other side.

export type ThreadError = Record<string, unknown> & { message: string };

/** @public used by server-thread-worker.mjs (loaded through tsx, which knip does not follow) */
export function serialise(err: unknown): ThreadError {
  const out: ThreadError = { message: err instanceof Error ? err.message : String(err), name: (err as { name?: string } | null)?.name ?? 'Error' };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
}

export function revive(e: ThreadError): Error {
  const err = new Error(e.message);
  Object.assign(err, e);
  return err;
}
