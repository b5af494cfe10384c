// The share poster as an SVG document (750×1334, the phone-screen size posters are shared at).
// Pure: text, price, image bytes and the QR code's SVG in; a string out. Rendering to PNG is the
// service's job. Every piece of text is escaped, so a product title cannot inject markup.

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1334;
export const POSTER_FONT_FAMILY = 'Noto Sans Hans';

export interface PosterInput {
  title: string;
  price: { amount: number; currency: string } | null;
  sharerName: string;
  /** The target's picture; null (or a type we cannot embed) draws a placeholder block. */
  image: { contentType: string; bytes: Uint8Array } | null;
  /** An <svg> document for the QR code of the absolute share URL. */
  qrSvg: string;
  /** The line above the price, e.g. 拼团价; defaults to 到手价 ("price you pay"). */
  priceLabel?: string;
  /** The lawful reference ("original") price, struck through after the price; only when above it. */
  reference?: { amount: number; currency: string } | null;
}

const EMBEDDABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml']);

/** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

/** Fen to a shopper's price: ¥99 for whole yuan, ¥29.90 otherwise, thousands grouped. */
export function formatPrice(price: { amount: number; currency: string }): { symbol: string; integer: string; fraction: string; text: string } {
  if (!Number.isSafeInteger(price.amount)) throw new RangeError(`price must be whole minor units (got ${price.amount})`);
  const symbol = SYMBOLS[price.currency] ?? `${price.currency} `;
  const negative = price.amount < 0;
  const abs = Math.abs(price.amount);
  const integer = (negative ? '-' : '') + Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  const fraction = cents === 0 ? '' : `.${cents.toString().padStart(2, '0')}`;
  return { symbol, integer, fraction, text: `${symbol}${integer}${fraction}` };
}

/** Width of text in ems: CJK and other wide characters 1, Latin letters and digits about 0.55. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x1f300) ? 1 : ch === ' ' ? 0.3 : 0.56;
  }
  return w;
}

/** Greedy wrap by width (no word breaking needed for CJK); the last line ends in … when cut. */
export function wrapText(text: string, maxEm: number, maxLines: number): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  let line = '';
  const chars = [...clean];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (textWidthEm(line + ch) > maxEm) {
      if (lines.length === maxLines - 1) {
        let cut = line;
        while (cut && textWidthEm(cut + '…') > maxEm) cut = [...cut].slice(0, -1).join('');
        lines.push(cut.trimEnd() + '…');
        return lines;
      }
      lines.push(line.trimEnd());
      line = ch === ' ' ? '' : ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

const dataUri = (contentType: string, bytes: Uint8Array) => `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;

export function posterSvg(input: PosterInput): string {
  const W = POSTER_WIDTH;
  const H = POSTER_HEIGHT;
  const name = wrapText(input.sharerName || '好友', 9, 1)[0];
  const initial = [...(input.sharerName.trim() || '友')][0];
  const titleLines = wrapText(input.title, 17, 2);
  const price = input.price ? formatPrice(input.price) : null;
  const image = input.image && EMBEDDABLE.has(input.image.contentType) && input.image.bytes.length > 0 ? input.image : null;

  // Layout (px): header 0–170, picture card 170–850, title 880–970, price 1000–1100, footer 1120–1334.
  const card = { x: 40, y: 170, w: 670, h: 670 };
  const qr = { size: 180, x: W - 40 - 180 - 24, y: 1062 };

  const picture = image
    ? `<image href="${dataUri(image.contentType, image.bytes)}" x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" preserveAspectRatio="xMidYMid slice" clip-path="url(#card)"/>`
    : `<rect x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" rx="24" fill="#FFF1E8"/>
  <text x="${W / 2}" y="${card.y + card.h / 2 + 20}" text-anchor="middle" font-size="56" fill="#FF9A6B">${escapeXml(wrapText(input.title, 10, 1)[0] ?? '')}</text>`;

  // The reference price (原价) on the label's line, struck through, only when above the price.
  const priceLabel = input.priceLabel ?? '到手价';
  const reference = price && input.reference && input.price && input.reference.currency === input.price.currency && input.reference.amount > input.price.amount ? formatPrice(input.reference) : null;
  const referenceText = reference
    ? `<text x="${Math.round(64 + textWidthEm(priceLabel) * 28 + 24)}" y="1012" font-size="28" fill="#999999" text-decoration="line-through">${escapeXml(`原价 ${reference.text}`)}</text>`
    : '';
  const priceBlock = price
    ? `<text x="64" y="1012" font-size="28" fill="#E02E24">${escapeXml(priceLabel)}</text>${referenceText}
  <text x="60" y="1092" fill="#E02E24" font-weight="700"><tspan font-size="44">${escapeXml(price.symbol)}</tspan><tspan font-size="92">${escapeXml(price.integer)}</tspan><tspan font-size="48">${escapeXml(price.fraction)}</tspan></text>`
    : `<text x="64" y="1070" font-size="40" fill="#E02E24" font-weight="700">${escapeXml(input.priceLabel ?? '限时特惠')}</text>`;

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${POSTER_FONT_FAMILY}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#FF4B2B"/>
      <stop offset="0.45" stop-color="#FF7A3D"/>
      <stop offset="1" stop-color="#FFB067"/>
    </linearGradient>
    <clipPath id="card"><rect x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" rx="24"/></clipPath>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#bg)"/>
  <rect x="20" y="150" width="${W - 40}" height="${H - 170}" rx="32" fill="#FFFFFF"/>
  <circle cx="88" cy="76" r="44" fill="#FFFFFF"/>
  <text x="88" y="92" text-anchor="middle" font-size="44" fill="#FF4B2B" font-weight="700">${escapeXml(initial)}</text>
  <text x="152" y="68" font-size="34" fill="#FFFFFF" font-weight="700">${escapeXml(name)}</text>
  <text x="152" y="112" font-size="26" fill="#FFE9DC">为你挑了一件好物，快来看看</text>
  ${picture}
  <text font-size="36" fill="#222222">${titleLines.map((l, i) => `<tspan x="60" y="${900 + i * 50}">${escapeXml(l)}</tspan>`).join('')}</text>
  ${priceBlock}
  <rect x="60" y="1140" width="340" height="60" rx="30" fill="#FFEDE6"/>
  <text x="230" y="1179" text-anchor="middle" font-size="26" fill="#E02E24">分享给好友 一起买更划算</text>
  <text x="60" y="1262" font-size="24" fill="#999999">好友 ${escapeXml(name)} 分享</text>
  <rect x="${qr.x - 12}" y="${qr.y - 12}" width="${qr.size + 24}" height="${qr.size + 24}" rx="16" fill="#FFFFFF" stroke="#FFD2BF" stroke-width="3"/>
  <image href="${dataUri('image/svg+xml', Buffer.from(input.qrSvg, 'utf8'))}" x="${qr.x}" y="${qr.y}" width="${qr.size}" height="${qr.size}"/>
  <text x="${qr.x + qr.size / 2}" y="${qr.y + qr.size + 46}" text-anchor="middle" font-size="24" fill="#666666">长按识别二维码</text>
</svg>`;
}
