// The demo store's growth engine: coupon campaigns (a coupon centre, a category sale, free
// shipping, a share coupon pack), a running invite-friends campaign, and past share cascades that
// travelled along the shoppers' friendship graph from a few KOLs and ordinary sharers.
import type { Platform } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import type { Services } from '../services.ts';
import { seededRandom } from '../platform/random.ts';
import { DEMO_PASSWORD } from './people.ts';

const DAY = 86_400_000;
const CHANNELS = ['wechat', 'moments', 'wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;


export async function seedDemoFission(
  platform: Platform,
  services: Services,
  opts: { operatorId: string; shopperIds: string[]; productIds: string[]; cascades?: number; onProgress?: (done: number, total: number) => void },
): Promise<{ coupons: number; shares: number; clicks: number; campaign: string }> {
  const random = seededRandom(88);
  const now = platform.clock.now();
  const inMonths = (n: number) => new Date(now.getTime() + n * 30 * DAY).toISOString();
  const { coupons, referral, sharing, identity } = services;
  const steps = 4;
  opts.onProgress?.(0, steps);

  // Coupons: what a shopper finds in the coupon centre.
  const templates = [
    { name: '新人专享 满59减10', nameEn: 'New customers: ¥10 off ¥59', kind: 'threshold' as const, discountAmount: 1000, minSpendAmount: 5900, scope: 'store' as const, validDaysAfterClaim: 30, perUserLimit: 1, totalQuota: 5000, budgetAmount: 30_000_00 },
    { name: '全场满199减30', nameEn: '¥30 off orders over ¥199', kind: 'threshold' as const, discountAmount: 3000, minSpendAmount: 19900, scope: 'store' as const, validFrom: now.toISOString(), validUntil: inMonths(1), perUserLimit: 2, totalQuota: 2000, budgetAmount: 40_000_00 },
    { name: '全场9折券 最高减50', nameEn: '10% off everything, up to ¥50', kind: 'percent' as const, percentBp: 1000, maxDiscountAmount: 5000, scope: 'store' as const, validDaysAfterClaim: 14, perUserLimit: 1, totalQuota: 1000, budgetAmount: 30_000_00 },
    { name: '包邮券', nameEn: 'Free shipping', kind: 'free_shipping' as const, scope: 'store' as const, validDaysAfterClaim: 7, perUserLimit: 3, totalQuota: 10_000, budgetAmount: null },
  ];
  const created = [];
  for (const t of templates) {
    const row = await coupons.createTemplate(opts.operatorId, { ...t, claimable: true });
    await coupons.setTemplateStatus(opts.operatorId, row.id, 'activate');
    created.push(row);
  }
  // Rewards are issue-only (not in the coupon centre).
  const inviteeGift = await coupons.createTemplate(opts.operatorId, { name: '好友邀请礼 无门槛减15', nameEn: 'Invited-friend gift: ¥15 off', kind: 'fixed', discountAmount: 1500, scope: 'store', validDaysAfterClaim: 30, perUserLimit: 1, totalQuota: null, budgetAmount: 50_000_00, claimable: false });
  const packFriend = await coupons.createTemplate(opts.operatorId, { name: '分享领券 满99减20', nameEn: 'Shared coupon: ¥20 off ¥99', kind: 'threshold', discountAmount: 2000, minSpendAmount: 9900, scope: 'store', validDaysAfterClaim: 7, perUserLimit: 5, totalQuota: null, budgetAmount: 20_000_00, claimable: false });
  const packSharer = await coupons.createTemplate(opts.operatorId, { name: '分享达人 无门槛减30', nameEn: 'Top sharer: ¥30 off', kind: 'fixed', discountAmount: 3000, scope: 'store', validDaysAfterClaim: 14, perUserLimit: 10, totalQuota: null, budgetAmount: 20_000_00, claimable: false });
  for (const t of [inviteeGift, packFriend, packSharer]) await coupons.setTemplateStatus(opts.operatorId, t.id, 'activate');
  const pack = await coupons.createPack(opts.operatorId, { name: '叫上3个好友 一起领券', friendTemplateId: packFriend.id, sharerTemplateId: packSharer.id, friendsNeeded: 3, validFrom: now.toISOString(), validUntil: inMonths(2), status: 'active' });
  void pack;
  opts.onProgress?.(1, steps);

  // The invite-friends campaign: points for the inviter, a coupon for the friend, milestones 3/10/30.
  const campaign = await referral.createCampaign(opts.operatorId, {
    name: '邀请好友 双人得礼',
    description: '好友首单支付后，你得 200 积分，好友得 15 元无门槛券；邀请满 3 / 10 / 30 人再得额外奖励。',
    inviterReward: { kind: 'points', points: 200 },
    inviteeReward: { kind: 'coupon', templateId: inviteeGift.id },
    milestones: [
      { count: 3, reward: { kind: 'points', points: 500 } },
      { count: 10, reward: { kind: 'points', points: 2000 } },
      { count: 30, reward: { kind: 'points', points: 8000 } },
    ],
  });
  await referral.setStatus(opts.operatorId, campaign.id, 'active');
  opts.onProgress?.(2, steps);

  // Past cascades: a share travels to friends; some click, a few share again.
  const friends = await identity.friendsOf(opts.shopperIds);
  const byDegree = [...opts.shopperIds].sort((a, b) => (friends.get(b)?.length ?? 0) - (friends.get(a)?.length ?? 0));
  const roots = [...byDegree.slice(0, 5), ...Array.from({ length: (opts.cascades ?? 12) - 5 }, () => byDegree[5 + Math.floor(random() * (byDegree.length - 5))])];
  const shares: Parameters<typeof sharing.importHistoricalCascade>[0]['shares'] = [];
  const clicks: Parameters<typeof sharing.importHistoricalCascade>[0]['clicks'] = [];
  const newcomers: Parameters<typeof identity.importUsers>[0] = [];
  const passwordHash = await identity.hashPassword(DEMO_PASSWORD);
  for (const root of roots) {
    const target = { type: 'product', id: opts.productIds[Math.floor(random() * Math.min(40, opts.productIds.length))] };
    const startedAt = new Date(now.getTime() - (3 + random() * 25) * DAY);
    const reached = new Set<string>([root]);
    const queue = [{ userId: root, shareId: newId(), parentId: null as string | null, at: startedAt, depth: 0 }];
    let size = 0;
    while (queue.length && size < 120) {
      const node = queue.shift()!;
      size++;
      shares.push({ id: node.shareId, sharerId: node.userId, target, campaignId: null, channel: CHANNELS[Math.floor(random() * CHANNELS.length)], parentId: node.parentId, createdAt: node.at });
      // Strangers who saw it in a feed: new visitors, about one in eight of whom opens an account.
      const strangers = Math.floor(random() * (node.depth === 0 ? 12 : 3));
      for (let i = 0; i < strangers; i++) {
        const clickedAt = new Date(node.at.getTime() + random() * 2 * DAY);
        if (clickedAt > now) continue;
        const signedUpAt = new Date(clickedAt.getTime() + (2 + random() * 20) * 60_000);
        const signedUp = random() < 0.12 && signedUpAt < now ? { userId: newId(), at: signedUpAt } : undefined;
        if (signedUp) newcomers.push({ id: signedUp.userId, email: `newcomer-${signedUp.userId.slice(0, 8)}@demo.fission.local`, phone: null, passwordHash, displayName: `新朋友${signedUp.userId.slice(0, 4)}`, roles: ['shopper'], createdAt: signedUp.at });
        clicks.push({ shareId: node.shareId, visitorId: `demo-v-${newId().slice(0, 18)}`, userId: null, isNewVisitor: true, clickedAt, signedUp });
      }
      const reshare = 0.32 * 0.75 ** node.depth;
      for (const friend of friends.get(node.userId) ?? []) {
        if (reached.has(friend) || random() > 0.3) continue;
        reached.add(friend);
        const clickedAt = new Date(node.at.getTime() + random() * random() * 2 * DAY);
        if (clickedAt > now) continue;
        clicks.push({ shareId: node.shareId, visitorId: `demo-u-${friend}`, userId: friend, isNewVisitor: false, clickedAt });
        if (random() < reshare) {
          const at = new Date(clickedAt.getTime() + random() * 6 * 3_600_000);
          if (at < now) queue.push({ userId: friend, shareId: newId(), parentId: node.shareId, at, depth: node.depth + 1 });
        }
      }
    }
  }
  opts.onProgress?.(3, steps);
  // The accounts first: the cascade's attributions name them.
  const stored = new Set(await identity.importUsers(newcomers));
  await sharing.importHistoricalCascade({ shares, clicks: clicks.map((c) => (c.signedUp && !stored.has(c.signedUp.userId) ? { ...c, signedUp: undefined } : c)) });
  opts.onProgress?.(4, steps);
  return { coupons: created.length + 3, shares: shares.length, clicks: clicks.length, campaign: campaign.name };
}
