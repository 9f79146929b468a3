// SNMP credentials encrypted at rest with AES-256-GCM under config.secretKey (BAYLANYS_SECRET_KEY).
// Envelope: "v1:<iv b64>:<tag b64>:<ciphertext b64>"; the site id is bound as associated data so
// a ciphertext copied onto another site fails to decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../app-error.ts';

export type SnmpCredentials =
  | { version: '2c'; community: string }
  | {
      version: '3';
      user: string;
      authProtocol: 'sha' | 'sha256';
      authKey: string;
      privProtocol: 'aes' | 'aes256';
      privKey: string;
    };

/** The key that seals credentials is missing or malformed: the server, not the caller, must act (503). */
export class SecretKeyError extends AppError {
  constructor(message: string) {
    super(503, 'secret_key', message);
    this.name = 'SecretKeyError';
  }
}

/** Parses a 32-byte key given as 64 hex digits or base64. Never echoes the key. */
export function parseSecretKey(text: string | undefined): Buffer {
  if (!text) {
    throw new SecretKeyError(
      'BAYLANYS_SECRET_KEY is not set: it is needed to store SNMP credentials encrypted ' +
        '(32 bytes as 64 hex digits or base64, e.g. `openssl rand -hex 32`)',
    );
  }
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(`BAYLANYS_SECRET_KEY must be 32 bytes (64 hex digits or base64); it decodes to ${key.length} bytes`);
  }
  return key;
}

export function encryptCredentials(key: Buffer, siteId: string, creds: SnmpCredentials): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(siteId, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(creds), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function decryptCredentials(key: Buffer, siteId: string, envelope: string): SnmpCredentials {
  const [v, iv, tag, body] = envelope.split(':');
  if (v !== 'v1' || !iv || !tag || body === undefined) {
    throw new SecretKeyError(`credentials of site ${siteId}: unknown envelope format`);
  }
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    d.setAAD(Buffer.from(siteId, 'utf8'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    const text = Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
    return JSON.parse(text) as SnmpCredentials;
  } catch {
    throw new SecretKeyError(`credentials of site ${siteId} cannot be decrypted: wrong BAYLANYS_SECRET_KEY?`);
  }
}
