// People over HTTP: follows, the feed (people you follow newest first, then every other note by
// decayed popularity, paged by a cursor that keeps its order), KOL application and verification,
// and a note shared through a share link whose sales show on the note and the KOL's page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { VISITOR_COOKIE } from '../../platform/visitor.ts';
import { popularity } from './community.rules.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
const post = async (as: TestUser, title: string) => {
  const res = await t.request({ method: 'POST', url: '/api/v1/community/notes', as, body: { title, text: `${title} 的正文` } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id as string;
};
const like = (as: TestUser, id: string) => t.request({ method: 'PUT', url: `/api/v1/community/notes/${id}/like`, as });
const follow = (as: TestUser, id: string, on = true) => t.request({ method: on ? 'PUT' : 'DELETE', url: `/api/v1/community/people/${id}/follow`, as });
const profile = (id: string, as?: TestUser) => t.request({ method: 'GET', url: `/api/v1/community/people/${id}`, as });

async function readFeed(as: TestUser | undefined, limit: number) {
  const pages: { id: string; source: string }[][] = [];
  let cursor: string | null = null;
  do {
    const res = await t.request({ method: 'GET', url: `/api/v1/community/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, as });
    expect(res.statusCode, res.body).toBe(200);
    pages.push(res.data.items.map((n: any) => ({ id: n.id, source: n.source })));
    cursor = res.data.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

describe('follows and the feed', () => {
  it('follows once, refuses following oneself or nobody, and counts followers', async () => {
    const a = await t.signUp({ displayName: '阿花' });
    const b = await t.signUp({ displayName: '北北' });
    for (let i = 0; i < 2; i++) expect((await follow(a, b.id)).data).toEqual({ id: b.id, followedByMe: true, followers: 1 });
    expect((await follow(a, a.id)).data.error.code).toBe('COMMUNITY_FOLLOW_SELF');
    expect((await follow(a, randomUUID())).data.error.code).toBe('COMMUNITY_PERSON_NOT_FOUND');
    expect((await profile(b.id, a)).data).toMatchObject({ name: '北*', followers: 1, following: 0, followedByMe: true, self: false, kol: null, sales: null });
    expect((await profile(a.id, a)).data).toMatchObject({ name: '阿花', following: 1, self: true });
    const followers = await t.request({ method: 'GET', url: `/api/v1/community/people/${b.id}/followers` });
    expect(followers.data.items).toEqual([{ id: a.id, name: '阿*', initial: '阿', kol: false }]);
    expect((await follow(a, b.id, false)).data).toEqual({ id: b.id, followedByMe: false, followers: 0 });
  });

  it('shows the people you follow first, newest first, then the rest by decayed popularity, over cursor pages', async () => {
    const start = t.clock.now().getTime();
    const at = (h: number) => t.clock.set(new Date(start + h * HOUR).toISOString());
    const viewer = await t.signUp();
    const followed = await t.signUp();
    const other = await t.signUp();
    const likers = await Promise.all(Array.from({ length: 5 }, () => t.signUp()));
    at(0);
    const p0 = await post(other, '老但很火');
    at(1);
    const n1 = await post(followed, '关注的人 1');
    at(2);
    const n2 = await post(followed, '关注的人 2');
    at(20);
    const p1 = await post(other, '新且有人赞');
    at(22);
    const p2 = await post(other, '新但没人赞');
    for (const l of likers) expect((await like(l, p0)).statusCode).toBe(200);
    for (const l of likers.slice(0, 2)) expect((await like(l, p1)).statusCode).toBe(200);
    await follow(viewer, followed.id);
    at(24);
    // The decay the SQL applies: 5 likes a day ago rank below 2 likes 4 hours ago.
    expect(popularity(2, 4)).toBeGreaterThan(popularity(5, 24));
    const mine = [n1, n2, p0, p1, p2];
    const only = (pages: { id: string; source: string }[][]) => pages.map((p) => p.filter((n) => mine.includes(n.id)));
    const expected = [{ id: n2, source: 'following' }, { id: n1, source: 'following' }, { id: p1, source: 'popular' }, { id: p0, source: 'popular' }, { id: p2, source: 'popular' }];
    for (const limit of [1, 2, 3, 50]) {
      const pages = await readFeed(viewer, limit);
      expect(only(pages).flat(), `limit ${limit}`).toEqual(expected);
      expect(new Set(pages.flat().map((n) => n.id)).size).toBe(pages.flat().length);
    }
    // Without following anyone (or signed out) it is all popularity, ties newest first.
    expect(only(await readFeed(undefined, 2)).flat().map((n) => n.id)).toEqual([p1, p0, p2, n2, n1]);
    // A cursor keeps its instant: a like after the first page does not reshuffle the pages that follow.
    const first = await t.request({ method: 'GET', url: '/api/v1/community/feed?limit=3', as: viewer });
    at(30);
    const late = await post(other, '翻页时新发的');
    const rest = await t.request({ method: 'GET', url: `/api/v1/community/feed?limit=50&cursor=${first.data.nextCursor}`, as: viewer });
    expect(rest.data.items.map((n: any) => n.id)).not.toContain(late);
    const bad = await t.request({ method: 'GET', url: '/api/v1/community/feed?cursor=bm9wZQ', as: viewer });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.code).toBe('COMMUNITY_CURSOR_INVALID');
  });
});

describe('KOLs and attributed sales', () => {
  it('takes an application, lets an operator verify it, and shows the KOL by name with their notes’ sales', async () => {
    const kol = await t.signUp({ displayName: '美妆博主小鹿' });
    const fan = await t.signUp();
    const apply = await t.request({ method: 'POST', url: '/api/v1/community/kol/apply', as: kol, body: { intro: '专注平价护肤' } });
    expect(apply.statusCode, apply.body).toBe(200);
    expect(apply.data).toMatchObject({ status: 'applied', intro: '专注平价护肤' });
    expect((await t.request({ method: 'POST', url: '/api/v1/community/kol/apply', as: kol, body: { intro: '再申请' } })).data.error.code).toBe('COMMUNITY_KOL_STATUS');
    expect((await t.request({ method: 'POST', url: '/api/v1/community/kol/apply', as: kol, body: { intro: '' } })).statusCode).toBe(400);
    expect((await profile(kol.id, fan)).data).toMatchObject({ name: '美***', kol: null });
    expect((await profile(kol.id, kol)).data.kol).toEqual({ status: 'applied', intro: '专注平价护肤' });
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/community/kols?status=applied', as: op });
    expect(queue.data.items.map((k: any) => [k.id, k.name])).toContainEqual([kol.id, '美妆博主小鹿']);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/kols/${kol.id}/verify`, as: fan })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/kols/${kol.id}/verify`, as: op })).data.status).toBe('verified');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/kols/${kol.id}/reject`, as: op })).data.error.code).toBe('COMMUNITY_KOL_STATUS');
    expect((await profile(kol.id, fan)).data).toMatchObject({ name: '美妆博主小鹿', kol: { status: 'verified' }, sales: { orders: 0, paidOrders: 0, gmv: { amount: 0 } } });
    const listed = await t.request({ method: 'GET', url: '/api/v1/community/kols' });
    expect(listed.data.items.map((k: any) => k.id)).toContain(kol.id);

    // The KOL shares a note; a newcomer arrives through the link and buys the tagged product.
    const { productId, skuId } = await sellableSku(t, { price: 12_900 });
    const note = await t.request({ method: 'POST', url: '/api/v1/community/notes', as: kol, body: { title: '回购三次的精华', text: '真的好用 #种草', productIds: [productId] } });
    expect(note.statusCode, note.body).toBe(201);
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: kol, body: { target: { type: 'note', id: note.data.id }, channel: 'xiaohongshu' } });
    expect(share.statusCode, share.body).toBe(201);
    const click = await t.request({ method: 'GET', url: `/s/${share.data.token}` });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(`/notes/${note.data.id}?s=${share.data.token}`);
    const poster = await t.request({ method: 'GET', url: `/api/v1/shares/${share.data.token}/poster.png` });
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/png');
    const visitorId = click.cookies.find((c) => c.name === VISITOR_COOKIE)!.value;
    const email = `kol-buyer-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `${VISITOR_COOKIE}=${visitorId}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '新客', session: 'bearer' } });
    const buyer: TestUser = { id: reg.data.user.id, email, token: reg.data.token, headers: { authorization: `Bearer ${reg.data.token}` } };
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
    await payOrder(t, buyer, order.id);
    await t.settle();

    const sales = { orders: 1, paidOrders: 1, gmv: { amount: order.total.amount, currency: 'CNY' } };
    expect((await profile(kol.id, fan)).data.sales).toEqual(sales);
    expect((await t.request({ method: 'GET', url: `/api/v1/community/notes/${note.data.id}`, as: kol })).data.sales).toEqual(sales);
    const adminList = await t.request({ method: 'GET', url: `/api/v1/admin/community/notes?authorId=${kol.id}`, as: op });
    expect(adminList.data.items[0].sales).toEqual(sales);
    const adminKols = await t.request({ method: 'GET', url: '/api/v1/admin/community/kols?status=verified', as: op });
    expect(adminKols.data.items.find((k: any) => k.id === kol.id).sales).toEqual(sales);

    // A hidden note cannot be shared; revoking takes the KOL badge and the public sales away.
    await t.request({ method: 'POST', url: `/api/v1/admin/community/notes/${note.data.id}/hide`, as: op });
    const refused = await t.request({ method: 'POST', url: '/api/v1/shares', as: fan, body: { target: { type: 'note', id: note.data.id }, channel: 'wechat' } });
    expect(refused.data.error.code).toBe('SHARING_TARGET_NOT_FOUND');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/community/kols/${kol.id}/revoke`, as: op })).data.status).toBe('revoked');
    expect((await profile(kol.id, fan)).data).toMatchObject({ name: '美***', kol: null, sales: null });
  });

  it('erases a person’s notes, comments, reactions and follows, and takes them out of others’ counters', async () => {
    const author = await t.signUp();
    const leaving = await t.signUp();
    const stays = await t.signUp();
    const note = await post(author, '有人会注销');
    const own = await post(leaving, '我的笔记');
    await like(leaving, note);
    await like(stays, note);
    await t.request({ method: 'PUT', url: `/api/v1/community/notes/${note}/favourite`, as: leaving });
    const top = await t.request({ method: 'POST', url: `/api/v1/community/notes/${note}/comments`, as: leaving, body: { text: '好看' } });
    await t.request({ method: 'POST', url: `/api/v1/community/notes/${note}/comments`, as: stays, body: { text: '同意', parentId: top.data.id } });
    await t.request({ method: 'POST', url: `/api/v1/community/notes/${note}/comments`, as: stays, body: { text: '我也来' } });
    await follow(leaving, author.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/community/notes/${note}` })).data).toMatchObject({ likes: 2, favourites: 1, comments: 3 });
    const erase = await t.request({ method: 'POST', url: '/api/v1/me/privacy/erasure', as: leaving, body: { confirm: 'ERASE' } });
    expect(erase.statusCode, erase.body).toBe(202);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/community/notes/${note}` })).data).toMatchObject({ likes: 1, favourites: 0, comments: 1 });
    expect((await t.request({ method: 'GET', url: `/api/v1/community/notes/${own}` })).statusCode).toBe(404);
    expect((await profile(author.id)).data.followers).toBe(0);
  });
});
