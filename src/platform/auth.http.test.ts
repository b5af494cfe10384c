// CSRF: a write that rides on the session cookie must say it came from this site (Origin, or
// Referer when a browser sends no Origin); a foreign site cannot sign a visitor in either.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

// light-my-request addresses every request to localhost:80.
const SAME = 'http://localhost:80';

/** A shopper signed in by cookie from this site, as the storefront does. */
async function cookieShopper() {
  const user = await t.signUp({ displayName: 'Before' });
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: SAME }, body: { login: user.email, password: 'fission2026', session: 'cookie' } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'fission_session')!;
  return { id: user.id, email: user.email, cookie: `fission_session=${cookie.value}` };
}

const rename = (cookie: string, headers: Record<string, string>, displayName: string) =>
  t.request({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, ...headers }, body: { displayName } });

async function displayName(id: string) {
  const row = await t.platform.db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirstOrThrow();
  return row.display_name;
}

describe('cookie-authenticated writes', () => {
  it.each([
    ['no Origin and no Referer', {}],
    ['Origin: null', { origin: 'null' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a foreign Referer and no Origin', { referer: 'https://evil.example/page' }],
    ['a foreign Origin with a matching Referer', { origin: 'https://evil.example', referer: `${SAME}/me` }],
    ['an Origin that is not http(s)', { origin: 'file://' }],
  ])('are refused with 403 AUTH_CSRF_ORIGIN_MISMATCH for %s, and change nothing', async (_label, headers: Record<string, string>) => {
    const me = await cookieShopper();
    const res = await rename(me.cookie, headers, 'Pwned');
    expect(res.statusCode).toBe(403);
    expect(res.data.error.code).toBe('AUTH_CSRF_ORIGIN_MISMATCH');
    expect(await displayName(me.id)).toBe('Before');
  });

  it.each([
    ['a matching Origin', { origin: SAME }],
    ['a matching Origin without the default port', { origin: 'http://localhost' }],
    ['a matching Referer when the browser sent no Origin', { referer: `${SAME}/me/profile?tab=1` }],
  ])('go through with %s', async (_label, headers: Record<string, string>) => {
    const me = await cookieShopper();
    const res = await rename(me.cookie, headers, 'After');
    expect(res.statusCode).toBe(200);
    expect(await displayName(me.id)).toBe('After');
  });

  it('reads need no Origin', async () => {
    const me = await cookieShopper();
    const res = await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie: me.cookie } });
    expect(res.statusCode).toBe(200);
  });

  it('bearer-token writes are unaffected by Origin', async () => {
    const user = await t.signUp();
    for (const headers of [{}, { origin: 'null' }, { origin: 'https://integrator.example' }] as Record<string, string>[]) {
      const res = await t.request({ method: 'PATCH', url: '/api/v1/me', as: user, headers, body: { displayName: 'Bearer' } });
      expect(res.statusCode).toBe(200);
    }
  });
});

describe('login CSRF', () => {
  const count = async (email: string) =>
    (await t.platform.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).where('email', '=', email).executeTakeFirstOrThrow()).n;

  it('refuses a cookie sign-in from a foreign Origin or Origin: null and sets no cookie', async () => {
    const me = await cookieShopper();
    for (const origin of ['https://evil.example', 'null']) {
      const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { origin }, body: { login: me.email, password: 'fission2026', session: 'cookie' } });
      expect(res.statusCode).toBe(403);
      expect(res.data.error.code).toBe('AUTH_CSRF_ORIGIN_MISMATCH');
      expect(res.cookies.find((c) => c.name === 'fission_session')).toBeUndefined();
    }
    const same = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: SAME }, body: { login: me.email, password: 'fission2026', session: 'cookie' } });
    expect(same.statusCode).toBe(200);
    expect(same.cookies.find((c) => c.name === 'fission_session')).toBeDefined();
  });

  it('refuses a sign-up from a foreign site and creates no account', async () => {
    const email = `csrf-signup-${Date.now()}@example.com`;
    for (const url of ['/api/v1/auth/register/start', '/api/v1/auth/register']) {
      const res = await t.request({ method: 'POST', url, headers: { referer: 'https://evil.example/' }, body: url.endsWith('start') ? { email } : { email, code: '000000', password: 'fission2026', displayName: 'Evil', session: 'cookie' } });
      expect(res.statusCode).toBe(403);
      expect(res.data.error.code).toBe('AUTH_CSRF_ORIGIN_MISMATCH');
    }
    expect(await count(email)).toBe(0);
  });

  it('lets clients that send no Origin (integrators, the harness) sign in', async () => {
    const user = await t.signUp();
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: user.email, password: 'fission2026', session: 'bearer' } });
    expect(res.statusCode).toBe(200);
  });
});
