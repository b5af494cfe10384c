import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('accounts', () => {
  it('registers by email, signs in by cookie and reads /me', async () => {
    const code = await t.registrationCode({ email: 'Mei@Example.com' });
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email: 'Mei@Example.com', code, password: 'fission2026', displayName: 'Mei' } });
    expect(reg.statusCode).toBe(201);
    expect(reg.data.user.email).toBe('mei@example.com');
    expect(reg.data.token).toBeUndefined();
    const cookie = reg.cookies.find((c) => c.name === 'fission_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie: `fission_session=${cookie!.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.data.displayName).toBe('Mei');
  });

  it('registers by phone and logs in with a bearer token', async () => {
    const code = await t.registrationCode({ phone: '138 0013 8000' });
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { phone: '138 0013 8000', code, password: 'fission2026', displayName: 'Lei' } });
    expect(reg.statusCode).toBe(201);
    expect(reg.data.user.phone).toBe('138****8000');
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: '13800138000', password: 'fission2026', session: 'bearer' } });
    expect(login.statusCode).toBe(200);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${login.data.token}` } });
    expect(me.data.id).toBe(reg.data.user.id);
  });

  it('refuses a taken address like a wrong code, a weak password and a wrong password with codes', async () => {
    await t.signUp({ email: 'dup@example.com' });
    const dup = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email: 'DUP@example.com', code: '123456', password: 'fission2026', displayName: 'x' } });
    expect(dup.statusCode).toBe(400);
    expect(dup.data.error.code).toBe('IDENTITY_CODE_INVALID');
    const weak = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email: 'weak@example.com', code: '123456', password: 'password', displayName: 'x' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.data.error.code).toBe('IDENTITY_PASSWORD_WEAK');
    const wrong = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'dup@example.com', password: 'nope12345' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.data.error.code).toBe('IDENTITY_BAD_CREDENTIALS');
  });

  it('ends the session on logout', async () => {
    const u = await t.signUp();
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/logout', as: u })).statusCode).toBe(204);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', as: u });
    expect(me.statusCode).toBe(401);
    expect(me.data.error.code).toBe('AUTH_REQUIRED');
  });

  it('keeps addresses private to their owner', async () => {
    const a = await t.signUp();
    const b = await t.signUp();
    const created = await t.request({ method: 'POST', url: '/api/v1/me/addresses', as: a, body: { recipient: '王芳', phone: '13900001111', province: '浙江省', city: '杭州市', district: '西湖区', line1: '文三路 90 号' } });
    expect(created.statusCode).toBe(201);
    expect(created.data.isDefault).toBe(true);
    const stolen = await t.request({ method: 'PATCH', url: `/api/v1/me/addresses/${created.data.id}`, as: b, body: { city: '上海市' } });
    expect(stolen.statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: '/api/v1/me/addresses', as: b });
    expect(list.data.items).toEqual([]);
  });

  it('keeps shoppers out of admin routes and lets operators in', async () => {
    const shopper = await t.signUp();
    const denied = await t.request({ method: 'GET', url: '/api/v1/admin/customers', as: shopper });
    expect(denied.statusCode).toBe(403);
    expect(denied.data.error.code).toBe('AUTH_FORBIDDEN');
    const malformed = await t.request({ method: 'PUT', url: `/api/v1/admin/customers/${shopper.id}/roles`, as: shopper, body: { roles: 'admin', extra: 1 } });
    expect(malformed.statusCode).toBe(403);
    const anon = await t.request({ method: 'GET', url: '/api/v1/admin/customers' });
    expect(anon.statusCode).toBe(401);
    const op = await t.operator();
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/customers?limit=2', as: op });
    expect(list.statusCode).toBe(200);
    expect(list.data.items).toHaveLength(2);
    expect(list.data.nextCursor).toBeTypeOf('string');
    const next = await t.request({ method: 'GET', url: `/api/v1/admin/customers?limit=2&cursor=${list.data.nextCursor}`, as: op });
    expect(next.data.items[0].id).not.toBe(list.data.items[0].id);
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const code = await t.registrationCode({ email: 'csrf@example.com' });
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email: 'csrf@example.com', code, password: 'fission2026', displayName: 'C' } });
    const cookie = reg.cookies.find((c) => c.name === 'fission_session')!;
    const res = await t.request({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: `fission_session=${cookie.value}`, origin: 'https://evil.example' }, body: { displayName: 'pwned' } });
    expect(res.statusCode).toBe(403);
    expect(res.data.error.code).toBe('AUTH_CSRF_ORIGIN_MISMATCH');
  });
});
