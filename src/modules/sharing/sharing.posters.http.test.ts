// Posters per mechanic, end to end: a team, a price-cut and an invite are shared, their posters are
// fetched as PNG in Chinese and in English, decoded, and the product picture area must not be
// blank; the SVG the renderer was given must carry the mechanic's price and state.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, shopperWithAddress } from '../../../test/fixtures.ts';
import { productCoverSvg } from '../../demo/catalog.ts';

let t: TestContext;
let op: TestUser;
let cutNow = 0;
const shares: Record<'team' | 'bargain' | 'invite' | 'coupon_pack', { token: string; posterUrl: string }> = {} as never;

/** Enough of PNG for resvg's output: 8-bit RGBA, not interlaced; returns the pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0, height = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.subarray(pos + 4, pos + 8).toString('latin1');
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // 8-bit, RGBA, no interlace
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? rgba[y * stride + i - 4] : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? rgba[(y - 1) * stride + i - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      rgba[y * stride + i] = (line[i] + pred) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Distinct colours and luminance spread inside a rectangle: a flat or gradient-only fill has few. */
function areaStats(img: { width: number; rgba: Uint8Array }, box: { x: number; y: number; w: number; h: number }) {
  const colours = new Set<number>();
  let sum = 0, sq = 0, n = 0;
  for (let y = box.y; y < box.y + box.h; y += 2) {
    for (let x = box.x; x < box.x + box.w; x += 2) {
      const i = (y * img.width + x) * 4;
      const lum = 0.299 * img.rgba[i] + 0.587 * img.rgba[i + 1] + 0.114 * img.rgba[i + 2];
      colours.add((img.rgba[i] >> 3) << 10 | (img.rgba[i + 1] >> 3) << 5 | (img.rgba[i + 2] >> 3));
      sum += lum;
      sq += lum * lum;
      n++;
    }
  }
  return { colours: colours.size, stdev: Math.sqrt(sq / n - (sum / n) ** 2) };
}

