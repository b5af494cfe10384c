import { SESSION_COOKIE, requireRole, requireUser, ROLES } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { limitPerIp, type Limit } from '../../platform/rate-limits.ts';
import { deviceIdOf, visitorIdOf } from '../../platform/visitor.ts';
import { Body, IdParams, Nullable, Page, PageQuery, Type } from '../../platform/schema.ts';
import { DomainError } from '../../platform/errors.ts';
import { publicAddress, publicUser, type IdentityService } from './identity.service.ts';
import { maskPhone, PASSWORD_MAX, SUSPEND_REASON_MAX } from './identity.rules.ts';
import type { Selectable } from 'kysely';
import type { UsersTable } from './identity.table.ts';
import type { SecondFactors } from './identity.totp.ts';

const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
});

const SessionResponse = Type.Object({
  user: UserSchema,
  token: Type.Optional(Type.String({ description: 'Bearer token; returned only when session is "bearer"' })),
  expiresAt: Type.String(),
});

const AddressBody = {
  recipient: Type.String({ minLength: 1, maxLength: 60 }),
  phone: Type.String({ minLength: 6, maxLength: 20 }),
  province: Type.String({ minLength: 1, maxLength: 40 }),
  city: Type.String({ minLength: 1, maxLength: 40 }),
  district: Type.String({ minLength: 1, maxLength: 40 }),
  line1: Type.String({ minLength: 1, maxLength: 200 }),
  postalCode: Type.Optional(Type.String({ maxLength: 12 })),
  isDefault: Type.Optional(Type.Boolean()),
};
const AddressSchema = Type.Object({ id: Type.String(), ...AddressBody, postalCode: Type.Union([Type.String(), Type.Null()]), isDefault: Type.Boolean() });

/** What operators see of an account: the public fields plus the suspension. */
const AdminUserSchema = Type.Object({ ...UserSchema.properties, suspendedAt: Nullable(Type.String()), suspendedReason: Nullable(Type.String()) });
const adminUser = (u: Selectable<UsersTable>) => ({ ...publicUser(u), suspendedAt: u.suspended_at?.toISOString() ?? null, suspendedReason: u.suspended_reason });

const NewPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX });
const ReasonBody = Body({ reason: Type.String({ minLength: 1, maxLength: SUSPEND_REASON_MAX }) });

const OutboxMessageSchema = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  template: Type.String(),
  to: Type.Object({ userId: Nullable(Type.String()), email: Nullable(Type.String()), phone: Nullable(Type.String()) }),
  data: Type.Record(Type.String(), Type.Any()),
  createdAt: Type.String(),
});

const SessionKind = Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('bearer')], { description: 'cookie (browsers, default) or bearer (integrators: the token comes back in the body)' }));

/** An operator's authenticator code when two-factor sign-in is on (compliance.totp.ts). */
const TotpCode = Type.Optional(Type.String({ pattern: '^[0-9]{6}$|^[A-Za-z2-9]{5}-?[A-Za-z2-9]{5}$', description: 'six-digit authenticator code, or one of the recovery codes (abcde-fghjk): required for operators who turned on two-factor sign-in' }));

