// Display helpers: money arrives as integer fen with a currency and is only formatted here.
import { useEffect, useState } from 'react';
import i18n from 'i18next';

export interface Money {
  amount: number;
  currency: string;
}

const locale = () => (i18n.language === 'en' ? 'en-US' : 'zh-CN');

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: money.currency, minimumFractionDigits: 2 }).format(money.amount / 100);
}

/** ¥ amount without the currency symbol, for the big red price in product cards. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
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
