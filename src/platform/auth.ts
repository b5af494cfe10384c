// Who is calling: a session token from the HTTP-only cookie (browsers) or an
// Authorization: Bearer header (integrators). Roles are checked per route.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden, unauthenticated } from './errors.ts';
import { DEFAULT_EDGE, knownHosts } from './edge.ts';
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

// Default ports dropped on both sides: a Host of `shop.example:443` behind a TLS proxy we do not
// trust (so the request looks like plain HTTP) still matches the browser's `https://shop.example`.
const withoutDefaultPort = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

const hostOfUrl = (value: string): string | null => {
  try {
    const { protocol, host } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? withoutDefaultPort(host) : null;
  } catch {
    return null;
  }
};

/**
 * Where a browser says the request came from: `same`, `foreign` (including Origin: null and an
 * unparseable one) or `unknown` when it sent neither Origin nor Referer.
 */
export function requestSite(req: FastifyRequest): 'same' | 'foreign' | 'unknown' {
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const claimed = origin !== undefined ? hostOfUrl(origin) : referer !== undefined ? hostOfUrl(referer) : undefined;
  if (claimed === undefined) return 'unknown';
  if (claimed === null) return 'foreign';
  if (claimed === withoutDefaultPort(req.host)) return 'same';
  for (const host of knownHosts(req.server.edge ?? DEFAULT_EDGE)) if (withoutDefaultPort(host) === claimed) return 'same';
  return 'foreign';
}

const csrfRefused = () => forbidden('AUTH_CSRF_ORIGIN_MISMATCH', 'This request came from another site and was refused');

export function registerAuth(app: App, resolve: SessionResolver): void {
  app.decorateRequest('user', null);
  // A route's early answer (config.earlyAnswer) comes before the session is looked up: an answer
  // that is the same for every caller, such as a sold-out refusal, needs to know nobody.
  app.addHook('onRequest', (req, _reply, done) => {
    const early = req.routeOptions.config?.earlyAnswer;
    done(early ? (early(req) ?? undefined) : undefined);
  });
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      // A bearer token is never sent by a browser on its own, so there is nothing to forge.
      req.user = await resolve(header.slice(7).trim());
      if (req.user && req.user.via !== 'api_key') req.user.via = 'bearer';
      return;
    }
    // CSRF. A write from another site is refused whether or not a cookie came with it: that also
    // covers sign-in and sign-up, which set the cookie (login CSRF). SameSite=Lax keeps the cookie
    // off most cross-site writes; this holds for older browsers and same-site-but-foreign origins.
    const unsafe = UNSAFE.has(req.method);
    const site = unsafe ? requestSite(req) : 'same';
    if (site === 'foreign') throw csrfRefused();
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    req.user = await resolve(token);
    if (!req.user) return;
    req.user.via = 'cookie';
    // Browsers send Origin on every cross-origin write and on same-origin POSTs; a cookie-carrying
    // write that names no origin at all cannot be told apart from a forged one.
    if (site === 'unknown') throw csrfRefused();
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
