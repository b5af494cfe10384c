// Sessions verified without a database round trip on every request: a resolved session is kept
// in this process for up to a minute (config.caches.sessionMs), keyed by its token's hash. Anything
// that ends a session or changes what it grants (sign-out, password change or reset, suspension,
// roles) publishes on the invalidation bus after it commits, and every process drops the copies
// at once; a copy is also never served past the session's own expiry by the business clock.
// Unknown tokens are not cached: a flood of made-up tokens must not evict real sessions.
import type { AuthUser, Role } from '../../platform/auth.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import type { PlatformServices } from '../../platform/context.ts';

/** Published with a user id: every session of that user is dropped (roles, status, password). */
export const USER_CHANGED = 'identity.user';
/** Published with a session id: that session is dropped (sign-out). */
export const SESSION_ENDED = 'identity.session';

interface CachedSession {
  userId: string;
  roles: Role[];
  sessionId: string;
  expiresAt: number;
}

export function createSessionCache(p: PlatformServices) {
  const cache = new ReadCache<CachedSession | null>({ ttlMs: p.config.caches.sessionMs, max: 100_000 });
  cache.follow(p.invalidation, USER_CHANGED, (userId, c) => c.deleteWhere((s) => s?.userId === userId));
  cache.follow(p.invalidation, SESSION_ENDED, (sessionId, c) => c.deleteWhere((s) => s?.sessionId === sessionId));

  return {
    /** The session for a token hash, from the cache or `load` (null: unknown, ended or refused). */
    async resolve(tokenHash: string, load: () => Promise<CachedSession | null>): Promise<AuthUser | null> {
      // Only live sessions are kept; `null` from a load passes through without being stored.
      const hit = cache.get(tokenHash) ?? (await cache.getOrLoad(tokenHash, load, (s) => (s ? Infinity : 0)));
      if (!hit || hit.expiresAt <= p.clock.now().getTime()) return null;
      // A copy each time: the auth hook marks how the token came (cookie or bearer) on it.
      return { id: hit.userId, roles: [...hit.roles], sessionId: hit.sessionId, via: 'cookie' };
    },
    userChanged: (userId: string) => p.invalidation.publish(USER_CHANGED, userId),
    sessionEnded: (sessionId: string) => p.invalidation.publish(SESSION_ENDED, sessionId),
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
