// Rate limits keyed by IP and by signed-in user, in Redis when configured (shared by every
// process) and in memory otherwise.
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http.ts';
import type { Redis } from './redis.ts';

export async function registerRateLimits(app: App, redis: Redis | null): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, skipOnError: true } : {}),
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
export function limitPerIpAndUser(app: App, bucket: string, perIp: number, perUser: number) {
  const checks = [
    app.createRateLimit({ max: perIp, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:ip:${req.ip}` }),
    app.createRateLimit({ max: perUser, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:user:${req.user?.id ?? req.ip}` }),
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

export function limitPerIp(app: App, bucket: string, perIp: number) {
  return app.rateLimit({ max: perIp, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:ip:${req.ip}` });
}
