import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';
import { newId } from '../../platform/ids.ts';
import { createLotteryService } from './lottery.service.ts';
import { seededRandom } from './lottery.rules.ts';
import { modulePlatform } from '../../platform/context.ts';
import { lotteryTables } from './lottery.table.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
let templateId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 99_900 }));
  const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '抽奖 ¥10 券', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7 } });
  expect(tpl.statusCode, tpl.body).toBe(201);
  templateId = tpl.data.id;
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${templateId}/activate`, as: op })).statusCode).toBe(200);
});
afterAll(() => t?.close());

const iso = (msFromNow: number) => new Date(t.clock.now().getTime() + msFromNow).toISOString();
const HOUR = 3_600_000;

function pool() {
  return [
    { name: '¥10 无门槛券', kind: 'coupon', templateId, weight: 20, stock: 100, valueAmount: 1000 },
    { name: '100 积分', kind: 'points', points: 100, weight: 30, valueAmount: 100 },
    { name: '蓝牙耳机', kind: 'product', skuId, weight: 5, stock: 3, valueAmount: 99_900 },
    { name: '谢谢参与', kind: 'nothing', weight: 45 },
  ];
}

async function createDraw(body: Record<string, unknown> = {}, start = true) {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: '618 幸运大转盘', rulesText: '每人每天 1 次免费抽奖；分享给新朋友再得 1 次。', startsAt: iso(-60_000), endsAt: iso(30 * 24 * HOUR), dailyFreeChances: 1, prizes: pool(), ...body } });
  expect(res.statusCode, res.body).toBe(201);
  if (start) expect((await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${res.data.id}/start`, as: op })).statusCode).toBe(200);
  return res.data;
}

const drawOnce = (user: TestUser, id: string, key?: string) => t.request({ method: 'POST', url: `/api/v1/lottery/draws/${id}/draw`, as: user, headers: key ? { 'idempotency-key': key } : {} });

