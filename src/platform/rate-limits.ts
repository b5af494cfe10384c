// Rate limits keyed by IP and by signed-in user, in Redis when configured (shared by every
// process) and in memory otherwise.
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
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

/** onRequest hooks: [per IP, per user] for a named bucket. */
export function limitPerIpAndUser(app: App, bucket: string, perIp: number, perUser: number) {
  return [
    app.rateLimit({ max: perIp, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:ip:${req.ip}` }),
    app.rateLimit({ max: perUser, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:user:${req.user?.id ?? req.ip}` }),
  ];
}

export function limitPerIp(app: App, bucket: string, perIp: number) {
  return app.rateLimit({ max: perIp, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${bucket}:ip:${req.ip}` });
}