export function identityRoutes(identity: IdentityService, authPerIp: Limit, secondFactors?: SecondFactors) {
  return async function (app: App) {
    const cookieOptions = (expires: Date) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const, expires });

    const startSession = async (req: any, reply: any, userId: string, kind: 'cookie' | 'bearer' | undefined) => {
      const session = await identity.openSession(userId, kind ?? 'cookie', { ip: req.ip, userAgent: req.headers['user-agent'], visitorId: visitorIdOf(req), deviceId: deviceIdOf(req) });
      if ((kind ?? 'cookie') === 'cookie') reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
      return session;
    };

    app.post('/auth/register/start', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Send a sign-up code to an email or phone',
        description: 'Always answers 202 the same way. A new address gets a six-digit code for POST /auth/register; an address that already has an account gets a notice to sign in or reset the password instead.',
        body: Body({ email: Type.Optional(Type.String({ maxLength: 254 })), phone: Type.Optional(Type.String({ maxLength: 20 })) }),
        response: { 202: Type.Object({ status: Type.Literal('accepted') }) },
      },
    }, async (req, reply) => {
      await identity.startRegistration(req.body);
      return reply.status(202).send({ status: 'accepted' as const });
    });

    app.post('/auth/register', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Create a shopper account with the code from /auth/register/start, and sign in',
        body: Body({
          email: Type.Optional(Type.String({ maxLength: 254 })),
          phone: Type.Optional(Type.String({ maxLength: 20 })),
          code: Type.String({ minLength: 1, maxLength: 12, description: 'the six-digit code sent by /auth/register/start' }),
          password: Type.String({ minLength: 1, maxLength: 128 }),
          displayName: Type.String({ minLength: 1, maxLength: 40 }),
          inviteCode: Type.Optional(Type.String({ minLength: 4, maxLength: 16, pattern: '^[A-Za-z0-9]+$', description: 'a friend\'s invite code' })),
          consents: Type.Optional(Type.Object({
            policyVersion: Type.String({ minLength: 1, maxLength: 40, description: 'the privacy policy version the shopper accepted (GET /privacy/policy)' }),
            marketing: Type.Boolean({ description: 'marketing messages (off unless ticked)' }),
            personalisation: Type.Boolean({ description: 'personalised recommendations (the non-personalised choice is always available)' }),
          }, { additionalProperties: false })),
          session: SessionKind,
        }),
        response: { 201: SessionResponse },
      },
    }, async (req, reply) => {
      const { session: kind, ...input } = req.body;
      const user = await identity.registerWithCode({ ...input, visitorId: visitorIdOf(req), deviceId: deviceIdOf(req) });
      const session = await startSession(req, reply, user.id, kind);
      return reply.status(201).send({ user: publicUser(user), expiresAt: session.expiresAt.toISOString(), ...(kind === 'bearer' ? { token: session.token } : {}) });
    });

    app.post('/auth/login', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email or phone and password',
        body: Body({ login: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 128 }), session: SessionKind, totpCode: TotpCode }),
        response: { 200: SessionResponse },
      },
    }, async (req, reply) => {
      const user = await identity.authenticate(req.body.login, req.body.password).catch((err) => {
        if (err instanceof DomainError && err.code === 'AUTH_ACCOUNT_LOCKED') reply.header('retry-after', String(err.details.retryAfterSeconds));
        throw err;
      });
      await secondFactors?.check(user, req.body.totpCode);
      const session = await startSession(req, reply, user.id, req.body.session);
      return { user: publicUser(user), expiresAt: session.expiresAt.toISOString(), ...(req.body.session === 'bearer' ? { token: session.token } : {}) };
    });

    const CodeLogin = {
      phone: Type.Optional(Type.String({ maxLength: 20, description: 'the account\'s phone number; the code goes by SMS' })),
      email: Type.Optional(Type.String({ maxLength: 254, description: 'or its email, when no phone is given' })),
    };

    app.post('/auth/login/code/start', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Send a one-time sign-in code to a phone (SMS) or email',
        description: 'Always answers 202 the same way; when an account has the phone or email, a six-digit code for POST /auth/login/code goes there.',
        body: Body(CodeLogin),
        response: { 202: Type.Object({ status: Type.Literal('accepted') }) },
      },
    }, async (req, reply) => {
      await identity.startCodeSignIn(req.body);
      return reply.status(202).send({ status: 'accepted' as const });
    });

    app.post('/auth/login/code', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the code from /auth/login/code/start',
        description: 'A wrong, expired or used code, and a phone or email without an account, all answer 400 IDENTITY_CODE_INVALID; each counts as a failed sign-in for the login\'s lock.',
        body: Body({ ...CodeLogin, code: Type.String({ minLength: 1, maxLength: 12 }), session: SessionKind, totpCode: TotpCode }),
        response: { 200: SessionResponse },
      },
    }, async (req, reply) => {
      const user = await identity.authenticateWithCode(req.body).catch((err) => {
        if (err instanceof DomainError && err.code === 'AUTH_ACCOUNT_LOCKED') reply.header('retry-after', String(err.details.retryAfterSeconds));
        throw err;
      });
      await secondFactors?.check(user, req.body.totpCode);
      const session = await startSession(req, reply, user.id, req.body.session);
      return { user: publicUser(user), expiresAt: session.expiresAt.toISOString(), ...(req.body.session === 'bearer' ? { token: session.token } : {}) };
    });

    app.post('/auth/password-reset', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Send a one-time code to reset a password',
        description: 'Always answers 202 the same way; when the login belongs to an account, a six-digit code goes to that email or phone.',
        body: Body({ login: Type.String({ minLength: 1, maxLength: 254 }) }),
        response: { 202: Type.Object({ status: Type.Literal('accepted') }) },
      },
    }, async (req, reply) => {
      await identity.requestPasswordReset(req.body.login);
      return reply.status(202).send({ status: 'accepted' as const });
    });

    app.post('/auth/password-reset/confirm', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset code; every session of the account ends',
        body: Body({ login: Type.String({ minLength: 1, maxLength: 254 }), code: Type.String({ minLength: 1, maxLength: 12 }), newPassword: NewPassword }),
        response: { 204: Type.Null() },
      },
    }, async (req, reply) => {
      await identity.confirmPasswordReset(req.body.login, req.body.code, req.body.newPassword);
      return reply.status(204).send(null);
    });

    app.post('/me/password', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['account'],
        summary: 'Change the password; the account\'s other sessions end',
        body: Body({ currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }), newPassword: NewPassword }),
        response: { 200: Type.Object({ sessionsRevoked: Type.Integer() }) },
      },
    }, async (req) => {
      const user = requireUser(req);
      return identity.changePassword(user.id, user.sessionId, req.body.currentPassword, req.body.newPassword);
    });

    app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null() } } }, async (req, reply) => {
      if (req.user) await identity.revokeSession(req.user.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/me', { schema: { tags: ['account'], summary: 'The signed-in account', response: { 200: UserSchema } } }, async (req) => {
      return publicUser(await identity.getUser(requireUser(req).id));
    });

    app.patch('/me', { schema: { tags: ['account'], body: Body({ displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }), response: { 200: UserSchema } } }, async (req) => {
      return publicUser(await identity.updateProfile(requireUser(req).id, req.body));
    });

    app.get('/me/addresses', { schema: { tags: ['account'], response: { 200: Type.Object({ items: Type.Array(AddressSchema) }) } } }, async (req) => {
      return { items: (await identity.listAddresses(requireUser(req).id)).map(publicAddress) };
    });

    app.post('/me/addresses', { schema: { tags: ['account'], body: Body(AddressBody), response: { 201: AddressSchema } } }, async (req, reply) => {
      return reply.status(201).send(publicAddress(await identity.addAddress(requireUser(req).id, req.body)));
    });

    app.patch('/me/addresses/:id', {
      schema: { tags: ['account'], params: IdParams, body: Body(Object.fromEntries(Object.entries(AddressBody).map(([k, v]) => [k, Type.Optional(v)])) as any), response: { 200: AddressSchema } },
    }, async (req) => {
      return publicAddress(await identity.updateAddress(requireUser(req).id, req.params.id, req.body as any));
    });

    app.delete('/me/addresses/:id', { schema: { tags: ['account'], params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
      await identity.deleteAddress(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });
  };
}