describe('lucky draws', () => {
  it('refuses a prize worth more than ¥50,000 when the pool is saved, and bad pools', async () => {
    const over = await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: '豪车', rulesText: 'x', startsAt: iso(HOUR), endsAt: iso(2 * HOUR), prizes: [{ name: '汽车', kind: 'product', skuId, weight: 1, stock: 1, valueAmount: 50_000_01 }, { name: '谢谢', kind: 'nothing', weight: 99 }] } });
    expect(over.statusCode).toBe(422);
    expect(over.data.error.code).toBe('LOTTERY_PRIZE_VALUE_CAP');
    const atCap = await createDraw({ startsAt: iso(HOUR), prizes: [{ name: '电视', kind: 'product', skuId, weight: 1, stock: 1, valueAmount: 50_000_00 }, { name: '谢谢', kind: 'nothing', weight: 99 }] }, false);
    const put = await t.request({ method: 'PUT', url: `/api/v1/admin/lottery/draws/${atCap.id}`, as: op, body: { name: '电视', rulesText: 'x', startsAt: iso(HOUR), endsAt: iso(2 * HOUR), prizes: [{ name: '电视', kind: 'product', skuId, weight: 1, stock: 1, valueAmount: 60_000_00 }] } });
    expect(put.data.error.code).toBe('LOTTERY_PRIZE_VALUE_CAP');
    for (const prizes of [[], [{ name: 'x', kind: 'coupon', weight: 1 }], [{ name: 'x', kind: 'nothing', weight: -1 }], [{ name: 'x', kind: 'nothing', weight: 1, extra: true }]]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: 'x', rulesText: 'x', startsAt: iso(HOUR), endsAt: iso(2 * HOUR), prizes } });
      expect(res.statusCode, JSON.stringify(prizes)).toBe(400);
    }
  });

  it('edits a draft, publishes the rules before the start (locked from then on) and opens at the start', async () => {
    const body = { name: '618 幸运大转盘', rulesText: '改过的规则', startsAt: iso(2 * HOUR), endsAt: iso(48 * HOUR), prizes: pool() };
    const draft = await createDraw({ startsAt: iso(2 * HOUR) }, false);
    expect((await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${draft.id}` })).statusCode).toBe(404);
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/lottery/draws/${draft.id}`, as: op, body })).statusCode).toBe(200);
    const d = await createDraw({ startsAt: iso(2 * HOUR) });
    const kernel = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${d.id}`, as: op });
    expect(kernel.data).toMatchObject({ mechanic: 'lottery', status: 'scheduled', phase: 'upcoming' });
    const page = await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${d.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.data.prizes.map((x: any) => x.probability)).toEqual([0.2, 0.3, 0.05, 0.45]);
    const locked = await t.request({ method: 'PUT', url: `/api/v1/admin/lottery/draws/${d.id}`, as: op, body });
    expect(locked.statusCode).toBe(409);
    expect(locked.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    const user = await t.signUp();
    expect((await drawOnce(user, d.id)).data.error.code).toBe('LOTTERY_NOT_RUNNING');
    t.clock.advance(2 * HOUR);
    expect((await drawOnce(user, d.id)).statusCode).toBe(201);
  });

  it('uses the daily free chance once a day (restored the next China day); Idempotency-Key returns the first result; grants and audits', async () => {
    const d = await createDraw({ prizes: [{ name: '100 积分', kind: 'points', points: 100, weight: 1 }] });
    const user = await t.signUp();
    const first = await drawOnce(user, d.id, 'spin-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.data).toMatchObject({ status: 'granted', chance: 'free', prize: { kind: 'points' } });
    const replay = await drawOnce(user, d.id, 'spin-1');
    expect(replay.statusCode).toBe(200);
    expect(replay.data.id).toBe(first.data.id);
    const second = await drawOnce(user, d.id, 'spin-2');
    expect(second.statusCode).toBe(422);
    expect(second.data.error.code).toBe('LOTTERY_NO_CHANCES');
    expect((await t.services.loyalty.getAccount(user.id)).balance).toBe(100);
    const me = await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${d.id}/me`, as: user });
    expect(me.data).toMatchObject({ freeChancesLeft: 0, chancesLeft: 0, draws: 1 });
    expect(me.data.wins).toHaveLength(1);
    t.clock.advance(24 * HOUR);
    expect((await drawOnce(user, d.id)).statusCode).toBe(201);
    expect((await t.services.loyalty.getAccount(user.id)).balance).toBe(200);
    const audit = await t.request({ method: 'GET', url: `/api/v1/admin/lottery/entries/${first.data.id}/audit`, as: op });
    expect(audit.data).toMatchObject({ matches: true, recomputedPrizeId: first.data.prize.id });
    expect(audit.data.snapshot).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/lottery/entries/${first.data.id}/audit`, as: user })).statusCode).toBe(403);
  });

  it('grants a coupon, records product wins for fulfilment and never gives a prize past its stock', async () => {
    const d = await createDraw({ dailyFreeChances: 0, prizes: [{ name: '¥10 券', kind: 'coupon', templateId, weight: 1, stock: 1 }, { name: '耳机', kind: 'product', skuId, weight: 1, stock: 1, valueAmount: 99_900 }, { name: '谢谢参与', kind: 'nothing', weight: 0 }] });
    const user = await t.signUp();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${d.id}/chances`, as: op, body: { userId: user.id, amount: 3 } })).data.granted).toBe(3);
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await drawOnce(user, d.id)).data);
    expect(results.map((r) => r.prize.kind).sort()).toEqual(['coupon', 'nothing', 'product']);
    const coupons = await t.platform.db.selectFrom('coupons').select('id').where('user_id', '=', user.id).where('template_id', '=', templateId).execute();
    expect(coupons).toHaveLength(1);
    const toFulfil = await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${d.id}/results?status=to_fulfil`, as: op });
    expect(toFulfil.data.items).toHaveLength(1);
    const done = await t.request({ method: 'POST', url: `/api/v1/admin/lottery/entries/${toFulfil.data.items[0].id}/fulfil`, as: op });
    expect(done.data.status).toBe('fulfilled');
    expect((await drawOnce(user, d.id)).data.error.code).toBe('LOTTERY_NO_CHANCES');
  });

  it('a share of the draw that brings a new visitor earns the sharer a chance (not a self click), capped per day; a qualified invite earns chances', async () => {
    const d = await createDraw({ dailyFreeChances: 0, shareChances: 1, shareDailyCap: 2, inviteChances: 2 });
    const sharer = await t.signUp();
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'lottery', id: d.id }, channel: 'wechat' } });
    expect(share.statusCode, share.body).toBe(201);
    await t.request({ method: 'GET', url: share.data.url, as: sharer }); // own click
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${d.id}/me`, as: sharer })).data.extraChances).toBe(0);
    for (let i = 0; i < 3; i++) {
      const click = await t.request({ method: 'GET', url: share.data.url });
      expect(click.headers.location).toContain(`/lottery/${d.id}`);
    }
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${d.id}/me`, as: sharer })).data.extraChances).toBe(2);
    expect((await drawOnce(sharer, d.id)).data.chance).toBe('extra');

    const referralId = newId();
    for (let i = 0; i < 2; i++) await t.platform.db.transaction().execute((trx) => t.services.lottery.onReferralQualified(trx, { referralId, inviterId: sharer.id }));
    expect((await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${d.id}/me`, as: sharer })).data.extraChances).toBe(1 + 2);
  });

  it('10,000 concurrent draws never take a prize below zero stock', { timeout: 900_000 }, async () => {
    const d = await createDraw({ dailyFreeChances: 0, prizes: [{ name: '耳机', kind: 'product', skuId, weight: 10, stock: 7 }, { name: '音箱', kind: 'product', skuId, weight: 10, stock: 13 }, { name: '手环', kind: 'product', skuId, weight: 10, stock: 25 }, { name: '谢谢参与', kind: 'nothing', weight: 70 }] });
    const users = Array.from({ length: 200 }, () => newId());
    for (const u of users) await t.services.lottery.grantChancesNow(null, d.id, u, 50);
    const attempts = users.flatMap((u) => Array.from({ length: 50 }, () => u));
    let ok = 0;
    for (let i = 0; i < attempts.length; i += 250) {
      const batch = await Promise.all(attempts.slice(i, i + 250).map((u) => t.services.lottery.draw(u, d.id, null)));
      ok += batch.length;
    }
    expect(ok).toBe(10_000);
    const prizes = await t.platform.db.selectFrom('lottery_prizes').selectAll().where('draw_id', '=', d.id).execute();
    const entries = await t.platform.db.selectFrom('lottery_entries').select(['prize_id']).where('draw_id', '=', d.id).execute();
    expect(entries).toHaveLength(10_000);
    for (const p of prizes) {
      if (p.stock_total === null) continue;
      expect(p.stock_left!).toBeGreaterThanOrEqual(0);
      const wins = entries.filter((e) => e.prize_id === p.id).length;
      expect(wins).toBeLessThanOrEqual(p.stock_total);
      expect(wins + p.stock_left!).toBe(p.stock_total);
    }
    const chances = await t.platform.db.selectFrom('lottery_chances').select('balance').where('draw_id', '=', d.id).execute();
    expect(chances.every((c) => c.balance === 0)).toBe(true);
  });

  it('observed frequencies match the weights within ±4σ with a seeded random source (10,000 draws)', { timeout: 900_000 }, async () => {
    const seeded = createLotteryService(modulePlatform(t.platform, lotteryTables), { campaigns: t.services.campaigns, random: seededRandom(20260618), rewards: { grantCoupon: async () => undefined, grantPoints: async () => undefined } });
    const weights = [5, 15, 30, 50];
    const d = await createDraw({ dailyFreeChances: 0, prizes: weights.map((w, i) => ({ name: `奖品 ${i}`, kind: i === 3 ? 'nothing' : 'product', skuId: i === 3 ? undefined : skuId, weight: w })) });
    const users = Array.from({ length: 100 }, () => newId());
    for (const u of users) await seeded.grantChancesNow(null, d.id, u, 100);
    const counts = new Map<string, number>();
    const attempts = users.flatMap((u) => Array.from({ length: 100 }, () => u));
    for (let i = 0; i < attempts.length; i += 250) {
      const batch = await Promise.all(attempts.slice(i, i + 250).map((u) => seeded.draw(u, d.id, null)));
      for (const b of batch) counts.set(b.entry.prize.name, (counts.get(b.entry.prize.name) ?? 0) + 1);
    }
    const n = 10_000;
    let chi = 0;
    weights.forEach((w, i) => {
      const prob = w / 100;
      const observed = counts.get(`奖品 ${i}`) ?? 0;
      const sigma = Math.sqrt(n * prob * (1 - prob));
      expect(Math.abs(observed - n * prob)).toBeLessThan(4 * sigma);
      chi += (observed - n * prob) ** 2 / (n * prob);
    });
    expect(chi).toBeLessThan(16.27); // χ² with 3 degrees of freedom, p = 0.001
  });
});
