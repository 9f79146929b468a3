// Cheap refusals before anything else runs: NUL characters (PostgreSQL text cannot hold them, so
// they would surface as a 500), malformed percent-encoding in the path and absurdly long URLs.
import { ApiError, malformedUrl } from './errors.ts';

export const MAX_URL_LENGTH = 8192;

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  return false;
}

/** An ApiError (400/414) when the request carries input no endpoint can accept, else undefined. */
export function hostileInput(url: string, body: unknown): ApiError | undefined {
  if (url.length > MAX_URL_LENGTH) return new ApiError(414, 'uri_too_long', `the URL is longer than ${MAX_URL_LENGTH} characters`);
  if (/%00/.test(url)) return ApiError.badRequest('the URL contains a NUL character (%00)');
  try {
    decodeURIComponent(url.split('?')[0]!);
  } catch {
    return malformedUrl();
  }
  if (hasNul(body)) return ApiError.badRequest('the body contains a NUL character (\\u0000)');
  return undefined;
}
