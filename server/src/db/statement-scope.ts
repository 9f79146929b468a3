// Which request a statement belongs to, so the database can stop work nobody waits for any more:
// the HTTP layer runs each request's handlers inside a scope carrying an AbortSignal (its time
// budget or the client hanging up, see http/request-budget.ts); both backends read it here.
// The scope also carries when its request began: the embedded database's one thread serves waiting
// statements oldest request first (embedded-worker.mjs), so a request that already holds its
// session goes on before requests that came after it, instead of queueing again at every statement.
import { AsyncLocalStorage } from 'node:async_hooks';

export type CancelReason = 'time_budget' | 'client_gone';

/** A statement stopped (or never started) because its request ran out of time or was abandoned. */
export class StatementCancelled extends Error {
  readonly code = 'statement_cancelled';
  constructor(readonly reason: CancelReason, readonly budgetMs?: number) {
    super(reason === 'time_budget'
      ? `the request ran out of its time budget${budgetMs ? ` (${budgetMs} ms)` : ''}; its database work was cancelled`
      : 'the client went away; its database work was cancelled');
    this.name = 'StatementCancelled';
  }
}

type Scope = { signal: AbortSignal | undefined; since: number };
const scope = new AsyncLocalStorage<Scope>();

/** Runs fn (and everything it starts) with statements tied to `signal`, for a request begun at `since` (ms). */
export function withStatementSignal<T>(signal: AbortSignal, fn: () => T, since = Date.now()): T {
  return scope.run({ signal, since }, fn);
}

/**
 * Runs fn with its statements served before any other waiting ones (a liveness probe: it must not
 * queue behind 200 clients). Shared by every probe that waits for it, so no caller's signal ends it.
 */
export function urgently<T>(fn: () => T): T {
  return scope.run({ signal: undefined, since: 0 }, fn);
}

/**
 * Runs fn for several requests at once (one computation that callers arriving together share): no
 * single caller's signal cancels it, and it keeps the first caller's place in the queue.
 */
export function shared<T>(fn: () => T): T {
  return scope.run({ signal: undefined, since: statementPriority() }, fn);
}

/** Runs fn outside any request scope: work that must outlive the request (jobs). */
export function detached<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** The signal of the request this code runs for, if any. */
export function statementSignal(): AbortSignal | undefined {
  return scope.getStore()?.signal;
}

/** A statement's place in the embedded database's queue: when its request began (now outside any; 0 urgent). */
export function statementPriority(): number {
  return scope.getStore()?.since ?? Date.now();
}

/** The error a cancelled signal carries (a StatementCancelled when the budget middleware aborted it). */
export function cancelError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : new StatementCancelled('client_gone');
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelError(signal);
}
