// Rate limits are settings an operator changes without a restart, the environment fixes one when
// it wants to (and then wins), the limiter reads a cached value, and /s/{token} has its own limit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { createTestContext, type TestContext, type TestUser } from '../../test/harness.ts';
import { shopperWithAddress } from '../../test/fixtures.ts';
import { signPurchaseToken } from '../modules/flashsale/flashsale.token.ts';
import { RATE_LIMIT_REFRESH_MS } from './rate-limits.ts';

const HIGH = 100_000;
/** Every limit out of the way except the ones a test leaves to its settings. */
const highExcept = (...names: (keyof Config['rateLimits'])[]): Config['rateLimits'] => {
  const limits: Config['rateLimits'] = { authPerIp: HIGH, ordersPerUser: HIGH, ordersPerIp: HIGH, flashsalePerUser: HIGH, flashsalePerIp: HIGH, shareLinkPerIp: HIGH };
  for (const name of names) delete limits[name];
  return limits;
};

/** Purchase attempts from one address (a campus NAT), each by a different shopper; statuses in order. */
async function purchasesFromOneIp(t: TestContext, ip: string, shoppers: { user: TestUser; addressId: string }[]) {
  const codes: number[] = [];
  for (const s of shoppers) {
    const slotId = randomUUID();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/flashsale/slots/${slotId}/items/${randomUUID()}/purchase`,
      remoteAddress: ip,
      headers: { ...s.user.headers, 'x-purchase-token': signPurchaseToken(t.platform.secret, slotId, s.user.id, t.clock.now()) },
      payload: { addressId: s.addressId },
    });
    codes.push(res.statusCode);
    if (res.statusCode === 429) expect(JSON.parse(res.body).error.code).toBe('RATE_LIMITED');
  }
  return codes;
}

describe('rate limits as settings', () => {
  let t: TestContext;
  let admin: TestUser;
  let shoppers: { user: TestUser; addressId: string }[];
  beforeAll(async () => {
    t = await createTestContext({ rateLimits: highExcept('flashsalePerIp') });
    admin = await t.operator();
    shoppers = await Promise.all(Array.from({ length: 6 }, () => shopperWithAddress(t)));
  });
  afterAll(() => t?.close());

  const setLimit = async (key: string, value: unknown) => t.request({ method: 'PUT', url: `/api/v1/admin/settings/${key}`, as: admin, body: { value } });

  it('lists every limit with its default in the settings API and refuses a bad value', async () => {
    const all = (await t.request({ method: 'GET', url: '/api/v1/admin/settings', as: admin })).data;
    expect(all['rateLimits.authPerIp'].default).toBe(30);
    expect(all['rateLimits.ordersPerUser'].default).toBe(30);
    expect(all['rateLimits.ordersPerIp'].default).toBe(300);
    expect(all['rateLimits.flashsalePerUser'].default).toBe(20);
    expect(all['rateLimits.flashsalePerIp'].default).toBe(600);
    expect(all['rateLimits.shareLinkPerIp'].default).toBe(120);
    for (const bad of [0, -5, 1.5, '100']) expect((await setLimit('rateLimits.flashsalePerIp', bad)).data.error.code).toBe('SETTINGS_INVALID_VALUE');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/settings', as: admin })).data['rateLimits.flashsalePerIp'].value).toBe(600);
  });

  it('a setting change raises the per-IP flash-sale limit at once, without a restart', async () => {
    expect((await setLimit('rateLimits.flashsalePerIp', 2)).statusCode).toBe(200);
    const ip = '10.77.0.1';
    expect(await purchasesFromOneIp(t, ip, shoppers.slice(0, 3))).toEqual([404, 404, 429]);
    // The store behind the NAT raises it: the same address gets through again in the same minute.
    expect((await setLimit('rateLimits.flashsalePerIp', 5)).statusCode).toBe(200);
    expect(await purchasesFromOneIp(t, ip, shoppers.slice(3, 6))).toEqual([404, 404, 429]);
  });

  it('reads the setting from a cache: another process\'s change shows within the refresh interval, not per request', async () => {
    await setLimit('rateLimits.flashsalePerIp', 2);
    await purchasesFromOneIp(t, '10.77.0.9', shoppers.slice(0, 1)); // the limiter reads 2 into its cache
    let reads = 0;
    const get = t.platform.settings.get.bind(t.platform.settings);
    t.platform.settings.get = ((...args: Parameters<typeof get>) => {
      if (String(args[0]).startsWith('rateLimits.')) reads++;
      return get(...args);
    }) as typeof get;
    try {
      // Written straight to the table, as another process's Settings would: this one hears nothing.
      await t.platform.db.updateTable('settings').set({ value: JSON.stringify(4) }).where('key', '=', 'rateLimits.flashsalePerIp').execute();
      expect(await purchasesFromOneIp(t, '10.77.0.2', shoppers.slice(0, 3))).toEqual([404, 404, 429]);
      expect(reads).toBe(0);
      t.clock.advance(RATE_LIMIT_REFRESH_MS + 1);
      expect(await purchasesFromOneIp(t, '10.77.0.2', shoppers.slice(3, 5))).toEqual([404, 429]);
      expect(reads).toBe(1);
    } finally {
      t.platform.settings.get = get;
    }
  });
});

describe('an environment override', () => {
  it('maps each limit to FISSION_RATE_LIMIT_* and refuses a bad value', () => {
    const config = loadConfig({ FISSION_RATE_LIMIT_FLASHSALE_PER_IP: '5000', FISSION_RATE_LIMIT_SHARE_LINK_PER_IP: '60', FISSION_RATE_LIMIT_AUTH_PER_IP: '' });
    expect(config.rateLimits).toEqual({ flashsalePerIp: 5000, shareLinkPerIp: 60 });
    expect(loadConfig({}).rateLimits).toEqual({});
    for (const bad of ['0', 'lots', '-1', '2.5']) expect(() => loadConfig({ FISSION_RATE_LIMIT_ORDERS_PER_USER: bad })).toThrow(ConfigError);
  });

  it('wins over the setting', async () => {
    const fromEnv = loadConfig({ FISSION_RATE_LIMIT_FLASHSALE_PER_IP: '2' }).rateLimits;
    const t = await createTestContext({ rateLimits: { ...highExcept('flashsalePerIp'), ...fromEnv } });
    try {
      const admin = await t.operator();
      expect((await t.request({ method: 'PUT', url: '/api/v1/admin/settings/rateLimits.flashsalePerIp', as: admin, body: { value: 1000 } })).statusCode).toBe(200);
      const shoppers = await Promise.all([1, 2, 3].map(() => shopperWithAddress(t)));
      expect(await purchasesFromOneIp(t, '10.78.0.1', shoppers)).toEqual([404, 404, 429]);
    } finally {
      await t.close();
    }
  });
});

// In memory always; with the counters in Redis too when REDIS_URL is set (CI sets it).
const stores: [string, string | undefined][] = [['in memory', undefined], ...(process.env.REDIS_URL ? [['in Redis', process.env.REDIS_URL] as [string, string]] : [])];
describe.each(stores)('the share-link limit (%s)', (_label, redisUrl) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ redisUrl, rateLimits: highExcept('shareLinkPerIp') });
  });
  afterAll(() => t?.close());

  it('answers 429 RATE_LIMITED past the per-IP limit on /s/{token}, and other addresses still get through', async () => {
    const admin = await t.operator();
    expect((await t.request({ method: 'PUT', url: '/api/v1/admin/settings/rateLimits.shareLinkPerIp', as: admin, body: { value: 3 } })).statusCode).toBe(200);
    const open = (ip: string) => t.app.inject({ method: 'GET', url: `/s/${randomUUID().slice(0, 8)}`, remoteAddress: ip });
    // Unique per run: counters another run left in Redis must not count here.
    const ip = `10.79.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await open(ip));
    expect(answers.slice(0, 3).map((r) => r.statusCode)).not.toContain(429);
    expect(answers[3].statusCode).toBe(429);
    expect(JSON.parse(answers[3].body).error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 3 } });
    expect(answers[3].headers['retry-after']).toBeDefined();
    expect((await open(`10.80.${Math.floor(Math.random() * 250)}.1`)).statusCode).not.toBe(429);
  });
});
