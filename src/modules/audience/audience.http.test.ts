import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let fan: TestUser; // bought twice, allows marketing
let quiet: TestUser; // bought once, never opted in to marketing
let browser: TestUser; // allows marketing, never bought
let couponTemplateId: string;
let skuId: string;
let fanPaid = 0;

const NIL = '00000000-0000-4000-8000-000000000000';
const BUYERS = { op: 'and', rules: [{ field: 'frequency', cmp: 'gte', value: 1 }] };

async function buy(user: TestUser, couponIds?: string[]) {
  const addressId = await addressOf(t, user);
  const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, ...(couponIds ? { couponIds } : {}) } });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`order: ${res.statusCode} ${res.body}`);
  await payOrder(t, user, res.data.id);
  return res.data;
}
const consent = (user: TestUser, granted: boolean) => t.request({ method: 'PUT', url: '/api/v1/me/privacy/consents/marketing', as: user, body: { granted } });
const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => t.request({ method, url: `/api/v1/admin/audience${path}`, as: op, ...(body === undefined ? {} : { body }) });
const count = async (table: 'audience_segments' | 'audience_dispatches' | 'audience_messages') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 5000, stock: 100 }));
  [fan, quiet, browser] = [await t.signUp(), await t.signUp(), await t.signUp()];
  await consent(fan, true);
  await consent(browser, true);
  fanPaid += (await buy(fan)).total.amount;
  t.clock.advance(3 * 86_400_000);
  fanPaid += (await buy(fan)).total.amount;
  await buy(quiet);
  const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '老客回馈 ¥10', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7 } });
  couponTemplateId = tpl.data.id;
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${couponTemplateId}/activate`, as: op })).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('profiles', () => {
  it('recomputes RFM, acquisition and tags for every customer and reports the model fit', async () => {
    const res = await admin('POST', '/profiles/recompute', {});
    expect(res.statusCode).toBe(200);
    expect(res.data.customers).toBeGreaterThanOrEqual(3);
    // Three customers cannot fit a model: the report says why instead of inventing parameters.
    expect(res.data.bgnbd).toBeNull();
    expect(res.data.reason).toMatch(/buyers/);

    const fanProfile = (await admin('GET', `/profiles/${fan.id}`)).data;
    expect(fanProfile).toMatchObject({ frequency: 2, monetary: { amount: fanPaid, currency: 'CNY' }, recencyDays: 0, channel: 'direct' });
    expect(fanProfile.rfm.f).toBeGreaterThanOrEqual(1);
    const browserProfile = (await admin('GET', `/profiles/${browser.id}`)).data;
    expect(browserProfile).toMatchObject({ frequency: 0, recencyDays: null, rfm: { r: 0, f: 0, m: 0 } });
    expect(browserProfile.tags).toContain('never_bought');
    // Operators are not customers.
    expect((await admin('GET', `/profiles/${op.id}`)).statusCode).toBe(404);
    expect((await admin('GET', '/model')).data.fit).toMatchObject({ customers: res.data.customers, bgnbd: null });
  });

  it('keeps operator tags across recomputes and refuses bad tags', async () => {
    const set = await admin('PUT', `/profiles/${fan.id}/tags`, { tags: ['vip', '老客'] });
    expect(set.statusCode).toBe(200);
    expect(set.data.tags).toEqual(expect.arrayContaining(['vip', '老客']));
    await admin('POST', '/profiles/recompute', {});
    expect((await admin('GET', `/profiles/${fan.id}`)).data.tags).toEqual(expect.arrayContaining(['vip', '老客']));
    expect((await admin('PUT', `/profiles/${fan.id}/tags`, { tags: ['Bad Tag!'] })).statusCode).toBe(400);
    expect((await admin('PUT', `/profiles/${NIL}/tags`, { tags: ['vip'] })).data.error.code).toBe('AUDIENCE_CUSTOMER_NOT_FOUND');
  });
});

describe('segments', () => {
  it('previews an unsaved rule with a live count and sample, and saves it', async () => {
    const preview = await admin('POST', '/segments/preview', { rule: BUYERS, sampleSize: 5 });
    expect(preview.statusCode).toBe(200);
    const ids = preview.data.sample.map((p: { userId: string }) => p.userId);
    expect(ids).toEqual(expect.arrayContaining([fan.id, quiet.id]));
    expect(ids).not.toContain(browser.id);
    const vip = await admin('POST', '/segments/preview', { rule: { op: 'or', rules: [{ field: 'tag', cmp: 'has', value: 'vip' }, { op: 'and', rules: [{ field: 'frequency', cmp: 'eq', value: 0 }, { field: 'channel', cmp: 'eq', value: 'nowhere' }] }] } });
    expect(vip.data.count).toBe(1);

    const saved = await admin('POST', '/segments', { name: '买过的人', rule: BUYERS });
    expect(saved.statusCode).toBe(201);
    expect(saved.data).toMatchObject({ name: '买过的人', count: preview.data.count });
    const renamed = await admin('PATCH', `/segments/${saved.data.id}`, { name: '老客' });
    expect(renamed.data.name).toBe('老客');
    expect((await admin('GET', '/segments')).data.items.map((s: { id: string }) => s.id)).toContain(saved.data.id);
  });

  it('refuses malformed rules and unknown segments, writing nothing', async () => {
    const before = await count('audience_segments');
    for (const rule of [{ op: 'and', rules: [] }, { op: 'xor', rules: [BUYERS.rules[0]] }, { op: 'and', rules: [{ field: 'frequency', cmp: 'gte', value: '1' }] }, { op: 'and', rules: [{ field: 'email', cmp: 'eq', value: 'x' }] }]) {
      expect((await admin('POST', '/segments', { name: 'x', rule })).statusCode).toBe(400);
      expect((await admin('POST', '/segments/preview', { rule })).statusCode).toBe(400);
    }
    expect((await admin('POST', '/segments', { name: '', rule: BUYERS })).statusCode).toBe(400);
    expect((await admin('POST', '/segments', { name: 'x', rule: BUYERS, extra: 1 })).statusCode).toBe(400);
    expect(await count('audience_segments')).toBe(before);
    expect((await admin('GET', `/segments/${NIL}`)).data.error.code).toBe('AUDIENCE_SEGMENT_NOT_FOUND');
    expect((await admin('DELETE', '/segments/nope')).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/audience/segments/preview', as: fan, body: { rule: BUYERS } })).statusCode).toBe(403);
  });
});

describe('targeted dispatch', () => {
  it('sends a coupon and a message to members who allow marketing, once each, and reports opened and redeemed', async () => {
    const segment = (await admin('POST', '/segments', { name: '买家', rule: BUYERS })).data;
    const made = await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'coupon', couponTemplateId, title: '送你一张券', body: '感谢回购，¥10 券已放入你的卡包' });
    expect(made.statusCode).toBe(201);
    expect(made.data.status).toBe('queued');
    await t.settle();

    const report = (await admin('GET', `/dispatches/${made.data.id}`)).data;
    expect(report.status).toBe('done');
    expect(report.report).toMatchObject({ targeted: 2, delivered: 1, skippedNoConsent: 1, failed: 0, opened: 0, redeemed: 0 });

    const inbox = (await t.request({ method: 'GET', url: '/api/v1/me/messages', as: fan })).data;
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ title: '送你一张券', couponName: '老客回馈 ¥10', readAt: null });
    const wallet = (await t.request({ method: 'GET', url: '/api/v1/me/coupons', as: fan })).data.items;
    expect(wallet.map((c: { id: string }) => c.id)).toContain(inbox.items[0].couponId);
    // No consent, no message and no coupon; not in the segment, nothing either.
    expect((await t.request({ method: 'GET', url: '/api/v1/me/messages', as: quiet })).data).toEqual({ items: [], unread: 0 });
    expect((await t.request({ method: 'GET', url: '/api/v1/me/messages', as: browser })).data.items).toEqual([]);

    // A retry of the job after a crash half-way delivers nothing twice.
    await t.platform.db.updateTable('audience_dispatches').set({ status: 'running' }).where('id', '=', made.data.id).execute();
    await t.services.audience.runDispatch(made.data.id);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/messages', as: fan })).data.items).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/coupons', as: fan })).data.items.filter((c: { templateId: string }) => c.templateId === couponTemplateId)).toHaveLength(1);

    // Opened, then redeemed on a paid order.
    const read = await t.request({ method: 'POST', url: `/api/v1/me/messages/${inbox.items[0].id}/read`, as: fan, body: {} });
    expect(read.statusCode).toBe(200);
    expect(read.data.readAt).not.toBeNull();
    expect((await t.request({ method: 'POST', url: `/api/v1/me/messages/${inbox.items[0].id}/read`, as: quiet, body: {} })).statusCode).toBe(404);
    await buy(fan, [inbox.items[0].couponId]);
    const after = (await admin('GET', `/dispatches/${made.data.id}`)).data.report;
    expect(after).toMatchObject({ delivered: 1, opened: 1, redeemed: 1 });
    expect((await admin('GET', '/dispatches')).data.items[0].id).toBe(made.data.id);
  });

  it('sends a plain message, and refuses a coupon dispatch without an issuable coupon, writing nothing', async () => {
    const segment = (await admin('POST', '/segments', { name: '没买过', rule: { op: 'and', rules: [{ field: 'frequency', cmp: 'eq', value: 0 }] } })).data;
    const before = await count('audience_dispatches');
    expect((await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'coupon', title: 't', body: 'b' })).data.error.code).toBe('AUDIENCE_COUPON_REQUIRED');
    const draft = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: 'draft', kind: 'fixed', discountAmount: 100, scope: 'store', validDaysAfterClaim: 7 } });
    expect((await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'coupon', couponTemplateId: draft.data.id, title: 't', body: 'b' })).data.error.code).toBe('AUDIENCE_COUPON_NOT_ISSUABLE');
    expect((await admin('POST', '/dispatches', { segmentId: NIL, kind: 'message', title: 't', body: 'b' })).data.error.code).toBe('AUDIENCE_SEGMENT_NOT_FOUND');
    expect((await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'sms', title: 't', body: 'b' })).statusCode).toBe(400);
    expect((await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'message', title: '', body: 'b' })).statusCode).toBe(400);
    expect(await count('audience_dispatches')).toBe(before);

    const sent = await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'message', title: '新人礼', body: '首单立减' });
    await t.settle();
    const report = (await admin('GET', `/dispatches/${sent.data.id}`)).data.report;
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    const inbox = (await t.request({ method: 'GET', url: '/api/v1/me/messages', as: browser })).data;
    expect(inbox.items[0]).toMatchObject({ title: '新人礼', couponId: null });
  });
  it('a dispatch whose job keeps failing shows the error while retrying and ends failed, not running', async () => {
    const segment = (await admin('POST', '/segments', { name: '重试', rule: BUYERS })).data;
    const made = (await admin('POST', '/dispatches', { segmentId: segment.id, kind: 'message', title: 'retry', body: 'b' })).data;
    // A stored rule the segment evaluator cannot read: every attempt throws before anyone is decided.
    await t.platform.db.updateTable('audience_dispatches').set({ rule: JSON.stringify({ op: 'xor', rules: 'bad' }) }).where('id', '=', made.id).execute();
    await expect(t.services.audience.runDispatch(made.id, 1)).rejects.toThrow();
    const retrying = (await admin('GET', `/dispatches/${made.id}`)).data;
    expect(retrying.status).not.toBe('failed');
    expect(retrying.lastError).toEqual(expect.any(String));
    await expect(t.services.audience.runDispatch(made.id, 5)).rejects.toThrow();
    const failed = (await admin('GET', `/dispatches/${made.id}`)).data;
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.any(String), report: { delivered: 0 } });
    expect(failed.finishedAt).not.toBeNull();
    // A failed dispatch is not picked up again by a late retry.
    await t.services.audience.runDispatch(made.id, 1);
    expect((await admin('GET', `/dispatches/${made.id}`)).data.status).toBe('failed');
  });
});

describe('campaign audience', () => {
  it("admits only the segment's members to a restricted campaign", async () => {
    const segment = (await admin('POST', '/segments', { name: 'VIP', rule: { op: 'and', rules: [{ field: 'tag', cmp: 'has', value: 'vip' }] } })).data;
    const set = await admin('PUT', `/campaigns/${couponTemplateId}/segment`, { segmentId: segment.id });
    expect(set.statusCode).toBe(200);
    expect(set.data).toEqual({ campaignId: couponTemplateId, segmentId: segment.id });
    const take = (user: TestUser) => t.platform.db.transaction().execute((trx) => t.services.campaigns.mayTakePart(trx, couponTemplateId, user.id));
    await expect(take(fan)).resolves.toBeUndefined();
    await expect(take(quiet)).rejects.toMatchObject({ code: 'CAMPAIGN_AUDIENCE_EXCLUDED' });
    // The shopper-facing claim asks the same hook: an outsider is refused and gets no coupon.
    const claim = (user: TestUser) => t.request({ method: 'POST', url: `/api/v1/coupons/templates/${couponTemplateId}/claim`, as: user });
    const refused = await claim(quiet);
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('CAMPAIGN_AUDIENCE_EXCLUDED');
    expect((await t.platform.db.selectFrom('coupons').select('id').where('user_id', '=', quiet.id).where('template_id', '=', couponTemplateId).execute())).toHaveLength(0);

    expect((await admin('PUT', `/campaigns/${couponTemplateId}/segment`, { segmentId: null })).data.segmentId).toBeNull();
    await expect(take(quiet)).resolves.toBeUndefined();
    expect((await admin('PUT', `/campaigns/${NIL}/segment`, { segmentId: segment.id })).data.error.code).toBe('AUDIENCE_CAMPAIGN_NOT_FOUND');
    expect((await admin('PUT', `/campaigns/${couponTemplateId}/segment`, { segmentId: NIL })).data.error.code).toBe('AUDIENCE_SEGMENT_NOT_FOUND');
  });
});

describe('nightly recompute and personal data', () => {
  it('runs the recompute at 03:00 China time and books the next night', async () => {
    const db = t.platform.db;
    const booked = await db.selectFrom('jobs').select('run_at').where('kind', '=', 'audience.recompute-profiles').where('finished_at', 'is', null).execute();
    expect(booked).toHaveLength(1);
    // 03:00 in China is 19:00 UTC.
    expect(booked[0].run_at.getUTCHours()).toBe(19);
    const fitsBefore = Number((await db.selectFrom('audience_model_fits').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    t.clock.set(new Date(booked[0].run_at.getTime() + 1000));
    await t.settle();
    const fitsAfter = Number((await db.selectFrom('audience_model_fits').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(fitsAfter).toBe(fitsBefore + 1);
    const next = await db.selectFrom('jobs').select('run_at').where('kind', '=', 'audience.recompute-profiles').where('finished_at', 'is', null).execute();
    expect(next.map((j) => j.run_at.getTime() - booked[0].run_at.getTime())).toEqual([86_400_000]);
  });

  it("exports and erases a shopper's profile, tags, deliveries and messages", async () => {
    const db = t.platform.db;
    const exported = await db.transaction().execute((trx) => t.platform.personalData.exportFor(trx, fan.id));
    expect(Object.keys(exported.audience ?? {})).toEqual(expect.arrayContaining(['audience_profiles', 'audience_operator_tags', 'audience_deliveries', 'audience_messages']));
    expect(exported.audience.audience_messages.length).toBeGreaterThan(0);
    await db.transaction().execute((trx) => t.platform.personalData.eraseFor(trx, fan.id));
    for (const table of ['audience_profiles', 'audience_operator_tags', 'audience_deliveries', 'audience_messages'] as const) {
      expect(await db.selectFrom(table).select('user_id').where('user_id', '=', fan.id).execute()).toEqual([]);
    }
  });
});
