// The per-slot purchase token: a live slot listed to a signed-in shopper carries one, and the
// purchase route refuses a request without it. A script must then read the slot page as each
// shopper, and again when the token runs out, instead of firing purchases blind.
// Format: `<expiry unix seconds>.<base64url HMAC-SHA256(secret, "flashsale-purchase.<slot>.<user>.<expiry>")>`.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Long enough to pick an address and tap Buy; the storefront fetches a fresh one when it lapses. */
export const PURCHASE_TOKEN_TTL_SECONDS = 300;

const mac = (secret: string, slotId: string, userId: string, expiry: number) =>
  createHmac('sha256', secret).update(`flashsale-purchase.${slotId}.${userId}.${expiry}`).digest();

export function signPurchaseToken(secret: string, slotId: string, userId: string, now: Date): string {
  const expiry = Math.floor(now.getTime() / 1000) + PURCHASE_TOKEN_TTL_SECONDS;
  return `${expiry}.${mac(secret, slotId, userId, expiry).toString('base64url')}`;
}

export type PurchaseTokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

export function verifyPurchaseToken(secret: string, token: string | undefined, slotId: string, userId: string, now: Date): PurchaseTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const expiry = Number(match[1]);
  const expected = mac(secret, slotId, userId, expiry);
  const given = Buffer.from(match[2], 'base64url');
  // The signature first: an expired token is reported as expired only when it was ever ours.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  if (expiry * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}
