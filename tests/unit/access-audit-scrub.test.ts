import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.ts';
import { scrubDetails } from '../../server/src/access/audit.ts';

describe('audit details never keep secrets', () => {
  it('redacts secret-looking keys at any depth, keeps the rest', () => {
    const out = scrubDetails({
      email: 'a@b.kz', password: 'hunter2hunter2', role: 'planner',
      snmp: { community: 'public', authKey: 'k1', privKey: 'k2', host: '10.0.0.1' },
      tokens: [{ token: 'bly_x', name: 'prom' }], apiKey: 'z', Authorization: 'Bearer y',
    });
    expect(out).toEqual({
      email: 'a@b.kz', password: '[redacted]', role: 'planner',
      snmp: { community: '[redacted]', authKey: '[redacted]', privKey: '[redacted]', host: '10.0.0.1' },
      tokens: '[redacted]', apiKey: '[redacted]', Authorization: '[redacted]',
    });
  });
});

describe('the logger redacts access secrets', () => {
  it('password fields, hashes, session ids and auth headers', () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
    log.info({ body: { currentPassword: 'old-secret-1', newPassword: 'new-secret-2' }, user: { password_hash: 'scrypt$x' },
      sessionId: 'sess-secret-3', headers: { authorization: 'Bearer bly_secret4', cookie: 'bly_session=secret5' } }, 'x');
    const text = lines.join('');
    for (const s of ['old-secret-1', 'new-secret-2', 'scrypt$x', 'sess-secret-3', 'bly_secret4', 'secret5']) expect(text).not.toContain(s);
    expect(text).toContain('[redacted]');
  });
});
