// What a share poster says, per mechanic and per language. The mechanic modules (groupbuy,
// bargain, referral) know their state; they hand it to sharing as PosterFacts through a provider
// they register (sharing depends on none of them). The words are made here, pure, from the facts.
import { formatPrice } from './sharing.poster.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export type PosterLang = 'zh-CN' | 'en';
export const POSTER_LANGS: readonly PosterLang[] = ['zh-CN', 'en'];
type Money = { amount: number; currency: string };

/** What a friend is given: a coupon of an amount (or a percentage off), or points. */
export type PosterGift =
  | { kind: 'coupon'; amount: Money; minSpend: Money | null }
  | { kind: 'percent'; percentOff: number; minSpend: Money | null }
  | { kind: 'points'; points: number };

/** A coupon template's terms, as the coupons module presents them. */
export interface PosterCouponTerms {
  kind: string;
  amount: Money | null;
  percentBp: number | null;
  minSpend: Money;
}

/** A coupon's terms as a poster gift; null for one a poster cannot put as an amount (free shipping). */
export function couponGift(t: PosterCouponTerms): PosterGift | null {
  const minSpend = t.minSpend.amount > 0 ? t.minSpend : null;
  if ((t.kind === 'fixed' || t.kind === 'threshold') && t.amount) return { kind: 'coupon', amount: t.amount, minSpend };
  if (t.kind === 'percent' && t.percentBp) return { kind: 'percent', percentOff: t.percentBp / 100, minSpend };
  return null;
}

/** The live state of the shared thing, the part of the poster that changes. */
export type PosterState =
  | { kind: 'product' }
  | { kind: 'team'; teamSize: number; seatsLeft: number; status: 'open' | 'completed' | 'closed'; endsAt: Date | null }
  | { kind: 'bargain'; floor: Money; cutSoFar: Money; helpersLeft: number; status: 'open' | 'succeeded' | 'closed'; endsAt: Date | null }
  | { kind: 'invite'; gift: PosterGift | null }
  | { kind: 'coupon_pack'; gift: PosterGift | null }
  | { kind: 'lottery' };

export interface PosterFacts {
  /** The thing's name in the viewer's language. */
  title: string;
  /** A same-site picture URL (/media/{id}); null draws the mechanic's own art. */
  image: string | null;
  /** What one unit sells for before shipping (the floor for a price-cut); the service adds shipping. */
  price: Money | null;
  /** The campaign whose shipping rule (包邮) applies; null for the shop's default. */
  campaignId: string | null;
  /**
   * The claimed "original" price and its SKU: shown struck through only as far as the registered
   * reference cap allows, compared with `priceAmount` (default: `price`).
   */
  reference: { skuId: string; amount: number; priceAmount?: number } | null;
  state: PosterState;
}

/** Implemented by a mechanic module: the poster facts of one of its share targets; null when gone. */
export type PosterFactsProvider = (executor: AnyExecutor, targetId: string, lang: PosterLang) => Promise<PosterFacts | null>;

/** The shopper's language: ?lang= first, then the Accept-Language header by preference; zh-CN by default. */
export function posterLang(query: string | undefined, acceptLanguage: string | undefined): PosterLang {
  if (query === 'en' || query === 'zh-CN') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'zh-CN';
}

