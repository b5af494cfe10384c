// Who is calling: a session token from the HTTP-only cookie (browsers) or an
// Authorization: Bearer header (integrators). Roles are checked per route.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden, unauthenticated } from './errors.ts';
import type { App } from './http.ts';

export const ROLES = ['shopper', 'promoter', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  id: string;
  roles: Role[];
  sessionId: string;
  via: 'cookie' | 'bearer' | 'api_key';
  /** Set for integrators' API keys: what the key may do (`orders:read`, `catalog:write`...). */
  scopes?: string[];
}

export const SESSION_COOKIE = 'fission_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export type SessionResolver = (token: string) => Promise<AuthUser | null>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuth(app: App, resolve: SessionResolver): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.user = await resolve(header.slice(7).trim());
      if (req.user) req.user.via = 'bearer';
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    req.user = await resolve(token);
    if (!req.user) return;
    req.user.via = 'cookie';
    // CSRF: a cookie-authenticated write from another origin is refused. SameSite=Lax already
    // keeps the cookie off cross-site POSTs in browsers; this covers older ones.
    if (UNSAFE.has(req.method)) {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        let host: string;
        try {
          host = new URL(origin).host;
        } catch {
          host = '';
        }
        if (host !== req.headers.host) throw forbidden('AUTH_CSRF_ORIGIN_MISMATCH', 'This request came from another site and was refused');
      }
    }
  });
}

export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}

export const hasRole = (user: AuthUser | null, ...roles: Role[]) =>
  !!user && (user.roles.includes('admin') || roles.some((r) => user.roles.includes(r)));

/** preHandler: the caller must hold one of the roles (admin passes every check). */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const user = requireUser(req);
    if (!hasRole(user, ...roles)) {
      throw new DomainError('forbidden', 'AUTH_FORBIDDEN', `This needs the ${roles.join(' or ')} role`, { required: roles });
    }
  };
}

export async function requireSignedIn(req: FastifyRequest): Promise<void> {
  requireUser(req);
}
