// The storefront beacon's queue: batches of at most 100 through sendBeacon, fetch(keepalive) when
// the beacon is missing or refuses, one visitor id kept, a session renewed after 30 idle minutes,
// the ?s= share token carried through the session, and fields the server would refuse left out.
import { describe, expect, it } from 'vitest';
import { cleanFields, createTracker, MAX_BATCH, SESSION_IDLE_MS, type TrackerEnv } from '../../web/src/storefront/track.ts';

interface Sent {
  via: 'beacon' | 'fetch';
  url: string;
  body: { visitorId: string; sessionId: string; events: { id: string; name: string; at: string; page?: string; referrer?: string; shareToken?: string; productId?: string; props?: Record<string, unknown> }[] };
  init?: RequestInit;
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function fakeBrowser(opts: { beacon?: 'accepts' | 'refuses' | 'missing'; fetchFails?: boolean } = {}) {
  const sent: Sent[] = [];
  const pending: Promise<unknown>[] = [];
  let now = new Date('2026-06-01T08:00:00.000Z').getTime();
  let n = 0;
  const page = { pathname: '/', search: '' };
  const local = new MemoryStorage();
  const session = new MemoryStorage();
  const env: TrackerEnv = {
    now: () => new Date(now),
    randomId: () => `id-${String(++n).padStart(6, '0')}`,
    local,
    session,
    location: () => page,
    referrer: () => 'https://servicewechat.com/',
    sendBeacon: opts.beacon === 'missing' ? undefined : (url, data) => {
      if (opts.beacon === 'refuses') return false;
      expect(data.type).toBe('application/json');
      // A Blob's text is read asynchronously; keep the promise so the test can wait for it.
      pending.push(data.text().then((text) => sent.push({ via: 'beacon', url, body: JSON.parse(text) })));
      return true;
    },
    fetch: (url, init) => {
      sent.push({ via: 'fetch', url, body: JSON.parse(String(init.body)), init });
      return opts.fetchFails ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve({ status: 202 });
    },
  };
  return {
    env, sent, page, local, session,
    tracker: createTracker(env),
    advance: (ms: number) => { now += ms; },
    settled: async () => { await Promise.all(pending); await new Promise((r) => setTimeout(r, 0)); },
  };
}

describe('storefront tracker', () => {
  it('queues without sending, then flushes in batches of at most 100 through sendBeacon', async () => {
    const b = fakeBrowser();
    for (let i = 0; i < 250; i++) b.tracker.track('page_view');
    expect(b.sent).toHaveLength(0);
    expect(b.tracker.queued()).toBe(250);
    b.tracker.flush();
    await b.settled();
    expect(b.sent.map((s) => [s.via, s.url, s.body.events.length])).toEqual([
      ['beacon', '/api/v1/events', MAX_BATCH],
      ['beacon', '/api/v1/events', MAX_BATCH],
      ['beacon', '/api/v1/events', 50],
    ]);
    expect(b.tracker.queued()).toBe(0);
    const ids = b.sent.flatMap((s) => s.body.events.map((e) => e.id));
    expect(new Set(ids).size).toBe(250);
    expect(b.sent[0].body.events[0]).toMatchObject({ name: 'page_view', at: '2026-06-01T08:00:00.000Z', page: '/', referrer: 'https://servicewechat.com/' });
    b.tracker.flush();
    expect(b.sent).toHaveLength(3);
  });

  it('falls back to fetch with keepalive when sendBeacon refuses or is missing', async () => {
    for (const beacon of ['refuses', 'missing'] as const) {
      const b = fakeBrowser({ beacon });
      b.tracker.track('add_to_cart', { productId: '7f0c7a8e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', amount: 7_490 });
      b.tracker.flush();
      await b.settled();
      expect(b.sent).toHaveLength(1);
      expect(b.sent[0].via).toBe('fetch');
      expect(b.sent[0].init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' } });
      expect(b.sent[0].body.events[0]).toMatchObject({ name: 'add_to_cart', productId: '7f0c7a8e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', amount: 7_490 });
    }
  });

  it('puts a batch back in the queue when the fetch fails on the network, and resends the same ids', async () => {
    const b = fakeBrowser({ beacon: 'missing', fetchFails: true });
    b.tracker.track('search', { props: { query: '连衣裙' } });
    b.tracker.flush();
    await b.settled();
    expect(b.tracker.queued()).toBe(1);
    b.tracker.flush();
    await b.settled();
    expect(b.sent.map((s) => s.body.events[0].id)).toEqual([b.sent[0].body.events[0].id, b.sent[0].body.events[0].id]);
  });

  it('keeps one visitor id across pages and renews the session after 30 idle minutes', async () => {
    const b = fakeBrowser();
    b.tracker.track('page_view');
    b.advance(SESSION_IDLE_MS - 1000);
    b.tracker.track('page_view');
    b.advance(SESSION_IDLE_MS + 1000);
    b.tracker.track('page_view');
    b.tracker.flush();
    await b.settled();
    // The old session's events leave on their own before the new session's.
    expect(b.sent.map((s) => s.body.events.length)).toEqual([2, 1]);
    const [first, second] = b.sent.map((s) => s.body);
    expect(first.visitorId).toBe(second.visitorId);
    expect(first.visitorId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(b.local.getItem('fission.visitorId')).toBe(first.visitorId);

    // Another tracker on the same storage (the next page load) is the same visitor.
    const again = createTracker(b.env);
    again.track('page_view');
    again.flush();
    await b.settled();
    expect(b.sent[2].body.visitorId).toBe(first.visitorId);
    expect(b.sent[2].body.sessionId).toBe(second.sessionId);
  });

  it('carries the ?s= share token it arrived with through the session, and ignores a malformed one', async () => {
    const b = fakeBrowser();
    b.page.pathname = '/product/7f0c7a8e-1d2b-4c3d-8e4f-5a6b7c8d9e0f';
    b.page.search = '?s=Ab12Cd34Ef';
    b.tracker.track('page_view');
    b.page.pathname = '/cart';
    b.page.search = '';
    b.tracker.track('checkout_started');
    b.page.search = '?s=<script>';
    b.tracker.track('page_view');
    b.tracker.flush();
    await b.settled();
    expect(b.sent[0].body.events.map((e) => [e.page, e.shareToken])).toEqual([
      ['/product/7f0c7a8e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', 'Ab12Cd34Ef'],
      ['/cart', 'Ab12Cd34Ef'],
      ['/cart', 'Ab12Cd34Ef'],
    ]);
  });

  it('leaves out fields the server would refuse the whole batch for', () => {
    expect(cleanFields({ productId: 'not-a-uuid', orderId: '7F0C7A8E-1D2B-4C3D-8E4F-5A6B7C8D9E0F', channel: 'WeChat!', amount: -5, campaignId: 'x'.repeat(65) }))
      .toEqual({ orderId: '7F0C7A8E-1D2B-4C3D-8E4F-5A6B7C8D9E0F' });
    const props = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const cleaned = cleanFields({ channel: 'moments', amount: 1990, props: { ...props, 'bad key': 1, long: 'x'.repeat(300), inf: Infinity } });
    expect(cleaned.channel).toBe('moments');
    expect(cleaned.amount).toBe(1990);
    expect(Object.keys(cleaned.props!)).toHaveLength(20);
    expect(cleaned.props).not.toHaveProperty('bad key');
  });

  it('never throws, even when storage and the beacon do', () => {
    const b = fakeBrowser();
    const broken = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } };
    const tracker = createTracker({ ...b.env, local: broken, session: broken, sendBeacon: () => { throw new TypeError('Illegal invocation'); }, fetch: undefined });
    expect(() => { tracker.track('page_view'); tracker.track('poster_saved'); tracker.flush(); }).not.toThrow();
    expect(tracker.queued()).toBe(0);
  });
});
