// 到手价: the all-in price a campaign page, button and poster advertise is what a new shopper with
// one address is charged, with shipping under the free-shipping threshold and with 包邮 set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { signPurchaseToken } from '../flashsale/flashsale.token.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
const FLAT_FEE = 1000; // the store's default flat shipping fee, under the ¥99 free-shipping threshold

async function liveGroupbuy(groupPrice: number) {
  const { skuId } = await sellableSku(t, { price: 2990, stock: 50, title: '到手价 拼团' });
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人团 到手价', skuId, groupPrice, teamSize: 2, stock: 20 } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data.id as string;
}

const advertised = async (campaignId: string) => {
  const list = await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns' });
  return list.data.items.find((c: { id: string }) => c.id === campaignId);
};

describe('到手价: what a campaign advertises is what the friend pays', () => {
  it('group buy: the list, the campaign page and the team page show price + shipping, and the leader and a friend are charged exactly that', async () => {
    const id = await liveGroupbuy(1990);
    const card = await advertised(id);
    expect(card).toMatchObject({ freeShipping: false, shipping: { amount: FLAT_FEE }, deliveredPrice: { amount: 1990 + FLAT_FEE }, leaderDeliveredPrice: { amount: 1990 + FLAT_FEE } });
    const page = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${id}` });
    expect(page.data.deliveredPrice).toEqual(card.deliveredPrice);

    const leader = await shopperWithAddress(t);
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${id}/teams`, as: leader.user, body: { addressId: leader.addressId } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.data.order.total.amount).toBe(card.leaderDeliveredPrice.amount);
    await payOrder(t, leader.user, opened.data.order.id); // the team opens when its leader pays

    const team = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${opened.data.team.id}` });
    expect(team.data.deliveredPrice.amount).toBe(1990 + FLAT_FEE);
    const friend = await shopperWithAddress(t);
    const joined = await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${opened.data.team.id}/join`, as: friend.user, body: { addressId: friend.addressId } });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.data.order.total.amount).toBe(team.data.deliveredPrice.amount);

    // The team poster's 到手价 is the same all-in figure, and says the shipping is in it.
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: leader.user, body: { target: { type: 'team', id: opened.data.team.id }, channel: 'link' } });
    expect(share.statusCode, share.body).toBe(201);
    const poster = await t.services.sharing.posterText(share.data.token);
    expect(poster.price).toEqual(team.data.deliveredPrice);
    expect(poster.priceLabel).toBe('到手价 · 含运费¥10');
  });

  it('包邮: an operator sets free shipping, pages advertise the bare price and orders charge it; a live campaign keeps it', async () => {
    const id = await liveGroupbuy(1990);
    const set = await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${id}/shipping`, as: op, body: { freeShipping: true } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.data.freeShipping).toBe(true);
    const card = await advertised(id);
    expect(card).toMatchObject({ freeShipping: true, shipping: { amount: 0 }, deliveredPrice: { amount: 1990 } });
    const leader = await shopperWithAddress(t);
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${id}/teams`, as: leader.user, body: { addressId: leader.addressId } });
    expect(opened.data.order.total.amount).toBe(1990);
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: leader.user, body: { target: { type: 'team', id: opened.data.team.id }, channel: 'link' } });
    expect(await t.services.sharing.posterText(share.data.token)).toMatchObject({ price: { amount: 1990 }, priceLabel: '到手价 · 包邮' });

    // Taking 包邮 back from a live campaign would raise what it advertised: refused, nothing changes.
    const off = await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${id}/shipping`, as: op, body: { freeShipping: false } });
    expect(off.statusCode).toBe(409);
    expect(off.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    expect((await advertised(id)).freeShipping).toBe(true);
    // Bad input and a shopper get coded errors.
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${id}/shipping`, as: op, body: { freeShipping: 'yes' } })).statusCode).toBe(400);
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${id}/shipping`, as: leader.user, body: { freeShipping: true } })).statusCode).toBe(403);
    const missing = await t.request({ method: 'PUT', url: '/api/v1/admin/campaigns/00000000-0000-4000-8000-000000000000/shipping', as: op, body: { freeShipping: true } });
    expect(missing.data.error.code).toBe('CAMPAIGN_NOT_FOUND');
    // A coupon campaign places no order of its own: it has no shipping to waive.
    const coupon = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥5 无门槛', kind: 'fixed', discountAmount: 500, scope: 'store', validDaysAfterClaim: 7 } });
    expect(coupon.statusCode, coupon.body).toBe(201);
    const refused = await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${coupon.data.id}/shipping`, as: op, body: { freeShipping: true } });
    expect(refused.statusCode).toBe(422);
    expect(refused.data.error.code).toBe('CAMPAIGN_SHIPPING_UNSUPPORTED');
  });

  it('flash sale: each item shows flash price + shipping, and the purchase charges it', async () => {
    const { skuId } = await sellableSku(t, { price: 4990, stock: 20, title: '到手价 秒杀' });
    const now = t.clock.now().getTime();
    const slot = await t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: op, body: { name: '到手价场', startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + HOUR).toISOString(), items: [{ skuId, flashPrice: { amount: 990 }, stock: 5 }] } });
    expect(slot.statusCode, slot.body).toBe(201);
    const listed = await t.request({ method: 'GET', url: '/api/v1/flashsale/slots?state=live' });
    const item = listed.data.items.find((s: { id: string }) => s.id === slot.data.id).items[0];
    expect(item).toMatchObject({ shipping: { amount: FLAT_FEE }, deliveredPrice: { amount: 990 + FLAT_FEE } });
    const s = await shopperWithAddress(t);
    const bought = await t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${slot.data.id}/items/${item.id}/purchase`, as: s.user, body: { addressId: s.addressId }, headers: { 'x-purchase-token': signPurchaseToken(t.platform.secret, slot.data.id, s.user.id, t.clock.now()) } });
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.data.total.amount).toBe(item.deliveredPrice.amount);
  });

  it('price-cut: the list shows the lowest price + shipping, the cut page what buying now costs, and buying charges it', async () => {
    const { skuId } = await sellableSku(t, { price: 4890, stock: 20, title: '到手价 砍价' });
    const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '到手价 砍一刀', skuId, floorAmount: 990, helpersNeeded: 3, stock: 10, buyMode: 'any_time' } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
    const list = await t.request({ method: 'GET', url: '/api/v1/bargain/campaigns' });
    expect(list.data.items.find((c: { id: string }) => c.id === created.data.id)).toMatchObject({ shipping: { amount: FLAT_FEE }, deliveredPrice: { amount: 990 + FLAT_FEE } });

    const s = await shopperWithAddress(t);
    const cut = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${created.data.id}/cuts`, as: s.user });
    expect(cut.statusCode, cut.body).toBe(201);
    const page = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.data.id}`, as: s.user });
    expect(page.data.deliveredPrice.amount).toBe(page.data.currentPrice.amount + page.data.shipping.amount);
    const bought = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.data.id}/buy`, as: s.user, body: { addressId: s.addressId } });
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.data.total.amount).toBe(page.data.deliveredPrice.amount);
  });
});
