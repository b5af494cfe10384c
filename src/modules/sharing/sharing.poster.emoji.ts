// Emoji on posters without an emoji font: resvg draws text only with the fonts it is given and we
// ship a CJK text font, so an emoji would come out as nothing. Twemoji (CC-BY 4.0, the
// @iconify-json/twemoji package: every emoji as SVG paths on a 36×36 grid) draws them as shapes
// instead: a <text> that holds only emoji becomes the matching Twemoji paths at its place and size.
import { createRequire } from 'node:module';

interface IconSet {
  icons: Record<string, { body: string; width?: number; height?: number }>;
  aliases?: Record<string, { parent: string }>;
  width?: number;
  height?: number;
}

let loaded: { chars: Record<string, string>; set: IconSet } | undefined;

/** The icon set, read once on first use (10 MB of JSON; most processes never draw a poster). */
function twemoji() {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = { chars: require('@iconify-json/twemoji/chars.json'), set: require('@iconify-json/twemoji/icons.json') };
  }
  return loaded;
}

const hexOf = (emoji: string) => [...emoji].map((ch) => ch.codePointAt(0)!.toString(16)).join('-');

/** One emoji's Twemoji paths and their grid size; null for a character Twemoji does not draw. */
export function emojiGlyph(emoji: string): { body: string; size: number } | null {
  const { chars, set } = twemoji();
  const hex = hexOf(emoji);
  let name = chars[hex] ?? chars[hex.replace(/-fe0f/g, '')] ?? chars[`${hex}-fe0f`];
  if (!name) return null;
  for (let hops = 0; !set.icons[name] && set.aliases?.[name] && hops < 5; hops++) name = set.aliases[name].parent;
  const icon = set.icons[name];
  return icon ? { body: icon.body, size: icon.width ?? set.width ?? 36 } : null;
}

/** An emoji drawn as paths in the square box at (x, y) with side `size`; '' when Twemoji lacks it. */
export function emojiSvg(emoji: string, x: number, y: number, size: number): string {
  const glyph = emojiGlyph(emoji);
  if (!glyph) return '';
  const r = (n: number) => Math.round(n * 100) / 100;
  return `<g transform="translate(${r(x)} ${r(y)}) scale(${r(size / glyph.size * 1000) / 1000})">${glyph.body}</g>`;
}

const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]|\s)+$/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const attr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * Every <text> element whose content is only emoji, redrawn as Twemoji paths: same anchor, the
 * glyphs one em square each, sitting on the baseline the way colour-emoji fonts place them
 * (0.88 em above it). Other text is left alone.
 */
export function drawEmojiText(svg: string): string {
  return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (whole, attrs: string, content: string) => {
    const text = content.trim();
    if (!text || !EMOJI.test(text)) return whole;
    const glyphs = [...segmenter.segment(text)].map((s) => s.segment).filter((g) => g.trim());
    const size = Number(attr(attrs, 'font-size') ?? 16);
    const x = Number(attr(attrs, 'x') ?? 0);
    const y = Number(attr(attrs, 'y') ?? 0);
    if (![size, x, y].every(Number.isFinite)) return whole;
    const anchor = attr(attrs, 'text-anchor');
    const width = glyphs.length * size;
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    return glyphs.map((g, i) => emojiSvg(g, left + i * size, y - 0.88 * size, size)).join('');
  });
}