export function identityAdminRoutes(identity: IdentityService) {
  return async function (app: App) {
    // GET /customers (the list with orders, spend, tier, points and source) is in identity.customers.routes.ts.
    app.get('/customers/:id', { schema: { tags: ['admin'], params: IdParams, response: { 200: AdminUserSchema } } }, async (req) => adminUser(await identity.getUser(req.params.id)));

    app.post('/customers/:id/reveal', {
      schema: {
        tags: ['admin'],
        summary: 'A customer\'s full phone number and addresses (audited: who read whose, when, why)',
        description: 'Every other answer about a customer masks the phone (138****8000); this one is written to the audit log with the reason.',
        params: IdParams,
        body: Body({ reason: Type.String({ minLength: 3, maxLength: 200 }) }),
        response: { 200: Type.Object({ phone: Nullable(Type.String()), addresses: Type.Array(AddressSchema) }) },
      },
    }, async (req) => {
      const revealed = await identity.revealContact(requireUser(req).id, req.params.id, req.body.reason);
      return { phone: revealed.phone, addresses: revealed.addresses.map(publicAddress) };
    });

    app.post('/customers/:id/suspend', {
      schema: { tags: ['admin'], summary: 'Suspend a customer or promoter: sign-in refused, every session ended, orders and money kept', params: IdParams, body: ReasonBody, response: { 200: AdminUserSchema } },
    }, async (req) => adminUser(await identity.suspend(requireUser(req).id, req.params.id, req.body.reason)));

    app.post('/customers/:id/reactivate', {
      schema: { tags: ['admin'], summary: 'Lift a suspension', params: IdParams, body: ReasonBody, response: { 200: AdminUserSchema } },
    }, async (req) => adminUser(await identity.reactivate(requireUser(req).id, req.params.id, req.body.reason)));

    // Admins only: the built-in sender keeps reset codes here, and an operator who could read an
    // admin's code could take over the admin account.
    app.get('/messages', {
      preHandler: requireRole('admin'),
      schema: { tags: ['admin'], summary: 'Messages handed to the built-in sender (the outbox), newest first (admin only)', querystring: Type.Object({ userId: Type.Optional(Type.String({ format: 'uuid' })), to: Type.Optional(Type.String({ maxLength: 254, description: 'an email or phone the message went to' })), ...PageQuery }), response: { 200: Page(OutboxMessageSchema) } },
    }, async (req) => {
      const page = await identity.listMessages({ cursor: req.query.cursor, limit: req.query.limit ?? 20, userId: req.query.userId, to: req.query.to });
      // The phone is masked like everywhere else staff read it; `to` still finds messages by the full number.
      return { items: page.items.map((m) => ({ ...m, to: { ...m.to, phone: m.to.phone ? maskPhone(m.to.phone) : null }, createdAt: m.createdAt.toISOString() })), nextCursor: page.nextCursor };
    });

    app.put('/customers/:id/roles', {
      preHandler: requireRole('admin'),
      schema: { tags: ['admin'], summary: 'Set a user\'s roles (admin only)', params: IdParams, body: Body({ roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 4 }) }), response: { 200: UserSchema } },
    }, async (req) => publicUser(await identity.setRoles(requireUser(req).id, req.params.id, req.body.roles)));
  };
}
