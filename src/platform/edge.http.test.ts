// Forwarded headers are believed only from trusted proxies; absolute links and accepted Host names
// come from configuration; HSTS once a request arrived over HTTPS.
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { createLogger } from './context.ts';
import { DEFAULT_EDGE, HSTS, publicBaseUrl, type EdgeConfig } from './edge.ts';
import { createHttpServer, type App } from './http.ts';

describe('with FISSION_TRUST_PROXY unset (the default), on the whole app', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ rateLimits: { authPerIp: 2, ordersPerUser: 100_000, ordersPerIp: 100_000, flashsalePerUser: 100_000, flashsalePerIp: 100_000 } });
  });
  afterAll(() => t?.close());

  it('a client cannot pick its own IP with X-Forwarded-For to get past a per-IP limit', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': `203.0.113.${i}` }, body: { login: 'nobody@example.com', password: 'wrong-password', session: 'bearer' } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
  });

  it('X-Forwarded-Proto: https neither marks the session cookie Secure nor sends HSTS', async () => {
    // A context of its own: the one above has spent its sign-in allowance.
    const t = await createTestContext();
    onTestFinished(() => t.close());
    const user = await t.signUp();
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https', origin: 'http://localhost' }, body: { login: user.email, password: 'fission2026', session: 'cookie' } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'fission_session')?.secure).toBeFalsy();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

/** A bare server with the edge settings under test and one route that reports what it believes. */
async function probeServer(edge: Partial<EdgeConfig>): Promise<App> {
  const app = createHttpServer(createLogger('silent'), { ...DEFAULT_EDGE, ...edge });
  await app.register(cookie);
  app.get('/probe', async (req, reply) => {
    reply.setCookie('probe', '1', { path: '/', httpOnly: true, secure: 'auto' });
    return { ip: req.ip, protocol: req.protocol, host: req.host, base: publicBaseUrl(req) };
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.ready();
  return app;
}

const forwarded = { 'x-forwarded-for': '198.51.100.23', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' };

describe('trusted proxies', () => {
  it.each([
    ['a CIDR', { trustProxy: ['10.0.0.0/8'] }],
    ['a hop count', { trustProxy: 1 }],
  ])('believe X-Forwarded-* from a proxy given as %s: client IP, HTTPS, Secure cookie, HSTS', async (_label, edge: Partial<EdgeConfig>) => {
    const app = await probeServer(edge);
    const res = await app.inject({ method: 'GET', url: '/probe', remoteAddress: '10.1.2.3', headers: forwarded });
    expect(res.json()).toMatchObject({ ip: '198.51.100.23', protocol: 'https', host: 'shop.example' });
    expect(res.cookies.find((c) => c.name === 'probe')?.secure).toBe(true);
    expect(res.headers['strict-transport-security']).toBe(HSTS);
    await app.close();
  });

  it('ignore X-Forwarded-* from an address outside the trusted list', async () => {
    const app = await probeServer({ trustProxy: ['10.0.0.0/8'] });
    const res = await app.inject({ method: 'GET', url: '/probe', remoteAddress: '192.0.2.50', headers: { ...forwarded, host: 'api.internal:3000' } });
    expect(res.json()).toMatchObject({ ip: '192.0.2.50', protocol: 'http', host: 'api.internal:3000' });
    expect(res.cookies.find((c) => c.name === 'probe')?.secure).toBeFalsy();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    await app.close();
  });
});

describe('trusted hosts', () => {
  it('builds absolute links on FISSION_PUBLIC_URL, else an allowed host, else localhost; never on a forged Host', async () => {
    const cases: [Partial<EdgeConfig>, string][] = [
      [{ publicUrl: 'https://shop.example/' }, 'https://shop.example'],
      [{ allowedHosts: ['shop.example', 'www.shop.example'] }, 'http://shop.example'],
      [{ port: 4321 }, 'http://localhost:4321'],
    ];
    for (const [edge, expected] of cases) {
      const app = await probeServer(edge);
      const res = await app.inject({ method: 'GET', url: '/probe', headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
      expect(res.json().base).toBe(expected);
      await app.close();
    }
    const allowed = await probeServer({ allowedHosts: ['shop.example', 'www.shop.example'] });
    const res = await allowed.inject({ method: 'GET', url: '/probe', headers: { host: 'www.shop.example' } });
    expect(res.json().base).toBe('http://www.shop.example');
    await allowed.close();
  });

  it('in production refuses a Host outside the allow-list with 400 REQUEST_HOST_NOT_ALLOWED (health checks excepted)', async () => {
    const app = await probeServer({ production: true, allowedHosts: ['shop.example'], publicUrl: 'https://www.shop.example' });
    const evil = await app.inject({ method: 'GET', url: '/probe', headers: { host: 'evil.example' } });
    expect(evil.statusCode).toBe(400);
    expect(evil.json().error.code).toBe('REQUEST_HOST_NOT_ALLOWED');
    for (const host of ['shop.example', 'www.shop.example']) {
      expect((await app.inject({ method: 'GET', url: '/probe', headers: { host } })).statusCode).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/health', headers: { host: '10.0.0.7:3000' } })).statusCode).toBe(200);
    await app.close();
  });

  it('outside production, or without an allow-list, any Host is answered', async () => {
    for (const edge of [{ production: false, allowedHosts: ['shop.example'] }, { production: true }]) {
      const app = await probeServer(edge);
      expect((await app.inject({ method: 'GET', url: '/probe', headers: { host: 'other.example' } })).statusCode).toBe(200);
      await app.close();
    }
  });
});
