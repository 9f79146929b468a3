// Recorded and hand-made device replies (tests/unit/agent-fixtures/replies/*.json) → outcome and
// fields. Each fixture states why its expected values are what they are.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksRebooted, readPoll, replyMismatch } from '../../server/src/agent/poll-reading.ts';
import { pollOids, pollVarbinds } from '../../server/src/monitoring/poll-table.ts';
import { decodeCounter64, normalizeVarbind } from '../../server/src/agent/varbinds.ts';

type RawFixture = { oid: string; type: number; value: number | null | { hex: string } };
const dir = path.join(import.meta.dirname, 'agent-fixtures/replies');

function toRaw(vb: RawFixture) {
  const v = vb.value;
  return { oid: vb.oid, type: vb.type, value: v !== null && typeof v === 'object' ? Buffer.from(v.hex, 'hex') : v };
}

describe('readPoll on recorded replies', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const fx = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    it(`${file}: ${fx.description}`, () => {
      const r = readPoll(fx.varbinds.map(toRaw).map(normalizeVarbind), fx.ifIndex) as Record<string, unknown>;
      const got: Record<string, unknown> = {};
      for (const k of Object.keys(fx.expected)) got[k] = typeof r[k] === 'bigint' ? String(r[k]) : r[k];
      expect(got).toEqual(fx.expected);
      // A row added to the poll table after the reply was recorded reads as null, nothing breaks.
      const recorded = new Set(fx.varbinds.map((vb: RawFixture) => vb.oid));
      for (const v of pollVarbinds(fx.ifIndex)) {
        if (!v.fallback && !recorded.has(v.oid) && !(v.row.name in fx.expected)) expect(r[v.row.name], v.row.name).toBeNull();
      }
    });
  }

  it('a reply with a varbind missing or one not asked for is malformed', () => {
    const fx = JSON.parse(readFileSync(path.join(dir, 'snmpd-v2c-lo-errors.json'), 'utf8'));
    const vbs = fx.varbinds.map(toRaw).map(normalizeVarbind);
    expect(replyMismatch(pollOids(1), vbs)).toBeNull();
    expect(replyMismatch(pollOids(1), vbs.slice(0, 11))).toBe('malformed reply: 11 varbinds for 12 requested');
    expect(replyMismatch(pollOids(1), [...vbs.slice(0, 11), { ...vbs[11], oid: '1.3.6.1.2.1.1.5.0' }])).toBe('malformed reply: 1.3.6.1.2.1.1.5.0 was not requested');
  });
});

describe('decodeCounter64', () => {
  it.each([
    ['01', 1n], // one byte
    ['326c99a3', 845978019n], // recorded from snmpd: 0x326c99a3
    ['00ff', 255n], // leading zero keeps 0xff positive in BER
    ['0100000000', 4294967296n], // 2^32: just past a Counter32
    ['7fffffffffffffff', 9223372036854775807n], // 2^63 − 1, the largest PostgreSQL bigint
    ['008000000000000000', 9223372036854775808n], // 2^63: why storage must be numeric(20)
    ['00ffffffffffffffff', 18446744073709551615n], // 2^64 − 1
  ])('%s → %s', (hex, want) => {
    expect(decodeCounter64(Buffer.from(hex, 'hex'))).toBe(want);
  });

  it('rejects empty, 10-byte and 9-byte-without-zero buffers', () => {
    expect(() => decodeCounter64(Buffer.alloc(0))).toThrow(/0 bytes/);
    expect(() => decodeCounter64(Buffer.alloc(10))).toThrow(/10 bytes/);
    expect(() => decodeCounter64(Buffer.from('01ffffffffffffffff', 'hex'))).toThrow(/zero byte/);
  });

  it('normalizeVarbind never throws: a bad Counter64 is a malformed varbind, and the reading an error (issue 12)', () => {
    const bad = normalizeVarbind({ oid: '1.3.6.1.2.1.31.1.1.1.6.4', type: 70, value: Buffer.alloc(10) });
    expect(bad).toEqual({ oid: '1.3.6.1.2.1.31.1.1.1.6.4', kind: 'malformed', value: 'Counter64 of 10 bytes (expected 1–9)' });
  });
});

describe('looksRebooted (only to re-resolve the WAN ifIndex)', () => {
  it('sysUpTime going back is a reboot', () => {
    expect(looksRebooted({ sysUpTime: 500_000, engineBoots: null }, { sysUpTime: 1_200, engineBoots: null })).toBe(true);
  });
  it('sysUpTime going back from within an hour of 2^32 is a wrap, not a reboot', () => {
    // 2^32 − 100 = 4294967196 hundredths: 1 s before the 497.1-day wrap.
    expect(looksRebooted({ sysUpTime: 4294967196, engineBoots: null }, { sysUpTime: 5_900, engineBoots: null })).toBe(false);
  });
  it('a changed snmpEngineBoots is a reboot even if uptime looks fine', () => {
    expect(looksRebooted({ sysUpTime: 100, engineBoots: 3 }, { sysUpTime: 200, engineBoots: 4 })).toBe(true);
  });
  it('no previous reading: nothing to compare', () => {
    expect(looksRebooted(undefined, { sysUpTime: 1, engineBoots: 1 })).toBe(false);
  });
});
