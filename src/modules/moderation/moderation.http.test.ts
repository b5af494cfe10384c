// Moderation over HTTP: the word list edited by operators changes what `screen` does at once,
// held content is queued and decided once (publishing `moderation.decided`), approved chat writes
// nothing, and a product's negative spike raises an alert.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-06-20T08:00:00.000Z');
  op = await t.operator();
});
afterAll(() => t?.close());

const count = async (table: 'moderation_items' | 'moderation_sentiment_daily' | 'moderation_words') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const screen = (text: string, extra: Partial<{ kind: 'review' | 'note' | 'comment' | 'chat'; productIds: string[] }> = {}) =>
  t.services.moderation.screen({ kind: extra.kind ?? 'comment', subjectId: randomUUID(), authorId: randomUUID(), text, productIds: extra.productIds });

describe('the word list', () => {
  it('starts with the default list, and a word an operator adds is matched at once; removing it lets the text through', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/moderation/words', as: op });
    expect(list.data.items.map((w: { word: string }) => w.word)).toEqual(expect.arrayContaining(['加微信', '刷单', '代刷']));
    expect((await screen('这家店的团长很靠谱')).verdict).toBe('approved');
    const added = await t.request({ method: 'POST', url: '/api/v1/admin/moderation/words', as: op, body: { word: '团长', action: 'hold', note: '测试' } });
    expect(added.statusCode, added.body).toBe(201);
    const held = await screen('这家店的团 长很靠谱');
    expect(held.verdict).toBe('held');
    expect(held.reasons).toContainEqual({ code: 'HELD_WORDS', words: ['团长'] });
    const changed = await t.request({ method: 'POST', url: '/api/v1/admin/moderation/words', as: op, body: { word: '团长', action: 'refuse' } });
    expect(changed.data.id).toBe(added.data.id);
    expect((await screen('团长')).verdict).toBe('refused');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/admin/moderation/words/${added.data.id}`, as: op })).statusCode).toBe(204);
    expect((await screen('这家店的团长很靠谱')).verdict).toBe('approved');
  });

  it('refuses bad words input with a coded 4xx and writes nothing', async () => {
    const before = await count('moderation_words');
    for (const body of [{ word: '', action: 'hold' }, { word: 'x', action: 'delete' }, { word: 'x', action: 'hold', extra: true }, { word: 'x'.repeat(41), action: 'hold' }]) {
      expect((await t.request({ method: 'POST', url: '/api/v1/admin/moderation/words', as: op, body })).statusCode).toBe(400);
    }
    const punct = await t.request({ method: 'POST', url: '/api/v1/admin/moderation/words', as: op, body: { word: '！！', action: 'hold' } });
    expect(punct.statusCode).toBe(422);
    expect(punct.data.error.code).toBe('MODERATION_WORD_INVALID');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/admin/moderation/words/${randomUUID()}`, as: op })).data.error.code).toBe('MODERATION_WORD_NOT_FOUND');
    expect(await count('moderation_words')).toBe(before);
  });

  it('is for operators only', async () => {
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/moderation/words', as: shopper })).statusCode).toBe(403);
  });
});

describe('screening and the queue', () => {
  it('writes nothing for approved chat, and queues held content once per subject', async () => {
    const before = await count('moderation_items');
    const chat = await screen('<b>主播</b>好美', { kind: 'chat' });
    expect(chat).toMatchObject({ verdict: 'approved', text: '主播好美' });
    expect(await count('moderation_items')).toBe(before);
    const subjectId = randomUUID();
    const input = { kind: 'note' as const, subjectId, authorId: randomUUID(), text: '加我微信 abc_12345 有内部价' };
    expect((await t.services.moderation.screen(input)).verdict).toBe('held');
    expect((await t.services.moderation.screen({ ...input, text: '加微信有内部价' })).verdict).toBe('held');
    expect(await count('moderation_items')).toBe(before + 1);
  });

  it('lets an operator decide a held item once, publishing moderation.decided', async () => {
    const subjectId = randomUUID();
    await t.services.moderation.screen({ kind: 'comment', subjectId, authorId: randomUUID(), text: '扫码进群领红包' });
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/moderation/items?status=pending&kind=comment', as: op });
    const item = queue.data.items.find((i: { subjectId: string }) => i.subjectId === subjectId);
    expect(item).toMatchObject({ verdict: 'held', status: 'pending' });
    expect(queue.data.pending).toBeGreaterThanOrEqual(1);
    const decide = (verdict: string) => t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${item.id}/decide`, as: op, body: { verdict } });
    expect((await decide('maybe')).statusCode).toBe(400);
    expect((await decide('refused')).data.status).toBe('refused');
    expect((await decide('approved')).data.error.code).toBe('MODERATION_ALREADY_DECIDED');
    const events = await t.platform.db.selectFrom('outbox_events').select(['type', 'payload']).where('type', '=', 'moderation.decided').execute();
    expect(events.map((e) => e.payload)).toContainEqual({ kind: 'comment', subjectId, verdict: 'refused' });
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${randomUUID()}/decide`, as: op, body: { verdict: 'approved' } })).data.error.code).toBe('MODERATION_ITEM_NOT_FOUND');
  });

  it('previews a text without writing anything', async () => {
    const before = await count('moderation_items');
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/moderation/preview', as: op, body: { text: '物流太慢了，客服也不理人，刷单的吧' } });
    expect(res.data.verdict).toBe('refused');
    expect(res.data.sentiment).toBeLessThan(0);
    expect(await count('moderation_items')).toBe(before);
  });
});

describe('negative-spike alerts', () => {
  it('alerts on a product whose negative share today is far above its usual share, not on a steady one', async () => {
    const spiking = randomUUID();
    const steady = randomUUID();
    // Four weeks of mostly happy reviews for both.
    for (let d = 20; d >= 1; d--) {
      t.clock.set(new Date(Date.parse('2026-06-20T08:00:00.000Z') - d * 86_400_000));
      for (const id of [spiking, steady]) await screen('质量很好，很满意', { kind: 'review', productIds: [id] });
    }
    t.clock.set('2026-06-20T09:00:00.000Z');
    for (let i = 0; i < 4; i++) await screen('质量太差了，用了两天就坏了', { kind: 'review', productIds: [spiking] });
    await screen('很喜欢', { kind: 'review', productIds: [spiking] });
    await screen('很喜欢', { kind: 'review', productIds: [steady] });
    const res = await t.request({ method: 'GET', url: '/api/v1/admin/moderation/alerts', as: op });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.data.items.map((a: { productId: string }) => a.productId);
    expect(ids).toContain(spiking);
    expect(ids).not.toContain(steady);
    expect(res.data.items.find((a: { productId: string }) => a.productId === spiking)).toMatchObject({ recentTotal: 5, recentNegative: 4, baselineTotal: 20, baselineNegative: 0 });
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/moderation/alerts?factor=0', as: op })).statusCode).toBe(400);
  });
});
