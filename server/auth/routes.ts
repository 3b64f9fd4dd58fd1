import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { depsOf } from '../http/deps';
import { recordAudit } from '../audit/record';
import { actorOf } from '../http/context';
import { AppError, conflict, isDuplicateKey, notFound, validationFailed } from '../http/errors';
import { limitHits } from '../http/rate-limit';
import { route } from '../http/route';
import { SESSION_COOKIE } from '../http/authenticate';
import { endMembership, membershipOrganization, requestMembership } from '../organizations/membership';
import { Organization, type OrganizationDoc } from '../organizations/model';
import { startEmailVerification, verifyEmail } from './email-verification';
import { chargeAttempt, familiarity, refund, rememberDevice, signInGate } from './login-guard';
import { Session, User, type UserDoc } from './models';
import { loadAuthUser } from './load-user';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { presentUser } from './presenter';
import { hashSecret, newSecret } from './secrets';
import { createToken, listTokens, revokeToken } from './tokens';

async function startSession(req: Request, res: Response, userId: Types.ObjectId): Promise<string> {
  const { config } = depsOf(req);
  const secret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3600_000);
  await Session.create({
    tokenHash: hashSecret(secret),
    userId,
    csrfToken,
    expiresAt,
    createdAt: new Date(),
    ip: req.ctx.ip,
    userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
  });
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.env === 'production',
    path: '/',
    expires: expiresAt,
  });
  return csrfToken;
}

