import { describe, expect, it } from 'vitest';
import { sweepRunAt } from './coupons.expiry.ts';

describe('sweepRunAt', () => {
  it('runs five minutes into the China day after the one holding the end', () => {
    // 23:59:59.999 on 1 June in China → 00:05 on 2 June in China.
    expect(sweepRunAt(new Date('2026-06-01T15:59:59.999Z')).toISOString()).toBe('2026-06-01T16:05:00.000Z');
    // Midnight starting 2 June in China belongs to 2 June → 00:05 on 3 June.
    expect(sweepRunAt(new Date('2026-06-01T16:00:00.000Z')).toISOString()).toBe('2026-06-02T16:05:00.000Z');
    // Morning of 1 June in China (the previous UTC day) → 00:05 on 2 June in China.
    expect(sweepRunAt(new Date('2026-05-31T23:30:00.000Z')).toISOString()).toBe('2026-06-01T16:05:00.000Z');
  });
});
