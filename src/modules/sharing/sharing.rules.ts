// Share links: the words of the domain and the small decisions that need no database.
import { DAY_MS } from '../../platform/clock.ts';
import { randomInt } from 'node:crypto';
import type { AnyExecutor } from '../../platform/tables.ts';

export const TARGET_TYPES = ['product', 'campaign', 'team', 'bargain', 'invite', 'coupon_pack', 'lottery', 'note', 'live'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export const SHARE_CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

export type AttributionSubject = 'customer' | 'order';
export type AttributionModel = 'last_touch' | 'first_touch';

export const isChannel = (value: unknown): value is ShareChannel => typeof value === 'string' && (SHARE_CHANNELS as readonly string[]).includes(value);

/** What a target resolver says about a shared thing; null when there is no such thing. */
export interface ResolvedTarget {
  /** A same-site path, e.g. /product/{id}: clicks land here with ?s={token}. */
  url: string;
  title: string;
  image: string | null;
  price: { amount: number; currency: string } | null;
  campaignId?: string | null;
  /**
   * The "original" price the target would show struck through beside `price` (a SKU's list price,
   * a group buy's regular price) and the SKU it is for. The poster shows it only as far as the
   * registered reference cap allows (compliance: the lowest price charged lately).
   */
  reference?: { skuId: string; amount: number } | null;
}

/** What a poster may show beside a price: the claimed references capped, null where none may be shown. */
export type ReferenceCap = (claims: readonly { skuId: string; listAmount: number | null; priceAmount: number }[]) => Promise<(number | null)[]>;

/** Implemented by the modules whose things can be shared. */
export interface TargetResolver {
  resolve(executor: AnyExecutor, id: string): Promise<ResolvedTarget | null>;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const TOKEN_LENGTH = 11;
/** Tokens we issue, plus some slack; anything else is not a link of ours. */
export const TOKEN_RE = /^[0-9A-Za-z]{6,32}$/;

/** 11 base62 characters from the CSPRNG: about 65 bits, uniform (randomInt has no modulo bias). */
export function newShareToken(length = TOKEN_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** A same-site path only: never a scheme, a host or a protocol-relative // that would make /s/ an open redirect. */
export function isSameSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') && !/[\s\u0000-\u001f]/.test(url);
}

/** The landing URL of a click: the target's path with s={token} added to its query. */
export function landingUrl(targetUrl: string, token: string): string {
  const hash = targetUrl.indexOf('#');
  const base = hash >= 0 ? targetUrl.slice(0, hash) : targetUrl;
  const fragment = hash >= 0 ? targetUrl.slice(hash) : '';
  return `${base}${base.includes('?') ? '&' : '?'}s=${encodeURIComponent(token)}${fragment}`;
}

/** Clicks at or after this instant are inside the window that ends at `at`. */
export const windowStart = (at: Date, days: number) => new Date(at.getTime() - days * DAY_MS);

export interface TouchCandidate {
  id: string;
  clickedAt: Date;
}

/** First and last touch among clicks (ties broken by id so a redelivery picks the same one). */
export function pickTouches<T extends TouchCandidate>(clicks: T[]): { first: T; last: T } | null {
  if (clicks.length === 0) return null;
  const sorted = [...clicks].sort((a, b) => a.clickedAt.getTime() - b.clickedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { first: sorted[0], last: sorted[sorted.length - 1] };
}

/** The visitor id we mint for a browser that has none: 22 url-safe characters. */
export const VISITOR_ID_LENGTH = 22;
