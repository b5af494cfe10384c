import { describe, expect, it } from 'vitest';
import { pageOf, readPageCursor } from './coupons.present.ts';

const row = (i: number) => ({ id: `id-${i}`, created_at: new Date(Date.UTC(2026, 5, 1, 8, 0, 60 - i)) });

describe('keyset pages', () => {
  it('keeps `limit` rows and points the next cursor at the last one when the repo found one more', () => {
    const page = pageOf([row(1), row(2), row(3)], 2);
    expect(page.items.map((r) => r.id)).toEqual(['id-1', 'id-2']);
    expect(readPageCursor(page.nextCursor!)).toEqual({ at: row(2).created_at, id: 'id-2' });
  });

  it('has no next cursor on the last page, and no cursor reads as the first page', () => {
    expect(pageOf([row(1), row(2)], 2).nextCursor).toBeNull();
    expect(pageOf([], 20)).toEqual({ items: [], nextCursor: null });
    expect(readPageCursor(undefined)).toBeUndefined();
  });
});
