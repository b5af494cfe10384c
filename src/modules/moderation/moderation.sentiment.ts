// Lexicon sentiment over segmented Chinese: each opinion word scores its polarity × weight, scaled by
// the degree words and flipped by the negations that precede it in the same clause; a clause after a
// contrast word ("但是", "不过") counts more than the one before. The sum is squashed to -1..1.
// Accuracy on the labelled set is measured in moderation.sentiment.test.ts (see the module README text).
import { CONTRASTS, DEGREES, NEGATIONS, NEGATIVE, POSITIVE } from './moderation.lexicon.ts';

/** Splits text into words; moderation.segmenter.ts wraps @node-rs/jieba. */
export interface Segmenter {
  cut(text: string): string[];
}

const CLAUSE_END = /^[，,。.!！?？;；~～\n…]+$/;
/** A negation flips an opinion but softens it: "不好" is less negative than "差". */
const NEGATED = -0.8;
/** Weights of the clauses before and after a contrast word. */
const BEFORE_CONTRAST = 0.6;
const AFTER_CONTRAST = 1.4;
/** How many words after a negation it still turns an opinion around. */
const NEGATION_WINDOW = 3;

const polarity = (w: string): number => POSITIVE[w] ?? (NEGATIVE[w] !== undefined ? -NEGATIVE[w] : 0);

/**
 * A token the segmenter left whole ("不太好", "很满意", "太慢了") is read as its modifiers and an
 * opinion word when it is exactly that: leading negations and degree words peeled off, trailing
 * particles dropped. Anything else is not an opinion.
 */
function decompose(token: string): string[] | null {
  if (polarity(token)) return [token];
  const stripped = token.replace(/[了的啊呀吧呢哦嘛啦]+$/, '');
  if (stripped !== token && stripped) {
    const rest = decompose(stripped);
    if (rest) return rest;
  }
  for (let i = Math.min(3, token.length - 1); i >= 1; i--) {
    const head = token.slice(0, i);
    if (!NEGATIONS.has(head) && DEGREES[head] === undefined) continue;
    const rest = decompose(token.slice(i));
    if (rest) return [head, ...rest];
  }
  return null;
}

/** Score -1..1 of a text's words (already segmented). */
export function scoreTokens(tokens: readonly string[]): number {
  let total = 0;
  let clause = 0;
  let clauseWeight = 1;
  let negations = 0;
  let degree = 1;
  let lastNegation = -Infinity;
  const closeClause = (nextWeight: number) => {
    total += clause * clauseWeight;
    clause = 0;
    clauseWeight = nextWeight;
    negations = 0;
    degree = 1;
  };
  const words = tokens.flatMap((t) => {
    const w = t.trim();
    if (!w) return [];
    return decompose(w) ?? [w];
  });
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (CLAUSE_END.test(w)) {
      closeClause(clauseWeight > 1 ? clauseWeight : 1);
      continue;
    }
    if (CONTRASTS.has(w)) {
      // What came before the contrast counts less; what follows counts more, until the sentence ends.
      clause *= BEFORE_CONTRAST;
      total = total * BEFORE_CONTRAST;
      closeClause(AFTER_CONTRAST);
      continue;
    }
    // "好" before an opinion word is a degree word ("好快", "好失望"); otherwise it is praise.
    const next = words[i + 1];
    if (w === '好' && next && polarity(next)) {
      degree *= DEGREES['好'];
      continue;
    }
    if (NEGATIONS.has(w)) {
      negations++;
      lastNegation = i;
      continue;
    }
    if (w !== '好' && DEGREES[w] !== undefined) {
      degree *= DEGREES[w];
      continue;
    }
    const p = polarity(w);
    if (!p) continue;
    // Two negations cancel ("不是不好"); one flips and softens. A negation further back than
    // NEGATION_WINDOW words governs something else ("从来没有用过这么好用的").
    const negated = negations % 2 === 1 && i - lastNegation <= NEGATION_WINDOW;
    clause += p * degree * (negated ? NEGATED : 1);
    negations = 0;
    degree = 1;
  }
  closeClause(1);
  return Math.tanh(total / 2);
}

/** The lexicon's multi-character entries as a jieba user dictionary ("word freq" lines), so they stay whole. */
export function lexiconDictionary(): Uint8Array {
  const words = [...Object.keys(POSITIVE), ...Object.keys(NEGATIVE), ...NEGATIONS, ...Object.keys(DEGREES)].filter((w) => w.length > 1);
  return new TextEncoder().encode([...new Set(words)].map((w) => `${w} 100000`).join('\n'));
}

export const scoreText = (segmenter: Segmenter, text: string) => scoreTokens(segmenter.cut(text));
