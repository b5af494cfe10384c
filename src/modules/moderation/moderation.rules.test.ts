// Moderation's pure parts: the verdict rules, the sanitiser, the word matcher's normalisation,
// contact-detail patterns and the negative-spike rule.
import { describe, expect, it } from 'vitest';
import { decideVerdict, negativeSpike } from './moderation.rules.ts';
import { buildMatcher, findContacts, sanitizePlain, sanitizeRich } from './moderation.text.ts';

const clean = { words: [], contacts: [], markupRemoved: false, empty: false };

describe('verdicts', () => {
  it('approves clean text, holds listed "hold" words and contact details, refuses "refuse" words and empty text', () => {
    expect(decideVerdict(clean)).toEqual({ verdict: 'approved', reasons: [] });
    expect(decideVerdict({ ...clean, words: [{ word: '加微信', action: 'hold' }] }).verdict).toBe('held');
    expect(decideVerdict({ ...clean, contacts: ['13800138000'] })).toEqual({ verdict: 'held', reasons: [{ code: 'CONTACT_DETAILS', words: ['13800138000'] }] });
    expect(decideVerdict({ ...clean, words: [{ word: '加微信', action: 'hold' }, { word: '刷单', action: 'refuse' }] }).verdict).toBe('refused');
    expect(decideVerdict({ ...clean, empty: true }).verdict).toBe('refused');
  });

  it('keeps sanitised text approved, noting the markup was removed', () => {
    expect(decideVerdict({ ...clean, markupRemoved: true })).toEqual({ verdict: 'approved', reasons: [{ code: 'MARKUP_REMOVED' }] });
  });
});

describe('sanitising', () => {
  it('leaves plain text with no tags, no script content, and readable entities', () => {
    expect(sanitizePlain('<script>alert(1)</script>好<b>用</b>')).toEqual({ text: '好用', markupRemoved: true });
    expect(sanitizePlain('价格 < 100 & 质量 > 预期')).toEqual({ text: '价格 < 100 & 质量 > 预期', markupRemoved: false });
    expect(sanitizePlain('<img src=x onerror=alert(1)>').text).toBe('');
    expect(sanitizePlain('a\u200bb\u0000c').text).toBe('abc');
  });

  it('keeps only safe links in rich text', () => {
    expect(sanitizeRich('<a href="javascript:alert(1)">x</a>')).toBe('<a rel="nofollow noopener noreferrer" target="_blank">x</a>');
    expect(sanitizeRich('<a href="https://fission.local/p">x</a><script>1</script>')).toBe('<a href="https://fission.local/p" rel="nofollow noopener noreferrer" target="_blank">x</a>');
  });
});

describe('the word matcher', () => {
  const m = buildMatcher([{ word: '加微信', action: 'hold' }, { word: 'VX', action: 'hold' }, { word: '刷单', action: 'refuse' }, { word: '刷 单', action: 'hold' }]);

  it('finds words through spaces, punctuation, full-width forms and case', () => {
    expect(m.find('想要优惠 加-微 信 哦').map((w) => w.word)).toEqual(['加微信']);
    expect(m.find('私我ｖｘ').map((w) => w.word)).toEqual(['VX']);
    expect(m.find('没有问题')).toEqual([]);
  });

  it('keeps the stricter action when two spellings normalise to one word', () => {
    expect(m.find('刷单')).toEqual([{ word: '刷单', action: 'refuse' }]);
  });

  it('finds phone numbers, announced WeChat ids and links', () => {
    expect(findContacts('电话 138-0013-8000 随时')).toEqual(['138-0013-8000']);
    expect(findContacts('微信：abc_12345')).toEqual(['微信:abc_12345']);
    expect(findContacts('看 www.example.com')).toContain('www.example.com');
    expect(findContacts('订单号 20260601123456789')).toEqual([]);
  });
});

describe('negative spikes', () => {
  it('flags a product whose negative share jumps well above its usual share', () => {
    const r = negativeSpike({ recentTotal: 10, recentNegative: 6, baselineTotal: 200, baselineNegative: 20 }, 0.1);
    expect(r.spiking).toBe(true);
    expect(r.recentRate).toBe(0.6);
  });

  it('ignores a couple of bad reviews, and a product that is always this negative', () => {
    expect(negativeSpike({ recentTotal: 2, recentNegative: 2, baselineTotal: 200, baselineNegative: 20 }, 0.1).spiking).toBe(false);
    expect(negativeSpike({ recentTotal: 10, recentNegative: 5, baselineTotal: 200, baselineNegative: 100 }, 0.1).spiking).toBe(false);
  });

  it('compares a product without history with the store-wide rate', () => {
    expect(negativeSpike({ recentTotal: 5, recentNegative: 4, baselineTotal: 0, baselineNegative: 0 }, 0.1).spiking).toBe(true);
    expect(negativeSpike({ recentTotal: 5, recentNegative: 1, baselineTotal: 0, baselineNegative: 0 }, 0.1).spiking).toBe(false);
  });
});
