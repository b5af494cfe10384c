// The share poster as an SVG document (750×1334, the phone-screen size posters are shared at).
// Pure: text, price, image bytes and the QR code's SVG in; a string out. Rendering to PNG is the
// service's job. Every piece of text is escaped, so a product title cannot inject markup. The
// words come from sharing.poster.facts.ts (per mechanic and language); the defaults are a product's.
import { emojiSvg } from './sharing.poster.emoji.ts';

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1334;
export const POSTER_FONT_FAMILY = 'Noto Sans Hans';

export interface PosterInput {
  title: string;
  price: { amount: number; currency: string } | null;
  sharerName: string;
  /** The target's picture; null (or a type we cannot embed) draws `art` or a placeholder block. */
  image: { contentType: string; bytes: Uint8Array } | null;
  /** An <svg> document for the QR code of the absolute share URL. */
  qrSvg: string;
  /** The line above the price, e.g. 到手价 · 包邮; defaults to 到手价 ("price you pay"). */
  priceLabel?: string;
  /** The lawful reference ("original") price, struck through after the price; only when above it. */
  reference?: { amount: number; currency: string } | null;
  /** The words before the struck-through reference: 原价 / Was. */
  referenceLabel?: string;
  /** Under the sharer's name: 邀你一起拼团, asks you to help cut the price… */
  invitation?: string;
  /** Corner badge on the picture: 2人团, 砍价, 新人礼. */
  badge?: string | null;
  /** The state under the price (还差 1 人成团, 已砍 ¥39); with no price it is the big line. */
  state?: string | null;
  /** The smaller line under the state: a deadline or a gift's conditions. */
  detail?: string | null;
  /** The one-line call to action on the button. */
  cta?: string;
  qrHint?: string;
  /** The footer: 小红 分享 / Shared by Ann. */
  sharedBy?: string;
  /** Drawn in the picture card when there is no picture: an emoji (as Twemoji shapes) over a big line. */
  art?: { emoji: string; big: string | null; small: string | null } | null;
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
      // Latin words move to the next line whole when the line has a space to break at.
      const space = ch === ' ' ? -1 : line.lastIndexOf(' ');
      if (space > 0 && /\S$/.test(line)) {
        lines.push(line.slice(0, space).trimEnd());
        line = line.slice(space + 1) + ch;
      } else {
        lines.push(line.trimEnd());
        line = ch === ' ' ? '' : ch;
      }
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

const dataUri = (contentType: string, bytes: Uint8Array) => `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;

/** Font size (px) at which `text` fits `maxPx`, at most `size`. */
const fitSize = (text: string, size: number, maxPx: number) => Math.max(12, Math.min(size, Math.floor(maxPx / Math.max(textWidthEm(text), 0.01))));

export function posterSvg(input: PosterInput): string {
  const W = POSTER_WIDTH;
  const H = POSTER_HEIGHT;
  const name = wrapText(input.sharerName || '好友', 9, 1)[0];
  const initial = [...(input.sharerName.trim() || '友')][0];
  const titleLines = wrapText(input.title, 17, 2);
  const price = input.price ? formatPrice(input.price) : null;
  const image = input.image && EMBEDDABLE.has(input.image.contentType) && input.image.bytes.length > 0 ? input.image : null;

  // Layout (px): header 0–150, picture card 170–790, title 820–900, price 925–1040, state and
  // call to action on the left 1060–1230 beside the QR code, footer to 1334.
  const card = { x: 40, y: 170, w: 670, h: 620 };
  const qr = { size: 180, x: W - 40 - 180 - 24, y: 1062 };
  const left = { x: 60, w: qr.x - 12 - 60 - 14 };

  let picture: string;
  if (image) {
    picture = `<image href="${dataUri(image.contentType, image.bytes)}" x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" preserveAspectRatio="xMidYMid slice" clip-path="url(#card)"/>`;
  } else if (input.art) {
    // The mechanic's own art: its emoji large, over the gift (¥15 券) or the title.
    const big = input.art.big ?? wrapText(input.title, 12, 1)[0] ?? '';
    const bigSize = fitSize(big, input.art.big ? 110 : 52, card.w - 80);
    picture = `<rect x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" rx="24" fill="#FFF1E8"/>
  <circle cx="${W / 2}" cy="${card.y + 220}" r="190" fill="#FFE0CC"/>
  ${emojiSvg(input.art.emoji, W / 2 - 140, card.y + 80, 280)}
  <text x="${W / 2}" y="${card.y + 500}" text-anchor="middle" font-size="${bigSize}" fill="#E02E24" font-weight="700">${escapeXml(big)}</text>
  ${input.art.small ? `<text x="${W / 2}" y="${card.y + 570}" text-anchor="middle" font-size="${fitSize(input.art.small, 32, card.w - 80)}" fill="#B4532A">${escapeXml(input.art.small)}</text>` : ''}`;
  } else {
    picture = `<rect x="${card.x}" y="${card.y}" width="${card.w}" height="${card.h}" rx="24" fill="#FFF1E8"/>
  <text x="${W / 2}" y="${card.y + card.h / 2 + 20}" text-anchor="middle" font-size="56" fill="#FF9A6B">${escapeXml(wrapText(input.title, 10, 1)[0] ?? '')}</text>`;
  }
  // Top right: product pictures often carry their own label top left.
  const badgeWidth = input.badge ? Math.round(textWidthEm(input.badge) * 28 * 1.1 + 40) : 0;
  const badge = input.badge
    ? `<rect x="${card.x + card.w - 20 - badgeWidth}" y="${card.y + 20}" width="${badgeWidth}" height="52" rx="26" fill="#E02E24"/>
  <text x="${card.x + card.w - 20 - badgeWidth / 2}" y="${card.y + 56}" text-anchor="middle" font-size="28" fill="#FFFFFF" font-weight="700">${escapeXml(input.badge)}</text>`
    : '';

