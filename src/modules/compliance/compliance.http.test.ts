// Compliance over HTTP on both databases: charged prices cap the reference shown on product pages,
// the pre-launch check blocks a failing campaign unless an admin overrides (audited), channel
// policies refuse or downgrade shares, the audit-log viewer filters, and bad input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
let admin: TestUser;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.operator();
  const email = `plain-op-${Date.now()}@example.com`;
  await t.services.identity.ensureOperator(email, 'Operator-Console-2026', false);
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: email, password: 'Operator-Console-2026', session: 'bearer' } });
  operator = { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();
const count = async (table: 'compliance_campaign_profiles' | 'compliance_channel_policies' | 'compliance_charged_prices' | 'audit_log') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function buy(skuId: string) {
  const { user, addressId } = await shopperWithAddress(t);
  const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
  await payOrder(t, user, order.id);
  return order.id as string;
}
const setPrice = async (skuId: string, price: number, listPrice: number | null) => {
  const res = await t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/skus/${skuId}`, as: admin, body: { price: { amount: price }, listPrice: listPrice === null ? null : { amount: listPrice } } });
  expect(res.statusCode, res.body).toBe(200);
};
const shownReference = async (productId: string) => (await t.request({ method: 'GET', url: `/api/v1/catalog/products/${productId}` })).data.skus[0].listPrice?.amount ?? null;

async function groupbuyDraft() {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: admin, body: { name: '合规拼团', skuId, groupPrice: 5900, teamSize: 2, stock: 100, endsAt: iso(5 * DAY) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string; skuId: string };
}
const RULES = '活动规则：活动期间每位用户限参与一次，拼团成功后发货；未成团自动退款；奖品与价格以页面公示为准，解释权归本店。';
const profile = (over: Record<string, unknown> = {}) => ({
  channels: ['wechat', 'moments'], rewardsSharing: false, shareForChances: false, helpPrompts: false, lottery: false, rewardsFollowing: false,
  rulesText: RULES, rulesPublished: true, virtualMembers: 0, virtualMembersDisclosed: false, maxPrizeAmount: null, commissionDepth: 0, promoterEntryFeeAmount: 0, referencePrices: [], ...over,
});
const saveProfile = (id: string, body: unknown, as = admin) => t.request({ method: 'PUT', url: `/api/v1/admin/compliance/campaigns/${id}/profile`, as, body });
const start = (id: string, body?: unknown, as = admin) => t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${id}/start`, as, ...(body ? { body } : {}) });

