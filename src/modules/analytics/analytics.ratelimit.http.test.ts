// POST /api/v1/events has its own per-IP limit (rateLimits.eventsPerIp): a page sends a batch every
// few seconds, so a flood from one address is refused with 429 and writes nothing, while other
// addresses go on being recorded.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { loadConfig } from '../../config.ts';
import { SETTINGS } from '../../platform/settings.ts';

const HIGH = 100_000;
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ rateLimits: { authPerIp: HIGH, ordersPerUser: HIGH, ordersPerIp: HIGH, flashsalePerUser: HIGH, flashsalePerIp: HIGH, shareLinkPerIp: HIGH, eventsPerIp: 3 } });
});
afterAll(() => t?.close());

const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47';
let seq = 0;
const batchFrom = (ip: string) => t.app.inject({
  method: 'POST',
  url: '/api/v1/events',
  remoteAddress: ip,
  headers: { 'user-agent': UA, 'content-type': 'application/json', 'x-device-id': `device-${ip.replace(/\./g, '-')}` },
  payload: { events: [{ id: `rl-${++seq}-${Math.random().toString(36).slice(2, 10)}`, name: 'page_view', at: t.clock.now().toISOString(), page: '/' }] },
});
const recorded = async () => Number((await sql<{ n: number }>`select count(*)::int as n from analytics_events where source = 'client'`.execute(t.platform.db)).rows[0].n);

describe('POST /api/v1/events rate limit', () => {
  it('refuses batches past the per-IP limit with 429 RATE_LIMITED, writes nothing for them, and leaves other IPs alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await batchFrom('10.1.0.1')).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const refused = await batchFrom('10.1.0.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 3 } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await recorded()).toBe(3);

    expect((await batchFrom('10.1.0.2')).statusCode).toBe(202);
    expect(await recorded()).toBe(4);
  });

  it('is a setting with a default of 600 a minute that FISSION_RATE_LIMIT_EVENTS_PER_IP overrides', () => {
    expect(SETTINGS['rateLimits.eventsPerIp'].default).toBe(600);
    expect(loadConfig({ FISSION_RATE_LIMIT_EVENTS_PER_IP: '1200' }).rateLimits).toEqual({ eventsPerIp: 1200 });
    expect(() => loadConfig({ FISSION_RATE_LIMIT_EVENTS_PER_IP: 'lots' })).toThrow(/FISSION_RATE_LIMIT_EVENTS_PER_IP/);
  });
});
