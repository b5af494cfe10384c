// What anyone can read without signing in carries no account id, phone, email or address: every
// GET route of the OpenAPI document is called anonymously (path ids from a small fixture) and
// every string of every 2xx JSON answer is checked against the accounts that exist.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from './harness.ts';
import { addressOf, payOrder, sellableSku, shopperWithAddress } from './fixtures.ts';

let t: TestContext;
const ids: Record<string, string> = {};

/** A friend who signed up with the inviter's code (the binding the sign-up event makes). */
async function invitee(code: string) {
  const friend = await t.signUp({ displayName: '赵小红' });
  await t.platform.db.transaction().execute((trx) => t.services.referral.onCustomerRegistered(trx, { userId: friend.id, inviteCode: code }));
}

beforeAll(async () => {
  t = await createTestContext();
  const op = await t.operator();
  const { productId, categoryId, skuId } = await sellableSku(t);
  Object.assign(ids, { productId, categoryId, skuId });
  const campaign = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼', qualifyOn: 'signup', inviterReward: { kind: 'points', points: 10 }, inviteeReward: null } });
  await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${campaign.data.id}/start`, as: op });
  ids.campaignId = campaign.data.id;
  const inviter: TestUser = await t.signUp({ displayName: '王大锤' });
  await addressOf(t, inviter);
  const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
  for (let i = 0; i < 2; i++) await invitee(code);
  await t.settle();
  const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: inviter, body: { target: { type: 'product', id: productId }, channel: 'wechat' } });
  ids.token = share.data.token;
  // A group-buy team with a paid leader: its page is public and lists members.
  const group = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团', skuId, groupPrice: 1990, teamSize: 2, stock: 10 } });
  await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${group.data.id}/start`, as: op });
  ids.groupCampaignId = group.data.id;
  const leader = await shopperWithAddress(t);
  const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${group.data.id}/teams`, as: leader.user, body: { addressId: leader.addressId } });
  await payOrder(t, leader.user, opened.data.order.id);
  ids.teamId = opened.data.team.id;
});
afterAll(() => t?.close());

interface Known {
  userIds: Set<string>;
  emails: string[];
  phones: string[];
  lines: string[];
}

async function known(): Promise<Known> {
  const users = await sql<{ id: string; email: string | null; phone: string | null }>`select id, email, phone from users`.execute(t.platform.db);
  const addresses = await sql<{ phone: string; line1: string }>`select phone, line1 from addresses`.execute(t.platform.db);
  return {
    userIds: new Set(users.rows.map((u) => u.id)),
    emails: users.rows.flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])),
    phones: [...users.rows.flatMap((u) => (u.phone ? [u.phone] : [])), ...addresses.rows.map((a) => a.phone)],
    lines: addresses.rows.map((a) => a.line1),
  };
}

/** Every personal value in a JSON answer, as `path: what`. */
function leaks(value: unknown, k: Known, path = '$'): string[] {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    const found: string[] = [];
    if (k.userIds.has(lower)) found.push(`${path}: account id`);
    if (k.emails.some((e) => lower.includes(e)) || /[\w.+-]+@[\w-]+\.[\w.]+/.test(value)) found.push(`${path}: email`);
    if (k.phones.some((p) => value.includes(p))) found.push(`${path}: phone`);
    if (k.lines.some((l) => value.includes(l))) found.push(`${path}: address`);
    return found;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leaks(v, k, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => leaks(v, k, `${path}.${key}`));
  return [];
}

describe('public answers', () => {
  it('hold no account id, phone, email or address on any route that needs no sign-in', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const k = await known();
    const candidates = Object.values(ids);
    const answered: string[] = [];
    const found: string[] = [];
    for (const path of Object.keys(doc.paths)) {
      if (!doc.paths[path]!.get) continue;
      const slots = path.match(/\{[^}]+\}/g) ?? [];
      // Each parameter tries every fixture id; a route answers for the one that names its kind.
      const urls = slots.length === 0 ? [path] : candidates.map((id) => path.replace(/\{[^}]+\}/g, id));
      for (const url of urls) {
        const res = await t.request({ method: 'GET', url });
        if (res.statusCode < 200 || res.statusCode >= 300 || !String(res.headers['content-type']).includes('json')) continue;
        answered.push(url);
        found.push(...leaks(res.data, k).map((l) => `GET ${url} ${l}`));
        break;
      }
    }
    expect(answered).toContain(`/api/v1/referral/campaigns/${ids.campaignId}/leaderboard`);
    expect(answered).toContain(`/api/v1/catalog/products/${ids.productId}`);
    expect(answered).toContain(`/api/v1/groupbuy/teams/${ids.teamId}`);
    expect(found).toEqual([]);
  });

  it('the leaderboard shows masked names and counts, and an invite link carries only the code', async () => {
    const board = await t.request({ method: 'GET', url: `/api/v1/referral/campaigns/${ids.campaignId}/leaderboard` });
    expect(board.data.items).toEqual([{ rank: 1, name: '王**', invites: 2 }]);
    const someone = await t.signUp();
    const mine = await t.request({ method: 'GET', url: '/api/v1/me/invite', as: someone });
    expect(mine.data.inviteUrl).toBe(`/invite/${mine.data.code}`);
    expect(await t.services.referral.inviteUrlFor(someone.id)).toBe(mine.data.inviteUrl);
  });
});
