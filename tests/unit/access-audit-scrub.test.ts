import { describe, expect, it } from 'vitest';
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
