// The key that seals SNMP credentials. On a server deployment it must come from the environment
// (BAYLANYS_SECRET_KEY or _FILE). On the embedded quick start, where the database itself lives in
// DATA_DIR, a random key is created once beside it (mode 0600) so `npm start` works with no setup;
// losing the folder loses both, which is the same trust boundary.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const KEY_FILE_NAME = 'secret.key';

export function embeddedSecretKey(dataDir: string): { key: string; created: boolean } {
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  // 'wx': never overwrite a key another process wrote a moment ago.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, created: true };
  } catch {
    return { key: readFileSync(file, 'utf8').trim(), created: false };
  }
}
