// Text handling for user content: the sanitiser (sanitize-html, a maintained library), the
// normalisation the word filter matches on, the Aho–Corasick matcher (modern-ahocorasick) and the
// contact-detail patterns. Pure functions and one immutable matcher value per word list.
import AhoCorasick from 'modern-ahocorasick';
import sanitizeHtml from 'sanitize-html';
import type { ListedWord } from './moderation.rules.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/**
 * Plain text out of whatever a person typed: every tag is dropped, and script, style and similar
 * elements lose their content too (sanitize-html's `nonTextTags`). The library escapes what remains;
 * we decode those entities again because the result is stored and rendered as text, never as HTML
 * (React escapes it), and double escaping would show "&lt;" to readers.
 */
export function sanitizePlain(input: string): { text: string; markupRemoved: boolean } {
  const plain = tidy(input);
  // Without "<" there is no tag and without "&" no entity: the sanitiser would return the text
  // as it is. Most chat messages take this path (live chat is screened per message).
  if (!/[<&]/.test(input)) return { text: plain, markupRemoved: false };
  const stripped = sanitizeHtml(input, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' });
  const text = tidy(stripped.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e] ?? ''));
  // Markup was removed when the decoded result differs from the input beyond whitespace.
  return { text, markupRemoved: text !== plain };
}

/** Control and zero-width characters out, runs of spaces and blank lines collapsed. */
const tidy = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Schemes a link in rich user content may use: anything else (javascript:, data:, vbscript:) is dropped. */
export const SAFE_SCHEMES = ['http', 'https'];

/**
 * Rich text for places that render a little markup (a note body): bold, italics, line breaks and
 * links with a safe scheme only, opened without the opener and marked nofollow.
 */
export function sanitizeRich(input: string): string {
  return sanitizeHtml(input, {
    allowedTags: ['b', 'strong', 'i', 'em', 'br', 'p', 'a'],
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: SAFE_SCHEMES,
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer', target: '_blank' }) },
  });
}

/**
 * What the word filter matches: full-width forms folded to ASCII, lower case, and every space,
 * punctuation mark and symbol removed, so "加 微 信", "加-微-信" and "ＶＸ" are caught like "加微信" and "vx".
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** An immutable matcher over one version of the word list. */
export interface WordMatcher {
  readonly size: number;
  find(text: string): ListedWord[];
}

export function buildMatcher(words: readonly ListedWord[]): WordMatcher {
  const byNormal = new Map<string, ListedWord>();
  for (const w of words) {
    const n = normalizeForMatch(w.word);
    // Two spellings of one word: the stricter action wins.
    if (n && (!byNormal.has(n) || w.action === 'refuse')) byNormal.set(n, w);
  }
  const patterns = [...byNormal.keys()];
  const ac = patterns.length ? new AhoCorasick(patterns) : null;
  return {
    size: patterns.length,
    find(text: string) {
      if (!ac) return [];
      const found = new Map<string, ListedWord>();
      for (const m of ac.search(normalizeForMatch(text))) {
        const w = byNormal.get(m.pattern);
        if (w) found.set(w.word, w);
      }
      return [...found.values()];
    },
  };
}

// Mainland mobile numbers (also written with spaces or dashes), WeChat/QQ ids announced as such, and
// links. Matched on the NFKC text so full-width digits count.
const PHONE = /(?<!\d)1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g;
const HANDLE = /(?:微信|v信|vx|wx|weixin|wechat|qq|扣扣)\s*[:：号]?\s*([a-z][a-z0-9_-]{5,19}|\d{5,12})/gi;
const LINK = /\b(?:https?:\/\/|www\.)[^\s]+|\b[a-z0-9-]+\.(?:com|cn|net|top|xyz|cc|vip)\b/gi;

export function findContacts(text: string): string[] {
  const t = text.normalize('NFKC');
  return [...t.matchAll(PHONE), ...t.matchAll(HANDLE), ...t.matchAll(LINK)].map((m) => m[0].trim());
}
