// Structured JSON logs (pino). Secrets are redacted by path, whatever module logs them.
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'password', '*.password', 'community', '*.community', 'authKey', '*.authKey', 'privKey', '*.privKey',
  'token', '*.token', 'secret', '*.secret', 'databaseUrl', '*.databaseUrl', 'databaseReadUrl', '*.databaseReadUrl',
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  // Access module: password changes, session ids, token hashes.
  'newPassword', '*.newPassword', 'currentPassword', '*.currentPassword', 'passwordHash', '*.passwordHash',
  'password_hash', '*.password_hash', 'sessionId', '*.sessionId', 'tokenHash', '*.tokenHash', 'token_hash', '*.token_hash',
  'headers.authorization', 'headers.cookie', 'cookie', '*.cookie',
];

function serializeError(err: unknown) {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  delete out.params;
  delete out.parameters;
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'baylanys' },
      // Database errors carry the statement's bound values, which may be credentials: drop them.
      serializers: { err: serializeError },
    },
    destination,
  );
}

export type { Logger };