/** The emoji square in the middle of the picture card, where the demo cover draws its 🍑. */
const EMOJI_BOX = { x: 290, y: 300, w: 170, h: 170 };

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  const catalog = t.services.catalog;
  const category = await catalog.createCategory(null, { name: '海报水果', nameEn: 'Poster fruit', slug: `poster-fruit-${process.pid}` });
  const [cover] = await catalog.storeMedia(null, [{ contentType: 'image/svg+xml', bytes: Buffer.from(productCoverSvg({ title: '水蜜桃', label: '时令水果', emoji: '🍑', hues: [12, 42] })) }]);
  const product = (code: string) => ({ title: '阳山水蜜桃 礼盒装', titleEn: 'Yangshan peaches, gift box', categoryId: category.id, status: 'active' as const, images: [cover.url], skus: [{ code: `${code}-${process.pid}`, price: { amount: 4890 }, initialStock: 500 }] });
  // Two SKUs: the team's paid order makes ¥19.90 its SKU's lowest price lately (see the team test).
  const [made, other] = await catalog.importProducts(null, [product('POSTER-TEAM'), product('POSTER-CUT')]);
  const skuId = made.skuIds[0];

  // A two-person team at ¥19.90, its leader paid: one seat left.
  const gb = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼桃', nameEn: 'Peach pair', skuId, groupPrice: 1990, teamSize: 2, stock: 100 } });
  expect(gb.statusCode, gb.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${gb.data.id}/start`, as: op })).statusCode).toBe(200);
  const leader = await shopperWithAddress(t);
  const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${gb.data.id}/teams`, as: leader.user, body: { addressId: leader.addressId } });
  expect(opened.statusCode, opened.body).toBe(201);
  await payOrder(t, leader.user, opened.data.order.id);

  // A price-cut from ¥48.90 down to ¥9.90 with three helpers.
  const bc = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价水蜜桃', skuId: other.skuIds[0], floorAmount: 990, helpersNeeded: 3, stock: 10, buyMode: 'any_time' } });
  expect(bc.statusCode, bc.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${bc.data.id}/start`, as: op })).statusCode).toBe(200);
  const cutter = await t.signUp({ displayName: '砍价小王' });
  const cut = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${bc.data.id}/cuts`, as: cutter });
  expect(cut.statusCode, cut.body).toBe(201);
  cutNow = cut.data.currentPrice.amount;

  // An invite campaign whose newcomer gift is a ¥15 coupon.
  const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '新人券', kind: 'fixed', discountAmount: 1500, scope: 'store', validDaysAfterClaim: 7 } });
  expect(tpl.statusCode, tpl.body).toBe(201);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tpl.data.id}/activate`, as: op });
  const rc = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼', inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'coupon', templateId: tpl.data.id } } });
  expect(rc.statusCode, rc.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${rc.data.id}/start`, as: op })).statusCode).toBe(200);
  const inviter = await t.signUp({ displayName: '邀请人小李' });

  // A coupon pack whose friend coupon is ¥8 off orders over ¥59.
  const friendTpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '好友券', nameEn: 'Friend coupon', kind: 'threshold', discountAmount: 800, minSpendAmount: 5900, scope: 'store', validDaysAfterClaim: 7 } });
  expect(friendTpl.statusCode, friendTpl.body).toBe(201);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${friendTpl.data.id}/activate`, as: op });
  const pack = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/packs', as: op, body: { name: '分享领券', friendTemplateId: friendTpl.data.id, sharerTemplateId: tpl.data.id, friendsNeeded: 3, validFrom: '2026-05-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z', status: 'active' } });
  expect(pack.statusCode, pack.body).toBe(201);

  const share = async (as: TestUser, type: string, id: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', as, body: { target: { type, id }, channel: 'link' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.data;
  };
  shares.team = await share(leader.user, 'team', opened.data.team.id);
  shares.bargain = await share(cutter, 'bargain', cut.data.id);
  shares.invite = await share(inviter, 'invite', inviter.id);
  shares.coupon_pack = await share(inviter, 'coupon_pack', pack.data.id);
});
afterAll(() => t?.close());

const svgOf = async (token: string, lang: 'zh-CN' | 'en') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/shares/${token}/poster.svg?lang=${lang}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('image/svg+xml');
  return res.body;
};
const pngOf = async (token: string, headers: Record<string, string> = {}, query = '') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/shares/${token}/poster.png${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('image/png');
  return decodePng(res.rawPayload);
};

describe('share posters per mechanic', () => {
  it('team: the price with shipping, 还差 1 人 and the deadline, in both languages', async () => {
    const zh = await svgOf(shares.team.token, 'zh-CN');
    expect(zh).toContain('到手价 · 含运费¥10');
    expect(zh).toMatch(/<tspan[^>]*>¥<\/tspan><tspan[^>]*>29<\/tspan><tspan[^>]*>\.90<\/tspan>/); // 19.90 + 10 shipping
    // No 原价: the leader's paid order charged ¥19.90 for this SKU, so no higher "original" price
    // may be claimed within the compliance window (compliance caps the reference).
    expect(zh).not.toContain('原价');
    expect(zh).toContain('还差 1 人成团');
    expect(zh).toMatch(/\d+小时\d+分后结束/);
    expect(zh).toContain('2人团');
    expect(zh).toContain('扫码参团');
    const en = await svgOf(shares.team.token, 'en');
    expect(en).toContain('You pay · incl. ¥10 shipping');
    expect(en).toContain('1 more to go');
    expect(en).toMatch(/ends in \d+h \d+m/);
    expect(en).toContain('Yangshan peaches, gift box');
    expect(en).not.toMatch(/[\u4e00-\u9fff]{2}/); // no Chinese words left on the English poster
  });

  it('price-cut: 最低砍至 the floor (+ shipping), what is cut so far and 帮我砍一刀', async () => {
    const zh = await svgOf(shares.bargain.token, 'zh-CN');
    expect(zh).toContain('最低砍至 · 含运费¥10');
    expect(zh).toMatch(/<tspan[^>]*>¥<\/tspan><tspan[^>]*>19<\/tspan><tspan[^>]*>\.90<\/tspan>/); // 9.90 + 10 shipping
    expect(zh).not.toContain('>48<');
    // The starting price is struck through once it has come down (a SKU never sold: its list price).
    if (cutNow < 4890) expect(zh).toContain('原价 ¥48.90');
    else expect(zh).not.toContain('原价');
    expect(zh).toMatch(/已砍 ¥[\d.]+/);
    expect(zh).toContain('帮我砍一刀');
    expect(zh).toContain('砍价小王');
    const en = await svgOf(shares.bargain.token, 'en');
    expect(en).toContain('Cut to as low as · incl. ¥10 shipping');
    expect(en).toContain('Help me cut the price');
    expect(en).toMatch(/¥[\d.]+ cut so far/);
  });

  it('invite: the ¥15 newcomer coupon from the running referral campaign', async () => {
    const zh = await svgOf(shares.invite.token, 'zh-CN');
    expect(zh).toContain('送你 ¥15券');
    expect(zh).toContain('无门槛');
    expect(zh).toContain('扫码注册 领取新人礼');
    expect(zh).toContain('邀请人小李');
    const en = await svgOf(shares.invite.token, 'en');
    expect(en).toContain('A ¥15 coupon for you');
    expect(en).toContain('Scan to sign up and claim');
  });

  it('coupon pack: the friend coupon with its threshold', async () => {
    expect(await svgOf(shares.coupon_pack.token, 'zh-CN')).toContain('送你 ¥8券');
    expect(await svgOf(shares.coupon_pack.token, 'zh-CN')).toContain('满¥59可用');
    const en = await svgOf(shares.coupon_pack.token, 'en');
    expect(en).toContain('A ¥8 coupon for you');
    expect(en).toContain('on orders over ¥59');
    expect(en).toContain('Friend coupon');
  });

  it('renders each poster to a 750×1334 PNG whose picture is drawn, not blank, in both languages', async () => {
    for (const kind of ['team', 'bargain', 'invite'] as const) {
      for (const lang of ['zh-CN', 'en']) {
        const img = await pngOf(shares[kind].token, {}, `?lang=${lang}`);
        expect([img.width, img.height]).toEqual([750, 1334]);
        const stats = areaStats(img, EMOJI_BOX);
        // The emoji (peach or gift) is drawn: real contrast, not the smooth gradient (stdev about 5)
        // the demo cover leaves behind when its emoji is not drawn.
        expect(stats.colours, `${kind} ${lang}`).toBeGreaterThan(3);
        expect(stats.stdev, `${kind} ${lang}`).toBeGreaterThan(15);
      }
    }
  });

  it('takes the language from Accept-Language when the query has none, and says it varies by it', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/shares/${shares.team.token}/poster.svg`, headers: { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' } });
    expect(res.body).toContain('1 more to go');
    expect(res.headers.vary).toContain('accept-language');
    const zh = await t.request({ method: 'GET', url: `/api/v1/shares/${shares.team.token}/poster.svg`, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.body).toContain('还差 1 人成团');
    expect(zh.headers['cache-control']).toBe('public, max-age=60'); // live state: a minute
    const invite = await t.request({ method: 'GET', url: `/api/v1/shares/${shares.invite.token}/poster.svg?lang=en` });
    expect(invite.headers['cache-control']).toBe('public, max-age=300');
    expect(invite.headers.vary).toBeUndefined();
  });

  it('refuses an unknown language and an unknown link with coded errors', async () => {
    const bad = await t.request({ method: 'GET', url: `/api/v1/shares/${shares.team.token}/poster.png?lang=fr` });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.code).toBe('VALIDATION_FAILED');
    const missing = await t.request({ method: 'GET', url: '/api/v1/shares/NoSuchToken1/poster.svg' });
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('SHARING_LINK_NOT_FOUND');
  });

  it('follows the state: once the team is full its poster no longer asks for more', async () => {
    const team = (await t.services.sharing.posterText(shares.team.token)).state;
    expect(team).toBe('还差 1 人成团');
    const teamId = (await t.services.sharing.resolveShare(t.platform.db, shares.team.token))!.targetId;
    const friend = await shopperWithAddress(t);
    const joined = await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${teamId}/join`, as: friend.user, body: { addressId: friend.addressId } });
    expect(joined.statusCode, joined.body).toBe(201);
    await payOrder(t, friend.user, joined.data.order.id);
    const after = await svgOf(shares.team.token, 'zh-CN');
    expect(after).toContain('已成团');
    expect(after).not.toContain('还差 1 人成团');
  });
});
