// Fan-out to real SSE connections: in one process, and across two app instances sharing one
// database and one Redis (REDIS_URL), where a message posted to one reaches a viewer of the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/context.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

interface SseEvent {
  id: string | null;
  event: string;
  data: any;
}

/** A viewer's stream: every event received, in order, until closed. */
async function connect(base: string, sessionId: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/live/sessions/${sessionId}/stream`, { headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { id: null, event: 'message', data: null };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
          }
          if (!block.startsWith(':')) events.push(e);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => controller.abort(), of: (event: string) => events.filter((e) => e.event === event) };
}

const until = (check: () => boolean) => expect.poll(check, { timeout: 5000, interval: 25 }).toBe(true);

async function startedSession(t: TestContext, op: TestUser) {
  const { productId } = await sellableSku(t, { price: 5000 });
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/live/sessions', as: op, body: { title: '扇出测试', scheduledAt: '2026-06-01T12:00:00.000Z', productIds: [productId] } });
  await t.request({ method: 'POST', url: `/api/v1/admin/live/sessions/${created.data.id}/start`, as: op });
  return created.data.id as string;
}

describe('in one process', () => {
  let t: TestContext;
  let op: TestUser;
  let base: string;
  beforeAll(async () => {
    t = await createTestContext();
    op = await t.operator();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t?.close());

  it('delivers a chat line to every viewer with one id, counts viewers, and replays what a reconnect missed', async () => {
    const id = await startedSession(t, op);
    const viewers = await Promise.all([connect(base, id), connect(base, id), connect(base, id)]);
    await until(() => viewers.every((v) => v.of('state').length === 1));
    expect(viewers[0].of('state')[0].data).toMatchObject({ id, status: 'live' });
    await until(() => viewers.every((v) => v.of('viewers').at(-1)?.data.count === 3));

    const sender = await t.signUp({ displayName: '小红' });
    const posted = await t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/chat`, as: sender, body: { text: '第一条' } });
    expect(posted.statusCode, posted.body).toBe(201);
    await until(() => viewers.every((v) => v.of('chat').length === 1));
    const first = viewers.map((v) => v.of('chat')[0]);
    expect(new Set(first.map((e) => e.id)).size).toBe(1);
    expect(first[0].data).toMatchObject({ author: '小红', text: '第一条' });

    // One viewer drops; the room goes on; it reconnects with the last id it saw.
    viewers[2].close();
    await until(() => viewers[0].of('viewers').at(-1)?.data.count === 2);
    await t.request({ method: 'POST', url: `/api/v1/admin/live/sessions/${id}/announcements`, as: op, body: { text: '8 点整发券' } });
    await until(() => viewers[0].of('announcement').length === 1);
    const back = await connect(base, id, first[0].id!);
    await until(() => back.of('announcement').length === 1);
    expect(back.of('announcement')[0].data.text).toBe('8 点整发券');
    expect(back.of('chat')).toHaveLength(0);

    const record = await t.request({ method: 'GET', url: `/api/v1/admin/live/sessions/${id}/record`, as: op });
    expect(record.data.peakViewers).toBe(3);
    for (const v of [viewers[0], viewers[1], back]) v.close();
  });

  it('refuses a stream for a session that does not exist', async () => {
    const res = await fetch(`${base}/api/v1/live/sessions/7c9e6679-7425-40de-944b-e07fc1f90ae7/stream`, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('LIVE_SESSION_NOT_FOUND');
  });
});

describe.skipIf(!process.env.REDIS_URL)('across two processes through Redis', () => {
  let t: TestContext;
  let other: Runtime;
  let op: TestUser;
  let baseA: string;
  let baseB: string;
  beforeAll(async () => {
    t = await createTestContext({ redisUrl: process.env.REDIS_URL });
    op = await t.operator();
    // The second instance: the same database and Redis, its own app, hub and subscriber connection.
    const config = loadConfig({ NODE_ENV: 'test' }, { ...t.config, redisUrl: process.env.REDIS_URL });
    other = await createRuntime({ config, database: { ...t.platform.database, close: async () => {} }, clock: t.clock, log: createLogger('silent'), migrate: false });
    baseA = await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseB = await other.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('delivers a message posted to one instance to a viewer of the other, and counts viewers of both', async () => {
    const id = await startedSession(t, op);
    const onA = await connect(baseA, id);
    const onB = await connect(baseB, id);
    await until(() => onA.of('viewers').at(-1)?.data.count === 2 && onB.of('viewers').at(-1)?.data.count === 2);

    const sender = await t.signUp({ displayName: '跨进程' });
    expect((await t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/chat`, as: sender, body: { text: '大家好' } })).statusCode).toBe(201);
    await until(() => onB.of('chat').length === 1 && onA.of('chat').length === 1);
    expect(onB.of('chat')[0]).toMatchObject({ id: onA.of('chat')[0].id, data: { text: '大家好', author: '跨进程' } });

    const room = await other.app.inject({ method: 'GET', url: `/api/v1/live/sessions/${id}` });
    expect(room.json().viewers).toBe(2);
    onB.close();
    await until(() => onA.of('viewers').at(-1)?.data.count === 1);
    onA.close();
  });
});
