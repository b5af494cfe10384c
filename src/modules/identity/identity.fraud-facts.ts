// The facts fraud rules ask identity about an account: its phone, its email and the devices it
// signed up or signed in on. Risk asks on every guarded request (a coupon claim, a join, a help),
// and the answer rarely changes: phone and email only when the account is erased, the devices when
// it signs in on a new one. So reads outside a transaction are served from a copy kept in this
// process, one round trip fewer on each of those requests. Every change publishes on the
// invalidation bus after it commits (a new device: FACTS_CHANGED; erasure: the session cache's
// USER_CHANGED) and every process drops its copy; the time-to-live, the session cache's, is the
// safety net for a lost message. A new account's facts are known exactly when its sign-up commits
// and are kept then: a new account's first guarded action (a new-customer coupon) tends to follow
// at once. Reads inside a transaction (the referral and risk consumers) always go to the database.
import { ReadCache } from '../../platform/read-cache.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './identity.repo.ts';
import { USER_CHANGED } from './identity.session-cache.ts';
import { identityTables, type IdentityPlatform } from './identity.table.ts';

/** Published with a user id when its fraud facts changed (a device added). */
export const FACTS_CHANGED = 'identity.facts';

export interface FraudFacts {
  readonly phone: string | null;
  readonly email: string | null;
  /** Frozen (see `frozen`), typed as the plain array the rules take. */
  readonly devices: string[];
}

/** Shared between callers, so frozen: a caller that changed its copy would change everyone's. */
const frozen = (f: FraudFacts): FraudFacts => Object.freeze({ phone: f.phone, email: f.email, devices: Object.freeze([...f.devices]) as string[] });

export function createFraudFacts(p: IdentityPlatform) {
  // Unknown accounts are not kept (a miss is not stored: ttl 0), so made-up ids cannot evict real ones.
  const cache = new ReadCache<FraudFacts | null>({ ttlMs: p.config.caches.sessionMs, max: 50_000 });
  cache.follow(p.invalidation, FACTS_CHANGED);
  cache.follow(p.invalidation, USER_CHANGED);
  const keepFound = (f: FraudFacts | null) => (f ? Infinity : 0);

  /** Phone, email and devices of some accounts (fraud and self-referral rules); absent accounts are left out. */
  async function fraudFacts(handle: AnyExecutor, userIds: string[]): Promise<Map<string, FraudFacts>> {
    const executor = identityTables.of(handle);
    const map = new Map<string, FraudFacts>();
    if (userIds.length === 0) return map;
    if (executor.isTransaction) {
      for (const u of await repo.findFraudFacts(executor, p.pii, userIds)) map.set(u.id, frozen(u));
      return map;
    }
    const missing = [...new Set(userIds)].filter((id) => {
      const hit = cache.get(id);
      if (hit) map.set(id, hit);
      return !hit;
    });
    if (missing.length === 0) return map;
    // One statement for all the misses; each is kept unless its account changed while it ran.
    let batch: Promise<Map<string, FraudFacts>> | null = null;
    const read = () => (batch ??= repo.findFraudFacts(executor, p.pii, missing).then((rows) => new Map(rows.map((u) => [u.id, frozen(u)]))));
    await Promise.all(missing.map(async (id) => {
      const facts = await cache.getOrLoad(id, async () => (await read()).get(id) ?? null, keepFound);
      if (facts) map.set(id, facts);
    }));
    return map;
  }

  return {
    fraudFacts,
    /**
     * Runs a sign-up (`insert`, which commits the account) and keeps the new account's facts, known
     * exactly: unless a change was published meanwhile (ReadCache.loadAlone).
     */
    async keepNewAccount<T>(userId: string, facts: FraudFacts, insert: () => Promise<T>): Promise<T> {
      let result!: T;
      await cache.loadAlone(userId, async () => {
        result = await insert();
        return frozen(facts);
      });
      return result;
    },
    /** After a commit that added a device to an account: every process drops its copy. */
    changed: (userId: string) => p.invalidation.publish(FACTS_CHANGED, userId),
  };
}

export type FraudFactsCache = ReturnType<typeof createFraudFacts>;
