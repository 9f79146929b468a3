// Who can be behind a request. Roles are for people; 'metrics' exists only on API tokens (Prometheus).
export const ROLES = ['admin', 'planner', 'partner', 'site'] as const;
export type Role = (typeof ROLES)[number];
export const TOKEN_ROLES = [...ROLES, 'metrics'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];
/** Every kind of caller the policy table speaks about. */
export type Subject = TokenRole | 'anonymous';
export const SUBJECTS: readonly Subject[] = ['anonymous', ...TOKEN_ROLES];

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'session' | 'token';
      userId: number;
      email: string;
      role: TokenRole;
      /** Partner scope (admin1 ids); empty for roles that are not region-scoped. */
      regions: string[];
      /** Site scope (monitored site ids); empty for roles that are not site-scoped. */
      siteIds: string[];
      tokenId?: number;
    };

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

export function subjectOf(p: Principal): Subject {
  return p.kind === 'anonymous' ? 'anonymous' : p.role;
}

/** How the audit log names a caller: 'anna@fund.kz', 'anna@fund.kz via token 7', 'anonymous'. */
export function actorName(p: Principal): string {
  if (p.kind === 'anonymous') return 'anonymous';
  return p.kind === 'token' ? `${p.email} via token ${p.tokenId}` : p.email;
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}
