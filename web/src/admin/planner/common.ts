// Query keys and formatting shared by the planner screens.
import { formatMoney, formatNumber, formatPercent } from '../../shared/format';
export const PLANS = ['plans'] as const;
export const planKey = (id: string) => ['plans', id] as const;

export const GOALS = ['new_customers', 'gmv', 'k'] as const;
export type Goal = (typeof GOALS)[number];
export const MECHANICS = ['groupbuy', 'referral', 'coupon'] as const;
export type PlanMechanic = (typeof MECHANICS)[number];
export const CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;

/** A whole number for display with thousands separators. */
export const whole = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(Math.round(n)));
/** Fen as ¥ with separators and two decimals. */
export const yuanOf = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatMoney({ amount: Math.round(fen), currency: 'CNY' }));
/** A ratio with up to three decimals. */
export const ratio = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatPercent(x));
/** A goal value in its unit: GMV is fen. */
export const goalValue = (goal: Goal, v: number | null | undefined) => (goal === 'gmv' ? yuanOf(v) : goal === 'k' ? ratio(v) : whole(v));
/** Money figures of the forecast (reward cost) are fen. */
export const band = (b: { p10: number; p50: number; p90: number }, money = false) => {
  const f = money ? yuanOf : whole;
  return `${f(b.p50)} (${f(b.p10)}–${f(b.p90)})`;
};
