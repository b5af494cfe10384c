import { describe, expect, it } from 'vitest';
import { createLogger } from './context.ts';
import { createHttpServer } from './http.ts';
import { currentRequest } from './request-scope.ts';

// Code deep in a service, after awaits, reads the request it runs for; outside a request there is none.
const deep = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await Promise.resolve();
  const req = currentRequest();
  return req ? { ip: req.ip, device: req.headers['x-device-id'] ?? null } : null;
};

describe('the request scope', () => {
  it('carries the request through awaits, with and without a parsed body, one request apart from another', async () => {
    const app = createHttpServer(createLogger('silent'));
    app.get('/probe', async () => ({ seen: await deep() }));
    app.post('/probe', async (req) => ({ seen: await deep(), body: req.body }));
    await app.ready();
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: '/probe', headers: { 'x-device-id': 'device-a', 'content-type': 'application/json' }, payload: JSON.stringify({ n: 1 }), remoteAddress: '198.51.100.1' }),
      app.inject({ method: 'GET', url: '/probe', headers: { 'x-device-id': 'device-b' }, remoteAddress: '198.51.100.2' }),
    ]);
    expect(a.json()).toEqual({ seen: { ip: '198.51.100.1', device: 'device-a' }, body: { n: 1 } });
    expect(b.json()).toEqual({ seen: { ip: '198.51.100.2', device: 'device-b' } });
    expect(await deep()).toBeNull();
    await app.close();
  });
});
