import { describe, expect, it } from 'vitest';
import { kolTransition, mergeProductTags, normaliseTopic, parseTopics, popularity, readFeedCursor, readTimeCursor, writeFeedCursor, writeTimeCursor } from './community.rules.ts';

describe('topics', () => {
  it('reads #话题 in any script, closed by # or not, distinct and lower-cased, at most ten', () => {
    expect(parseTopics('今天 #穿搭# 和 #OOTD 以及#穿搭 还有 #冬季_好物，')).toEqual(['穿搭', 'ootd', '冬季_好物']);
    expect(parseTopics('no topics # here')).toEqual([]);
    expect(parseTopics(Array.from({ length: 12 }, (_, i) => `#t${i}`).join(' '))).toHaveLength(10);
    expect(parseTopics('#一二三四五六七八九十一二三四五六七八九十多')).toEqual(['一二三四五六七八九十一二三四五六七八九十']);
  });

  it('accepts a topic from a URL only as parseTopics would have produced it', () => {
    expect(normaliseTopic('护肤')).toBe('护肤');
    expect(normaliseTopic('#OOTD')).toBe('ootd');
    expect(normaliseTopic('a b')).toBeNull();
    expect(normaliseTopic('')).toBeNull();
  });
});

describe('product tags', () => {
  it('puts the order’s products first, each once, and refuses more than nine', () => {
    expect(mergeProductTags(['a', 'b'], ['b', 'c'])).toEqual({ ok: true, productIds: ['a', 'b', 'c'] });
    expect(mergeProductTags(['a'], Array.from({ length: 9 }, (_, i) => `p${i}`))).toEqual({ ok: false, count: 10 });
  });
});

describe('popularity', () => {
  it('decays engagement with age', () => {
    expect(popularity(0, 1)).toBe(0);
    expect(popularity(10, 0)).toBeCloseTo(10 / Math.pow(2, 1.5));
    expect(popularity(10, 1)).toBeGreaterThan(popularity(10, 2));
    expect(popularity(2, 4)).toBeGreaterThan(popularity(5, 24));
  });
});

describe('KOL transitions', () => {
  it('applies from nothing or after a rejection, verifies from anything but verified, rejects applications, revokes verified', () => {
    expect(kolTransition(null, 'apply')).toBe('applied');
    expect(kolTransition('applied', 'apply')).toBeNull();
    expect(kolTransition('rejected', 'apply')).toBe('applied');
    expect(kolTransition(null, 'verify')).toBe('verified');
    expect(kolTransition('verified', 'verify')).toBeNull();
    expect(kolTransition('verified', 'reject')).toBeNull();
    expect(kolTransition('applied', 'reject')).toBe('rejected');
    expect(kolTransition('applied', 'revoke')).toBeNull();
    expect(kolTransition('verified', 'revoke')).toBe('revoked');
  });
});

describe('cursors', () => {
  it('round-trips and refuses what it did not write', () => {
    const row = { created_at: new Date('2026-06-01T08:00:00.000Z'), id: '0d4c1a4e-7f1e-4b55-9d38-3f0c1b2a9e10' };
    expect(readTimeCursor(writeTimeCursor(row))).toEqual({ at: row.created_at, id: row.id });
    expect(readTimeCursor('bm9wZQ')).toBe('invalid');
    const feed = { phase: 'popular' as const, asOf: row.created_at, after: { at: row.created_at, id: row.id, score: '0.136082763' } };
    expect(readFeedCursor(writeFeedCursor(feed))).toEqual(feed);
    expect(readFeedCursor(writeFeedCursor({ phase: 'following', asOf: row.created_at, after: null }))).toEqual({ phase: 'following', asOf: row.created_at, after: null });
    expect(readFeedCursor(Buffer.from(JSON.stringify({ p: 'popular', asOf: row.created_at, at: row.created_at, id: row.id, s: '1; drop' })).toString('base64url'))).toBe('invalid');
  });
});
