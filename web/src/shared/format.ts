// Display helpers: money arrives as integer fen with a currency and is only formatted here, and so
// are discounts and plain numbers, so every screen says "9折" / "10% off" and "¥124.90" the same way.
import { useEffect, useState } from 'react';
import i18n from 'i18next';

export interface Money {
  amount: number;
  currency: string;
}

export type Locale = 'zh-CN' | 'en';

/** The storefront's current language. */
export const currentLocale = (): Locale => (i18n.language === 'en' ? 'en' : 'zh-CN');
const intlLocale = (lang: Locale) => (lang === 'en' ? 'en-US' : 'zh-CN');

/**
 * "¥124.90" in both languages: en-US would print "CN¥124.90" for CNY with the default symbol, which
 * no shopper of a Chinese store expects; the narrow symbol is ¥ (and $ for USD, € for EUR).
 */
export function formatMoney(money: Money | null | undefined, lang: Locale = currentLocale()): string {
  if (!money) return '';
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: money.currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 }).format(money.amount / 100);
}

/**
 * A plain number with the locale's grouping ("12,345"); `digits` caps the decimals (Intl's default
 * is three), so 1234.5678 with 1 reads "1,234.6".
 */
export function formatNumber(n: number, lang: Locale = currentLocale(), digits?: number): string {
  return new Intl.NumberFormat(intlLocale(lang), digits === undefined ? undefined : { maximumFractionDigits: digits }).format(n);
}

/**
 * A share as a percentage with grouping and a fixed number of decimals: 0.1234 → "12.3%",
 * 12.5 → "1,250.0%". Pass the ratio, not the percentage.
 */
export function formatPercent(ratio: number, lang: Locale = currentLocale(), digits = 1): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

/** Basis points as a percentage: 1000 → "10%", 1250 → "12.5%" (decimals only when there are some). */
export function formatBp(bp: number, lang: Locale = currentLocale()): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** Yuan with grouping and two decimals but no symbol ("12,345.00"), for a price set beside its own ¥. */
export function formatYuan(fen: number, lang: Locale = currentLocale()): string {
  return new Intl.NumberFormat(intlLocale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}

/** A period-over-period movement, ready to show. */
export interface Change {
  direction: 'up' | 'down' | 'flat' | 'none';
  text: string;
}

/**
 * How a figure moved against the period before: "▲ 12.3%", "▼ 4.0%", "0.0%" when it held (or moved
 * less than the last shown decimal), "▲ 新增" / "▲ new" from nothing, and "" when both are zero.
 */
export function formatChange(current: number, previous: number, lang: Locale = currentLocale()): Change {
  if (previous === 0) {
    if (current === 0) return { direction: 'none', text: '' };
    return current > 0 ? { direction: 'up', text: `▲ ${lang === 'en' ? 'new' : '新增'}` } : { direction: 'down', text: '▼' };
  }
  const ratio = (current - previous) / Math.abs(previous);
  const shown = formatPercent(Math.abs(ratio), lang);
  if (Math.round(Math.abs(ratio) * 1000) === 0) return { direction: 'flat', text: formatPercent(0, lang) };
  return ratio > 0 ? { direction: 'up', text: `▲ ${shown}` } : { direction: 'down', text: `▼ ${shown}` };
}

/**
 * How much comes off, as basis points of the price (1000 = 10% off) or as a percentage (10 = 10%
 * off). A price multiplier (a tier paying 90% of the price) converts with `offFromRate`.
 */
export type DiscountOff = { bp: number } | { percent: number };

/** The share taken off when the shopper pays `rateBp` basis points of the price (9000 → 10% off). */
export const offFromRate = (rateBp: number): DiscountOff => ({ bp: 10_000 - rateBp });

const trimmed = (n: number) => String(Math.round(n * 100) / 100);

/**
 * A discount as shoppers read it: Chinese counts what is paid in tenths (10% off → "9折", 15% off
 * → "8.5折"), English says what comes off ("10% off"). Nothing off is "" (no badge), all off is free.
 */
export function formatDiscount(off: DiscountOff, lang: Locale = currentLocale()): string {
  const percent = 'bp' in off ? off.bp / 100 : off.percent;
  if (!Number.isFinite(percent) || percent <= 0) return '';
  if (percent >= 100) return lang === 'en' ? 'Free' : '免费';
  return lang === 'en' ? `${trimmed(percent)}% off` : `${trimmed((100 - percent) / 10)}折`;
}

/**
 * A store text in the shopper's language: the English one when reading English and the store wrote
 * one (products and campaigns have optional English titles), the Chinese otherwise.
 */
export function localText(zh: string, en: string | null | undefined, lang: Locale = currentLocale()): string {
  return lang === 'en' && en?.trim() ? en : zh;
}

/**
 * Yuan as an input's value ("1234.50": no grouping, which an input would not parse back); for
 * display use formatYuan or formatMoney.
 */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(currentLocale()), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(currentLocale()), { dateStyle: 'medium' }).format(new Date(iso));
}

/** Milliseconds left until `iso`, ticking every second; 0 once passed. */
export function useCountdown(iso: string | null | undefined): number {
  const target = iso ? new Date(iso).getTime() : 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!target) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [target]);
  return Math.max(0, target - now);
}

export function formatCountdown(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86_400);
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}d ${hms}` : hms;
}
