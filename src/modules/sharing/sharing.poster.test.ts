import { describe, expect, it } from 'vitest';
import { escapeXml, formatPrice, posterSvg, POSTER_HEIGHT, POSTER_WIDTH, textWidthEm, wrapText } from './sharing.poster.ts';
import { couponGift, endsIn, giftText, posterCopy, posterLang } from './sharing.poster.facts.ts';
import { drawEmojiText, emojiGlyph, emojiSvg } from './sharing.poster.emoji.ts';

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

describe('poster words per mechanic and language', () => {
  const now = new Date('2026-06-01T08:00:00Z');
  const cny = (amount: number) => ({ amount, currency: 'CNY' });
  const opts = { shipping: cny(1000), now, sharerName: '小红' };
  const inHours = (h: number, m = 0) => new Date(now.getTime() + (h * 60 + m) * 60_000);

  it('team: seats left, the deadline, the team size and a join button; full or closed teams say so', () => {
    const open = { kind: 'team' as const, teamSize: 3, seatsLeft: 2, status: 'open' as const, endsAt: inHours(23, 59) };
    expect(posterCopy(open, 'zh-CN', opts)).toMatchObject({ invitation: '邀你一起拼团', badge: '3人团', priceLabel: '到手价 · 含运费¥10', state: '还差 2 人成团', detail: '23小时59分后结束', cta: '扫码参团 一起拼更便宜', sharedBy: '小红 分享' });
    expect(posterCopy(open, 'en', opts)).toMatchObject({ invitation: 'invites you to team up', badge: 'Team of 3', priceLabel: 'You pay · incl. ¥10 shipping', state: '2 more to go', detail: 'ends in 23h 59m', cta: 'Scan to join the team', referenceLabel: 'Was', sharedBy: 'Shared by 小红' });
    expect(posterCopy({ ...open, status: 'completed' }, 'zh-CN', opts)).toMatchObject({ state: '已成团', detail: null, cta: '扫码再开一团' });
    expect(posterCopy({ ...open, status: 'closed' }, 'en', opts)).toMatchObject({ state: 'This team has closed', detail: null });
    expect(posterCopy(open, 'zh-CN', { ...opts, shipping: cny(0) }).priceLabel).toBe('到手价 · 包邮');
  });

  it('price-cut: 最低砍至 with shipping, the cut so far, friends still needed and 帮我砍一刀', () => {
    const cut = { kind: 'bargain' as const, floor: cny(990), cutSoFar: cny(2838), helpersLeft: 1, status: 'open' as const, endsAt: inHours(2) };
    expect(posterCopy(cut, 'zh-CN', opts)).toMatchObject({ priceLabel: '最低砍至 · 含运费¥10', state: '已砍 ¥28.38', detail: '还差 1 位好友 · 2小时0分后结束', cta: '帮我砍一刀', badge: '砍价' });
    expect(posterCopy(cut, 'en', opts)).toMatchObject({ priceLabel: 'Cut to as low as · incl. ¥10 shipping', state: '¥28.38 cut so far', detail: '1 more friend · ends in 2h 0m', cta: 'Help me cut the price' });
    expect(posterCopy({ ...cut, status: 'succeeded' }, 'zh-CN', opts)).toMatchObject({ state: '已砍到最低价', detail: null });
  });

  it('invite: the gift with its amount and conditions, or no promise without a campaign', () => {
    const gift = { kind: 'coupon' as const, amount: cny(1500), minSpend: cny(9900) };
    expect(posterCopy({ kind: 'invite', gift }, 'zh-CN', { ...opts, shipping: null })).toMatchObject({ state: '送你 ¥15券', detail: '满¥99可用', cta: '扫码注册 领取新人礼', badge: '新人礼' });
    expect(posterCopy({ kind: 'invite', gift }, 'en', { ...opts, shipping: null })).toMatchObject({ state: 'A ¥15 coupon for you', detail: 'on orders over ¥99' });
    expect(posterCopy({ kind: 'invite', gift: { kind: 'points', points: 100 } }, 'zh-CN', { ...opts, shipping: null }).state).toBe('送你 100积分');
    expect(giftText({ kind: 'percent', percentOff: 15, minSpend: null }, 'zh-CN')).toEqual({ big: '8.5折', unit: '券', condition: '无门槛' });
    expect(giftText({ kind: 'percent', percentOff: 20, minSpend: null }, 'en')).toEqual({ big: '20% off', unit: 'coupon', condition: 'no minimum spend' });
    expect(posterCopy({ kind: 'invite', gift: null }, 'en', { ...opts, shipping: null })).toMatchObject({ state: null, detail: null });
    expect(couponGift({ kind: 'threshold', amount: cny(800), percentBp: null, minSpend: cny(5900) })).toEqual({ kind: 'coupon', amount: cny(800), minSpend: cny(5900) });
    expect(couponGift({ kind: 'percent', amount: null, percentBp: 1250, minSpend: cny(0) })).toEqual({ kind: 'percent', percentOff: 12.5, minSpend: null });
    expect(couponGift({ kind: 'free_shipping', amount: null, percentBp: null, minSpend: cny(0) })).toBeNull();
  });

  it('product, coupon pack and lottery have their own lines; a nameless sharer is 好友 / A friend', () => {
    expect(posterCopy({ kind: 'product' }, 'en', { ...opts, sharerName: ' ' })).toMatchObject({ invitation: 'recommends this to you', cta: 'Scan to buy now', sharerName: 'A friend', sharedBy: 'Shared by A friend' });
    expect(posterCopy({ kind: 'product' }, 'zh-CN', { ...opts, sharerName: '' })).toMatchObject({ invitation: '向你推荐一件好物', sharerName: '好友' });
    expect(posterCopy({ kind: 'coupon_pack', gift: null }, 'zh-CN', opts).cta).toBe('扫码立即领取');
    expect(posterCopy({ kind: 'lottery' }, 'en', opts).cta).toBe('Scan to try your luck');
  });

  it('counts down in minutes, days when far, nothing once past', () => {
    expect(endsIn(inHours(0, 5), now, 'zh-CN')).toBe('5分钟后结束');
    expect(endsIn(inHours(0, 5), now, 'en')).toBe('ends in 5m');
    expect(endsIn(inHours(50), now, 'en')).toBe('ends in 50h 0m');
    expect(endsIn(inHours(24 * 4), now, 'zh-CN')).toBe('4天后结束');
    expect(endsIn(inHours(-1), now, 'en')).toBeNull();
    expect(endsIn(null, now, 'en')).toBeNull();
  });

  it('picks the language from ?lang=, then Accept-Language by preference, else zh-CN', () => {
    expect(posterLang('en', 'zh-CN')).toBe('en');
    expect(posterLang(undefined, 'fr-FR,en-GB;q=0.8,zh;q=0.5')).toBe('en');
    expect(posterLang(undefined, 'en;q=0.3,zh-TW;q=0.9')).toBe('zh-CN');
    expect(posterLang(undefined, 'de-DE')).toBe('zh-CN');
    expect(posterLang(undefined, undefined)).toBe('zh-CN');
  });
});

