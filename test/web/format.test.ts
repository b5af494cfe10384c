// Money, discounts and numbers read the same way on every storefront screen, in both languages.
import { describe, expect, it } from 'vitest';
import { formatDiscount, formatMoney, formatNumber, localText, offFromRate } from '../../web/src/shared/format.ts';

describe('formatMoney', () => {
  it('shows ¥ for yuan in Chinese and in English, never CN¥', () => {
    expect(formatMoney({ amount: 12_490, currency: 'CNY' }, 'zh-CN')).toBe('¥124.90');
    expect(formatMoney({ amount: 12_490, currency: 'CNY' }, 'en')).toBe('¥124.90');
    expect(formatMoney({ amount: 1_234_500, currency: 'CNY' }, 'en')).toBe('¥12,345.00');
  });

  it('keeps two decimals for whole yuan and prints nothing for a missing amount', () => {
    expect(formatMoney({ amount: 2000, currency: 'CNY' }, 'zh-CN')).toBe('¥20.00');
    expect(formatMoney(null, 'en')).toBe('');
  });
});

describe('formatDiscount', () => {
  it('counts what is paid in tenths in Chinese (10% off is 9折)', () => {
    expect(formatDiscount({ percent: 10 }, 'zh-CN')).toBe('9折');
    expect(formatDiscount({ bp: 1000 }, 'zh-CN')).toBe('9折');
    expect(formatDiscount({ bp: 1500 }, 'zh-CN')).toBe('8.5折');
    expect(formatDiscount({ percent: 50 }, 'zh-CN')).toBe('5折');
    expect(formatDiscount({ bp: 9500 }, 'zh-CN')).toBe('0.5折');
  });

  it('says what comes off in English', () => {
    expect(formatDiscount({ percent: 10 }, 'en')).toBe('10% off');
    expect(formatDiscount({ bp: 1250 }, 'en')).toBe('12.5% off');
  });

  it('converts a price multiplier: a tier paying 88% of the price is 8.8折 / 12% off', () => {
    expect(formatDiscount(offFromRate(8800), 'zh-CN')).toBe('8.8折');
    expect(formatDiscount(offFromRate(8800), 'en')).toBe('12% off');
  });

  it('shows no badge for nothing off and "free" for everything off', () => {
    expect(formatDiscount({ bp: 0 }, 'zh-CN')).toBe('');
    expect(formatDiscount(offFromRate(10_000), 'en')).toBe('');
    expect(formatDiscount({ percent: 100 }, 'zh-CN')).toBe('免费');
    expect(formatDiscount({ percent: 100 }, 'en')).toBe('Free');
  });
});

describe('formatNumber', () => {
  it('groups thousands', () => {
    expect(formatNumber(12_345, 'en')).toBe('12,345');
    expect(formatNumber(12_345, 'zh-CN')).toBe('12,345');
  });
});

describe('localText', () => {
  it('shows the English text in English and falls back to the Chinese', () => {
    expect(localText('纯棉T恤', 'Cotton T-shirt', 'en')).toBe('Cotton T-shirt');
    expect(localText('纯棉T恤', 'Cotton T-shirt', 'zh-CN')).toBe('纯棉T恤');
    expect(localText('纯棉T恤', null, 'en')).toBe('纯棉T恤');
    expect(localText('纯棉T恤', '  ', 'en')).toBe('纯棉T恤');
  });
});