  // The reference price (原价) on the label's line, struck through, only when above the price.
  const priceLabel = input.priceLabel ?? '到手价';
  const reference = price && input.reference && input.price && input.reference.currency === input.price.currency && input.reference.amount > input.price.amount ? formatPrice(input.reference) : null;
  // Right-aligned on the big price's line, clear of a long label (the QR code starts below it).
  const referenceText = reference
    ? `<text x="${W - 60}" y="1024" text-anchor="end" font-size="30" fill="#999999" text-decoration="line-through">${escapeXml(`${input.referenceLabel ?? '原价'} ${reference.text}`)}</text>`
    : '';
  // Without a price the state (送你 ¥15 券) is the big line; with one it sits under the price.
  const bigLine = price ? null : (input.state ?? input.priceLabel ?? '限时特惠');
  const priceBlock = price
    ? `<text x="64" y="950" font-size="28" fill="#E02E24">${escapeXml(priceLabel)}</text>${referenceText}
  <text x="60" y="1030" fill="#E02E24" font-weight="700"><tspan font-size="44">${escapeXml(price.symbol)}</tspan><tspan font-size="92">${escapeXml(price.integer)}</tspan><tspan font-size="48">${escapeXml(price.fraction)}</tspan></text>`
    : `${input.state ? `<text x="64" y="950" font-size="28" fill="#E02E24">${escapeXml(priceLabel)}</text>` : ''}
  <text x="60" y="1024" font-size="${fitSize(bigLine!, 64, W - 120)}" fill="#E02E24" font-weight="700">${escapeXml(bigLine!)}</text>`;
  const stateLine = price && input.state ? `<text x="${left.x}" y="1096" font-size="30" fill="#E02E24" font-weight="700">${escapeXml(wrapText(input.state, left.w / 30, 1)[0])}</text>` : '';
  const detailLine = input.detail ? `<text x="${left.x}" y="${price && input.state ? 1136 : 1096}" font-size="24" fill="#666666">${escapeXml(wrapText(input.detail, left.w / 24, 1)[0])}</text>` : '';
  const cta = input.cta ?? '扫码立即购买';
  const ctaSize = fitSize(cta, 30, left.w - 40);

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
  <text x="152" y="112" font-size="26" fill="#FFE9DC">${escapeXml(wrapText(input.invitation ?? '向你推荐一件好物', 21, 1)[0])}</text>
  ${picture}
  ${badge}
  <text font-size="36" fill="#222222">${titleLines.map((l, i) => `<tspan x="60" y="${846 + i * 46}">${escapeXml(l)}</tspan>`).join('')}</text>
  ${priceBlock}
  ${stateLine}
  ${detailLine}
  <rect x="${left.x}" y="1162" width="${left.w}" height="66" rx="33" fill="#E02E24"/>
  <text x="${left.x + left.w / 2}" y="${1195 + Math.round(ctaSize * 0.36)}" text-anchor="middle" font-size="${ctaSize}" fill="#FFFFFF" font-weight="700">${escapeXml(cta)}</text>
  <text x="60" y="1286" font-size="24" fill="#999999">${escapeXml(wrapText(input.sharedBy ?? `${name} 分享`, 17, 1)[0])}</text>
  <rect x="${qr.x - 12}" y="${qr.y - 12}" width="${qr.size + 24}" height="${qr.size + 24}" rx="16" fill="#FFFFFF" stroke="#FFD2BF" stroke-width="3"/>
  <image href="${dataUri('image/svg+xml', Buffer.from(input.qrSvg, 'utf8'))}" x="${qr.x}" y="${qr.y}" width="${qr.size}" height="${qr.size}"/>
  <text x="${qr.x + qr.size / 2}" y="${qr.y + qr.size + 46}" text-anchor="middle" font-size="24" fill="#666666">${escapeXml(input.qrHint ?? '长按识别二维码')}</text>
</svg>`;
}
