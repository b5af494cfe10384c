import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chinaDate } from './clock.ts';

export const newId = (): string => randomUUID();
/** URL-safe random token (sessions, share tokens, payment intents). */
export const newToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_RE.test(value);

/**
 * Human-friendly order number: the store's calendar date + random, e.g. FS20260601-7K3Q9M2X. The
 * date is China's (the store's time zone, as every daily figure is), so an order placed at 01:30 on
 * 7 December in Shanghai reads 20261207 although it is still the 6th in UTC.
 */
export function orderNumber(at: Date): string {
  const d = chinaDate(at).replaceAll('-', '');
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(8);
  let suffix = '';
  for (const b of bytes) suffix += alphabet[b % alphabet.length];
  return `FS${d}-${suffix}`;
}
