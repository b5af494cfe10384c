// Moderation: screen user text (sanitise, match the operators' word list, find contact details,
// score sentiment), queue what the rules hold or refuse, let operators decide (publishing
// `moderation.decided`), keep the word list, and raise alerts when negative content about a
// product spikes. `screen` is on the live chat's hot path: the matcher and the segmenter live in
// memory, and approved chat writes nothing.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import * as repo from './moderation.repo.ts';
import { decideVerdict, DEFAULT_SPIKE, isNegative, negativeSpike, type ContentKind, type ScreenInput, type ScreenResult, type SpikeSettings, type WordAction } from './moderation.rules.ts';
import { createSegmenter } from './moderation.segmenter.ts';
import { scoreText, type Segmenter } from './moderation.sentiment.ts';
import { moderationTables, type ModerationDb, type ModerationPlatform } from './moderation.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { buildMatcher, findContacts, normalizeForMatch, sanitizePlain, type WordMatcher } from './moderation.text.ts';

/** The invalidation topic other processes hear when the word list changes. */
export const WORDS_CHANGED = 'moderation.words';
/** Safety net besides the invalidation bus: the list is re-read at least this often. */
const MATCHER_TTL_MS = 60_000;
const DAY_MS = 86_400_000;

const day = (at: Date) => at.toISOString().slice(0, 10);

