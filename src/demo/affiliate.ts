// The demo store's affiliate network (分销): about twenty approved promoters — a few KOLs with
// promoters of their own below them (two levels, never three) — a few hundred bound customers,
// commission overrides on a few products, commission earned and settled on the bound customers'
// completed orders, a paid and a pending withdrawal, and an application waiting for review.
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';
import { seededRandom } from '../platform/random.ts';


const KOL_NOTES = ['KOL · 美妆护肤博主，小红书 12 万粉丝', 'KOL · 母婴好物分享，抖音 30 万粉丝', 'KOL · 数码测评 UP 主', 'KOL · 家居生活达人'];
const PROMOTER_NOTES = ['社区团长', '宝妈群群主', '大学生兼职推广', '健身教练', '小区便利店店主', '公司行政，负责团购'];

export async function seedDemoAffiliate(
  platform: Platform,
  services: Services,
  opts: { operatorId: string | null; shopperIds: string[]; productIds: string[]; skuIds?: string[]; customers?: number },
): Promise<{ promoterIds: string[]; kolIds: string[]; bindings: number; commissions: number; pendingWithdrawalId: string | null; pendingApplicationId: string | null }> {
  const { affiliate, orders } = services;
  const empty = { promoterIds: [], kolIds: [], bindings: 0, commissions: 0, pendingWithdrawalId: null, pendingApplicationId: null };
  // Once only: a second run finds the network in place.
  if ((await affiliate.listApplications({ limit: 1 })).items.length) return empty;
  const random = seededRandom(160);
  const ids = opts.shopperIds;
  const promoterCount = Math.min(20, Math.floor(ids.length / 5));
  if (promoterCount < 2) return empty;
  const kolCount = Math.max(1, Math.min(4, Math.floor(promoterCount / 5)));
  const promoterIds = ids.slice(0, promoterCount);
  const kolIds = promoterIds.slice(0, kolCount);

  for (const [i, id] of promoterIds.entries()) {
    await affiliate.appointPromoter(opts.operatorId, id, i < kolCount ? KOL_NOTES[i % KOL_NOTES.length] : PROMOTER_NOTES[i % PROMOTER_NOTES.length]);
  }
  let bindings = 0;
  const tryBind = async (customerId: string, promoterId: string) => {
    try {
      await affiliate.bindCustomer(customerId, promoterId, 'share');
      bindings++;
      return true;
    } catch {
      return false; // refused (already bound, would close a cycle): the demo simply moves on
    }
  };
  // Most ordinary promoters joined through a KOL's link: the KOL earns level 2 on their customers.
  for (let i = kolCount; i < promoterCount; i++) if (random() < 0.7) await tryBind(promoterIds[i], kolIds[i % kolCount]);

  // Commission overrides: a high-margin product pays more, a thin-margin one pays only level 1.
  const overrides = [
    { level1Bp: 2000, level2Bp: 800 },
    { level1Bp: 1500, level2Bp: 500 },
    { level1Bp: 300, level2Bp: 0 },
  ];
  for (const [i, productId] of opts.productIds.slice(0, overrides.length).entries()) await affiliate.setProductRate(opts.operatorId, productId, overrides[i]);

  // Customers: KOLs bring the most, the rest spread over the ordinary promoters.
  const pool = ids.slice(promoterCount, ids.length - 1);
  const customers = pool.slice(0, opts.customers ?? 300);
  const bound: string[] = [];
  for (const c of customers) {
    const promoterId = random() < 0.55 ? kolIds[Math.floor(random() * kolCount)] : promoterIds[kolCount + Math.floor(random() * (promoterCount - kolCount))] ?? kolIds[0];
    if (await tryBind(c, promoterId)) bound.push(c);
  }

  // Commission on the bound customers' completed orders, settled where the settlement period has passed.
  let commissions = 0;
  for (const c of bound.slice(0, 150)) {
    const { items } = await orders.list({ userId: c, status: 'completed', limit: 3 });
    for (const o of items) {
      const rows = await platform.db.transaction().execute((trx) => affiliate.commissionOrder(trx, o.id));
      commissions += rows.length;
      if (rows.length) await affiliate.settleOrder(o.id);
    }
  }

  // Withdrawals: the two best-earning promoters; one already paid out, one waiting for the operator.
  const { items: ranked } = await affiliate.listPromoters({ limit: 100 });
  const earners = ranked.filter((p) => p.balance.amount >= 2000).sort((a, b) => b.balance.amount - a.balance.amount);
  let pendingWithdrawalId: string | null = null;
  const min = await platform.settings.get('affiliate.withdrawMinAmount');
  if (earners[1] && Math.floor(earners[1].balance.amount / 2) >= min) {
    const { withdrawal } = await affiliate.requestWithdrawal(earners[1].userId, Math.floor(earners[1].balance.amount / 2), 'demo-paid');
    if (opts.operatorId) await affiliate.decideWithdrawal(opts.operatorId, withdrawal.id, 'approve', '已打款至微信零钱');
  }
  if (earners[0] && Math.floor(earners[0].balance.amount / 2) >= min) {
    const { withdrawal } = await affiliate.requestWithdrawal(earners[0].userId, Math.floor(earners[0].balance.amount / 2), 'demo-pending');
    pendingWithdrawalId = withdrawal.id;
  }

  // An application waiting for review (in the default 'application' mode).
  const applicant = ids[ids.length - 1];
  const application = await affiliate.apply(applicant, { note: '我在抖音做家居好物分享，粉丝 8000，想申请成为推广员' });
  return { promoterIds, kolIds, bindings, commissions, pendingWithdrawalId, pendingApplicationId: application.status === 'pending' ? application.id : null };
}
