// Moderation's types and pure rules: what a screened text is, and how the findings (filtered words,
// contact details, removed markup) become a verdict. No database, no clock: plain data in, decision out.

/** What kind of user content is screened; the owning module (reviews, community, live) names it. */
export type ContentKind = 'review' | 'note' | 'comment' | 'chat';
export const CONTENT_KINDS: readonly ContentKind[] = ['review', 'note', 'comment', 'chat'];

export interface ScreenInput {
  kind: ContentKind;
  /** The owning module's id for the content (a review id, a note id, a chat message id). */
  subjectId: string;
  authorId: string;
  text: string;
  title?: string;
  /** Products the content is about: negative content is counted against them for spike alerts. */
  productIds?: string[];
}

export type Verdict = 'approved' | 'held' | 'refused';

export interface ScreenReason {
  code: string;
  words?: string[];
}

export interface ScreenResult {
  verdict: Verdict;
  /** The sanitised plain text: no markup at all, entities decoded, safe to render as text. */
  text: string;
  title?: string;
  /** Lexicon sentiment, -1 (very negative) .. 1 (very positive). */
  sentiment: number;
  reasons: ScreenReason[];
}

/** What an operator listed word does when it appears. */
export type WordAction = 'hold' | 'refuse';

export interface ListedWord {
  word: string;
  action: WordAction;
}

export interface Findings {
  /** Listed words found, with their action. */
  words: ListedWord[];
  /** Phone numbers, WeChat ids or off-site links: typical of contact farming (引流). */
  contacts: string[];
  /** The sanitiser removed markup (tags, scripts): the text is kept without it. */
  markupRemoved: boolean;
  /** Nothing left after sanitising. */
  empty: boolean;
}

/**
 * The verdict by rule: a `refuse` word or an empty text refuses; a `hold` word or contact details
 * hold for an operator; otherwise approved. Negative sentiment alone never holds content: hiding
 * honest bad reviews is what the e-commerce law (Art. 39) forbids; it feeds the spike alerts instead.
 */
export function decideVerdict(f: Findings): { verdict: Verdict; reasons: ScreenReason[] } {
  const reasons: ScreenReason[] = [];
  const refused = unique(f.words.filter((w) => w.action === 'refuse').map((w) => w.word));
  const held = unique(f.words.filter((w) => w.action === 'hold').map((w) => w.word));
  if (f.empty) reasons.push({ code: 'EMPTY' });
  if (refused.length) reasons.push({ code: 'REFUSED_WORDS', words: refused });
  if (held.length) reasons.push({ code: 'HELD_WORDS', words: held });
  if (f.contacts.length) reasons.push({ code: 'CONTACT_DETAILS', words: unique(f.contacts) });
  if (f.markupRemoved) reasons.push({ code: 'MARKUP_REMOVED' });
  const verdict: Verdict = f.empty || refused.length ? 'refused' : held.length || f.contacts.length ? 'held' : 'approved';
  return { verdict, reasons };
}

const unique = (xs: string[]) => [...new Set(xs)];

/** Content is "negative" for alerts and reports below this sentiment score. */
export const NEGATIVE_BELOW = -0.1;
export const isNegative = (sentiment: number) => sentiment < NEGATIVE_BELOW;

export interface SpikeSettings {
  /** The recent window, in whole UTC days ending today. */
  recentDays: number;
  /** The baseline window: this many days before the recent window. */
  baselineDays: number;
  /** Recent negatives needed before a rate can be called a spike (a couple of bad reviews is noise). */
  minNegatives: number;
  /** The recent negative rate must be at least this many times the usual rate… */
  factor: number;
  /** …and at least this much above it, in absolute terms (so 1% → 2% is not a spike). */
  minIncrease: number;
}

export const DEFAULT_SPIKE: SpikeSettings = { recentDays: 1, baselineDays: 28, minNegatives: 3, factor: 2, minIncrease: 0.15 };

/**
 * The usual rate is smoothed toward a store-wide prior (`priorRate`, weight `PRIOR_WEIGHT` items) so
 * a product with little history is compared with what is typical, not with 0/0.
 */
const PRIOR_WEIGHT = 10;

export interface SpikeCounts {
  recentTotal: number;
  recentNegative: number;
  baselineTotal: number;
  baselineNegative: number;
}

export function negativeSpike(c: SpikeCounts, priorRate: number, s: SpikeSettings = DEFAULT_SPIKE) {
  const usualRate = (c.baselineNegative + priorRate * PRIOR_WEIGHT) / (c.baselineTotal + PRIOR_WEIGHT);
  const recentRate = c.recentTotal ? c.recentNegative / c.recentTotal : 0;
  const spiking = c.recentNegative >= s.minNegatives && recentRate >= usualRate * s.factor && recentRate - usualRate >= s.minIncrease;
  return { spiking, usualRate, recentRate };
}
