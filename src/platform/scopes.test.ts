import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAuth, type AuthUser } from './auth.ts';
import { createLogger } from './context.ts';
import { createHttpServer, type App } from './http.ts';
import { registerScopeCheck } from './scopes.ts';

// A key resolves with scopes; a session without. registerAuth marks bearer callers `via: 'bearer'`,
// so this also checks that a key is still recognised by its scopes after that.
const users: Record<string, AuthUser> = {
  'fsk_orders_read': { id: 'op-1', roles: ['operator'], via: 'api_key', scopes: ['orders:read'], sessionId: 'key-1' },
  'fsk_nothing': { id: 'op-1', roles: ['operator'], via: 'api_key', scopes: [], sessionId: 'key-2' },
  'session-token': { id: 'op-1', roles: ['operator'], via: 'bearer', sessionId: 'session-1' },
};

let app: App;
beforeAll(async () => {
  app = createHttpServer(createLogger('silent'));
  registerAuth(app, async (token) => (users[token] ? { ...users[token] } : null));
  registerScopeCheck(app);
  app.get('/orders', { config: { scope: 'orders:read' } }, async () => ({ ok: true }));
  app.post('/orders/ship', { config: { scope: 'orders:write' } }, async () => ({ ok: true }));
  app.get('/customers', async () => ({ ok: true }));
  await app.ready();
});
afterAll(() => app?.close());

const call = (method: 'GET' | 'POST', url: string, token: string) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

describe('registerScopeCheck', () => {
  it('lets a key reach a route whose scope it holds', async () => {
    const res = await call('GET', '/orders', 'fsk_orders_read');
    expect(res.statusCode).toBe(200);
  });

  it('refuses a key a route needing a scope it lacks, naming the scope', async () => {
    const res = await call('POST', '/orders/ship', 'fsk_orders_read');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'AUTH_SCOPE_MISSING', details: { required: 'orders:write' } });
  });

  it('closes routes that declare no scope to every key', async () => {
    const res = await call('GET', '/customers', 'fsk_orders_read');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'AUTH_SCOPE_MISSING', details: { required: null } });
    expect((await call('GET', '/orders', 'fsk_nothing')).statusCode).toBe(403);
  });

  it('leaves session callers and anonymous requests to their usual checks', async () => {
    expect((await call('POST', '/orders/ship', 'session-token')).statusCode).toBe(200);
    expect((await call('GET', '/customers', 'session-token')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/customers' })).statusCode).toBe(200);
  });

  it('answers an unknown route 404 for a key, not 403', async () => {
    const res = await call('GET', '/nowhere', 'fsk_orders_read');
    expect(res.statusCode).toBe(404);
  });
});
