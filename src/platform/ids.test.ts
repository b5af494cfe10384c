// Order numbers carry the store's calendar day (China time), not the UTC one.
import { describe, expect, it } from 'vitest';
import { orderNumber } from './ids.ts';

describe('orderNumber', () => {
  it('dates an order placed at 01:30 Shanghai on 7 December as 20261207, though UTC still reads the 6th', () => {
    expect(orderNumber(new Date('2026-12-06T17:30:00Z'))).toMatch(/^FS20261207-[2-9A-HJ-NP-Z]{8}$/);
  });

  it('keeps the same day until midnight in Shanghai (15:59 UTC)', () => {
    expect(orderNumber(new Date('2026-12-06T15:59:59Z'))).toMatch(/^FS20261206-/);
    expect(orderNumber(new Date('2026-12-06T16:00:00Z'))).toMatch(/^FS20261207-/);
  });

  it('draws a different suffix each time', () => {
    const at = new Date('2026-12-06T17:30:00Z');
    expect(new Set(Array.from({ length: 50 }, () => orderNumber(at))).size).toBe(50);
  });
});
