// What shoppers will read and see of a campaign, per mechanic, from the mechanic's own admin
// record: the rules lines the storefront shows, and the card (badge, title, price, image).
import i18n from 'i18next';
import { api, call } from '../../shared/api';
import { formatDiscount, formatMoney, formatPercent, type Money } from '../../shared/format';
import './launch-review-words';

export interface Preview {
  title: string;
  image: string | null;
  badge: string;
  price: Money | null;
  was: Money | null;
  /** A headline in place of a price (a coupon's "满 ¥100 减 ¥10"). */
  headline: string | null;
  rules: string[];
  /** The mechanic's own published rules text (a lucky draw's). */
  rulesText: string | null;
}

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, { ns: 'launchReview', ...options });
const m = formatMoney;
const path = (id: string) => ({ params: { path: { id } } });

export async function mechanicPreview(mechanic: string, id: string): Promise<Preview> {
  switch (mechanic) {
    case 'groupbuy': {
      const { campaign: c } = await call(api.GET('/api/v1/admin/groupbuy/campaigns/{id}', path(id)));
      const rules = [t('r.groupbuy.team', { n: c.teamSize, price: m(c.groupPrice) })];
      if (c.leaderDiscount.amount > 0) rules.push(t('r.groupbuy.leader', { amount: m(c.leaderDiscount), price: m(c.leaderPrice) }));
      rules.push(t('r.groupbuy.expiry', { h: c.expiryHours }), t('r.groupbuy.limit', { n: c.perUserLimit }), t('r.groupbuy.stock', { n: c.stock }));
      if (c.newCustomersOnly) rules.push(t('r.groupbuy.newOnly'));
      return { title: c.name, image: null, badge: t('badge.groupbuy', { n: c.teamSize }), price: c.groupPrice, was: null, headline: null, rules, rulesText: c.description };
    }
    case 'bargain': {
      const { campaign: c } = await call(api.GET('/api/v1/admin/bargain/campaigns/{id}', path(id)));
      const rules = [
        t('r.bargain.cut', { n: c.helpersNeeded, floor: m(c.floorPrice), was: m(c.originalPrice) }),
        t('r.bargain.expiry', { h: c.expiryHours }),
        t('r.bargain.helper', { n: c.helperDailyLimit }),
        t('r.bargain.pay', { m: c.payWithinMinutes }),
        t('r.bargain.stock', { n: c.stockTotal }),
      ];
      return { title: c.title || c.name, image: c.image, badge: t('badge.bargain'), price: c.floorPrice, was: c.originalPrice, headline: null, rules, rulesText: null };
    }
    case 'flashsale': {
      const s = await call(api.GET('/api/v1/admin/flashsale/slots/{id}', path(id)));
      const first = s.items[0];
      const rules = s.items.map((x) => t('r.flashsale.item', { title: [x.title, x.skuLabel].filter(Boolean).join(' '), price: m(x.flashPrice), was: m(x.listPrice), stock: x.stock, limit: x.perUserLimit }));
      return { title: s.name, image: first?.image ?? null, badge: t('badge.flashsale'), price: first?.flashPrice ?? null, was: first?.listPrice ?? null, headline: null, rules, rulesText: null };
    }
    case 'lottery': {
      const d = await call(api.GET('/api/v1/admin/lottery/draws/{id}', path(id)));
      const rules = [t('r.lottery.free', { n: d.dailyFreeChances })];
      if (d.shareChances > 0) rules.push(t('r.lottery.share', { n: d.shareChances, cap: d.shareDailyCap }));
      for (const p of d.prizes) rules.push(t('r.lottery.prize', { name: p.name, p: formatPercent(p.probability) }));
      return { title: d.name, image: null, badge: t('badge.lottery'), price: null, was: null, headline: d.prizes[0]?.name ?? null, rules, rulesText: d.rulesText };
    }
    case 'referral': {
      const { campaign: c } = await call(api.GET('/api/v1/admin/referral/campaigns/{id}', path(id)));
      const rules = [t('r.referral.hold', { h: c.holdHours }), t('r.referral.cap', { n: c.inviterDailyCap })];
      if (c.milestones.length) rules.push(t('r.referral.milestones', { n: c.milestones.length }));
      return { title: c.name, image: null, badge: t('badge.referral'), price: null, was: null, headline: null, rules, rulesText: c.description };
    }
    case 'coupon': {
      const c = await call(api.GET('/api/v1/admin/coupons/templates/{id}', path(id)));
      const headline = couponHeadline(c);
      const rules = [headline];
      if (c.kind === 'percent' && c.maxDiscount) rules.push(t('r.coupon.cap', { amount: m(c.maxDiscount) }));
      if (c.kind !== 'threshold' && c.minSpend.amount > 0) rules.push(t('r.coupon.min', { min: m(c.minSpend) }));
      rules.push(c.scope === 'store' ? t('r.coupon.scopeStore') : t('r.coupon.scopeSome'));
      if (c.validDaysAfterClaim) rules.push(t('r.coupon.days', { n: c.validDaysAfterClaim }));
      rules.push(t('r.coupon.perUser', { n: c.perUserLimit }));
      if (c.totalQuota !== null) rules.push(t('r.coupon.quota', { n: c.totalQuota }));
      return { title: c.name, image: null, badge: t('badge.coupon'), price: null, was: null, headline, rules, rulesText: c.description || null };
    }
    default: {
      const p = await call(api.GET('/api/v1/admin/coupons/packs/{id}', path(id)));
      return { title: p.name, image: null, badge: t('badge.coupon_pack'), price: null, was: null, headline: null, rules: [t('r.coupon_pack.friends', { n: p.friendsNeeded })], rulesText: p.description || null };
    }
  }
}

function couponHeadline(c: { kind: string; amount: Money | null; percentBp: number | null; minSpend: Money }): string {
  switch (c.kind) {
    case 'threshold':
      return t('r.coupon.threshold', { min: m(c.minSpend), amount: m(c.amount) });
    case 'percent':
      return t('r.coupon.percent', { discount: formatDiscount({ bp: c.percentBp ?? 0 }) });
    case 'free_shipping':
      return t('r.coupon.free');
    default:
      return t('r.coupon.off', { amount: m(c.amount) });
  }
}
