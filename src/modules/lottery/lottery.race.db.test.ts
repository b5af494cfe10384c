// Races on the daily caps of extra chances: several dispatchers deliver share clicks and qualified
// invites at once, as several processes would (real concurrency on PostgreSQL; serialised on PGlite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
const iso = (msFromNow: number) => new Date(t.clock.now().getTime() + msFromNow).toISOString();

async function runningDraw(caps: { shareChances: number; shareDailyCap: number; inviteChances: number; inviteDailyCap: number }) {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/admin/lottery/draws',
    as: op,
    body: { name: '大转盘', rulesText: '分享或邀请得抽奖机会，每日有上限。', startsAt: iso(-60_000), endsAt: iso(30 * 24 * HOUR), dailyFreeChances: 0, ...caps, prizes: [{ name: '谢谢参与', kind: 'nothing', weight: 1 }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${res.data.id}/start`, as: op })).statusCode).toBe(200);
  return res.data.id as string;
}

/** Several dispatchers at once, as with several processes, then whatever is left. */
async function dispatchConcurrently() {
  await Promise.all(Array.from({ length: 6 }, () => t.platform.events.dispatchPending(4)));
  await t.settle();
}

const extraChances = async (drawId: string, userId: string) =>
  (await t.platform.db.selectFrom('lottery_chances').select('balance').where('draw_id', '=', drawId).where('user_id', '=', userId).executeTakeFirst())?.balance ?? 0;

const granted = async (drawId: string, userId: string, source: 'share' | 'invite') => {
  const rows = await t.platform.db.selectFrom('lottery_chance_grants').select('amount').where('draw_id', '=', drawId).where('user_id', '=', userId).where('source', '=', source).execute();
  return rows.reduce((s, r) => s + r.amount, 0);
};

describe('extra-chance daily caps under concurrent delivery', () => {
  it('24 share clicks from new visitors delivered by 6 dispatchers at once grant exactly the daily cap', async () => {
    const drawId = await runningDraw({ shareChances: 2, shareDailyCap: 5, inviteChances: 0, inviteDailyCap: 0 });
    const sharerId = (await t.signUp()).id;
    const shareId = `share-${newId()}`;
    for (let i = 0; i < 24; i++) {
      await publishEvent(t.platform.db, t.clock.now(), 'share.clicked', shareId, { shareId, rootShareId: shareId, campaignId: null, targetType: 'lottery', targetId: drawId, channel: 'wechat', sharerId, visitorId: `visitor-${i}`, userId: null, isNewVisitor: true, selfClick: false });
    }
    await dispatchConcurrently();
    // 2 + 2 + 1: the grant that reaches the cap is cut to what is left, never past it.
    expect(await extraChances(drawId, sharerId)).toBe(5);
    expect(await granted(drawId, sharerId, 'share')).toBe(5);

    // The next China day has its own allowance.
    t.clock.advance(24 * HOUR);
    for (let i = 0; i < 8; i++) {
      await publishEvent(t.platform.db, t.clock.now(), 'share.clicked', shareId, { shareId, rootShareId: shareId, campaignId: null, targetType: 'lottery', targetId: drawId, channel: 'wechat', sharerId, visitorId: `day2-visitor-${i}`, userId: null, isNewVisitor: true, selfClick: false });
    }
    await dispatchConcurrently();
    expect(await extraChances(drawId, sharerId)).toBe(10);
  });

  it('30 qualified invites delivered by 6 dispatchers at once grant exactly the daily cap, and a redelivered invite grants nothing more', async () => {
    const drawId = await runningDraw({ shareChances: 0, shareDailyCap: 0, inviteChances: 2, inviteDailyCap: 6 });
    const inviter = await t.signUp();
    const referralIds = Array.from({ length: 30 }, () => newId());
    for (const referralId of referralIds) {
      await publishEvent(t.platform.db, t.clock.now(), 'referral.qualified', referralId, { referralId, campaignId: newId(), inviterId: inviter.id, inviteeId: newId(), orderId: null, qualifiedCount: 1 });
    }
    await dispatchConcurrently();
    expect(await extraChances(drawId, inviter.id)).toBe(6);
    expect(await granted(drawId, inviter.id, 'invite')).toBe(6);
    const me = await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${drawId}/me`, as: inviter });
    expect(me.data.extraChances).toBe(6);

    // At-least-once delivery: the same invite again, concurrently, changes nothing.
    await Promise.all(referralIds.slice(0, 3).map((referralId) => t.platform.db.transaction().execute((trx) => t.services.lottery.onReferralQualified(trx, { referralId, inviterId: inviter.id }))));
    expect(await extraChances(drawId, inviter.id)).toBe(6);
  });
});
