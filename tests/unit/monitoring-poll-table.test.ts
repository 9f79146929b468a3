// The recipe "add a polled metric" (docs/recipes.md) is complete when every poll-table row has
// what the derived parts need: a column, a metric with help text, a sane OID, and a recorded reply
// it is decoded from. A row missing any of these fails here, naming the row.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPoll } from '../../server/src/agent/poll-reading.ts';
import { decodeSample, encodeSample } from '../../server/src/agent/sample-codec.ts';
import { normalizeVarbind } from '../../server/src/agent/varbinds.ts';
import { POLL_TABLE, pollVarbinds } from '../../server/src/monitoring/poll-table.ts';

const dir = path.join(import.meta.dirname, 'agent-fixtures/replies');
type RawFixture = { oid: string; type: number; value: number | null | { hex: string } };
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
const toRaw = (vb: RawFixture) => ({ oid: vb.oid, type: vb.type, value: vb.value !== null && typeof vb.value === 'object' ? Buffer.from(vb.value.hex, 'hex') : vb.value });

const unique = (xs: string[]) => expect(new Set(xs).size).toBe(xs.length);

describe('poll table', () => {
  it('names, columns and metric names are unique', () => {
    unique(POLL_TABLE.map((r) => r.name));
    unique(POLL_TABLE.map((r) => r.column));
    unique(POLL_TABLE.map((r) => r.metric.name));
    unique(pollVarbinds(7).map((v) => v.oid));
  });

  for (const row of POLL_TABLE) {
    describe(row.name, () => {
      it('has a snake_case column, a unit and a metric with help text that promtool accepts', () => {
        expect(row.column).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(row.unit.length).toBeGreaterThan(0);
        expect(row.metric.name).toMatch(/^baylanys_site_[a-z0-9_]+$/);
        expect(row.metric.help.length).toBeGreaterThan(20);
        // Only counters end in _total; base units only (no *_bits_*, no milliseconds).
        expect(row.metric.name.endsWith('_total')).toBe(row.metric.kind === 'counter');
        expect(row.metric.name).not.toMatch(/_bits_|_milliseconds|_mbps/);
      });

      if (row.source.kind === 'snmp') {
        const src = row.source;
        it('has a numeric OID: scalars end in .0, interface columns take the ifIndex', () => {
          for (const oid of [src.oid, ...('fallback' in src ? [src.fallback.oid] : [])]) {
            expect(oid).toMatch(/^1\.3\.6\.1(\.\d+)+$/);
            expect(oid.endsWith('.0')).toBe(src.scope === 'scalar');
          }
        });

        it('is decoded from a recorded reply (and its fallback too)', () => {
          const hits = (wantFallback: boolean) => fixtures.filter((fx) => {
            const v = pollVarbinds(fx.ifIndex).find((p) => p.row.name === row.name && p.fallback === wantFallback);
            if (!v || !fx.varbinds.some((vb: RawFixture) => vb.oid === v.oid && vb.type !== 128 && vb.type !== 129)) return false;
            const r = readPoll(fx.varbinds.map(toRaw).map(normalizeVarbind), fx.ifIndex) as Record<string, unknown>;
            return r.outcome !== 'error' && r[row.name] !== null && r[row.name] !== undefined;
          });
          expect(hits(false).map((f) => f.file).length, `no recorded reply gives ${row.name}`).toBeGreaterThan(0);
          if ('fallback' in src) expect(hits(true).length, `no recorded reply gives ${row.name} from ${src.fallback.mib}`).toBeGreaterThan(0);
        });
      }

      it('survives the disk buffer exactly', () => {
        const v = row.source.kind === 'snmp' && row.source.type === 'counter64' ? 18446744073709551615n : 4294967295;
        const s = decodeSample(encodeSample({
          sampleId: 'a:s:1', siteId: 's', polledAt: 1, outcome: 'up', ifIndex: 1, counterBits: 64, error: null, rttMs: null,
          sysUpTime: null, engineBoots: null, ifOperStatus: null, ifAdminStatus: null, inOctets: null, outOctets: null,
          ifSpeedMbps: null, discontinuityTime: null, [row.name]: v,
        }));
        expect((s as Record<string, unknown>)[row.name]).toBe(v);
      });
    });
  }

  it('a sample buffered before a non-core row existed reads back without it', () => {
    const extra = POLL_TABLE.filter((r) => !('core' in r)).map((r) => r.name);
    expect(extra).toEqual(['inErrors', 'outErrors']);
    const line = '{"sampleId":"a:s:1","siteId":"s","polledAt":1,"outcome":"up","rttMs":2,"sysUpTime":3,"engineBoots":null,"ifIndex":1,"ifOperStatus":1,"ifAdminStatus":1,"inOctets":"5","outOctets":"6","counterBits":64,"ifSpeedMbps":100,"discontinuityTime":0,"error":null}';
    const s = decodeSample(line) as Record<string, unknown>;
    for (const name of extra) expect(name in s).toBe(false);
    expect(s.inOctets).toBe(5n);
  });
});
