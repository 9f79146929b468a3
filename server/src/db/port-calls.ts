// Calls over a message port to a thread that answers each message by its id: the database threads
// (embedded-thread.ts), the write thread (server-thread.ts) and the job thread's relay to the server
// thread (jobs/thread-database.ts) all talk this way. A reply settles its call; an error reply comes
// back as an Error with the database's fields (thread-error.ts); once the thread is gone every call,
// waiting or new, fails with why.
import { cancelError } from './statement-scope.ts';
import { revive, type ThreadError } from './thread-error.ts';

export type Reply = { id: number; ok: true; rows: unknown } | { id: number; ok: false; error: ThreadError };
export type Channel = { postMessage(message: unknown): void; on(event: 'message', listener: (reply: Reply) => void): unknown };

export type PortCalls = {
  /**
   * Posts `{ ...message, id }` and settles with the reply's rows. With a signal, its abort fails the
   * call at once (cancelError) and tells `onAbort` the id, so the thread can be asked to drop it.
   * A message that cannot be copied to the thread fails its call, not the others.
   */
  send(message: Record<string, unknown>, signal?: AbortSignal, onAbort?: (id: number) => void): Promise<unknown>;
  /** The thread is gone: every waiting call and every later one fails with `err` (the first cause kept). */
  fail(err: Error): void;
  isDead(): boolean;
};

export function portCalls(channel: Channel): PortCalls {
  const calls = new Map<number, { resolve: (rows: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let dead: Error | undefined;
  channel.on('message', (r: Reply) => {
    const call = calls.get(r.id);
    if (!call) return; // not a reply (a thread's own notice), or a call given up
    calls.delete(r.id);
    if (r.ok) call.resolve(r.rows);
    else call.reject(revive(r.error));
  });
  return {
    send(message, signal, onAbort) {
      if (dead) return Promise.reject(dead);
      if (signal?.aborted) return Promise.reject(cancelError(signal));
      const id = next++;
      return new Promise((resolve, reject) => {
        const abort = () => {
          calls.delete(id);
          reject(cancelError(signal!));
          try {
            onAbort?.(id);
          } catch {
            // the thread may be gone already: the call has failed all the same
          }
        };
        signal?.addEventListener('abort', abort, { once: true });
        const done = () => signal?.removeEventListener('abort', abort);
        calls.set(id, {
          resolve: (rows) => (done(), resolve(rows)),
          reject: (e) => (done(), reject(e)),
        });
        try {
          channel.postMessage({ ...message, id });
        } catch (err) {
          calls.delete(id);
          done();
          reject(err as Error);
        }
      });
    },
    fail(err) {
      dead ??= err;
      for (const c of calls.values()) c.reject(dead);
      calls.clear();
    },
    isDead: () => dead !== undefined,
  };
}
