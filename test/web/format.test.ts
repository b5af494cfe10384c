// Money, discounts, numbers, percentages and period changes read the same way on every storefront and console screen, in both languages.
import { describe, expect, it } from 'vitest';
import { formatBp, formatChange, formatDiscount, formatMoney, formatNumber, formatPercent, formatYuan, localText, offFromRate, yuan } from '../../web/src/shared/format.ts';

describe('formatMoney', () => {
  it('shows ¥ for yuan in Chinese and in English, never CN¥', () => {
    expect(formatMoney({ amount: 12_490, currency: 'CNY' }, 'zh-CN')).toBe('¥124.90');
    expect(formatMoney({ amount: 12_490, currency: 'CNY' }, 'en')).toBe('¥124.90');
    expect(formatMoney({ amount: 1_234_500, currency: 'CNY' }, 'en')).toBe('¥12,345.00');
  });

  it('groups thousands in both languages, large and negative amounts included', () => {
    expect(formatMoney({ amount: 123_456_789_00, currency: 'CNY' }, 'zh-CN')).toBe('¥123,456,789.00');
    expect(formatMoney({ amount: 124_490, currency: 'CNY' }, 'zh-CN')).toBe('¥1,244.90');
    expect(formatMoney({ amount: -150_000, currency: 'CNY' }, 'en')).toBe('-¥1,500.00');
    expect(formatMoney({ amount: 0, currency: 'CNY' }, 'en')).toBe('¥0.00');
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
    expect(formatNumber(1_234_567, 'zh-CN')).toBe('1,234,567');
  });

  it('caps the decimals when asked', () => {
    expect(formatNumber(1234.5678, 'en', 1)).toBe('1,234.6');
    expect(formatNumber(2.5, 'zh-CN', 0)).toBe('3');
  });
});

describe('formatYuan', () => {
  it('is the amount without the symbol, grouped, two decimals', () => {
    expect(formatYuan(1_234_550, 'zh-CN')).toBe('12,345.50');
    expect(formatYuan(990, 'en')).toBe('9.90');
  });

  it('differs from yuan(), which is an input value and so never grouped', () => {
    expect(yuan(1_234_550)).toBe('12345.50');
  });
});

describe('formatPercent and formatBp', () => {
  it('shows a ratio as a percentage with a fixed number of decimals and grouping', () => {
    expect(formatPercent(0.1234, 'zh-CN')).toBe('12.3%');
    expect(formatPercent(0.5, 'en', 0)).toBe('50%');
    expect(formatPercent(12.5, 'en')).toBe('1,250.0%');
    expect(formatPercent(0.00123, 'en', 2)).toBe('0.12%');
  });

  it('shows basis points with decimals only when there are some', () => {
    expect(formatBp(1000, 'zh-CN')).toBe('10%');
    expect(formatBp(1250, 'en')).toBe('12.5%');
    expect(formatBp(5, 'en')).toBe('0.05%');
  });
});

describe('formatChange', () => {
  it('points up or down with the size of the move against the period before', () => {
    expect(formatChange(11_230, 10_000, 'zh-CN')).toEqual({ direction: 'up', text: '▲ 12.3%' });
    expect(formatChange(96, 100, 'en')).toEqual({ direction: 'down', text: '▼ 4.0%' });
    expect(formatChange(250_000, 10_000, 'en')).toEqual({ direction: 'up', text: '▲ 2,400.0%' });
  });

  it('reads a hold (or a move below the last shown decimal) as flat, with no arrow', () => {
    expect(formatChange(100, 100, 'en')).toEqual({ direction: 'flat', text: '0.0%' });
    expect(formatChange(100_001, 100_000, 'zh-CN')).toEqual({ direction: 'flat', text: '0.0%' });
  });

  it('says "new" when the period before had nothing, and nothing when neither had anything', () => {
    expect(formatChange(5, 0, 'zh-CN')).toEqual({ direction: 'up', text: '▲ 新增' });
    expect(formatChange(5, 0, 'en')).toEqual({ direction: 'up', text: '▲ new' });
    expect(formatChange(0, 0, 'en')).toEqual({ direction: 'none', text: '' });
  });

  it('falls all the way to zero as ▼ 100.0%', () => {
    expect(formatChange(0, 40, 'en')).toEqual({ direction: 'down', text: '▼ 100.0%' });
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
