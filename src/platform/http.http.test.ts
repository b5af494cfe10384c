// Every failure has one shape, including the ones Fastify raises itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const shape = (data: any) => {
  expect(data.error.code).toMatch(/^[A-Z_]+$/);
  expect(typeof data.error.message).toBe('string');
};

describe('error shape', () => {
  it('unknown route is 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    shape(res.data);
    expect(res.data.error.code).toBe('ROUTE_NOT_FOUND');
  });
  it('malformed JSON is 400 BAD_JSON', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', rawBody: '{"login":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.code).toBe('BAD_JSON');
  });
  it('a too-large body is 413', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', rawBody: JSON.stringify({ login: 'x'.repeat(300_000), password: 'y' }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.data.error.code).toBe('BODY_TOO_LARGE');
  });
  it('unknown body properties and coerced types are refused', async () => {
    const extra = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'a@b.cn', password: 'x', admin: true } });
    expect(extra.statusCode).toBe(400);
    expect(extra.data.error.code).toBe('VALIDATION_FAILED');
    const coerced = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 12345678, password: 'x' } });
    expect(coerced.statusCode).toBe(400);
  });
  it('an over-long URL parameter is a coded 4xx', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/admin/customers/${'a'.repeat(500)}` });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    shape(res.data);
  });
  it('reports health with the database kind', async () => {
    const res = await t.request({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.data.database.ok).toBe(true);
  });
  it('serves OpenAPI with the routes', async () => {
    const res = await t.request({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.data.openapi).toMatch(/^3\./);
    expect(Object.keys(res.data.paths)).toContain('/api/v1/auth/register');
  });
});
