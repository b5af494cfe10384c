// Demo lucky draw: one running 幸运大转盘 with a realistic prize pool (coupons, points, a product,
// nothing) and some draws already made by demo shoppers.
import type { Platform } from '../platform/context.ts';
import { addDays } from '../platform/clock.ts';
import type { Services } from '../services.ts';

export interface SeedLotteryOptions {
  operatorId: string | null;
  shopperIds: string[];
  productIds: string[];
  skuIds: string[];
}

const DRAW_NAME = '周年庆 幸运大转盘';

export async function seedDemoLottery(platform: Platform, services: Services, opts: SeedLotteryOptions): Promise<{ drawId: string | null; draws: number }> {
  const { lottery, coupons, catalog } = services;
  if ((await lottery.listDraws()).some((d) => d.name === DRAW_NAME)) return { drawId: null, draws: 0 };
  const now = platform.clock.now();
  const templateIds: string[] = [];
  for (const [name, amount] of [['抽奖专享 ¥5 无门槛券', 500], ['抽奖专享 满99减20', 2000]] as const) {
    const tpl = await coupons.createTemplate(opts.operatorId, { name, kind: 'fixed', discountAmount: amount, minSpendAmount: amount === 500 ? 0 : 9900, scope: 'store', validDaysAfterClaim: 14, perUserLimit: 99, claimable: false });
    await coupons.setTemplateStatus(opts.operatorId as string, tpl.id, 'activate');
    templateIds.push(tpl.id);
  }
  const skus = await catalog.getSkusForPricing(platform.db, opts.skuIds.slice(0, 40));
  const prizeSku = [...skus.values()].filter((s) => s.purchasable && s.priceAmount <= 50_000_00).sort((a, b) => b.priceAmount - a.priceAmount)[0];
  const prizes = [
    { name: '¥5 无门槛券', kind: 'coupon' as const, templateId: templateIds[0], weight: 250, stock: 5000, valueAmount: 500 },
    { name: '满 99 减 20 券', kind: 'coupon' as const, templateId: templateIds[1], weight: 120, stock: 2000, valueAmount: 2000 },
    { name: '50 积分', kind: 'points' as const, points: 50, weight: 200, valueAmount: 50 },
    { name: '200 积分', kind: 'points' as const, points: 200, weight: 30, valueAmount: 200 },
    ...(prizeSku ? [{ name: `大奖：${prizeSku.productTitle}`, kind: 'product' as const, skuId: prizeSku.skuId, weight: 2, stock: 3, valueAmount: prizeSku.priceAmount }] : []),
    { name: '谢谢参与', kind: 'nothing' as const, weight: 398 },
  ];
  const d = await lottery.createDraw(opts.operatorId, {
    name: DRAW_NAME,
    nameEn: 'Anniversary lucky wheel',
    rulesText: '活动期间每人每天 1 次免费抽奖；把活动分享给新朋友，每带来 1 位新访客再得 1 次（每天最多 3 次）；成功邀请好友下单再得 2 次。奖品数量有限，抽完即止；实物奖品 7 个工作日内发出。单件奖品价值不超过 5 万元。',
    startsAt: now.toISOString(),
    endsAt: addDays(now, 14).toISOString(),
    dailyFreeChances: 1,
    shareChances: 1,
    shareDailyCap: 3,
    inviteChances: 2,
    inviteDailyCap: 10,
    prizes,
  });
  await lottery.setStatus(opts.operatorId, d.id, 'active');
  let draws = 0;
  for (const userId of opts.shopperIds.slice(0, 40)) {
    const r = await lottery.draw(userId, d.id, `demo-${userId}`).catch(() => null);
    if (r) draws++;
  }
  return { drawId: d.id, draws };
}
