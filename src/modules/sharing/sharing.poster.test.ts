import { describe, expect, it } from 'vitest';
import { escapeXml, formatPrice, posterSvg, POSTER_HEIGHT, POSTER_WIDTH, textWidthEm, wrapText } from './sharing.poster.ts';

const qrSvg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h7v7H0z"/></svg>';
const base = { title: '降噪蓝牙耳机', price: { amount: 12990, currency: 'CNY' }, sharerName: '小红', image: null, qrSvg };

describe('poster text', () => {
  it('escapes markup and quotes and drops characters XML forbids', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;');
    expect(escapeXml('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('formats fen as yuan: whole yuan without decimals, otherwise two', () => {
    expect(formatPrice({ amount: 9900, currency: 'CNY' }).text).toBe('¥99');
    expect(formatPrice({ amount: 2990, currency: 'CNY' }).text).toBe('¥29.90');
    expect(formatPrice({ amount: 1, currency: 'CNY' }).text).toBe('¥0.01');
    expect(formatPrice({ amount: 0, currency: 'CNY' }).text).toBe('¥0');
    expect(formatPrice({ amount: 123456789, currency: 'CNY' })).toEqual({ symbol: '¥', integer: '1,234,567', fraction: '.89', text: '¥1,234,567.89' });
    expect(formatPrice({ amount: 500, currency: 'SGD' }).text).toBe('SGD 5');
    expect(() => formatPrice({ amount: 1.5, currency: 'CNY' })).toThrow(RangeError);
  });

  it('measures CJK as full width and wraps with an ellipsis on the last line', () => {
    expect(textWidthEm('拼团价')).toBe(3);
    expect(textWidthEm('ab')).toBeCloseTo(1.12);
    expect(wrapText('一二三四五六七八九十', 4, 2)).toEqual(['一二三四', '五六七…']);
    expect(wrapText('一二三', 4, 2)).toEqual(['一二三']);
    expect(wrapText('  spaced   out  ', 20, 1)).toEqual(['spaced out']);
    for (const line of wrapText('很长的商品标题'.repeat(20), 17, 2)) expect(textWidthEm(line)).toBeLessThanOrEqual(17);
  });
});

describe('poster layout', () => {
  it('is a 750×1334 document with the sharer, the title and the price', () => {
    const svg = posterSvg(base);
    expect(svg).toContain(`width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}"`);
    expect(svg).toContain('小红');
    expect(svg).toContain('降噪蓝牙耳机');
    expect(svg).toMatch(/<tspan[^>]*>¥<\/tspan><tspan[^>]*>129<\/tspan><tspan[^>]*>\.90<\/tspan>/);
    expect(svg).toContain('长按识别二维码');
  });

  it('escapes hostile titles and names so the document stays well formed', () => {
    const svg = posterSvg({ ...base, title: '</text><script>alert(1)</script>', sharerName: '"><image href="http://evil/x.png"/>' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('http://evil');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
  });

  it('embeds the picture and the QR code as data URIs, or draws a placeholder without a picture', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const withImage = posterSvg({ ...base, image: { contentType: 'image/png', bytes: png } });
    expect(withImage).toContain(`href="data:image/png;base64,${Buffer.from(png).toString('base64')}"`);
    expect(withImage).toContain(`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`);
    const placeholder = posterSvg({ ...base, image: { contentType: 'application/pdf', bytes: png } });
    expect(placeholder).not.toContain('data:application/pdf');
    expect(placeholder).toContain('fill="#FFF1E8"');
  });

  it('shows a label instead of a price when the target has none', () => {
    const svg = posterSvg({ ...base, price: null, priceLabel: '邀请有礼' });
    expect(svg).toContain('邀请有礼');
    expect(svg).not.toContain('¥');
  });
});
