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

/** A plain number with the locale's grouping ("12,345"). */
export function formatNumber(n: number, lang: Locale = currentLocale()): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(n);
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

/** ¥ amount without the currency symbol, for the big red price in product cards. */
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
