import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../platform/clock.ts';
import {
  checkEndpointUrl, decideAfterAttempt, MAX_ATTEMPTS, matchesEndpoint, messageBody, messageId, newSigningSecret, responseExcerpt, RETRY_SCHEDULE_MS,
} from './webhooks.rules.ts';

const now = new Date('2026-06-01T08:00:00.000Z');
const hours = (h: number) => h * 3_600_000;

describe('retry schedule', () => {
  it('spreads ten attempts over about three days, each wait longer than the one before', () => {
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(MAX_ATTEMPTS).toBe(10);
    expect(total).toBeGreaterThan(3 * DAY_MS);
    expect(total).toBeLessThan(3.5 * DAY_MS);
    for (let i = 1; i < RETRY_SCHEDULE_MS.length; i++) expect(RETRY_SCHEDULE_MS[i]).toBeGreaterThan(RETRY_SCHEDULE_MS[i - 1]);
    expect(RETRY_SCHEDULE_MS[0]).toBe(5_000);
  });

  it('retries a failed attempt after its scheduled wait and gives up after the last one', () => {
    const first = decideAfterAttempt({ ok: false, scheduledAttempt: 1, failingSince: null, now, disableAfterDays: 5 });
    expect(first).toEqual({ delivery: 'retry', retryAt: new Date(now.getTime() + 5_000), nextAttempt: 2, failingSince: now, disableEndpoint: false });
    const fourth = decideAfterAttempt({ ok: false, scheduledAttempt: 4, failingSince: now, now, disableAfterDays: 5 });
    expect(fourth.delivery === 'retry' && fourth.retryAt.getTime() - now.getTime()).toBe(hours(2));
    const last = decideAfterAttempt({ ok: false, scheduledAttempt: MAX_ATTEMPTS, failingSince: now, now, disableAfterDays: 5 });
    expect(last).toEqual({ delivery: 'failed', failingSince: now, disableEndpoint: false });
  });

  it('a success settles the delivery and ends the endpoint\'s failing run', () => {
    expect(decideAfterAttempt({ ok: true, scheduledAttempt: 3, failingSince: new Date(now.getTime() - DAY_MS), now, disableAfterDays: 5 })).toEqual({ delivery: 'succeeded', failingSince: null, disableEndpoint: false });
  });

  it('a manual redelivery is one attempt, never rescheduled', () => {
    expect(decideAfterAttempt({ ok: false, scheduledAttempt: null, failingSince: null, now, disableAfterDays: 5 }).delivery).toBe('failed');
  });

  it('switches an endpoint off once every attempt has failed for the configured days, and stops retrying', () => {
    const since = new Date(now.getTime() - 5 * DAY_MS);
    expect(decideAfterAttempt({ ok: false, scheduledAttempt: 2, failingSince: since, now, disableAfterDays: 5 })).toEqual({ delivery: 'failed', failingSince: since, disableEndpoint: true });
    const almost = new Date(now.getTime() - 5 * DAY_MS + 1);
    expect(decideAfterAttempt({ ok: false, scheduledAttempt: 2, failingSince: almost, now, disableAfterDays: 5 }).disableEndpoint).toBe(false);
  });
});

describe('endpoints and messages', () => {
  it('accepts http and https URLs on any host and refuses other schemes and credentials', () => {
    expect(checkEndpointUrl('https://hooks.example.com/fission')).toEqual({ ok: true, url: 'https://hooks.example.com/fission' });
    expect(checkEndpointUrl('http://127.0.0.1:8080/in').ok).toBe(true);
    expect(checkEndpointUrl('ftp://example.com/')).toEqual({ ok: false, reason: 'scheme' });
    expect(checkEndpointUrl('javascript:alert(1)')).toEqual({ ok: false, reason: 'scheme' });
    expect(checkEndpointUrl('https://user:pw@example.com/')).toEqual({ ok: false, reason: 'credentials' });
    expect(checkEndpointUrl('not a url')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('matches named types, and * matches everything but test messages', () => {
    expect(matchesEndpoint(['order.paid'], 'order.paid')).toBe(true);
    expect(matchesEndpoint(['order.paid'], 'order.shipped')).toBe(false);
    expect(matchesEndpoint(['*'], 'order.shipped')).toBe(true);
    expect(matchesEndpoint(['*'], 'webhook.test')).toBe(false);
  });

  it('makes whsec_ secrets of 24 random bytes and a stable message id per delivery', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(newSigningSecret()).not.toBe(secret);
    const id = '0b9d2f4e-1c7a-4e55-9a51-3f2d7c0e8b11';
    expect(messageId(id)).toBe('msg_0b9d2f4e1c7a4e559a513f2d7c0e8b11');
    expect(messageBody('order.paid', now, { orderId: 'o1' })).toEqual({ type: 'order.paid', timestamp: '2026-06-01T08:00:00.000Z', data: { orderId: 'o1' } });
  });

  it('keeps at most 1 KB of a response, cut on a character boundary', () => {
    expect(responseExcerpt('ok')).toBe('ok');
    const long = '好'.repeat(1000);
    const cut = responseExcerpt(long);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1024);
    expect(cut).toBe('好'.repeat(341));
  });
});
