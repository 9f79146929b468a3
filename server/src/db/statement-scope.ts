// Which request a statement belongs to, so the database can stop work nobody waits for any more:
// the HTTP layer runs each request's handlers inside a scope carrying an AbortSignal (its time
// budget or the client hanging up, see http/request-budget.ts); both backends read it here.
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

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs fn (and everything it starts) with statements tied to `signal`. */
export function withStatementSignal<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run(signal, fn);
}

/** Runs fn outside any request scope: work that must outlive the request (jobs). */
export function detached<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** The signal of the request this code runs for, if any. */
export function statementSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/** The error a cancelled signal carries (a StatementCancelled when the budget middleware aborted it). */
export function cancelError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : new StatementCancelled('client_gone');
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelError(signal);
}
