import { describe, expect, it } from 'vitest';
import { isSameSitePath, landingUrl, newShareToken, pickTouches, TOKEN_RE, windowStart } from './sharing.rules.ts';

describe('share link rules', () => {
  it('issues short, URL-safe, distinct tokens', () => {
    const tokens = Array.from({ length: 2000 }, () => newShareToken());
    for (const token of tokens) expect(token).toMatch(/^[0-9A-Za-z]{11}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(TOKEN_RE.test(tokens[0])).toBe(true);
  });

  it('lands on same-site paths only, with s= added to the query and the fragment kept', () => {
    expect(landingUrl('/product/p1', 'Tok')).toBe('/product/p1?s=Tok');
    expect(landingUrl('/groupbuy/t1?from=share', 'Tok')).toBe('/groupbuy/t1?from=share&s=Tok');
    expect(landingUrl('/invite/u1#rules', 'Tok')).toBe('/invite/u1?s=Tok#rules');
    expect(isSameSitePath('/product/1')).toBe(true);
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '/a b', 'product/1']) expect(isSameSitePath(bad)).toBe(false);
  });

  it('picks first and last touch by time, ties by id, whatever the input order', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 5, 1, 8, m));
    const clicks = [{ id: 'b', clickedAt: at(5) }, { id: 'c', clickedAt: at(9) }, { id: 'a', clickedAt: at(1) }, { id: 'd', clickedAt: at(9) }];
    expect(pickTouches(clicks)).toEqual({ first: clicks[2], last: clicks[3] });
    expect(pickTouches([])).toBeNull();
  });

  it('opens the attribution window the given number of days before', () => {
    expect(windowStart(new Date('2026-06-08T08:00:00Z'), 7).toISOString()).toBe('2026-06-01T08:00:00.000Z');
  });
});
