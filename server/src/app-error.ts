// The one error type for things a caller can act on: a code, a message that says what went wrong
// "while doing X", the HTTP status it means on the wire, and details (row, field). Domain modules
// throw it (or a subclass) without knowing about HTTP; server/src/http/errors.ts turns it into
// `{ "error": { "code", "message", "details" } }` in one place.
export type ErrorDetail = { field?: string; row?: number; message: string; [k: string]: unknown };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
