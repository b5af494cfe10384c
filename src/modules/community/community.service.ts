// Notes (种草 and 晒单), likes, favourites and comments. Every title, text and comment passes
// moderation before it is stored: refused ones are answered with a code and write nothing, held
// ones are stored for their author alone until moderation decides. People, follows, KOLs and the
// feed are in community.people.ts; this composes both.
import { recordAudit } from '../../platform/audit.ts';
import { DomainError, conflict, forbidden, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { money } from '../../platform/money.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { createPeople, type PeopleDeps } from './community.people.ts';
import { createPresenter, type Presenters } from './community.present.ts';
import * as repo from './community.repo.ts';
import { canSeeComment, canSeeNote, LIMITS, mergeProductTags, parseTopics, readTimeCursor, SHOWABLE_ORDER_STATUSES, writeTimeCursor, type TimeCursor } from './community.rules.ts';
import { communityTables, type CommunityDb, type CommunityPlatform } from './community.table.ts';

/** Moderation's screen as community calls it (src/modules/moderation). */
export interface ScreenVerdict {
  verdict: 'approved' | 'held' | 'refused';
  text: string;
  title?: string;
  reasons: { code: string; words?: string[] }[];
}
export type Screen = (input: { kind: 'note' | 'comment'; subjectId: string; authorId: string; text: string; title?: string; productIds?: string[] }) => Promise<ScreenVerdict>;

export interface CommunityDeps extends Presenters, PeopleDeps {
  screen: Screen;
  /** Moderation's verdict on a text without writing anything. */
  preview(text: string): Promise<ScreenVerdict>;
  /** The buyer's own order: its status and the products on it; null when it is not theirs. */
  ownOrder(userId: string, orderId: string): Promise<{ status: string; productIds: string[] } | null>;
  /** Stores a shopper's image with the project's media (catalog); returns its /media path. */
  uploadImage(userId: string, contentType: string, dataBase64: string): Promise<{ id: string; url: string }>;
}

export interface NewNote {
  title: string;
  text: string;
  images?: string[];
  productIds?: string[];
  orderId?: string;
}

const timeCursor = (cursor: string | undefined): TimeCursor | undefined => {
  const c = readTimeCursor(cursor);
  if (c === 'invalid') throw invalid('COMMUNITY_CURSOR_INVALID', 'That cursor does not belong to this list; start again without it', { field: 'cursor' });
  return c;
};

export function createCommunityService(p: CommunityPlatform, deps: CommunityDeps) {
  const { db, clock } = p;
  const present = createPresenter(db, deps);
  const people = createPeople(p, deps, present, timeCursor);

  const noteNotFound = (id: string) => notFound('COMMUNITY_NOTE_NOT_FOUND', 'No such note', { id });

  async function visibleNote(executor: CommunityDb, id: string, viewerId: string | null) {
    const note = await repo.findNote(executor, id);
    if (!note || !canSeeNote(note, viewerId)) throw noteNotFound(id);
    return note;
  }

  function refused(v: ScreenVerdict): DomainError {
    return unprocessable('COMMUNITY_CONTENT_REFUSED', 'This content breaks the community rules and was not posted', { reasons: v.reasons });
  }

  /**
   * Moderation's verdict without writing (its preview): a refusal, or a text that is empty once
   * sanitised, is answered before anything is written anywhere.
   */
  async function precheck(text: string, field: string) {
    const pre = await deps.preview(text);
    if (pre.verdict === 'refused' && !pre.text.trim()) throw invalid('COMMUNITY_TEXT_EMPTY', 'The text is empty once unsafe markup is removed', { field });
    if (pre.verdict === 'refused') throw refused(pre);
    if (!pre.text.trim()) throw invalid('COMMUNITY_TEXT_EMPTY', 'The text is empty once unsafe markup is removed', { field });
  }

  /**
   * Screens for real (moderation queues held content and counts sentiment about the products) once
   * every other check has passed. It runs outside our transaction: moderation reads its word list
   * through its own pool, which inside a transaction on PGlite's single connection would wait forever.
   */
  async function screen(input: Parameters<Screen>[0]) {
    const screened = await deps.screen(input);
    if (screened.verdict === 'refused') throw refused(screened);
    return screened;
  }

  // ---- notes ------------------------------------------------------------------------------------

  async function postNote(authorId: string, input: NewNote) {
    // Everything that can refuse without writing is checked before moderation sees the text.
    let fromOrder: string[] = [];
    if (input.orderId) {
      const order = await deps.ownOrder(authorId, input.orderId);
      if (!order) throw notFound('COMMUNITY_ORDER_NOT_FOUND', 'No such order of yours', { orderId: input.orderId });
      if (!SHOWABLE_ORDER_STATUSES.includes(order.status)) throw unprocessable('COMMUNITY_ORDER_NOT_PAID', 'Only a paid order can be shown off', { orderId: input.orderId, status: order.status });
      if (await repo.findNoteOfOrder(db, input.orderId)) throw conflict('COMMUNITY_ORDER_ALREADY_SHOWN', 'This order already has a note', { orderId: input.orderId });
      fromOrder = order.productIds;
    }
    const tags = mergeProductTags(fromOrder, input.productIds ?? []);
    if (!tags.ok) throw unprocessable('COMMUNITY_TOO_MANY_PRODUCTS', `A note tags at most ${LIMITS.productsMax} products`, { count: tags.count, max: LIMITS.productsMax });
    // Products a shopper chose must be on sale; an order's own products may have left the shelf since.
    const chosen = tags.productIds.filter((id) => !fromOrder.includes(id));
    const cards = await Promise.all(chosen.map((id) => deps.productCard(id)));
    const missing = chosen.filter((_, i) => !cards[i]);
    if (missing.length) throw unprocessable('COMMUNITY_PRODUCT_NOT_FOUND', 'A tagged product does not exist or is not on sale', { productIds: missing });

    await precheck(input.title, 'title');
    await precheck(input.text, 'text');
    const id = newId();
    const screened = await screen({ kind: 'note', subjectId: id, authorId, text: input.text, title: input.title, productIds: tags.productIds });
    const title = (screened.title ?? input.title).trim();
    const text = screened.text.trim();
    const topics = parseTopics(`${title} ${text}`);
    const status = screened.verdict === 'held' ? 'held' : 'published';
    try {
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        await repo.insertNote(trx, { id, author_id: authorId, title, body: text, images: input.images ?? [], product_ids: tags.productIds, topics, order_id: input.orderId ?? null, status, created_at: now, updated_at: now });
        await repo.insertTopics(trx, id, topics, now);
        await publishEvent(trx, now, 'community.note_posted', id, { noteId: id, authorId, orderId: input.orderId ?? null, productIds: tags.productIds, topics, visible: status === 'published' });
      });
    } catch (err) {
      // Two 晒单 of one order at once: the unique index lets one through.
      if (isUniqueViolation(err, 'community_notes_one_per_order')) throw conflict('COMMUNITY_ORDER_ALREADY_SHOWN', 'This order already has a note', { orderId: input.orderId });
      throw err;
    }
    return getNote(id, authorId);
  }

  async function getNote(id: string, viewerId: string | null) {
    const note = await visibleNote(db, id, viewerId);
    const [presented] = await present.notes([note], viewerId);
    // Its author reads what shares of it sold (last-touch attributed orders).
    const sales = viewerId === note.author_id ? (await deps.attributedSales([note.id])).get(note.id) : undefined;
    return { ...presented, sales: viewerId === note.author_id ? salesOf(sales) : null };
  }

  const salesOf = (s: { orders: number; paidOrders: number; gmv: number } | undefined) => ({ orders: s?.orders ?? 0, paidOrders: s?.paidOrders ?? 0, gmv: money(s?.gmv ?? 0) });

  /** The author removes their note; it disappears for everyone. */
  async function deleteNote(userId: string, id: string) {
    await db.transaction().execute(async (trx) => {
      const note = await repo.lockNote(trx, id);
      if (!note || !canSeeNote(note, userId)) throw noteNotFound(id);
      if (note.author_id !== userId) throw forbidden('COMMUNITY_NOT_YOURS', 'Only its author can delete a note', { id });
      const now = clock.now();
      await repo.updateNoteStatus(trx, id, note.status, 'deleted', now);
      await publishEvent(trx, now, 'community.note_status_changed', id, { noteId: id, authorId: note.author_id, from: note.status, to: 'deleted', by: 'author' });
    });
  }

  /** An operator hides a note, or shows a hidden one again. */
  async function setNoteHidden(actorId: string, id: string, hidden: boolean) {
    const from = hidden ? 'published' : 'hidden';
    const to = hidden ? 'hidden' : 'published';
    await db.transaction().execute(async (trx) => {
      const note = await repo.lockNote(trx, id);
      if (!note || note.status === 'deleted') throw noteNotFound(id);
      if (note.status !== from && !(hidden && note.status === 'held')) throw conflict('COMMUNITY_NOTE_STATUS', `The note is ${note.status}`, { id, status: note.status });
      const now = clock.now();
      await repo.updateNoteStatus(trx, id, note.status, to, now);
      await publishEvent(trx, now, 'community.note_status_changed', id, { noteId: id, authorId: note.author_id, from: note.status, to, by: 'operator' });
      await recordAudit(trx, now, { actorId, action: hidden ? 'community.note.hidden' : 'community.note.shown', subjectType: 'community_note', subjectId: id, details: { from: note.status } });
    });
    const [row] = await present.notes([(await repo.findNote(db, id))!], null);
    return row;
  }

  async function listNotesForOperator(query: { status?: repo.NoteRow['status']; authorId?: string; cursor?: string; limit: number }) {
    const rows = await repo.listNotesForOperator(db, { status: query.status, authorId: query.authorId, limit: query.limit + 1, after: timeCursor(query.cursor) });
    const items = rows.slice(0, query.limit);
    const [presented, sales] = await Promise.all([present.notes(items, null), deps.attributedSales(items.map((n) => n.id))]);
    return { items: presented.map((n) => ({ ...n, sales: salesOf(sales.get(n.id)) })), nextCursor: rows.length > query.limit ? writeTimeCursor(items.at(-1)!) : null };
  }

  /** Moderation decided a held note or comment (or took down a published one): publish or hide it. */
  async function applyModeration(handle: AnyExecutor, decision: { kind: string; subjectId: string; verdict: string }, at: Date) {
    const trx = communityTables.of(handle);
    if (decision.kind === 'note') {
      const note = await repo.lockNote(trx, decision.subjectId);
      if (!note) return;
      const to = decision.verdict === 'approved' ? (note.status === 'held' ? 'published' : null) : note.status === 'held' || note.status === 'published' ? 'hidden' : null;
      if (!to) return;
      await repo.updateNoteStatus(trx, note.id, note.status, to, at);
      await publishEvent(trx, at, 'community.note_status_changed', note.id, { noteId: note.id, authorId: note.author_id, from: note.status, to, by: 'moderation' });
    } else if (decision.kind === 'comment') {
      const comment = await repo.findComment(trx, decision.subjectId);
      if (!comment) return;
      if (decision.verdict === 'approved' && comment.status === 'held') {
        if (await repo.updateCommentStatus(trx, comment.id, 'held', 'published')) await repo.bumpCounter(trx, comment.note_id, 'comments_count', 1);
      } else if (decision.verdict !== 'approved' && (comment.status === 'held' || comment.status === 'published')) {
        if ((await repo.updateCommentStatus(trx, comment.id, comment.status, 'hidden')) && comment.status === 'published') await repo.bumpCounter(trx, comment.note_id, 'comments_count', -1);
      }
    }
  }

  // ---- likes and favourites ---------------------------------------------------------------------

  async function react(userId: string, noteId: string, kind: 'like' | 'favourite', on: boolean) {
    const table = kind === 'like' ? 'community_note_likes' : 'community_note_favourites';
    const counter = kind === 'like' ? 'likes_count' : 'favourites_count';
    await db.transaction().execute(async (trx) => {
      const note = await repo.lockNote(trx, noteId);
      // Only a published note gathers reactions; taking one back works whatever became of the note.
      if (!note || (on && note.status !== 'published') || (!on && note.status === 'deleted')) throw noteNotFound(noteId);
      const now = clock.now();
      if (on) {
        if (!(await repo.insertReaction(trx, table, noteId, userId, now))) return;
        await repo.bumpCounter(trx, noteId, counter, 1);
        await publishEvent(trx, now, kind === 'like' ? 'community.note_liked' : 'community.note_favourited', noteId, { noteId, userId, authorId: note.author_id });
      } else if (await repo.deleteReaction(trx, table, noteId, userId)) {
        await repo.bumpCounter(trx, noteId, counter, -1);
      }
    });
    const note = (await repo.findNote(db, noteId))!;
    const mine = await repo.findReactedNotes(db, table, userId, [noteId]);
    return { noteId, likes: note.likes_count, favourites: note.favourites_count, [kind === 'like' ? 'likedByMe' : 'favouritedByMe']: mine.has(noteId) };
  }

  async function listFavourites(userId: string, query: { cursor?: string; limit: number }) {
    const after = timeCursor(query.cursor);
    const rows = await repo.listFavouritesOf(db, userId, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const notes = new Map((await repo.findNotes(db, items.map((r) => r.note_id))).map((n) => [n.id, n]));
    const visible = items.map((r) => notes.get(r.note_id)).filter((n): n is repo.NoteRow => !!n && canSeeNote(n, userId));
    const last = items.at(-1);
    return { items: await present.notes(visible, userId), nextCursor: rows.length > query.limit && last ? writeTimeCursor({ created_at: last.created_at, id: last.note_id }) : null };
  }

  // ---- comments ---------------------------------------------------------------------------------

  async function postComment(authorId: string, noteId: string, input: { text: string; parentId?: string }) {
    const note = await repo.findNote(db, noteId);
    if (!note || note.status !== 'published') throw noteNotFound(noteId);
    let parentId: string | null = null;
    let replyTo: string | null = null;
    if (input.parentId) {
      const parent = await repo.findComment(db, input.parentId);
      if (!parent || parent.note_id !== noteId || !canSeeComment(parent, authorId)) throw unprocessable('COMMUNITY_COMMENT_PARENT_INVALID', 'A reply answers a comment on the same note', { parentId: input.parentId });
      // One level: a reply to a reply joins its thread, addressed to the person answered.
      parentId = parent.parent_id ?? parent.id;
      replyTo = parent.author_id;
    }
    await precheck(input.text, 'text');
    const id = newId();
    const screened = await screen({ kind: 'comment', subjectId: id, authorId, text: input.text, productIds: note.product_ids });
    const text = screened.text.trim();
    const status = screened.verdict === 'held' ? 'held' : 'published';
    const row = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const locked = await repo.lockNote(trx, noteId);
      if (!locked || locked.status !== 'published') throw noteNotFound(noteId);
      const inserted = await repo.insertComment(trx, { id, note_id: noteId, author_id: authorId, parent_id: parentId, reply_to_user_id: replyTo, body: text, status, created_at: now });
      if (status === 'published') await repo.bumpCounter(trx, noteId, 'comments_count', 1);
      await publishEvent(trx, now, 'community.comment_posted', id, { commentId: id, noteId, authorId, parentId, visible: status === 'published' });
      return inserted;
    });
    return present.one(row, authorId);
  }

  async function listComments(noteId: string, viewerId: string | null, query: { cursor?: string; limit: number }) {
    await visibleNote(db, noteId, viewerId);
    const top = await repo.listTopComments(db, noteId, viewerId, query.limit + 1, timeCursor(query.cursor));
    const page = top.slice(0, query.limit);
    const { replies, counts } = await repo.listReplies(db, page.map((c) => c.id), viewerId, LIMITS.repliesShown);
    return { items: await present.comments(page, replies, counts, viewerId), nextCursor: top.length > query.limit ? writeTimeCursor(page.at(-1)!) : null };
  }

  async function deleteComment(userId: string, id: string) {
    await db.transaction().execute(async (trx) => {
      const c = await repo.findComment(trx, id);
      if (!c || !canSeeComment(c, userId)) throw notFound('COMMUNITY_COMMENT_NOT_FOUND', 'No such comment', { id });
      if (c.author_id !== userId) throw forbidden('COMMUNITY_NOT_YOURS', 'Only its author can delete a comment', { id });
      await repo.lockNote(trx, c.note_id);
      if ((await repo.updateCommentStatus(trx, id, c.status, 'deleted')) && c.status === 'published') await repo.bumpCounter(trx, c.note_id, 'comments_count', -1);
    });
  }

  /** What a share of a note shows and where its clicks land; only published notes can be shared. */
  async function resolveShareTarget(_executor: AnyExecutor, id: string) {
    const note = await repo.findNote(db, id);
    if (!note || note.status !== 'published') return null;
    return { url: `/notes/${note.id}`, title: note.title, image: note.images[0] ?? null, price: null, campaignId: null };
  }

  return {
    postNote,
    getNote,
    deleteNote,
    setNoteHidden,
    listNotesForOperator,
    applyModeration,
    like: (userId: string, noteId: string, on: boolean) => react(userId, noteId, 'like', on),
    favourite: (userId: string, noteId: string, on: boolean) => react(userId, noteId, 'favourite', on),
    listFavourites,
    postComment,
    listComments,
    deleteComment,
    resolveShareTarget,
    uploadImage: deps.uploadImage,
    ...people,
  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