const presentItem = (r: repo.QueueRow) => ({
  id: r.id,
  kind: r.kind,
  subjectId: r.subject_id,
  authorId: r.author_id,
  text: r.text,
  title: r.title,
  productIds: r.product_ids,
  verdict: r.verdict,
  reasons: r.reasons,
  sentiment: r.sentiment,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

export function createModerationService(p: ModerationPlatform) {
  const { db, clock } = p;
  let matcher: { value: WordMatcher; loadedAt: number } | null = null;
  let loading: Promise<WordMatcher> | null = null;
  let segmenter: Segmenter | null = null;

  p.invalidation.subscribe(WORDS_CHANGED, () => { matcher = null; });
  p.invalidation.onGap(() => { matcher = null; });

  /** The matcher, read from `ex` when the cache is cold (a caller's transaction: on PGlite the pool would wait on it). */
  async function currentMatcher(ex: ModerationDb = db): Promise<WordMatcher> {
    const now = clock.now().getTime();
    if (matcher && now - matcher.loadedAt < MATCHER_TTL_MS) return matcher.value;
    if (ex !== db) return buildMatcher(await repo.listWords(ex));
    // One reload at a time: a burst of chat messages after an edit waits for the same read.
    loading ??= repo.listWords(db).then((rows) => {
      const value = buildMatcher(rows);
      matcher = { value, loadedAt: clock.now().getTime() };
      return value;
    }).finally(() => { loading = null; });
    return loading;
  }

  const sentimentOf = (text: string) => {
    segmenter ??= createSegmenter();
    return scoreText(segmenter, text);
  };

  /** The rules' answer for a text and title, without writing anything. */
  async function evaluate(text: string, rawTitle?: string, ex?: ModerationDb): Promise<ScreenResult> {
    const body = sanitizePlain(text);
    const title = rawTitle === undefined ? undefined : sanitizePlain(rawTitle);
    const visible = [title?.text ?? '', body.text].join('\n');
    const words = (await currentMatcher(ex)).find(visible);
    const { verdict, reasons } = decideVerdict({
      words,
      contacts: findContacts(visible),
      markupRemoved: body.markupRemoved || Boolean(title?.markupRemoved),
      empty: body.text.length === 0,
    });
    const sentiment = Math.round(sentimentOf(visible) * 1000) / 1000;
    return { verdict, text: body.text, ...(title ? { title: title.text } : {}), sentiment, reasons };
  }

  /**
   * Screen one text. Held and refused content is queued for operators (replacing an earlier entry
   * for the same subject); content about products is counted for the negative-spike alerts; an
   * approved chat message touches no table. Pass the caller's transaction to queue the content
   * atomically with its own write (a review row and its queue entry commit together).
   */
  async function screen(input: ScreenInput, trx?: AnyExecutor): Promise<ScreenResult> {
    const result = await evaluate(input.text, input.title, trx ? moderationTables.of(trx) : undefined);
    const { verdict, sentiment, reasons } = result;
    const productIds = [...new Set(input.productIds ?? [])];
    if (verdict === 'approved' && (input.kind === 'chat' || productIds.length === 0)) return result;
    const now = clock.now();
    const write = async (ex: ModerationDb) => {
      if (verdict !== 'approved') {
        await repo.upsertItem(ex, {
          id: newId(), kind: input.kind, subject_id: input.subjectId, author_id: input.authorId, text: result.text, title: result.title ?? null,
          product_ids: productIds, verdict, reasons, sentiment, created_at: now,
        });
      }
      if (input.kind !== 'chat' && verdict !== 'refused') {
        await repo.addSentiment(ex, productIds.map((id) => ({ product_id: id, day: day(now), kind: input.kind, negative: isNegative(sentiment) ? 1 : 0 })));
      }
    };
    if (trx) await write(moderationTables.of(trx));
    else await db.transaction().execute(write);
    return result;
  }

  async function decide(actorId: string | null, id: string, decision: 'approved' | 'refused') {
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const existing = await repo.findItem(trx, id);
      if (!existing) throw notFound('MODERATION_ITEM_NOT_FOUND', 'No such moderation item', { id });
      const decided = await repo.decideItem(trx, id, decision, actorId, now);
      if (!decided) throw conflict('MODERATION_ALREADY_DECIDED', 'This item has already been decided', { id, status: existing.status });
      await publishEvent(trx, now, 'moderation.decided', decided.subject_id, { kind: decided.kind, subjectId: decided.subject_id, verdict: decision });
      await recordAudit(trx, now, { actorId, action: `moderation.${decision}`, subjectType: decided.kind, subjectId: decided.subject_id, details: { itemId: id, reasons: decided.reasons } });
      return decided;
    });
    return presentItem(row);
  }

  async function queue(f: { status?: repo.QueueRow['status']; kind?: ContentKind; cursor?: string; limit?: number }) {
    const limit = f.limit ?? 50;
    const c = decodeCursor<{ at: string; id: string }>(f.cursor);
    const rows = await repo.listItems(db, { status: f.status, kind: f.kind, before: c ? { at: new Date(c.at), id: c.id } : undefined, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const pending = Number((await repo.countPending(db)).n);
    return { items: page.map(presentItem), pending, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  const presentWord = (w: Awaited<ReturnType<typeof repo.listWords>>[number]) => ({ id: w.id, word: w.word, action: w.action, note: w.note, createdAt: w.created_at.toISOString() });

  const listWords = async () => ({ items: (await repo.listWords(db)).map(presentWord) });

  async function addWord(actorId: string | null, input: { word: string; action: WordAction; note?: string | null }) {
    const word = input.word.trim();
    if (!normalizeForMatch(word)) throw unprocessable('MODERATION_WORD_INVALID', 'A listed word needs at least one letter, digit or Chinese character', { word: input.word });
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const saved = await repo.upsertWord(trx, { id: newId(), word, action: input.action, note: input.note ?? null, created_by: actorId, created_at: now });
      await recordAudit(trx, now, { actorId, action: 'moderation.word_saved', subjectType: 'moderation_word', subjectId: saved.id, details: { word, action: input.action } });
      return saved;
    });
    await p.invalidation.publish(WORDS_CHANGED, '*');
    return presentWord(row);
  }

  async function removeWord(actorId: string | null, id: string) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const gone = await repo.deleteWord(trx, id);
      if (!gone) throw notFound('MODERATION_WORD_NOT_FOUND', 'No such word in the list', { id });
      await recordAudit(trx, now, { actorId, action: 'moderation.word_removed', subjectType: 'moderation_word', subjectId: id, details: { word: gone.word } });
    });
    await p.invalidation.publish(WORDS_CHANGED, '*');
  }

  /**
   * Products whose share of negative content in the recent window is well above their usual share
   * (their own baseline, smoothed toward the store-wide rate), most spiking first.
   */
  async function alerts(settings: Partial<SpikeSettings> = {}) {
    const s = { ...DEFAULT_SPIKE, ...settings };
    const today = clock.now();
    const recentFrom = day(new Date(today.getTime() - (s.recentDays - 1) * DAY_MS));
    const baselineFrom = day(new Date(today.getTime() - (s.recentDays - 1 + s.baselineDays) * DAY_MS));
    const rows = (await repo.sentimentWindows(db, { baselineFrom, recentFrom, until: day(today) })).map((r) => ({
      productId: r.product_id,
      recentTotal: Number(r.recent_total), recentNegative: Number(r.recent_negative),
      baselineTotal: Number(r.baseline_total), baselineNegative: Number(r.baseline_negative),
    }));
    const storeTotal = rows.reduce((a, r) => a + r.baselineTotal, 0);
    const storeNegative = rows.reduce((a, r) => a + r.baselineNegative, 0);
    const priorRate = storeTotal ? storeNegative / storeTotal : 0.1;
    const items = rows
      .map((r) => ({ ...r, ...negativeSpike(r, priorRate, s) }))
      .filter((r) => r.spiking)
      .sort((a, b) => b.recentRate - b.usualRate - (a.recentRate - a.usualRate))
      .map(({ spiking: _s, ...r }) => ({ ...r, usualRate: round(r.usualRate), recentRate: round(r.recentRate) }));
    return { since: recentFrom, baselineFrom, settings: s, storeRate: round(priorRate), items };
  }

  /** The queue entry of one piece of content, if the rules held or refused it. */
  async function itemFor(kind: ContentKind, subjectId: string) {
    const r = await repo.findItemBySubject(db, kind, subjectId);
    return r ? presentItem(r) : null;
  }

  return { screen, preview: (text: string) => evaluate(text), decide, queue, listWords, addWord, removeWord, alerts, itemFor, sentiment: sentimentOf };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export type ModerationService = ReturnType<typeof createModerationService>;
