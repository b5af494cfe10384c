// With REDIS_URL set (CI sets it), the platform connects, reports Redis in /health and keeps
// rate-limit counters there. Without it, Redis is simply absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

const url = process.env.REDIS_URL;

describe.runIf(url)('with Redis configured', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ redisUrl: url, rateLimits: { authPerIp: 3, ordersPerIp: 100, ordersPerUser: 100, flashsalePerIp: 100, flashsalePerUser: 100 } });
  });
  afterAll(() => t?.close());

  it('reports Redis in /health', async () => {
    const res = await t.request({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.data.redis).toEqual({ ok: true });
  });

  it('keeps auth rate limits in Redis: the 4th login attempt from one IP in a minute is 429', async () => {
    // Unique per run so counters left in Redis by another run do not interfere.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const attempt = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { login: 'nobody@example.com', password: 'wrong-password-1' } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt()).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const last = await attempt();
    expect(JSON.parse(last.body).error.code).toBe('RATE_LIMITED');
  });
});

describe('without Redis', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ redisUrl: undefined, rateLimits: { authPerIp: 2, ordersPerIp: 100, ordersPerUser: 100, flashsalePerIp: 100, flashsalePerUser: 100 } });
  });
  afterAll(() => t?.close());

  it('runs and limits in memory', async () => {
    const health = await t.request({ method: 'GET', url: '/health' });
    expect(health.data.redis).toBeUndefined();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { login: 'x@example.com', password: 'wrong-password-1' } })).statusCode);
    expect(codes).toEqual([401, 401, 429]);
  });
});