describe('poster layout per mechanic', () => {
  it('draws the state, the detail, the call to action, the badge and the struck reference, all escaped', () => {
    const svg = posterSvg({ ...base, reference: { amount: 19900, currency: 'CNY' }, referenceLabel: 'Was', state: '1 more to go', detail: 'ends in 2h 0m', cta: 'Scan to join <now>', badge: 'Team of 2', sharedBy: 'Shared by 小红', qrHint: 'Scan the QR code', invitation: 'invites you to team up' });
    for (const text of ['1 more to go', 'ends in 2h 0m', 'Scan to join &lt;now&gt;', 'Team of 2', 'Shared by 小红', 'Scan the QR code', 'invites you to team up']) expect(svg).toContain(text);
    expect(svg).toMatch(/text-decoration="line-through">Was ¥199</);
    expect(svg).not.toContain('长按识别二维码');
  });

  it('without a picture draws the mechanic art: the emoji as Twemoji shapes over the gift', () => {
    const svg = posterSvg({ ...base, price: null, state: '送你 ¥15券', art: { emoji: '🎁', big: '¥15', small: '优惠券' } });
    expect(svg).toMatch(/<g transform="translate\([\d. ]+\) scale\([\d.]+\)"><path/);
    expect(svg).toContain('>¥15<');
    expect(svg).toContain('送你 ¥15券');
  });

  it('wraps Latin titles at spaces', () => {
    expect(wrapText('Yangshan peaches gift box', 6, 3)).toEqual(['Yangshan', 'peaches', 'gift box']);
    expect(wrapText('Yangshan peaches gift box', 10, 3)).toEqual(['Yangshan peaches', 'gift box']);
  });
});

describe('emoji without an emoji font', () => {
  it('replaces emoji-only text with Twemoji paths at the same place and size, leaving other text', () => {
    const svg = '<svg><text x="300" y="310" text-anchor="middle" font-size="190">🍑</text><text x="1" y="2">桃子</text></svg>';
    const drawn = drawEmojiText(svg);
    expect(drawn).not.toContain('🍑');
    expect(drawn).toContain('<text x="1" y="2">桃子</text>');
    // 190 px wide, centred on x=300, top 0.88 em above the baseline.
    expect(drawn).toContain(`translate(205 ${310 - 0.88 * 190})`);
    expect(emojiGlyph('🛏️')).not.toBeNull(); // with its variation selector
    expect(emojiGlyph('a')).toBeNull();
    expect(emojiSvg('a', 0, 0, 10)).toBe('');
  });
});
