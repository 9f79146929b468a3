// Input shapes for the access endpoints, with messages a person can act on.
import { z } from 'zod';
import { weakPasswordReason } from './password-policy.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { ROLES, TOKEN_ROLES } from './roles.ts';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from './tokens.ts';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'login is required')
  .max(254, 'login is at most 254 characters')
  .regex(/^[^\s@]+(@[^\s@]+\.[^\s@]+)?$/, 'login must be an e-mail address or a name without spaces');

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `password must have at most ${MAX_PASSWORD_LENGTH} characters`)
  .superRefine((p, ctx) => {
    const weak = weakPasswordReason(p);
    if (weak) ctx.addIssue({ code: 'custom', message: weak });
  });

/**
 * Text a person reads (display names, token names): no control characters (a newline or an ANSI
 * escape in a name forges lines in logs and CSV) and no lone UTF-16 surrogates (not storable text).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v), 'must not contain control characters (newlines, tabs, escapes)')
    .refine((v) => !LONE_SURROGATE.test(v), 'must be valid Unicode text (a lone surrogate is not)');

/** An admin1 id (OCHA P-code such as KZ15) or a site id: short, no spaces or punctuation games. */
const scopeId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'ids are 1–64 letters, digits or _ . : -');
export const scopeIds = z.array(scopeId).max(500, 'at most 500 ids');

export const loginSchema = z.object({
  // Only length-checked: a login form must not reveal which rule a stored login follows.
  email: z.string({ error: 'login is required' }).min(1, 'login is required').max(254),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(MAX_PASSWORD_LENGTH),
});

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: passwordSchema,
});

export const newUserSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES),
  displayName: nameText(200).nullish(),
  regions: scopeIds.optional(),
  siteIds: scopeIds.optional(),
  /** Omitted: a password is generated and returned once. */
  password: passwordSchema.optional(),
}).strict();

export const userChangeSchema = z.object({
  displayName: nameText(200).nullish(),
  role: z.enum(ROLES).optional(),
  regions: scopeIds.optional(),
  siteIds: scopeIds.optional(),
  password: passwordSchema.optional(),
  disabled: z.boolean().optional(),
}).strict();

export const pageSchema = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const userListSchema = z.object({
  role: z.enum(ROLES).optional(),
  q: z.string().max(100).optional(),
  ...pageSchema,
});

export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const newTokenSchema = z.object({
  name: nameText(100).pipe(z.string().min(1, 'name the token (e.g. "prometheus")')),
  role: z.enum(TOKEN_ROLES).optional(),
  regions: scopeIds.optional(),
  siteIds: scopeIds.optional(),
  days: z.coerce.number().int().min(1).max(MAX_TOKEN_DAYS, `a token lives at most ${MAX_TOKEN_DAYS} days`).default(DEFAULT_TOKEN_DAYS),
}).strict();

/** ISO 8601 only: Date.parse also accepts '-1' (year −1), which PostgreSQL then cannot read. */
const isoInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'use an ISO 8601 date or date-time, e.g. 2026-11-25 or 2026-11-25T09:00:00+05:00' })
  .transform((s) => new Date(s));

export const auditQuerySchema = z.object({
  actor: z.string().max(300).optional(),
  action: z.string().max(100).optional(),
  target: z.string().max(300).optional(),
  since: isoInstant.optional(),
  until: isoInstant.optional(),
  ...pageSchema,
});
