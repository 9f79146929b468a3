// Sign-in and accounts: /api/auth (login, logout, me, password), /api/tokens (own API tokens),
// /api/users (administrators). Who may call each path is decided by access/policy.ts.
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { audit } from '../access/audit.ts';
import { loginFailed, loginSucceeded, rememberDevice } from './login-gate.ts';
import { dummyPasswordHash, generatePassword, verifyPassword } from '../access/passwords.ts';
import { auditRequest, principalOf, requirePrincipal } from './request-principal.ts';
import { createSession, revokeSession, revokeUserSessions, SESSION_COOKIE } from '../access/sessions.ts';
import * as s from '../access/schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken, revokeUserTokens } from '../access/tokens.ts';
import { createUser, findLogin, getUser, listUsers, markLoggedIn, updateUser, type User } from '../access/users.ts';
import type { AppContext } from './context.ts';
import { cookieValue } from './cookies.ts';
import { ApiError, asyncHandler, parseInput } from './errors.ts';

function idOf(req: Request): number {
  return parseInput(s.idParam, req.params.id, 'path');
}

/** The session cookie, read as the access gate reads it (cookies.ts), so logout revokes the session the gate accepted. */
const sessionCookie = (req: Request): string | undefined => cookieValue(req, SESSION_COOKIE);

function setSessionCookie(req: Request, res: Response, id: string, expires: Date): void {
  // Secure whenever the request came over HTTPS (directly or via a trusted proxy).
  res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires });
}