/** "23小时59分后结束" / "ends in 23h 59m": minutes, so a cached poster is at most a minute behind. */
export function endsIn(endsAt: Date | null, now: Date, lang: PosterLang): string | null {
  if (!endsAt) return null;
  const minutes = Math.ceil((endsAt.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return null;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (lang === 'en') {
    if (days >= 3) return `ends in ${days} days`;
    const h = days * 24 + hours;
    return h > 0 ? `ends in ${h}h ${mins}m` : `ends in ${mins}m`;
  }
  if (days >= 3) return `${days}天后结束`;
  const h = days * 24 + hours;
  return h > 0 ? `${h}小时${mins}分后结束` : `${mins}分钟后结束`;
}

/** The words of a gift: "¥15 券" / "¥15 coupon", "8.5折券", "100 积分". */
export function giftText(gift: PosterGift, lang: PosterLang): { big: string; unit: string; condition: string | null } {
  const condition = gift.kind !== 'points' && gift.minSpend && gift.minSpend.amount > 0 ? (lang === 'en' ? `on orders over ${formatPrice(gift.minSpend).text}` : `满${formatPrice(gift.minSpend).text}可用`) : gift.kind === 'points' ? null : lang === 'en' ? 'no minimum spend' : '无门槛';
  if (gift.kind === 'coupon') return { big: formatPrice(gift.amount).text, unit: lang === 'en' ? 'coupon' : '券', condition };
  if (gift.kind === 'percent') {
    const zhe = (100 - gift.percentOff) / 10;
    return lang === 'en' ? { big: `${gift.percentOff}% off`, unit: 'coupon', condition } : { big: `${Number.isInteger(zhe) ? zhe : zhe.toFixed(1)}折`, unit: '券', condition };
  }
  return { big: `${gift.points}`, unit: lang === 'en' ? 'points' : '积分', condition };
}

export interface PosterCopy {
  /** Under the sharer's name: what they ask of the friend. */
  invitation: string;
  /** Corner badge on the picture, e.g. 2人团. */
  badge: string | null;
  priceLabel: string;
  referenceLabel: string;
  /** The state, e.g. 还差 1 人成团 / 已砍 ¥39 / 送你 ¥15 券. */
  state: string | null;
  /** A second, smaller line: the deadline or the conditions. */
  detail: string | null;
  /** The one-line call to action. */
  cta: string;
  qrHint: string;
  sharedBy: string;
  /** The sharer's display name, or 好友 / A friend. */
  sharerName: string;
}

const W = {
  'zh-CN': { friend: '好友', qrHint: '长按识别二维码', sharedBy: (n: string) => `${n} 分享`, pay: '到手价', freeShipping: '包邮', withShipping: (s: string) => `含运费${s}`, reference: '原价' },
  en: { friend: 'A friend', qrHint: 'Scan the QR code', sharedBy: (n: string) => `Shared by ${n}`, pay: 'You pay', freeShipping: 'free shipping', withShipping: (s: string) => `incl. ${s} shipping`, reference: 'Was' },
} as const;

/** The poster's words for a mechanic's state in a language; `shipping` null when the poster has no price. */
export function posterCopy(state: PosterState, lang: PosterLang, opts: { shipping: Money | null; now: Date; sharerName: string }): PosterCopy {
  const w = W[lang];
  const name = opts.sharerName.trim() || w.friend;
  const en = lang === 'en';
  const ship = opts.shipping === null ? '' : ` · ${opts.shipping.amount > 0 ? w.withShipping(formatPrice(opts.shipping).text) : w.freeShipping}`;
  const base = { referenceLabel: w.reference, qrHint: w.qrHint, sharedBy: w.sharedBy(name), sharerName: name, badge: null, state: null, detail: null, priceLabel: `${w.pay}${ship}` };
  switch (state.kind) {
    case 'team': {
      const deadline = state.status === 'open' ? endsIn(state.endsAt, opts.now, lang) : null;
      const stateLine =
        state.status === 'completed' ? (en ? 'Team complete' : '已成团')
        : state.status === 'closed' ? (en ? 'This team has closed' : '本团已结束')
        : state.seatsLeft > 0 ? (en ? `${state.seatsLeft} more to go` : `还差 ${state.seatsLeft} 人成团`)
        : en ? 'Filling up' : '即将成团';
      return {
        ...base,
        invitation: en ? 'invites you to team up' : '邀你一起拼团',
        badge: en ? `Team of ${state.teamSize}` : `${state.teamSize}人团`,
        state: stateLine,
        detail: deadline,
        cta: state.status === 'open' ? (en ? 'Scan to join the team' : '扫码参团 一起拼更便宜') : en ? 'Scan to start your own team' : '扫码再开一团',
      };
    }
    case 'bargain': {
      const left = state.helpersLeft > 0 && state.status === 'open' ? (en ? `${state.helpersLeft} more friend${state.helpersLeft === 1 ? '' : 's'}` : `还差 ${state.helpersLeft} 位好友`) : null;
      const deadline = state.status === 'open' ? endsIn(state.endsAt, opts.now, lang) : null;
      return {
        ...base,
        invitation: en ? 'asks you to help cut the price' : '请你帮忙砍一刀',
        badge: en ? 'Price cut' : '砍价',
        priceLabel: `${en ? 'Cut to as low as' : '最低砍至'}${ship}`,
        state: state.status === 'succeeded' ? (en ? 'Cut to the lowest price' : '已砍到最低价') : state.status === 'closed' ? (en ? 'This price cut has ended' : '本次砍价已结束') : en ? `${formatPrice(state.cutSoFar).text} cut so far` : `已砍 ${formatPrice(state.cutSoFar).text}`,
        detail: [left, deadline].filter(Boolean).join(' · ') || null,
        cta: state.status === 'open' ? (en ? 'Help me cut the price' : '帮我砍一刀') : en ? 'Scan to start your own' : '扫码我也要砍',
      };
    }
    case 'invite':
    case 'coupon_pack': {
      const gift = state.gift ? giftText(state.gift, lang) : null;
      const invite = state.kind === 'invite';
      return {
        ...base,
        invitation: invite ? (en ? 'invites you to join' : '邀请你来一起逛') : en ? 'shares a coupon with you' : '送你一张优惠券',
        badge: invite ? (en ? 'Welcome gift' : '新人礼') : en ? 'Coupon' : '领券',
        priceLabel: invite ? (en ? 'For new shoppers' : '新人专享') : en ? 'For you' : '好友专享',
        state: gift ? (en ? `A ${gift.big} ${gift.unit} for you` : `送你 ${gift.big}${gift.unit}`) : null,
        detail: gift?.condition ?? null,
        cta: invite ? (en ? 'Scan to sign up and claim' : '扫码注册 领取新人礼') : en ? 'Scan to claim' : '扫码立即领取',
      };
    }
    case 'lottery':
      return { ...base, invitation: en ? 'invites you to a lucky draw' : '邀你一起来抽奖', badge: en ? 'Lucky draw' : '抽奖', cta: en ? 'Scan to try your luck' : '扫码试试手气' };
    case 'product':
      return { ...base, invitation: en ? 'recommends this to you' : '向你推荐一件好物', cta: en ? 'Scan to buy now' : '扫码立即购买' };
  }
}