export const authRoutes = [
  route({
    method: 'post',
    path: '/auth/login',
    permission: 'public',
    response: 'auth.session',
    body: 'auth.login',
    tag: 'auth',
    summary: 'Sign in with e-mail and password; sets the session cookie',
    async handler(req, res) {
      const { config } = depsOf(req);
      const email = String(req.body.email).trim().toLowerCase();
      const ip = req.ctx.ip ?? 'unknown';
      // One attempt at a time per address, counted before the password is checked (server/auth/login-guard.ts).
      const authUser = await signInGate.run(ip, async () => {
        const user = await User.findOne({ email }).lean<UserDoc>();
        const charge = await chargeAttempt(email, ip, await familiarity(req, user?._id ?? null), config.loginRateLimit);
        const ok = await verifyPassword(String(req.body.password), user?.passwordHash ?? (await dummyPasswordHash()));
        const found = ok && user && !user.disabled ? await loadAuthUser(user._id) : null;
        if (!found) {
          await recordAudit({ id: user?._id ?? null, email, ip: req.ctx.ip }, 'auth.login_failed', { type: 'user', id: user?._id ?? null });
          throw new AppError(401, 'invalid_credentials');
        }
        await refund(charge);
        return found;
      });
      await rememberDevice(req, res, authUser.id, config.env === 'production');
      const csrfToken = await startSession(req, res, authUser.id);
      await recordAudit({ id: authUser.id, email, ip: req.ctx.ip }, 'auth.login', { type: 'user', id: authUser.id });
      res.json({ user: presentUser(authUser), csrfToken });
    },
  }),
  route({
    method: 'post',
    path: '/auth/logout',
    permission: 'signed_in',
    tag: 'auth',
    summary: 'Sign out: ends the current session',
    responses: [204],
    async handler(req, res) {
      if (req.ctx.sessionId) await Session.deleteOne({ _id: req.ctx.sessionId });
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      await recordAudit(actorOf(req.ctx), 'auth.logout', { type: 'user', id: req.ctx.user!.id });
      res.status(204).end();
    },
  }),
  route({
    method: 'get',
    path: '/auth/me',
    permission: 'signed_in',
    response: 'auth.session',
    tag: 'auth',
    summary: 'The signed-in user and the CSRF token of the session',
    handler(req, res) {
      res.json({ user: presentUser(req.ctx.user!), csrfToken: req.ctx.csrfToken ?? null });
    },
  }),
  route({
    method: 'get',
    path: '/auth/session',
    permission: 'public',
    response: { schema: 'auth.optionalSession', headers: { 'Cache-Control': true } },
    tag: 'auth',
    summary: 'The current session for the web client: the user and CSRF token, or nulls when signed out (200 either way)',
    handler(req, res) {
      res.set('Cache-Control', 'no-store').json({ user: req.ctx.user ? presentUser(req.ctx.user) : null, csrfToken: req.ctx.csrfToken ?? null });
    },
  }),
  route({
    method: 'patch',
    path: '/auth/me',
    permission: 'signed_in',
    response: 'auth.session',
    body: 'auth.updateMe',
    tag: 'auth',
    summary: 'Update own name or preferred language',
    async handler(req, res) {
      const set: Record<string, unknown> = {};
      if (req.body.name !== undefined) set.name = String(req.body.name).trim();
      if (req.body.locale !== undefined) set.locale = req.body.locale;
      await User.updateOne({ _id: req.ctx.user!.id }, { $set: set });
      const user = await loadAuthUser(req.ctx.user!.id);
      res.json({ user: presentUser(user!), csrfToken: req.ctx.csrfToken ?? null });
    },
  }),
  route({
    method: 'post',
    path: '/auth/register',
    permission: 'public',
    response: 'auth.session',
    body: 'auth.register',
    tag: 'auth',
    summary:
      'Register a researcher account. `organizationSlug` asks to join that organisation: membership is granted by its admins, or by verifying an address in a domain it lists — never by registering',
    responses: [201],
    async handler(req, res) {
      const deps = depsOf(req);
      const ipKey = `register:${req.ctx.ip}`;
      await limitHits(ipKey, 3600, deps.config.loginRateLimit.max * 2);
      const email = String(req.body.email).trim().toLowerCase();
      const org = req.body.organizationSlug ? await Organization.findOne({ slug: req.body.organizationSlug }).lean<OrganizationDoc>() : null;
      if (req.body.organizationSlug && !org) throw validationFailed([{ path: '/organizationSlug', code: 'unknown_organization' }]);
      let created: UserDoc;
      try {
        const doc = await User.create({
          email,
          name: String(req.body.name).trim(),
          organizationId: null,
          membership: 'none',
          roles: ['researcher'],
          locale: req.body.locale ?? req.ctx.lang,
          passwordHash: await hashPassword(String(req.body.password)),
        });
        created = doc.toObject() as UserDoc;
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('email_taken');
        throw err;
      }
      const actor = { id: created._id, email, ip: req.ctx.ip };
      await recordAudit(actor, 'auth.register', { type: 'user', id: created._id }, { requestedOrganization: org?.slug ?? null });
      if (org) created = await requestMembership(actor, created, org, req.body.membershipNote?.trim() ?? null);
      await startEmailVerification(created, deps);
      const user = await loadAuthUser(created._id);
      const csrfToken = await startSession(req, res, created._id);
      res.status(201).json({ user: presentUser(user!), csrfToken });
    },
  }),
  route({
    method: 'post',
    path: '/auth/verify-email',
    permission: 'public',
    response: 'auth.emailVerified',
    body: 'auth.verifyEmail',
    tag: 'auth',
    summary: 'Confirm an e-mail address with the secret from the mailed link; joins the requested organisation when it lists the address’s domain',
    async handler(req, res) {
      const verified = await verifyEmail(req.body.token, req.ctx.ip);
      if (!verified) throw new AppError(400, 'verification_link_invalid');
      // The link proves the address: its holder may learn which organisation the account joined or asked for.
      const org = await membershipOrganization(verified);
      res.json({ emailVerified: true, membership: verified.membership, organization: org ? { slug: org.slug, name: org.name } : null });
    },
  }),
  route({
    method: 'post',
    path: '/auth/verify-email/resend',
    permission: 'signed_in',
    response: 'auth.mailSent',
    tag: 'auth',
    summary: 'Mail a new verification link to the signed-in user (a few per hour)',
    responses: [202],
    async handler(req, res) {
      const user = req.ctx.user!;
      if (user.emailVerified) throw conflict('email_already_verified');
      await limitHits(`verify-resend:${user.id}`, 3600, 3);
      const doc = await User.findById(user.id).lean<UserDoc>();
      await startEmailVerification(doc!, depsOf(req));
      res.status(202).json({ sent: true });
    },
  }),
  route({
    method: 'put',
    path: '/auth/membership',
    permission: 'signed_in',
    response: 'auth.session',
    body: 'auth.membershipRequest',
    tag: 'auth',
    summary: 'Ask to join an organisation (replaces a pending request); 409 for an active member, who must leave first',
    async handler(req, res) {
      const org = await Organization.findOne({ slug: req.body.organizationSlug }).lean<OrganizationDoc>();
      if (!org) throw validationFailed([{ path: '/organizationSlug', code: 'unknown_organization' }]);
      const doc = await User.findById(req.ctx.user!.id).lean<UserDoc>();
      await requestMembership(actorOf(req.ctx), doc!, org, req.body.note?.trim() ?? null);
      res.json({ user: presentUser((await loadAuthUser(req.ctx.user!.id))!), csrfToken: req.ctx.csrfToken ?? null });
    },
  }),
  route({
    method: 'delete',
    path: '/auth/membership',
    permission: 'signed_in',
    response: 'auth.session',
    tag: 'auth',
    summary: 'Withdraw a membership request or leave the organisation (organisation roles end with it)',
    async handler(req, res) {
      const doc = await User.findById(req.ctx.user!.id).lean<UserDoc>();
      const org = doc ? await membershipOrganization(doc) : null;
      if (!doc || !org) throw notFound('membership_not_found');
      await endMembership(req.ctx, org, doc, 'self');
      res.json({ user: presentUser((await loadAuthUser(req.ctx.user!.id))!), csrfToken: req.ctx.csrfToken ?? null });
    },
  }),
  route({
    method: 'post',
    path: '/auth/tokens',
    permission: 'signed_in',
    response: 'auth.tokenCreated',
    body: 'auth.tokenCreate',
    tag: 'auth',
    summary: 'Create a personal API token from a signed-in browser session (not with a token); the secret is shown only in this response',
    responses: [201],
    async handler(req, res) {
      await createToken(req, res);
    },
  }),
  route({
    method: 'get',
    path: '/auth/tokens',
    permission: 'signed_in',
    response: 'auth.tokenList',
    tag: 'auth',
    summary: 'List own API tokens (never the secrets)',
    async handler(req, res) {
      await listTokens(req, res);
    },
  }),
  route({
    method: 'delete',
    path: '/auth/tokens/:id',
    permission: 'signed_in',
    tag: 'auth',
    summary: 'Revoke an API token',
    responses: [204],
    async handler(req, res) {
      await revokeToken(req, res);
    },
  }),
];
