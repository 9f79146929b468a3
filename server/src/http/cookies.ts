// The one reader of the Cookie header (the app has no cookie parser): the session cookie
// (access-gate.ts) and the known-device cookie (login-gate.ts).
import type { Request } from 'express';

/** The value of cookie `name`, trimmed; undefined when the request does not carry it. */
export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