describe('reference price (charged-price history)', () => {
  it('records each charged unit price once, and caps the product page’s reference at the lowest charged in 7 days', async () => {
    const { productId, skuId } = await sellableSku(t, { price: 15900, stock: 50 });
    const orderId = await buy(skuId);
    await t.settle(); // a replayed order.paid records nothing twice
    const history = await t.request({ method: 'GET', url: `/api/v1/admin/compliance/skus/${skuId}/charged-prices`, as: admin });
    expect(history.data.items).toEqual([{ orderId, unitAmount: 15900, currency: 'CNY', chargedAt: expect.any(String) }]);

    // A discount to 12900 "from 19900": the page may claim at most 15900, the price actually charged.
    await setPrice(skuId, 12900, 19900);
    expect(await shownReference(productId)).toBe(15900);
    const refs = await t.request({ method: 'GET', url: `/api/v1/admin/compliance/reference-prices?skuIds=${skuId}`, as: admin });
    expect(refs.data).toEqual({ market: 'CN', days: 7, items: [{ skuId, lawfulAmount: 15900 }] });

    // A sale at 13900 inside the window lowers it; once both sales are older than 7 days the last one stands.
    await setPrice(skuId, 13900, null);
    await buy(skuId);
    await setPrice(skuId, 12900, 19900);
    expect(await shownReference(productId)).toBe(13900);
    t.clock.advance(8 * DAY);
    expect(await shownReference(productId)).toBe(13900);
    // Sold at the discounted price itself: no reference above it may be shown at all.
    await buy(skuId);
    expect(await shownReference(productId)).toBeNull();
  });

  it('uses 30 days in the EU market and leaves an honest reference untouched', async () => {
    const { productId, skuId } = await sellableSku(t, { price: 10000, stock: 50 });
    await buy(skuId);
    t.clock.advance(10 * DAY);
    await setPrice(skuId, 12000, null);
    await buy(skuId);
    await setPrice(skuId, 9000, 12000);
    expect(await shownReference(productId)).toBe(12000); // CN: only the 12000 sale is within 7 days
    expect((await t.request({ method: 'PUT', url: '/api/v1/admin/settings/compliance.market', as: admin, body: { value: 'EU' } })).statusCode).toBe(200);
    expect(await shownReference(productId)).toBe(10000); // EU: the 10000 sale 10 days ago counts
    await t.request({ method: 'PUT', url: '/api/v1/admin/settings/compliance.market', as: admin, body: { value: 'CN' } });
  });

  it('refuses bad SKU lists with a coded 400', async () => {
    for (const q of ['skuIds=not-a-uuid', `skuIds=${Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000000').join(',')}`, 'skuIds=,']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/admin/compliance/reference-prices?${q}`, as: admin });
      expect(res.statusCode, q).toBe(400);
    }
  });
});

describe('pre-launch compliance check', () => {
  it('blocks a failing campaign, lets an admin override with an audited reason, and starts once fixed', async () => {
    const c = await groupbuyDraft();
    expect((await saveProfile(c.id, profile({ rewardsSharing: true, virtualMembers: 2 }))).statusCode).toBe(200);
    const check = await t.request({ method: 'GET', url: `/api/v1/admin/compliance/campaigns/${c.id}/check`, as: admin });
    const failing = check.data.findings.filter((f: any) => f.severity === 'block').map((f: any) => f.check);
    expect(failing).toEqual(expect.arrayContaining(['compliance.virtual_members', 'compliance.channel.wechat.no_share_reward', 'compliance.channel.moments.no_share_reward']));
    expect(check.data.findings.find((f: any) => f.check === 'compliance.virtual_members').details).toMatchObject({ outcome: 'fail', source: { law: expect.stringContaining('E-Commerce Law') } });
    // The kernel's launch review shows the same.
    const review = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${c.id}/checks`, as: admin });
    expect(review.data.findings.map((f: any) => f.check)).toEqual(expect.arrayContaining(failing));

    const blocked = await start(c.id);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.data.error.code).toBe('CAMPAIGN_PRELAUNCH_BLOCKED');

    // A plain operator cannot override; a too-short reason is refused by the schema; neither writes anything.
    const audits = await count('audit_log');
    const refused = await start(c.id, { overrideReason: 'Legal signed off on this on 2026-06-01' }, operator);
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('CAMPAIGN_OVERRIDE_FORBIDDEN');
    expect((await start(c.id, { overrideReason: 'short' })).statusCode).toBe(400);
    expect((await start(c.id, { overrideReason: 'Legal signed off on this on 2026-06-01', extra: 1 })).statusCode).toBe(400);
    expect(await count('audit_log')).toBe(audits);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${c.id}`, as: admin })).data.status).toBe('draft');

    // Fixed: disclosed members and no reward for sharing; then it starts with no override.
    const fixed = await saveProfile(c.id, profile({ virtualMembers: 2, virtualMembersDisclosed: true }));
    expect(fixed.data).toMatchObject({ declared: true, virtualMembersDisclosed: true, rewardsSharing: false, rulesPublishedAt: expect.any(String) });
    const started = await start(c.id);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.data.findings.filter((f: any) => f.severity === 'block')).toEqual([]);
    // The declaration is locked with the rules once the campaign starts.
    const locked = await saveProfile(c.id, profile());
    expect(locked.statusCode).toBe(409);
    expect(locked.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
  });

  it('an admin override starts a failing campaign and the audit log keeps who, why and what failed', async () => {
    const c = await groupbuyDraft();
    await saveProfile(c.id, profile({ commissionDepth: 3 }));
    const res = await start(c.id, { overrideReason: 'Commission ends at level 2 in practice; ticket LEGAL-42' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.campaign.status).toBe('live');
    const log = await t.request({ method: 'GET', url: `/api/v1/admin/audit-log?action=campaign.prelaunch_override&subjectId=${c.id}`, as: admin });
    expect(log.data.items).toHaveLength(1);
    expect(log.data.items[0]).toMatchObject({ actorId: admin.id, subjectType: 'groupbuy_campaign', details: { reason: 'Commission ends at level 2 in practice; ticket LEGAL-42', findings: [expect.objectContaining({ check: 'compliance.commission_depth' })] } });
  });

  it('flags a campaign whose displayed reference is above the lowest charged price', async () => {
    const { skuId } = await sellableSku(t, { price: 8800, stock: 10 });
    await buy(skuId);
    const c = await groupbuyDraft();
    await saveProfile(c.id, profile({ referencePrices: [{ skuId, amount: 9900 }] }));
    const check = await t.request({ method: 'GET', url: `/api/v1/admin/compliance/campaigns/${c.id}/check`, as: admin });
    expect(check.data.findings.find((f: any) => f.check === 'compliance.reference_price')).toMatchObject({ severity: 'block', details: { skus: [{ skuId, shownAmount: 9900, lawfulAmount: 8800 }] } });
    await saveProfile(c.id, profile({ referencePrices: [{ skuId, amount: 8800 }] }));
    expect((await start(c.id)).statusCode).toBe(200);
  });

  it('refuses a bad declaration with a coded 400 and writes nothing', async () => {
    const c = await groupbuyDraft();
    const before = await count('compliance_campaign_profiles');
    const bad = [
      profile({ channels: ['myspace'] }),
      profile({ channels: ['wechat', 'wechat'] }),
      profile({ rulesText: '', rulesPublished: true }),
      profile({ referencePrices: [{ skuId: 'x', amount: 1 }] }),
      profile({ commissionDepth: '2' }),
      profile({ surprise: true }),
      profile({ maxPrizeAmount: -1 }),
    ];
    for (const body of bad) {
      const res = await saveProfile(c.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code).toMatch(/^(VALIDATION_FAILED|COMPLIANCE_PROFILE_INVALID)$/);
    }
    expect(await count('compliance_campaign_profiles')).toBe(before);
    expect((await saveProfile('00000000-0000-4000-8000-000000000000', profile())).statusCode).toBe(404);
  });
});

describe('channel policies at share time', () => {
  it('refuses a store-run draw on Xiaohongshu with a coded error, allows it on WeChat, and downgrades a product share to a plain link', async () => {
    const draw = await t.request({
      method: 'POST', url: '/api/v1/admin/lottery/draws', as: admin,
      body: { name: '合规抽奖', rulesText: RULES, startsAt: iso(-60_000), endsAt: iso(2 * DAY), dailyFreeChances: 1, prizes: [{ name: '积分', kind: 'points', points: 10, weight: 1, stock: 10 }, { name: '谢谢参与', kind: 'nothing', weight: 9 }] },
    });
    expect(draw.statusCode, draw.body).toBe(201);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${draw.data.id}/start`, as: admin })).statusCode).toBe(200);
    const sharer = await t.signUp();
    const shares = async () => Number((await t.platform.db.selectFrom('shares').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await shares();
    const refused = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'lottery', id: draw.data.id }, channel: 'xiaohongshu' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.data.error).toMatchObject({ code: 'COMPLIANCE_CHANNEL_REFUSED', details: { channel: 'xiaohongshu', broken: [{ rule: 'channel.xiaohongshu.no_private_lottery' }] } });
    expect(await shares()).toBe(before);
    expect((await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'lottery', id: draw.data.id }, channel: 'wechat' } })).statusCode).toBe(201);

    // A group buy that rewards sharing: its product shared to WeChat goes out as a plain product link.
    const c = await groupbuyDraft();
    await saveProfile(c.id, profile({ rewardsSharing: true }));
    const { productId } = await sellableSku(t);
    const plain = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'wechat', campaignId: c.id } });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.data.campaignId ?? null).toBeNull();
    const onLink = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'link', campaignId: c.id } });
    expect(onLink.data.campaignId).toBe(c.id);
  });

  it('refuses a price-cut shared to WeChat Moments (help prompts) and lets it go to a WeChat chat', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 20 });
    const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: admin, body: { name: '合规砍价', skuId, floorAmount: 990, helpersNeeded: 3, stock: 10 } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: admin })).statusCode).toBe(200);
    const shopper = await t.signUp();
    const cut = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${created.data.id}/cuts`, as: shopper });
    expect(cut.statusCode, cut.body).toBe(201);
    const onMoments = await t.request({ method: 'POST', url: '/api/v1/shares', as: shopper, body: { target: { type: 'bargain', id: cut.data.id }, channel: 'moments' } });
    expect(onMoments.statusCode).toBe(422);
    expect(onMoments.data.error).toMatchObject({ code: 'COMPLIANCE_CHANNEL_REFUSED', details: { channel: 'moments', campaignId: null, broken: [{ rule: 'channel.moments.no_help_prompts', source: { law: expect.stringContaining('WeChat') } }] } });
    expect((await t.request({ method: 'POST', url: '/api/v1/shares', as: shopper, body: { target: { type: 'bargain', id: cut.data.id }, channel: 'wechat' } })).statusCode).toBe(201);
  });

  it('lists the policies as data, lets an admin edit one (audited), and refuses bad policies', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/compliance/channel-policies', as: admin });
    expect(list.data.items.map((p: any) => p.channel)).toEqual(['douyin', 'moments', 'wechat', 'weibo', 'xiaohongshu']);
    const weibo = list.data.items.find((p: any) => p.channel === 'weibo');
    const stricter = weibo.rules.map((r: any) => (r.code === 'no_private_lottery' ? { ...r, severity: 'fail' } : r));
    const put = (channel: string, rules: unknown, as = admin) => t.request({ method: 'PUT', url: `/api/v1/admin/compliance/channel-policies/${channel}`, as, body: { rules } });
    expect((await put('weibo', stricter, operator)).statusCode).toBe(403);
    const before = await count('audit_log');
    expect((await put('weibo', [...stricter, stricter[0]])).data.error.code).toBe('COMPLIANCE_POLICY_INVALID');
    expect((await put('weibo', [{ code: 'no_such', severity: 'fail', source: { law: 'x', article: 'y' } }])).statusCode).toBe(400);
    expect((await put('myspace', stricter)).data.error.code).toBe('COMPLIANCE_CHANNEL_UNKNOWN');
    expect(await count('audit_log')).toBe(before);
    const saved = await put('weibo', stricter);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.data.rules.find((r: any) => r.code === 'no_private_lottery').severity).toBe('fail');
    const log = await t.request({ method: 'GET', url: '/api/v1/admin/audit-log?action=compliance.&subjectType=channel_policy', as: admin });
    expect(log.data.items[0]).toMatchObject({ action: 'compliance.policy_updated', subjectId: 'weibo', actorId: admin.id });
  });
});

describe('audit-log viewer', () => {
  it('filters by actor, action prefix and time, pages by cursor, and is for operators only', async () => {
    const a = await groupbuyDraft();
    const b = await groupbuyDraft();
    await saveProfile(a.id, profile());
    await saveProfile(b.id, profile(), operator);
    const mine = await t.request({ method: 'GET', url: `/api/v1/admin/audit-log?actorId=${operator.id}`, as: admin });
    expect(mine.data.items.map((e: any) => e.subjectId)).toEqual([b.id]);
    const first = await t.request({ method: 'GET', url: '/api/v1/admin/audit-log?action=compliance.profile_saved&limit=1', as: admin });
    expect(first.data.items).toHaveLength(1);
    const next = await t.request({ method: 'GET', url: `/api/v1/admin/audit-log?action=compliance.profile_saved&limit=1&cursor=${first.data.nextCursor}`, as: admin });
    expect(next.data.items[0].id).toBeLessThan(first.data.items[0].id);
    const future = await t.request({ method: 'GET', url: `/api/v1/admin/audit-log?from=${encodeURIComponent(iso(HOUR))}`, as: admin });
    expect(future.data.items).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/audit-log?from=yesterday', as: admin })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/audit-log?cursor=bogus', as: admin })).statusCode).toBe(400);
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/audit-log', as: shopper })).statusCode).toBe(403);
  });
});

describe('security headers', () => {
  it('sends a strict CSP and DENY framing on pages and the API, and lets only /docs use inline styles', async () => {
    const health = await t.request({ method: 'GET', url: '/health' });
    const csp = String(health.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(health.headers['x-frame-options']).toBe('DENY');
    // HSTS is the edge's, sent only over HTTPS (platform/edge.http.test.ts); this request is plain HTTP.
    expect(health.headers['strict-transport-security']).toBeUndefined();
    expect(health.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const docs = await t.request({ method: 'GET', url: '/docs/static/index.html' });
    expect(String(docs.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
    // A JSON answer loads nothing and is never framed or sniffed: the API's own, shorter set.
    const api = await t.request({ method: 'GET', url: '/api/v1/catalog/categories' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(api.headers['cross-origin-opener-policy']).toBeUndefined();
    const missing = await t.request({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
