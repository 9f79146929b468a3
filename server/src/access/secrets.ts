// Random bearer secrets (session ids, API tokens) and their at-rest form. Only SHA-256 hashes are
// stored: the secrets carry 256 random bits, so a fast hash suffices (no guessing to slow down).
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'bly_';

/** A new API token, e.g. bly_3q2…; shown to its owner once. */
export function newApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part of a token safe to show in listings (prefix + 4 characters). */
export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 4);
}
