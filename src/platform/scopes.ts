// What an integrator's API key may do. Routes declare the scope they need with
// `config: { scope: 'orders:read' }`; a caller signed in with an API key reaches only routes whose
// scope the key holds, and a route that declares no scope is closed to keys altogether (so a new
// admin route is never opened to integrators by accident). Cookie and session-bearer callers are
// not affected: their roles decide, as before.
import type { FastifyRequest } from 'fastify';
import { forbidden } from './errors.ts';
import type { App } from './http.ts';

export const API_KEY_SCOPES = [
  'orders:read',
  'orders:write',
  'catalog:read',
  'catalog:write',
  'inventory:read',
  'inventory:write',
  'customers:read',
  'coupons:write',
  'webhooks:manage',
  'analytics:read',
  'campaigns:read',
  'campaigns:write',
] as const;
export type Scope = (typeof API_KEY_SCOPES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The API-key scope this route needs; routes without one are closed to API keys. */
    scope?: Scope;
    /**
     * An error to answer with before the session, rate limits and body are read, or null to go on:
     * only for answers that are the same for every caller (platform/auth.ts runs it first).
     */
    earlyAnswer?: (req: FastifyRequest) => Error | null;
  }
}

/**
 * An API-key caller is recognised by `via` and, defensively, by carrying scopes at all: a key's
 * AuthUser always has them, session users never do, so a resolver wrapper that rewrites `via`
 * cannot turn a key into a session.
 */
export const isApiKeyCaller = (req: FastifyRequest): boolean => !!req.user && (req.user.via === 'api_key' || req.user.scopes !== undefined);

/** Register after registerAuth (its onRequest hook must have set req.user first). */
export function registerScopeCheck(app: App): void {
  app.addHook('onRequest', async (req) => {
    if (!isApiKeyCaller(req) || req.is404) return;
    const required = req.routeOptions.config?.scope;
    if (!required || !req.user!.scopes!.includes(required)) {
      throw forbidden('AUTH_SCOPE_MISSING', required ? `This API key lacks the ${required} scope` : 'This route is not open to API keys', { required: required ?? null });
    }
  });
}