const publicUser = (u: User) => u; // User carries no secret; kept as a seam for future fields.

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  const { db } = ctx;

  r.post('/api/auth/login', asyncHandler(async (req, res) => {
    const { email, password } = parseInput(s.loginSchema, req.body ?? {}, 'body');
    const login = await findLogin(db, email);
    // Verify against a dummy hash for unknown logins so timing does not reveal which exist.
    const ok = await verifyPassword(password, login?.password_hash ?? (await dummyPasswordHash()));
    if (!login || !ok || login.disabled_at) {
      // The attempted login is recorded only when it names a real account: people sometimes
      // type their password into the login field.
      await audit(db, {
        actor: login ? login.email : 'anonymous', action: 'user.login_failed',
        target: login ? `user:${login.id}` : null, ip: req.ip ?? null,
        details: { reason: !login ? 'unknown login' : login.disabled_at ? 'account disabled' : 'wrong password' },
      });
      ctx.logger.warn({ userId: login?.id, ip: req.ip, reason: !login ? 'unknown login' : 'refused' }, 'sign-in failed');
      await loginFailed(res);
      throw new ApiError(401, 'invalid_credentials', 'login or password is wrong');
    }
    const old = sessionCookie(req);
    if (old) await revokeSession(db, old);
    const session = await createSession(db, login.id);
    await markLoggedIn(db, login.id);
    await audit(db, { actor: login.email, action: 'user.login', target: `user:${login.id}`, ip: req.ip ?? null });
    ctx.logger.info({ userId: login.id, ip: req.ip }, 'signed in');
    setSessionCookie(req, res, session.id, session.expiresAt);
    // This browser is now known to this login: strangers' failed guesses never delay it.
    await rememberDevice(db, req, res, login.id);
    await loginSucceeded(res);
    res.json({ user: publicUser((await getUser(db, login.id))!), expiresAt: session.expiresAt });
  }));

  r.post('/api/auth/logout', asyncHandler(async (req, res) => {
    const sid = sessionCookie(req);
    const p = principalOf(req);
    if (sid) await revokeSession(db, sid);
    if (p.kind === 'session') await auditRequest(db, req, { action: 'user.logout', target: `user:${p.userId}` });
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
    res.status(204).end();
  }));

  r.get('/api/auth/me', asyncHandler(async (req, res) => {
    const p = requirePrincipal(req);
    const user = await getUser(db, p.userId);
    res.json({
      user: user && publicUser(user),
      via: p.kind,
      role: p.role,
      scope: { regions: p.regions, siteIds: p.siteIds },
      ...(p.kind === 'token' ? { tokenId: p.tokenId } : {}),
    });
  }));

  r.post('/api/auth/password', asyncHandler(async (req, res) => {
    const p = requirePrincipal(req);
    if (p.kind !== 'session') throw new ApiError(403, 'session_required', 'change a password from a signed-in session, not with an API token');
    const body = parseInput(s.passwordChangeSchema, req.body ?? {}, 'body');
    const login = await findLogin(db, p.email);
    if (!login || !(await verifyPassword(body.currentPassword, login.password_hash))) {
      throw new ApiError(400, 'invalid_input', 'invalid body', [{ field: 'currentPassword', message: 'current password is wrong' }]);
    }
    await updateUser(db, p.userId, { password: body.newPassword });
    // Other sessions (another browser, a stolen cookie) end; this one stays signed in.
    await revokeUserSessions(db, p.userId, sessionCookie(req));
    // A stolen session could have minted tokens: a new password ends them all.
    await revokeUserTokens(db, p.userId);
    await auditRequest(db, req, { action: 'user.password_change', target: `user:${p.userId}` });
    res.status(204).end();
  }));

  // --- API tokens -------------------------------------------------------------------------------

  r.get('/api/tokens', asyncHandler(async (req, res) => {
    const p = requirePrincipal(req);
    const all = req.query.all === 'true' && p.role === 'admin';
    res.json({ items: await listApiTokens(db, all ? undefined : p.userId) });
  }));

  r.post('/api/tokens', asyncHandler(async (req, res) => {
    const p = requirePrincipal(req);
    // A leaked token must not be able to mint fresh, longer-lived ones.
    if (p.kind !== 'session') throw new ApiError(403, 'session_required', 'create API tokens from a signed-in session');
    const body = parseInput(s.newTokenSchema, req.body ?? {}, 'body');
    const owner = await getUser(db, p.userId);
    if (!owner) throw new ApiError(401, 'authentication_required', 'your account no longer exists');
    const { token, info } = await createApiToken(db, owner, { ...body, role: body.role ?? owner.role });
    await auditRequest(db, req, {
      action: 'token.create', target: `token:${info.id}`,
      details: { name: info.name, role: info.role, regions: info.regions, siteIds: info.siteIds, expiresAt: info.expiresAt },
    });
    ctx.logger.info({ userId: p.userId, tokenId: info.id, prefix: info.prefix, role: info.role }, 'API token created');
    res.status(201).json({ ...info, token, note: 'copy this token now: it is not shown again' });
  }));

  r.delete('/api/tokens/:id', asyncHandler(async (req, res) => {
    const p = requirePrincipal(req);
    const id = idOf(req);
    const revoked = await revokeApiToken(db, id, p.role === 'admin' ? undefined : p.userId);
    if (!revoked) throw ApiError.notFound(`token ${id}`);
    await auditRequest(db, req, { action: 'token.revoke', target: `token:${id}`, details: { name: revoked.name, owner: `user:${revoked.user_id}` } });
    res.status(204).end();
  }));

  // --- Users (administrators) -------------------------------------------------------------------

  r.get('/api/users', asyncHandler(async (req, res) => {
    res.json(await listUsers(db, parseInput(s.userListSchema, req.query, 'query')));
  }));

  r.post('/api/users', asyncHandler(async (req, res) => {
    const body = parseInput(s.newUserSchema, req.body ?? {}, 'body');
    const generated = body.password ? undefined : generatePassword();
    const user = await createUser(db, { ...body, password: body.password ?? generated! });
    await auditRequest(db, req, {
      action: 'user.create', target: `user:${user.id}`,
      details: { email: user.email, role: user.role, regions: user.regions, siteIds: user.siteIds },
    });
    res.status(201).json({ user, ...(generated ? { password: generated, note: 'hand this password over now: it is not shown again' } : {}) });
  }));

  r.get('/api/users/:id', asyncHandler(async (req, res) => {
    const id = idOf(req);
    const user = await getUser(db, id);
    if (!user) throw ApiError.notFound(`user ${id}`);
    res.json({ user });
  }));

  const change = async (req: Request, res: Response, c: z.infer<typeof s.userChangeSchema>) => {
    const p = requirePrincipal(req);
    const id = idOf(req);
    if (id === p.userId && (c.disabled === true || (c.role && c.role !== 'admin'))) {
      throw new ApiError(409, 'conflict', 'you cannot disable or demote your own account; ask another administrator');
    }
    const before = await getUser(db, id);
    if (!before) throw ApiError.notFound(`user ${id}`);
    const user = (await updateUser(db, id, c))!;
    const roleChanged = c.role !== undefined && c.role !== before.role;
    // A password reset ends tokens too (they may have been minted by whoever had the old one);
    // narrowed regions or sites apply to tokens at once (token-lookup.sql intersects them).
    if (roleChanged || c.disabled || c.password) await revokeUserTokens(db, id);
    if (roleChanged || c.disabled || c.password || c.regions || c.siteIds) await revokeUserSessions(db, id);
    const { password: _p, ...visible } = c;
    await auditRequest(db, req, {
      action: c.disabled ? 'user.disable' : 'user.update', target: `user:${id}`,
      details: { ...visible, ...(c.password ? { passwordReset: true } : {}), previousRole: before.role },
    });
    res.json({ user });
  };

  r.patch('/api/users/:id', asyncHandler(async (req, res) => change(req, res, parseInput(s.userChangeSchema, req.body ?? {}, 'body'))));
  // Users are disabled, never deleted: the audit log keeps naming them.
  r.delete('/api/users/:id', asyncHandler(async (req, res) => change(req, res, { disabled: true })));

  return r;
}
