// Outbound webhooks as plain rules: which endpoint wants which event, what a delivery's body and
// id are, when the next attempt is due, and when an endpoint has failed long enough to be
// switched off. No database and no clock of its own: `now` comes in.
import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import { DAY_MS } from '../../platform/clock.ts';

export const ALL_EVENTS = '*';
export const TEST_EVENT_TYPE = 'webhook.test';


/**
 * When attempt n+1 goes out after attempt n failed (index n-1), after the Standard Webhooks /
 * Svix schedule: about three days and ten attempts in all, then the delivery is given up.
 */
export const RETRY_SCHEDULE_MS = [
  5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 14 * 3_600_000, 20 * 3_600_000, 24 * 3_600_000,
] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

export const RESPONSE_EXCERPT_BYTES = 1024;

export const matchesEndpoint = (eventTypes: readonly string[], type: string): boolean =>
  eventTypes.includes(type) || (eventTypes.includes(ALL_EVENTS) && type !== TEST_EVENT_TYPE);

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: 'malformed' | 'scheme' | 'credentials' };

/** http(s) only, no user:password in the URL (it would be logged and shown); any host. */
export function checkEndpointUrl(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  if (!url.hostname) return { ok: false, reason: 'malformed' };
  return { ok: true, url: url.toString() };
}

/** `whsec_` + base64 of 24 random bytes: the form Standard Webhooks libraries accept as is. */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** webhook-id: one per (event, endpoint), the same on every retry and redelivery. */
export const messageId = (deliveryId: string): string => `msg_${deliveryId.replaceAll('-', '')}`;

export interface WebhookMessage {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export const messageBody = (type: string, occurredAt: Date, data: Record<string, unknown>): WebhookMessage => ({ type, timestamp: occurredAt.toISOString(), data });

/** The first bytes of a receiver's answer, for the attempt log (never the whole body). */
export function responseExcerpt(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= RESPONSE_EXCERPT_BYTES) return text;
  // Cut on a character boundary: drop a trailing partial UTF-8 sequence.
  return bytes.subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
}

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;

export interface AttemptOutcome {
  ok: boolean;
  /** 1-based position in the automatic schedule; a manual redelivery has none. */
  scheduledAttempt: number | null;
  /** When the endpoint's current run of failures began (null: its last attempt succeeded). */
  failingSince: Date | null;
  now: Date;
  disableAfterDays: number;
}

export type AttemptDecision =
  | { delivery: 'succeeded'; failingSince: null; disableEndpoint: false }
  | { delivery: 'retry'; retryAt: Date; nextAttempt: number; failingSince: Date; disableEndpoint: false }
  | { delivery: 'failed'; failingSince: Date; disableEndpoint: boolean };

/** What follows one attempt: the delivery's next state and whether the endpoint is switched off. */
export function decideAfterAttempt(o: AttemptOutcome): AttemptDecision {
  if (o.ok) return { delivery: 'succeeded', failingSince: null, disableEndpoint: false };
  const failingSince = o.failingSince ?? o.now;
  const disableEndpoint = o.now.getTime() - failingSince.getTime() >= o.disableAfterDays * DAY_MS;
  // A disabled endpoint gets no more attempts; neither does a manual redelivery (one shot).
  const delay = o.scheduledAttempt === null || disableEndpoint ? undefined : RETRY_SCHEDULE_MS[o.scheduledAttempt - 1];
  if (delay === undefined) return { delivery: 'failed', failingSince, disableEndpoint };
  return { delivery: 'retry', retryAt: new Date(o.now.getTime() + delay), nextAttempt: o.scheduledAttempt! + 1, failingSince, disableEndpoint: false };
}
