// The reference-price rule beyond the product page: the "original" price a group buy, a flash sale,
// a price-cut or a share poster shows beside its price is capped at the lowest price charged in the window
// (compliance's capReferences, reached by the mechanics' routes and sharing's poster hook), and
// left alone for a SKU that was never sold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { posterSvg } from '../sharing/sharing.poster.ts';

let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.operator();
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function buy(skuId: string) {
  const { user, addressId } = await shopperWithAddress(t);
  const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
  await payOrder(t, user, order.id);
  await t.settle();
}
const setPrice = async (skuId: string, price: number, listPrice: number | null) => {
  const res = await t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/skus/${skuId}`, as: admin, body: { price: { amount: price }, listPrice: listPrice === null ? null : { amount: listPrice } } });
  expect(res.statusCode, res.body).toBe(200);
};

async function liveGroupbuy(skuId: string, groupPrice: number) {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: admin, body: { name: '参考价拼团', skuId, groupPrice, teamSize: 2, stock: 100, endsAt: iso(5 * DAY) } });
  expect(created.statusCode, created.body).toBe(201);
  const started = await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${created.data.id}/start`, as: admin });
  expect(started.statusCode, started.body).toBe(200);
  return created.data.id as string;
}

async function liveFlashItems(items: { skuId: string; flash: number }[]) {
  const res = await t.request({
    method: 'POST', url: '/api/v1/admin/flashsale/slots', as: admin,
    body: { name: '参考价秒杀', startsAt: iso(-60_000), endsAt: iso(2 * HOUR), items: items.map((i) => ({ skuId: i.skuId, flashPrice: { amount: i.flash }, stock: 5, perUserLimit: 1 })) },
  });
  expect(res.statusCode, res.body).toBe(201);
  const listed = await t.request({ method: 'GET', url: '/api/v1/flashsale/slots?state=live' });
  return (listed.data.items as any[]).find((s) => s.id === res.data.id).items as { skuId: string; listPrice: { amount: number } | null; flashPrice: { amount: number } }[];
}

describe('lawful reference on campaign pages and posters', () => {
  it('caps the regular price beside a group price and a flash price at the lowest charged in 7 days', async () => {
    // Sold at 12900 this week, then marked up to 19900 (list 29900) for the campaigns.
    const { skuId } = await sellableSku(t, { price: 12900, stock: 1000 });
    await buy(skuId);
    await setPrice(skuId, 19900, 29900);
    // A SKU never sold: nothing bounds its reference, it is shown as set.
    const { skuId: freshSku } = await sellableSku(t, { price: 9900, stock: 1000 });

    const campaignId = await liveGroupbuy(skuId, 9900);
    const detail = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}` });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.data).toMatchObject({ groupPrice: { amount: 9900 }, listPrice: { amount: 12900, currency: 'CNY' } });
    const list = await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns' });
    expect(list.data.items.find((c: { id: string }) => c.id === campaignId).listPrice).toEqual({ amount: 12900, currency: 'CNY' });
    const honest = await liveGroupbuy(freshSku, 5900);
    expect((await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${honest}` })).data.listPrice).toEqual({ amount: 9900, currency: 'CNY' });

    // The team page (and its share poster) claim the same capped regular price.
    const leader = await shopperWithAddress(t);
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${campaignId}/teams`, as: leader.user, body: { addressId: leader.addressId } });
    expect(opened.statusCode, opened.body).toBe(201);
    const teamId = opened.data.team.id as string;
    const team = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${teamId}` });
    expect(team.data.product.listPrice).toEqual({ amount: 12900, currency: 'CNY' });
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: leader.user, body: { target: { type: 'team', id: teamId }, channel: 'link' } });
    expect(share.statusCode, share.body).toBe(201);
    const poster = await t.services.sharing.posterText(share.data.token);
    expect(poster).toMatchObject({ price: { amount: 9900, currency: 'CNY' }, reference: { amount: 12900, currency: 'CNY' } });
    expect(posterSvg({ ...poster, image: null, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' })).toContain('原价 ¥129');

    // Price-cut: the starting price struck through beside the lowest is capped the same way; a
    // friend's poster of a price-cut claims the starting price only where it is above the price now.
    const bargain = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: admin, body: { name: '参考价砍价', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10 } });
    expect(bargain.statusCode, bargain.body).toBe(201);
    expect(bargain.data.originalPrice).toEqual({ amount: 19900, currency: 'CNY' }); // operators see the campaign's own
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${bargain.data.id}/start`, as: admin })).statusCode).toBe(200);
    const cuts = await t.request({ method: 'GET', url: '/api/v1/bargain/campaigns' });
    expect(cuts.data.items.find((c: { id: string }) => c.id === bargain.data.id)).toMatchObject({ originalPrice: { amount: 12900, currency: 'CNY' }, floorPrice: { amount: 990 } });
    const cutter = await t.signUp();
    const cut = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${bargain.data.id}/cuts`, as: cutter });
    expect(cut.statusCode, cut.body).toBe(201);
    const cutShare = await t.request({ method: 'POST', url: '/api/v1/shares', as: cutter, body: { target: { type: 'bargain', id: cut.data.id }, channel: 'link' } });
    expect(cutShare.statusCode, cutShare.body).toBe(201);
    const now = cut.data.currentPrice.amount as number;
    expect((await t.services.sharing.posterText(cutShare.data.token)).reference).toEqual(now < 12900 ? { amount: 12900, currency: 'CNY' } : null);

    // Flash sale: the capped regular price, and the untouched one of the SKU never sold.
    const items = await liveFlashItems([{ skuId, flash: 8900 }, { skuId: freshSku, flash: 4900 }]);
    expect(items.find((i) => i.skuId === skuId)!.listPrice).toEqual({ amount: 12900, currency: 'CNY' });
    expect(items.find((i) => i.skuId === freshSku)!.listPrice).toEqual({ amount: 9900, currency: 'CNY' });
  });

  it('drops the reference when the lawful one is not above the price, and caps a product poster’s list price', async () => {
    // Sold at 8900 this week: a flash price of 8900 may claim no "original" price at all.
    const { skuId } = await sellableSku(t, { price: 8900, stock: 1000 });
    await buy(skuId);
    await setPrice(skuId, 15900, null);
    const [item] = await liveFlashItems([{ skuId, flash: 8900 }]);
    expect(item.listPrice).toBeNull();

    // A product at 14900 "from 19900", last charged 15900: its poster claims 15900 at most.
    const { productId, skuId: other } = await sellableSku(t, { price: 15900, stock: 1000 });
    await buy(other);
    await setPrice(other, 14900, 19900);
    const sharer = await t.signUp();
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'link' } });
    expect(share.statusCode, share.body).toBe(201);
    expect(await t.services.sharing.posterText(share.data.token)).toMatchObject({ price: { amount: 14900 }, reference: { amount: 15900, currency: 'CNY' } });
    // Once the 15900 sale is older than the window and a sale at 14900 is the lowest: no reference.
    t.clock.advance(8 * DAY);
    await buy(other);
    expect((await t.services.sharing.posterText(share.data.token)).reference).toBeNull();
    const png = await t.request({ method: 'GET', url: `/api/v1/shares/${share.data.token}/poster.png` });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
  });
});
