// People: follows, profile and KOL pages (verified by an operator, with the sales their notes'
// shares brought), the feed and topic pages.
import { recordAudit } from '../../platform/audit.ts';
import { DAY_MS } from '../../platform/clock.ts';
import { conflict, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { money } from '../../platform/money.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { Presenter } from './community.present.ts';
import * as repo from './community.repo.ts';
import { kolTransition, normaliseTopic, readFeedCursor, writeFeedCursor, writeTimeCursor, type KolStatus, type TimeCursor } from './community.rules.ts';
import type { CommunityPlatform } from './community.table.ts';

export interface PeopleDeps {
  displayNames(executor: AnyExecutor, userIds: string[]): Promise<Map<string, string>>;
  /** Last-touch orders attributed to shares of these notes (sharing), per note. */
  attributedSales(noteIds: string[]): Promise<Map<string, { orders: number; paidOrders: number; gmv: number }>>;
}

export function createPeople(p: CommunityPlatform, deps: PeopleDeps, present: Presenter, timeCursor: (c: string | undefined) => TimeCursor | undefined) {
  const { db, clock } = p;

  async function person(userId: string, viewerId: string | null) {
    const found = (await present.people([userId], viewerId)).get(userId);
    if (!found) throw notFound('COMMUNITY_PERSON_NOT_FOUND', 'No such person', { id: userId });
    return found;
  }

  /** Per author: the orders and GMV attributed to shares of their notes, summed. */
  async function salesOfAuthors(authorIds: string[]) {
    const notes = await repo.noteIdsOfAuthors(db, authorIds);
    const sales = await deps.attributedSales([...notes.values()].flat());
    return new Map(
      [...notes].map(([author, ids]) => {
        let orders = 0, paidOrders = 0, gmv = 0;
        for (const s of ids.map((id) => sales.get(id)).filter((x) => !!x)) (orders += s!.orders), (paidOrders += s!.paidOrders), (gmv += s!.gmv);
        return [author, { orders, paidOrders, gmv: money(gmv) }] as const;
      }),
    );
  }

  /** A shopper's profile; a verified KOL's also carries the sales their notes' shares brought. */
  async function getProfile(userId: string, viewerId: string | null) {
    const who = await person(userId, viewerId);
    const [counts, totals, kol, followedByMe] = await Promise.all([
      repo.followCounts(db, userId),
      repo.authorTotals(db, userId),
      repo.findKol(db, userId),
      viewerId && viewerId !== userId ? repo.isFollowing(db, viewerId, userId) : Promise.resolve(false),
    ]);
    const verified = kol?.status === 'verified';
    return {
      ...who,
      followers: counts.followers,
      following: counts.following,
      notes: totals.notes,
      likesReceived: totals.likes,
      favouritesReceived: totals.favourites,
      followedByMe,
      self: viewerId === userId,
      // The person sees their own application's state; others see a verified KOL only.
      kol: verified || viewerId === userId ? (kol ? { status: kol.status, intro: kol.intro } : null) : null,
      sales: verified ? (await salesOfAuthors([userId])).get(userId)! : null,
    };
  }

  async function listNotesOf(userId: string, viewerId: string | null, query: { cursor?: string; limit: number }) {
    await person(userId, viewerId);
    const statuses: repo.NoteRow['status'][] = viewerId === userId ? ['published', 'held', 'hidden'] : ['published'];
    const rows = await repo.listNotesByAuthor(db, userId, statuses, query.limit + 1, timeCursor(query.cursor));
    const items = rows.slice(0, query.limit);
    return { items: await present.notes(items, viewerId), nextCursor: rows.length > query.limit ? writeTimeCursor(items.at(-1)!) : null };
  }

  // ---- follows ----------------------------------------------------------------------------------

  async function follow(followerId: string, followeeId: string, on: boolean) {
    if (followerId === followeeId) throw unprocessable('COMMUNITY_FOLLOW_SELF', 'You cannot follow yourself', { id: followeeId });
    await person(followeeId, followerId);
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      if (!on) return void (await repo.deleteFollow(trx, followerId, followeeId));
      if (await repo.insertFollow(trx, followerId, followeeId, now)) await publishEvent(trx, now, 'community.followed', followeeId, { followerId, followeeId });
    });
    const counts = await repo.followCounts(db, followeeId);
    return { id: followeeId, followedByMe: on, followers: counts.followers };
  }

  async function listFollowers(userId: string, viewerId: string | null, query: { cursor?: string; limit: number }) {
    await person(userId, viewerId);
    const rows = await repo.listFollowers(db, userId, query.limit + 1, timeCursor(query.cursor));
    const items = rows.slice(0, query.limit);
    const shown = await present.people(items.map((r) => r.id), viewerId);
    const last = items.at(-1);
    return { items: items.flatMap((r) => (shown.has(r.id) ? [shown.get(r.id)!] : [])), nextCursor: rows.length > query.limit && last ? writeTimeCursor({ created_at: last.created_at, id: last.id }) : null };
  }

  // ---- KOLs -------------------------------------------------------------------------------------

  async function changeKol(userId: string, action: 'apply' | 'verify' | 'reject' | 'revoke', actorId: string | null, intro?: string) {
    await person(userId, userId);
    return db.transaction().execute(async (trx) => {
      const current = await repo.lockKol(trx, userId);
      const from: KolStatus | null = current?.status ?? null;
      const to = kolTransition(from, action);
      if (!to) throw conflict('COMMUNITY_KOL_STATUS', `A ${from ?? 'new'} KOL record cannot ${action}`, { status: from, action });
      const now = clock.now();
      const row = {
        user_id: userId,
        status: to,
        intro: intro ?? current?.intro ?? null,
        applied_at: action === 'apply' ? now : (current?.applied_at ?? null),
        decided_at: action === 'apply' ? null : now,
        decided_by: action === 'apply' ? null : actorId,
        updated_at: now,
      };
      await repo.upsertKol(trx, row);
      await publishEvent(trx, now, 'community.kol_changed', userId, { userId, from, to, actorId });
      if (actorId && action !== 'apply') await recordAudit(trx, now, { actorId, action: `community.kol.${action}`, subjectType: 'user', subjectId: userId, details: { from, to } });
      return { userId, status: to, intro: row.intro, appliedAt: row.applied_at?.toISOString() ?? null, decidedAt: row.decided_at?.toISOString() ?? null };
    });
  }

  async function listKols(query: { status?: KolStatus; cursor?: string; limit: number }, viewerId: string | null, withSales: boolean) {
    const rows = await repo.listKols(db, { status: query.status, limit: query.limit + 1, after: timeCursor(query.cursor) });
    const items = rows.slice(0, query.limit);
    const names = await deps.displayNames(db, items.map((r) => r.user_id));
    const shown = await present.people(items.map((r) => r.user_id), viewerId);
    const sales = withSales ? await salesOfAuthors(items.map((r) => r.user_id)) : null;
    const last = items.at(-1);
    return {
      items: items.map((r) => ({
        ...(shown.get(r.user_id) ?? { id: r.user_id, name: '**', initial: '?', kol: false }),
        // The console reads the applicant's name whole: the operator is deciding about this person.
        ...(withSales ? { name: names.get(r.user_id) ?? '' } : {}),
        status: r.status,
        intro: r.intro,
        followers: r.followers,
        notes: r.notes,
        appliedAt: r.applied_at?.toISOString() ?? null,
        decidedAt: r.decided_at?.toISOString() ?? null,
        sales: sales?.get(r.user_id) ?? null,
      })),
      nextCursor: rows.length > query.limit && last ? writeTimeCursor({ created_at: last.updated_at, id: last.user_id }) : null,
    };
  }

  // ---- feed and topics --------------------------------------------------------------------------

  /** Notes of people the viewer follows (newest first), then every other note by decayed popularity. */
  async function feed(viewerId: string | null, query: { cursor?: string; limit: number }) {
    const c = readFeedCursor(query.cursor);
    if (c === 'invalid') throw invalid('COMMUNITY_CURSOR_INVALID', 'That cursor does not belong to this list; start again without it', { field: 'cursor' });
    const asOf = c?.asOf ?? clock.now();
    const phase = viewerId ? (c?.phase ?? 'following') : 'popular';
    const items: repo.NoteRow[] = [];
    let nextCursor: string | null = null;
    if (phase === 'following') {
      const rows = await repo.feedFollowing(db, viewerId!, asOf, query.limit + 1, c?.phase === 'following' ? (c.after ?? undefined) : undefined);
      items.push(...rows.slice(0, query.limit));
      if (rows.length > query.limit) nextCursor = writeFeedCursor({ phase: 'following', asOf, after: { at: items.at(-1)!.created_at, id: items.at(-1)!.id } });
    }
    const room = query.limit - items.length;
    if (!nextCursor && room === 0) nextCursor = writeFeedCursor({ phase: 'popular', asOf, after: null });
    else if (!nextCursor) {
      const rows = await repo.feedPopular(db, viewerId, asOf, room + 1, c?.phase === 'popular' ? (c.after ?? undefined) : undefined);
      const taken = rows.slice(0, room);
      items.push(...taken);
      const last = taken.at(-1);
      if (rows.length > room && last) nextCursor = writeFeedCursor({ phase: 'popular', asOf, after: { at: last.created_at, id: last.id, score: last.score } });
    }
    const following = phase === 'following' ? new Set(items.slice(0, query.limit - room).map((n) => n.id)) : new Set<string>();
    const presented = await present.notes(items, viewerId);
    return { items: presented.map((n) => ({ ...n, source: following.has(n.id) ? ('following' as const) : ('popular' as const) })), nextCursor };
  }

  function topicOf(value: string) {
    const topic = normaliseTopic(value);
    if (!topic) throw invalid('COMMUNITY_TOPIC_INVALID', 'A topic is 1 to 20 letters, digits or underscores', { field: 'topic' });
    return topic;
  }

  async function listTopicNotes(value: string, viewerId: string | null, query: { cursor?: string; limit: number }) {
    const topic = topicOf(value);
    const rows = await repo.listNotesByTopic(db, topic, query.limit + 1, timeCursor(query.cursor));
    const items = rows.slice(0, query.limit);
    return { topic, items: await present.notes(items, viewerId), nextCursor: rows.length > query.limit ? writeTimeCursor(items.at(-1)!) : null };
  }

  /** Topics with the most published notes over the last 30 days. */
  async function trendingTopics(limit: number) {
    return { items: await repo.trendingTopics(db, new Date(clock.now().getTime() - 30 * DAY_MS), limit) };
  }

  return { getProfile, listNotesOf, follow, listFollowers, changeKol, listKols, feed, listTopicNotes, trendingTopics };
}
