// What a user may send to create, change or import a monitored site (zod), and the flat CSV form.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
// A hostname or an IPv4/IPv6 literal: no spaces, no scheme, no path.
const host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:\-_[\]]+$/, 'must be a hostname or an IP address');

export const snmpSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal('2c'), community: text(128) }).strict(),
  z.object({
    version: z.literal('3'),
    user: text(64),
    authProtocol: z.enum(['sha', 'sha256']),
    authKey: z.string().min(8, 'SNMPv3 keys must have at least 8 characters').max(128),
    privProtocol: z.enum(['aes', 'aes256']),
    privKey: z.string().min(8, 'SNMPv3 keys must have at least 8 characters').max(128),
  }).strict(),
]);

export const wanSchema = z
  .object({ ifIndex: z.number().int().positive().optional(), ifName: text(128).optional() })
  .strict()
  .refine((w) => w.ifIndex !== undefined || w.ifName !== undefined, {
    message: 'give the WAN interface by ifName/ifDescr (preferred: it survives a reboot) or ifIndex',
  });

// Stored and returned as a ratio like every availability figure (0.99 = 99 %). A percentage
// (99, 99.5) is accepted on input, as contracts and spreadsheets write it, and converted:
// no SLA is ever 1 % or less, so a value above 1 can only be a percentage.
const slaTarget = z.preprocess(
  (v) => (typeof v === 'number' && v > 1 && v <= 100 ? v / 100 : v),
  z.number().gt(0).max(1, 'a ratio (0.99) or a percentage (99) up to 100'),
);

// The hours availability is also reported over (rules/schedule.ts); null = the facility kind's
// default (schools: Mon–Fri 08:00–20:00 Almaty). Offsets in minutes: Kazakhstan is +300.
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like 08:00');
export const scheduleSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: hhmm,
    to: hhmm,
    utcOffsetMin: z.number().int().min(-840).max(840).default(300),
  })
  .strict()
  .refine((s) => s.from < s.to, { message: 'from must be before to (no overnight schedules)', path: ['to'] });
const siteId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64');

const fields = {
  id: siteId.optional(),
  facilityId: text(128),
  name: text(200),
  host,
  port: z.number().int().min(1).max(65535).default(161),
  snmp: snmpSchema,
  wan: wanSchema,
  intervalS: z.number().int().min(10).max(3600).default(60),
  /** SNMP timeout per try in seconds for slow links (satellite); null = the agent's default (2 s). */
  timeoutS: z.number().min(0.5).max(30).nullable().default(null),
  committedMbps: z.number().positive().max(1e6).nullable().default(null),
  slaTarget: slaTarget.default(0.99),
  operator: text(100).nullable().default(null),
  contract: text(100).nullable().default(null),
  contactPhone: z.string().trim().regex(/^[+0-9 ()-]{3,32}$/, 'digits, spaces, + ( ) -').nullable().default(null),
  schedule: scheduleSchema.nullable().default(null),
  /** The site this one depends on (village PoP, tower): its outage explains this one's. */
  parentId: siteId.nullable().default(null),
};

export const siteCreateSchema = z.object(fields).strict();
export type SiteCreate = z.infer<typeof siteCreateSchema>;

export const sitePatchSchema = z
  .object({
    facilityId: fields.facilityId, name: fields.name, host: fields.host,
    port: z.number().int().min(1).max(65535), snmp: snmpSchema, wan: wanSchema,
    intervalS: z.number().int().min(10).max(3600), timeoutS: z.number().min(0.5).max(30).nullable(),
    committedMbps: z.number().positive().max(1e6).nullable(),
    slaTarget, operator: text(100).nullable(), contract: text(100).nullable(),
    contactPhone: z.string().trim().regex(/^[+0-9 ()-]{3,32}$/).nullable(),
    schedule: scheduleSchema.nullable(), parentId: siteId.nullable(),
  })
  .partial()
  .strict();

/**
 * One CSV record → the JSON create shape (validation happens after, with the same schema).
 * Columns (snake_case, empty cells are absent): id, facility_id, name, host, port, version,
 * community, v3_user, auth_protocol, auth_key, priv_protocol, priv_key, if_index, if_name,
 * interval_s, timeout_s, committed_mbps, sla_target, operator, contract, contact_phone, parent_id.
 */
export function csvRecordToInput(r: Record<string, string | undefined>): unknown {
  const v = (k: string) => (r[k] === undefined || r[k] === '' ? undefined : r[k]);
  const num = (k: string) => (v(k) === undefined ? undefined : Number(v(k)));
  const snmp =
    v('version') === '3'
      ? { version: '3', user: v('v3_user'), authProtocol: v('auth_protocol'), authKey: v('auth_key'),
          privProtocol: v('priv_protocol'), privKey: v('priv_key') }
      : { version: v('version') ?? '2c', community: v('community') };
  const wan: Record<string, unknown> = {};
  if (v('if_index') !== undefined) wan.ifIndex = num('if_index');
  if (v('if_name') !== undefined) wan.ifName = v('if_name');
  return {
    id: v('id'), facilityId: v('facility_id'), name: v('name'), host: v('host'), port: num('port'),
    snmp, wan, intervalS: num('interval_s'), timeoutS: num('timeout_s'), committedMbps: num('committed_mbps'), slaTarget: num('sla_target'),
    operator: v('operator'), contract: v('contract'), contactPhone: v('contact_phone'), parentId: v('parent_id'),
  };
}
