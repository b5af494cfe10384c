// Notes over HTTP: bad input answered with a code and nothing written, moderation on every title,
// text and comment (refused: nothing written; held: the author alone sees it until an operator
// approves), 晒单 from one's own paid order, likes, favourites, one level of comments, topics,
// and an operator hiding a note.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let author: TestUser;
let reader: TestUser;
let productId: string;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  author = await t.signUp({ displayName: '小红薯' });
  reader = await t.signUp({ displayName: '路人甲' });
  ({ productId, skuId } = await sellableSku(t, { price: 5900, title: '保湿面霜' }));
});
afterAll(() => t?.close());

const post = (as: TestUser, body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/community/notes', as, body });
const get = (id: string, as?: TestUser) => t.request({ method: 'GET', url: `/api/v1/community/notes/${id}`, as });
const rows = async (table: 'community_notes' | 'community_comments' | 'community_note_topics' | 'community_note_likes') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const moderationItems = async () => Number((await t.platform.db.selectFrom('moderation_items').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('posting notes', () => {
  it('refuses bad input with a coded 4xx and writes nothing (moderation refusals included)', async () => {
    const { addressId } = { addressId: await addressOf(t, reader) };
    const othersOrder = await placeOrder(t, reader, addressId, [{ skuId, quantity: 1 }]);
    const unpaid = await placeOrder(t, author, await addressOf(t, author), [{ skuId, quantity: 1 }]);
    const offSale = randomUUID();
    const base = { title: '面霜测评', text: '用了一周，很滋润 #护肤' };
    const before = { notes: await rows('community_notes'), topics: await rows('community_note_topics'), queue: await moderationItems() };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, text: '专业刷单，日入过百' }, 422, 'COMMUNITY_CONTENT_REFUSED'],
      [{ ...base, title: '刷单教程' }, 422, 'COMMUNITY_CONTENT_REFUSED'],
      [{ ...base, text: '<script>alert(1)</script>' }, 400, 'COMMUNITY_TEXT_EMPTY'],
      [{ ...base, title: '<b></b>' }, 400, 'COMMUNITY_TEXT_EMPTY'],
      [{ ...base, productIds: [offSale] }, 422, 'COMMUNITY_PRODUCT_NOT_FOUND'],
      [{ ...base, productIds: Array.from({ length: 10 }, () => randomUUID()) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, orderId: othersOrder.id }, 404, 'COMMUNITY_ORDER_NOT_FOUND'],
      [{ ...base, orderId: unpaid.id }, 422, 'COMMUNITY_ORDER_NOT_PAID'],
      [{ ...base, images: ['https://evil.example/x.png'] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, images: Array.from({ length: 10 }, () => `/media/${randomUUID()}`) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, title: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, text: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ ...base, orderId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(author, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.data.error.code).toBe(code);
    }
    expect((await t.request({ method: 'POST', url: '/api/v1/community/notes', body: base })).statusCode).toBe(401);
    expect({ notes: await rows('community_notes'), topics: await rows('community_note_topics'), queue: await moderationItems() }).toEqual(before);
  });

  it('stores the sanitised text, parses #话题 and tags products; the topic page lists it', async () => {
    const res = await post(author, { title: '<b>冬天</b>必备面霜', text: '敷完第二天脸很软 <img src=x onerror=alert(1)> #护肤# #冬季好物 #OOTD', productIds: [productId] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ title: '冬天必备面霜', status: 'published', kind: 'note', topics: ['护肤', '冬季好物', 'ootd'], likes: 0, comments: 0, sales: { orders: 0, gmv: { amount: 0 } } });
    expect(res.data.text).not.toMatch(/<|onerror/);
    expect(res.data.products).toEqual([{ id: productId, title: '保湿面霜', image: null, price: { amount: 5900, currency: 'CNY' } }]);
    expect(res.data.author).toMatchObject({ id: author.id, name: '小红薯', kol: false });
    // Others read the author's name masked, and no sales.
    const seen = await get(res.data.id, reader);
    expect(seen.data.author.name).toBe('小**');
    expect(seen.data.sales).toBeNull();
    const topic = await t.request({ method: 'GET', url: `/api/v1/community/topics/${encodeURIComponent('冬季好物')}/notes` });
    expect(topic.data.items.map((n: any) => n.id)).toContain(res.data.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/community/topics/${encodeURIComponent('a b')}/notes` })).data.error.code).toBe('COMMUNITY_TOPIC_INVALID');
    const trending = await t.request({ method: 'GET', url: '/api/v1/community/topics' });
    expect(trending.data.items).toContainEqual({ topic: '护肤', notes: 1 });
  });

  it('holds a note moderation holds: only its author sees it until an operator approves', async () => {
    const res = await post(author, { title: '有需要的私聊', text: '私聊我拿更多色号' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.status).toBe('held');
    expect((await get(res.data.id, reader)).statusCode).toBe(404);
    expect((await get(res.data.id)).statusCode).toBe(404);
    const mine = await t.request({ method: 'GET', url: `/api/v1/community/people/${author.id}/notes`, as: author });
    expect(mine.data.items.map((n: any) => [n.id, n.status])).toContainEqual([res.data.id, 'held']);
    const theirs = await t.request({ method: 'GET', url: `/api/v1/community/people/${author.id}/notes`, as: reader });
    expect(theirs.data.items.map((n: any) => n.id)).not.toContain(res.data.id);
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/moderation/items?kind=note&status=pending', as: op });
    const item = queue.data.items.find((i: any) => i.subjectId === res.data.id);
    expect(item).toBeTruthy();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${item.id}/decide`, as: op, body: { verdict: 'approved' } })).statusCode).toBe(200);
    await t.settle();
    expect((await get(res.data.id, reader)).data.status).toBe('published');

    // A held note the operator refuses stays out of sight, its author told it is hidden.
    const refused = await post(author, { title: '私聊下单', text: '私聊有惊喜' });
    const again = (await t.request({ method: 'GET', url: '/api/v1/admin/moderation/items?kind=note&status=pending', as: op })).data.items.find((i: any) => i.subjectId === refused.data.id);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${again.id}/decide`, as: op, body: { verdict: 'refused' } })).statusCode).toBe(200);
    await t.settle();
    expect((await get(refused.data.id, reader)).statusCode).toBe(404);
    expect((await get(refused.data.id, author)).data.status).toBe('hidden');
  });

  it('lets only the owner post one 晒单 from a paid order, its products tagged', async () => {
    const buyer = await t.signUp({ displayName: '买家' });
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 2 }]);
    await payOrder(t, buyer, order.id);
    expect((await post(reader, { title: '晒单', text: '别人的订单', orderId: order.id })).data.error.code).toBe('COMMUNITY_ORDER_NOT_FOUND');
    const res = await post(buyer, { title: '晒单啦', text: '包装完好，物流很快 #晒单', orderId: order.id, images: [`/media/${randomUUID()}`] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ kind: 'order', orderId: order.id, topics: ['晒单'] });
    expect(res.data.products.map((p: any) => p.id)).toEqual([productId]);
    expect((await get(res.data.id, reader)).data.orderId).toBeNull();
    const again = await post(buyer, { title: '再晒一次', text: '还是这单', orderId: order.id });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('COMMUNITY_ORDER_ALREADY_SHOWN');
  });

  it('uploads a shopper image into the media store and refuses SVG', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex').toString('base64');
    const up = await t.request({ method: 'POST', url: '/api/v1/community/images', as: reader, body: { contentType: 'image/png', dataBase64: png } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.data.url).toMatch(/^\/media\//);
    const svg = await t.request({ method: 'POST', url: '/api/v1/community/images', as: reader, body: { contentType: 'image/svg+xml', dataBase64: Buffer.from('<svg/>').toString('base64') } });
    expect(svg.statusCode).toBe(400);
  });
});

describe('reactions and comments', () => {
  let noteId: string;
  beforeAll(async () => {
    noteId = (await post(author, { title: '通勤穿搭', text: '一周不重样 #穿搭' })).data.id;
  });

  it('counts a like and a favourite once however often they are sent, and takes them back', async () => {
    for (let i = 0; i < 2; i++) expect((await t.request({ method: 'PUT', url: `/api/v1/community/notes/${noteId}/like`, as: reader })).data).toMatchObject({ likes: 1, likedByMe: true });
    expect((await t.request({ method: 'PUT', url: `/api/v1/community/notes/${noteId}/favourite`, as: reader })).data).toMatchObject({ favourites: 1, favouritedByMe: true });
    expect((await get(noteId, reader)).data).toMatchObject({ likes: 1, favourites: 1, likedByMe: true, favouritedByMe: true });
    expect((await get(noteId, author)).data).toMatchObject({ likedByMe: false });
    const favs = await t.request({ method: 'GET', url: '/api/v1/community/me/favourites', as: reader });
    expect(favs.data.items.map((n: any) => n.id)).toEqual([noteId]);
    for (let i = 0; i < 2; i++) expect((await t.request({ method: 'DELETE', url: `/api/v1/community/notes/${noteId}/like`, as: reader })).data).toMatchObject({ likes: 0, likedByMe: false });
    expect((await t.request({ method: 'PUT', url: `/api/v1/community/notes/${randomUUID()}/like`, as: reader })).data.error.code).toBe('COMMUNITY_NOTE_NOT_FOUND');
  });

  it('keeps comments one level deep: a reply to a reply joins the thread, addressed to whom it answers', async () => {
    const comment = (as: TestUser, body: Record<string, unknown>) => {
      t.clock.advance(1000);
      return t.request({ method: 'POST', url: `/api/v1/community/notes/${noteId}/comments`, as, body });
    };
    const top = await comment(reader, { text: '求链接！' });
    expect(top.statusCode, top.body).toBe(201);
    const reply = await comment(author, { text: '左下角就是', parentId: top.data.id });
    const replyToReply = await comment(reader, { text: '找到了谢谢', parentId: reply.data.id });
    expect(replyToReply.data).toMatchObject({ parentId: top.data.id, replyTo: { id: author.id } });
    const held = await comment(reader, { text: '私聊发你优惠' });
    expect(held.data.status).toBe('held');
    const before = await rows('community_comments');
    expect((await comment(reader, { text: '代刷好评联系我 刷单' })).data.error.code).toBe('COMMUNITY_CONTENT_REFUSED');
    expect((await comment(reader, { text: 'x', parentId: randomUUID() })).data.error.code).toBe('COMMUNITY_COMMENT_PARENT_INVALID');
    expect((await comment(reader, { text: '' })).statusCode).toBe(400);
    expect(await rows('community_comments')).toBe(before);

    const asAuthor = await t.request({ method: 'GET', url: `/api/v1/community/notes/${noteId}/comments`, as: author });
    expect(asAuthor.data.items.map((c: any) => c.id)).toEqual([top.data.id]);
    expect(asAuthor.data.items[0]).toMatchObject({ replyCount: 2, replies: [{ id: reply.data.id }, { id: replyToReply.data.id }] });
    const asReader = await t.request({ method: 'GET', url: `/api/v1/community/notes/${noteId}/comments`, as: reader });
    expect(asReader.data.items.map((c: any) => c.id)).toEqual([top.data.id, held.data.id]);
    expect((await get(noteId)).data.comments).toBe(3);
    // Approved in the moderation queue, the held comment is published and counted.
    const item = (await t.request({ method: 'GET', url: '/api/v1/admin/moderation/items?kind=comment&status=pending', as: op })).data.items.find((i: any) => i.subjectId === held.data.id);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${item.id}/decide`, as: op, body: { verdict: 'approved' } })).statusCode).toBe(200);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/community/notes/${noteId}/comments`, as: author })).data.items.map((c: any) => c.id)).toEqual([top.data.id, held.data.id]);
    expect((await get(noteId)).data.comments).toBe(4);

    expect((await t.request({ method: 'DELETE', url: `/api/v1/community/comments/${top.data.id}`, as: author })).data.error.code).toBe('COMMUNITY_NOT_YOURS');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/community/comments/${replyToReply.data.id}`, as: reader })).statusCode).toBe(204);
    expect((await get(noteId)).data.comments).toBe(3);
  });

  it('lets an operator hide a note from everyone but its author, and show it again', async () => {
    const hide = await t.request({ method: 'POST', url: `/api/v1/admin/community/notes/${noteId}/hide`, as: op });
    expect(hide.statusCode, hide.body).toBe(200);
    expect((await get(noteId, reader)).statusCode).toBe(404);
    expect((await get(noteId, author)).data.status).toBe('hidden');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/notes/${noteId}/hide`, as: op })).data.error.code).toBe('COMMUNITY_NOTE_STATUS');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/notes/${noteId}/hide`, as: reader })).statusCode).toBe(403);
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/community/notes?status=hidden', as: op });
    expect(list.data.items.map((n: any) => n.id)).toContain(noteId);
    expect(list.data.items.every((n: any) => n.status === 'hidden')).toBe(true);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/notes/${noteId}/show`, as: op })).statusCode).toBe(200);
    expect((await get(noteId, reader)).data.status).toBe('published');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/community/notes/${noteId}`, as: reader })).data.error.code).toBe('COMMUNITY_NOT_YOURS');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/community/notes/${noteId}`, as: author })).statusCode).toBe(204);
    expect((await get(noteId, author)).statusCode).toBe(404);
  });
});
