import { SESSION_COOKIE, requireRole, requireUser, ROLES } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { limitPerIp } from '../../platform/rate-limits.ts';
import { deviceIdOf, visitorIdOf } from '../../platform/visitor.ts';
import { Body, IdParams, Page, PageQuery, Type } from '../../platform/schema.ts';
import { publicAddress, publicUser, type IdentityService } from './identity.service.ts';

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

const SessionKind = Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('bearer')], { description: 'cookie (browsers, default) or bearer (integrators: the token comes back in the body)' }));

export function identityRoutes(identity: IdentityService, authPerIp: number) {
  return async function (app: App) {
    const cookieOptions = (expires: Date) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: 'auto' as const, expires });

    const startSession = async (req: any, reply: any, userId: string, kind: 'cookie' | 'bearer' | undefined) => {
      const session = await identity.openSession(userId, kind ?? 'cookie', { ip: req.ip, userAgent: req.headers['user-agent'], visitorId: visitorIdOf(req), deviceId: deviceIdOf(req) });
      if ((kind ?? 'cookie') === 'cookie') reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
      return session;
    };

    app.post('/auth/register', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Create a shopper account and sign in',
        body: Body({
          email: Type.Optional(Type.String({ maxLength: 254 })),
          phone: Type.Optional(Type.String({ maxLength: 20 })),
          password: Type.String({ minLength: 1, maxLength: 128 }),
          displayName: Type.String({ minLength: 1, maxLength: 40 }),
          inviteCode: Type.Optional(Type.String({ minLength: 4, maxLength: 16, pattern: '^[A-Za-z0-9]+$', description: 'a friend\'s invite code' })),
          session: SessionKind,
        }),
        response: { 201: SessionResponse },
      },
    }, async (req, reply) => {
      const { session: kind, ...input } = req.body;
      const user = await identity.register({ ...input, visitorId: visitorIdOf(req), deviceId: deviceIdOf(req) });
      const session = await startSession(req, reply, user.id, kind);
      return reply.status(201).send({ user: publicUser(user), expiresAt: session.expiresAt.toISOString(), ...(kind === 'bearer' ? { token: session.token } : {}) });
    });

    app.post('/auth/login', {
      onRequest: limitPerIp(app, 'auth', authPerIp),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email or phone and password',
        body: Body({ login: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 128 }), session: SessionKind }),
        response: { 200: SessionResponse },
      },
    }, async (req, reply) => {
      const user = await identity.authenticate(req.body.login, req.body.password);
      const session = await startSession(req, reply, user.id, req.body.session);
      return { user: publicUser(user), expiresAt: session.expiresAt.toISOString(), ...(req.body.session === 'bearer' ? { token: session.token } : {}) };
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
    app.get('/customers', {
      schema: { tags: ['admin'], summary: 'Customers, newest first', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }), response: { 200: Page(UserSchema) } },
    }, async (req) => {
      const page = await identity.listCustomers({ q: req.query.q, cursor: req.query.cursor, limit: req.query.limit ?? 20 });
      return { items: page.items.map(publicUser), nextCursor: page.nextCursor };
    });

    app.get('/customers/:id', { schema: { tags: ['admin'], params: IdParams, response: { 200: UserSchema } } }, async (req) => publicUser(await identity.getUser(req.params.id)));

    app.put('/customers/:id/roles', {
      preHandler: requireRole('admin'),
      schema: { tags: ['admin'], summary: 'Set a user\'s roles (admin only)', params: IdParams, body: Body({ roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 4 }) }), response: { 200: UserSchema } },
    }, async (req) => publicUser(await identity.setRoles(requireUser(req).id, req.params.id, req.body.roles)));
  };
}
