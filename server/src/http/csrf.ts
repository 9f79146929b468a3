// CSRF defence by Origin check (no token to thread through the web app): a cookie-authenticated
// POST/PUT/PATCH/DELETE must carry an Origin (or, failing that, a Referer) naming this server.
// Bearer-token calls carry no ambient authority and need no check. SameSite=Lax cookies are the
// second layer: a cross-site form post does not even send the session cookie.
import type { Request } from 'express';

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(value: string | undefined): URL | undefined {
  if (!value || value === 'null') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** The hosts this request may legitimately come from: its Host, or a trusted proxy's X-Forwarded-Host. */
function ownHosts(req: Request): string[] {
  const hosts = [req.get('host')];
  const trust = req.app.get('trust proxy fn') as ((addr: string | undefined, i: number) => boolean) | undefined;
  if (trust?.(req.socket.remoteAddress, 0)) hosts.push(req.get('x-forwarded-host')?.split(',')[0]?.trim());
  return hosts.filter((h): h is string => !!h).map((h) => h.toLowerCase());
}

export type OriginVerdict = 'same' | 'cross' | 'absent';

export function originVerdict(req: Request): OriginVerdict {
  // Sec-Fetch-Site is set by the browser itself and cannot be forged by page scripts.
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return 'cross';
  const origin = originOf(req.get('origin')) ?? originOf(req.get('referer'));
  if (!origin) return req.get('origin') === 'null' ? 'cross' : 'absent';
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return 'cross';
  return ownHosts(req).includes(origin.host.toLowerCase()) ? 'same' : 'cross';
}
