// Rate limits keyed by IP and by signed-in user, counted in memory and, when Redis is configured,
// shared by every process through it in batches (rate-limit-store.ts). Each limit is a setting (`rateLimits.<name>`) unless the
// environment fixes it; the current value is cached so the hot path does not ask the database.
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config, RateLimitName } from '../config.ts';
import type { Clock } from './clock.ts';
import type { App } from './http.ts';
import type { Redis } from './redis.ts';
import { SETTINGS, type Settings } from './settings.ts';
import { BatchedRedisStore } from './rate-limit-store.ts';

/** Requests per minute: a fixed number, or a reader of the current value. */
export type Limit = number | (() => number | Promise<number>);

/** Another process's settings change reaches this one within this long. */
export const RATE_LIMIT_REFRESH_MS = 30_000;

export class CurrentRateLimits {
  private readonly cache = new Map<RateLimitName, { value: number; freshUntil: number }>();
  private readonly loading = new Map<RateLimitName, Promise<number>>();
  // Bumped by every change, so a read that raced a change does not cache the old value.
  private generation = 0;

  constructor(private readonly settings: Settings, private readonly overrides: Config['rateLimits'], private readonly clock: Clock) {
    settings.onChange((key) => {
      if (!key.startsWith('rateLimits.')) return;
      this.generation++;
      this.cache.delete(key.slice('rateLimits.'.length) as RateLimitName);
    });
  }

  /** The limit now: the environment's when set, else the setting (cached for RATE_LIMIT_REFRESH_MS). */
  get(name: RateLimitName): number | Promise<number> {
    const fixed = this.overrides[name];
    if (fixed !== undefined) return fixed;
    const hit = this.cache.get(name);
    if (hit && hit.freshUntil > this.clock.now().getTime()) return hit.value;
    return this.load(name, hit?.value);
  }

  reader(name: RateLimitName): () => number | Promise<number> {
    return () => this.get(name);
  }

  private load(name: RateLimitName, stale: number | undefined): Promise<number> {
    const pending = this.loading.get(name);
    if (pending) return pending;
    const generation = this.generation;
    const key = `rateLimits.${name}` as const;
    const loaded = this.settings.get(key)
      .then((value) => {
        if (generation === this.generation) this.cache.set(name, { value, freshUntil: this.clock.now().getTime() + RATE_LIMIT_REFRESH_MS });
        return value;
      })
      // A database hiccup must not turn every limited request into a 500: limit by what we knew.
      .catch(() => stale ?? SETTINGS[key].default)
      .finally(() => this.loading.delete(name));
    this.loading.set(name, loaded);
    return loaded;
  }
}

const perPlatform = new WeakMap<Settings, CurrentRateLimits>();

/** One cache per platform (per process, or per test context). */
export function currentRateLimits(platform: { settings: Settings; config: Pick<Config, 'rateLimits'>; clock: Clock }): CurrentRateLimits {
  let limits = perPlatform.get(platform.settings);
  if (!limits) {
    limits = new CurrentRateLimits(platform.settings, platform.config.rateLimits, platform.clock);
    perPlatform.set(platform.settings, limits);
  }
  return limits;
}

const maxOf = (limit: Limit) => (typeof limit === 'number' ? limit : async () => limit());

export async function registerRateLimits(app: App, redis: Redis | null): Promise<void> {
  const shared = redis ? new BatchedRedisStore(redis) : null;
  // The plugin builds its store with `new`; a constructor that returns an object hands over that object.
  const Store = shared ? (function SharedStore() { return shared; } as unknown as new () => BatchedRedisStore) : null;
  await app.register(rateLimit, {
    global: false,
    ...(Store ? { store: Store, skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
      details: { limit: ctx.max, retryAfterSeconds: Math.ceil(ctx.ttl / 1000) },
    }),
  });
}

/**
 * onRequest hooks for a named bucket, limited per IP and per user. One hook counts both: the
 * plugin runs only the first `app.rateLimit()` hook of a request, so two of them would silently
 * drop the per-user limit.
 */
export function limitPerIpAndUser(app: App, bucket: string, perIp: Limit, perUser: Limit) {
  const checks = [
    app.createRateLimit({ max: maxOf(perIp), timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:ip:${req.ip}` }),
    app.createRateLimit({ max: maxOf(perUser), timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:user:${req.user?.id ?? req.ip}` }),
  ];
  return [
    async (req: FastifyRequest, reply: FastifyReply) => {
      for (const check of checks) {
        const r = await check(req);
        if (r.isAllowed || !r.isExceeded) continue;
        reply.header('retry-after', r.ttlInSeconds);
        throw Object.assign(new Error(`Too many requests; try again in ${r.ttlInSeconds} s`), {
          statusCode: 429,
          code: 'RATE_LIMITED',
          details: { limit: r.max, retryAfterSeconds: r.ttlInSeconds },
        });
      }
    },
  ];
}

export function limitPerIp(app: App, bucket: string, perIp: Limit) {
  return app.rateLimit({ max: maxOf(perIp), timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:ip:${req.ip}` });
}
