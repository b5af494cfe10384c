// All of community's SQL. No business decisions here: callers pass statuses, windows and cursors.
import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import { POPULARITY, type CommentStatus, type KolStatus, type NoteStatus, type TimeCursor } from './community.rules.ts';
import type { CommunityCommentsTable, CommunityDb, CommunityKolsTable, CommunityNotesTable, CommunityTables } from './community.table.ts';

export type NoteRow = Omit<Selectable<CommunityNotesTable>, 'images' | 'product_ids' | 'topics'> & { images: string[]; product_ids: string[]; topics: string[] };
export type CommentRow = Selectable<CommunityCommentsTable>;
export type KolRow = Selectable<CommunityKolsTable>;
type Reactions = 'community_note_likes' | 'community_note_favourites';
type Counter = 'likes_count' | 'favourites_count' | 'comments_count';

const int = (expr: ReturnType<typeof sql>) => sql<number>`(${expr})::int`;

// ---- notes --------------------------------------------------------------------------------------

export const insertNote = (trx: CommunityDb, row: Omit<NoteRow, 'likes_count' | 'favourites_count' | 'comments_count'>) =>
  trx
    .insertInto('community_notes')
    .values({ ...row, images: JSON.stringify(row.images), product_ids: JSON.stringify(row.product_ids), topics: JSON.stringify(row.topics), likes_count: 0, favourites_count: 0, comments_count: 0 })
    .execute();

export const insertTopics = (trx: CommunityDb, noteId: string, topics: string[], at: Date) =>
  topics.length ? trx.insertInto('community_note_topics').values(topics.map((topic) => ({ note_id: noteId, topic, created_at: at }))).execute() : Promise.resolve([]);

export const findNote = (db: CommunityDb, id: string) => db.selectFrom('community_notes').selectAll().where('id', '=', id).executeTakeFirst() as Promise<NoteRow | undefined>;

export const lockNote = (trx: CommunityDb, id: string) => trx.selectFrom('community_notes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() as Promise<NoteRow | undefined>;

export const findNotes = (db: CommunityDb, ids: string[]) =>
  ids.length ? (db.selectFrom('community_notes').selectAll().where('id', 'in', ids).execute() as Promise<NoteRow[]>) : Promise.resolve([] as NoteRow[]);

export const findNoteOfOrder = (db: CommunityDb, orderId: string) =>
  db.selectFrom('community_notes').select('id').where('order_id', '=', orderId).where('status', '<>', 'deleted').executeTakeFirst();

/** Conditional status change: only from the status the caller saw. */
export const updateNoteStatus = (trx: CommunityDb, id: string, from: NoteStatus, to: NoteStatus, at: Date) =>
  trx.updateTable('community_notes').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).returning('id').executeTakeFirst();

export const bumpCounter = (trx: CommunityDb, id: string, column: Counter, delta: 1 | -1) =>
  trx.updateTable('community_notes').set({ [column]: sql`${sql.ref(column)} + ${delta}` } as never).where('id', '=', id).execute();

/** Keyset condition for newest-first pages: rows strictly after the cursor's (created_at, id). */
const olderThan = (after: TimeCursor, alias = 'community_notes') => sql<boolean>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) < (${after.at}, ${after.id}::uuid)`;

export const listNotesByAuthor = (db: CommunityDb, authorId: string, statuses: NoteStatus[], limit: number, after?: TimeCursor) =>
  db
    .selectFrom('community_notes')
    .selectAll()
    .where('author_id', '=', authorId)
    .where('status', 'in', statuses)
    .$if(!!after, (q) => q.where(olderThan(after!)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<NoteRow[]>;

export const listNotesByTopic = (db: CommunityDb, topic: string, limit: number, after?: TimeCursor) =>
  db
    .selectFrom('community_notes')
    .innerJoin('community_note_topics as t', 't.note_id', 'community_notes.id')
    .selectAll('community_notes')
    .where('t.topic', '=', topic)
    .where('community_notes.status', '=', 'published')
    .$if(!!after, (q) => q.where(olderThan(after!)))
    .orderBy('community_notes.created_at', 'desc')
    .orderBy('community_notes.id', 'desc')
    .limit(limit)
    .execute() as Promise<NoteRow[]>;

export const listNotesForOperator = (db: CommunityDb, f: { status?: NoteStatus; authorId?: string; limit: number; after?: TimeCursor }) =>
  db
    .selectFrom('community_notes')
    .selectAll()
    .$if(!!f.status, (q) => q.where('status', '=', f.status!))
    .$if(!!f.authorId, (q) => q.where('author_id', '=', f.authorId!))
    .$if(!!f.after, (q) => q.where(olderThan(f.after!)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute() as Promise<NoteRow[]>;

/** The feed's first part: published notes of the people the viewer follows, newest first, up to `asOf`. */
export const feedFollowing = (db: CommunityDb, viewerId: string, asOf: Date, limit: number, after?: TimeCursor) =>
  db
    .selectFrom('community_notes')
    .selectAll()
    .where('status', '=', 'published')
    .where('created_at', '<=', asOf)
    .where('author_id', 'in', (eb) => eb.selectFrom('community_follows').select('followee_id').where('follower_id', '=', viewerId))
    .$if(!!after, (q) => q.where(olderThan(after!)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<NoteRow[]>;

/**
 * The feed's second part: every other published note by decayed popularity measured at `asOf`
 * (see POPULARITY), then newest first. The score is rounded to a numeric so a cursor compares
 * exactly on both databases.
 */
export async function feedPopular(db: CommunityDb, viewerId: string | null, asOf: Date, limit: number, after?: TimeCursor & { score?: string }) {
  const { offsetHours, gravity, scale } = POPULARITY;
  const scored = db
    .selectFrom('community_notes as n')
    .selectAll('n')
    .select(
      sql<string>`round(((n.likes_count + n.comments_count + n.favourites_count)::float8 / power(greatest(extract(epoch from (${asOf}::timestamptz - n.created_at))::float8 / 3600, 0) + ${offsetHours}, ${gravity}))::numeric, ${sql.lit(scale)})`.as('score'),
    )
    .where('n.status', '=', 'published')
    .where('n.created_at', '<=', asOf)
    .$if(!!viewerId, (q) => q.where('n.author_id', 'not in', (eb) => eb.selectFrom('community_follows').select('followee_id').where('follower_id', '=', viewerId!)));
  let q = db.selectFrom(scored.as('s')).selectAll();
  if (after) q = q.where(sql<boolean>`(s.score, s.created_at, s.id) < (${after.score ?? '0'}::numeric, ${after.at}, ${after.id}::uuid)`);
  const rows = await q.orderBy('s.score', 'desc').orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...(r as unknown as NoteRow), score: String(r.score) }));
}

/** Published notes, likes and favourites an author has received. */
export const authorTotals = (db: CommunityDb, authorId: string) =>
  db
    .selectFrom('community_notes')
    .select([int(sql`count(*)`).as('notes'), int(sql`coalesce(sum(likes_count), 0)`).as('likes'), int(sql`coalesce(sum(favourites_count), 0)`).as('favourites')])
    .where('author_id', '=', authorId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();

/** Notes that were public (published, or hidden since) per author: what their shares may have sold. */
export async function noteIdsOfAuthors(db: CommunityDb, authorIds: string[]) {
  const byAuthor = new Map<string, string[]>(authorIds.map((id) => [id, []]));
  if (!authorIds.length) return byAuthor;
  const rows = await db.selectFrom('community_notes').select(['id', 'author_id']).where('author_id', 'in', authorIds).where('status', 'in', ['published', 'hidden']).execute();
  for (const r of rows) byAuthor.get(r.author_id)!.push(r.id);
  return byAuthor;
}

/** Topics with the most published notes since `since`. */
export const trendingTopics = (db: CommunityDb, since: Date, limit: number) =>
  db
    .selectFrom('community_note_topics as t')
    .innerJoin('community_notes as n', 'n.id', 't.note_id')
    .select(['t.topic', int(sql`count(*)`).as('notes')])
    .where('n.status', '=', 'published')
    .where('t.created_at', '>=', since)
    .groupBy('t.topic')
    .orderBy('notes', 'desc')
    .orderBy('t.topic')
    .limit(limit)
    .execute();

// ---- likes and favourites -----------------------------------------------------------------------

/** The first reaction wins: a repeat writes nothing and returns undefined. */
export const insertReaction = (trx: CommunityDb, table: Reactions, noteId: string, userId: string, at: Date) =>
  trx.insertInto(table).values({ note_id: noteId, user_id: userId, created_at: at }).onConflict((oc) => oc.columns(['note_id', 'user_id']).doNothing()).returning('note_id').executeTakeFirst();

export const deleteReaction = (trx: CommunityDb, table: Reactions, noteId: string, userId: string) =>
  trx.deleteFrom(table).where('note_id', '=', noteId).where('user_id', '=', userId).returning('note_id').executeTakeFirst();

export const findReactedNotes = async (db: CommunityDb, table: Reactions, userId: string, noteIds: string[]) =>
  new Set(noteIds.length ? (await db.selectFrom(table).select('note_id').where('user_id', '=', userId).where('note_id', 'in', noteIds).execute()).map((r) => r.note_id) : []);

// ---- comments -----------------------------------------------------------------------------------

export const insertComment = (trx: CommunityDb, row: Insertable<CommunityCommentsTable>) => trx.insertInto('community_comments').values(row).returningAll().executeTakeFirstOrThrow();

export const findComment = (db: CommunityDb, id: string) => db.selectFrom('community_comments').selectAll().where('id', '=', id).executeTakeFirst();

export const updateCommentStatus = (trx: CommunityDb, id: string, from: CommentStatus, to: CommentStatus) =>
  trx.updateTable('community_comments').set({ status: to }).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();

/** Comments a viewer may read: published ones, and their own held ones. */
const readable = (viewerId: string | null) => (eb: ExpressionBuilder<CommunityTables, 'community_comments'>) =>
  viewerId ? eb.or([eb('status', '=', 'published'), eb.and([eb('status', '=', 'held'), eb('author_id', '=', viewerId)])]) : eb('status', '=', 'published');

/** Top-level comments, oldest first (a conversation reads down). */
export const listTopComments = (db: CommunityDb, noteId: string, viewerId: string | null, limit: number, after?: TimeCursor) => {
  let q = db.selectFrom('community_comments').selectAll().where('note_id', '=', noteId).where('parent_id', 'is', null).where(readable(viewerId));
  if (after) q = q.where(sql<boolean>`(created_at, id) > (${after.at}, ${after.id}::uuid)`);
  return q.orderBy('created_at').orderBy('id').limit(limit).execute();
};

/** Up to `perParent` replies under each comment, oldest first, and how many each has. */
export async function listReplies(db: CommunityDb, parentIds: string[], viewerId: string | null, perParent: number) {
  if (!parentIds.length) return { replies: [] as CommentRow[], counts: new Map<string, number>() };
  const ranked = db
    .selectFrom('community_comments')
    .selectAll()
    .select(sql<number>`row_number() over (partition by parent_id order by created_at, id)`.as('rn'))
    .select(sql<number>`(count(*) over (partition by parent_id))::int`.as('total'))
    .where('parent_id', 'in', parentIds)
    .where(readable(viewerId));
  const rows = await db.selectFrom(ranked.as('r')).selectAll().where('r.rn', '<=', perParent).orderBy('r.created_at').orderBy('r.id').execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.parent_id!, Number(r.total));
  return { replies: rows as unknown as CommentRow[], counts };
}

// ---- follows ------------------------------------------------------------------------------------

export const insertFollow = (trx: CommunityDb, followerId: string, followeeId: string, at: Date) =>
  trx.insertInto('community_follows').values({ follower_id: followerId, followee_id: followeeId, created_at: at }).onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing()).returning('followee_id').executeTakeFirst();

export const deleteFollow = (trx: CommunityDb, followerId: string, followeeId: string) =>
  trx.deleteFrom('community_follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).returning('followee_id').executeTakeFirst();

export const isFollowing = async (db: CommunityDb, followerId: string, followeeId: string) =>
  !!(await db.selectFrom('community_follows').select('followee_id').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).executeTakeFirst());

export const followCounts = (db: CommunityDb, userId: string) =>
  db
    .selectNoFrom([
      int(sql`(select count(*) from community_follows where followee_id = ${userId})`).as('followers'),
      int(sql`(select count(*) from community_follows where follower_id = ${userId})`).as('following'),
    ])
    .executeTakeFirstOrThrow();

export const listFollowers = (db: CommunityDb, userId: string, limit: number, after?: TimeCursor) => {
  let q = db.selectFrom('community_follows').select(['follower_id as id', 'created_at']).where('followee_id', '=', userId);
  if (after) q = q.where(sql<boolean>`(created_at, follower_id) < (${after.at}, ${after.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('follower_id', 'desc').limit(limit).execute();
};

// ---- KOLs ---------------------------------------------------------------------------------------

export const findKol = (db: CommunityDb, userId: string) => db.selectFrom('community_kols').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const lockKol = (trx: CommunityDb, userId: string) => trx.selectFrom('community_kols').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst();

export const findVerifiedKols = async (db: CommunityDb, userIds: string[]) =>
  new Set(userIds.length ? (await db.selectFrom('community_kols').select('user_id').where('user_id', 'in', userIds).where('status', '=', 'verified').execute()).map((r) => r.user_id) : []);

export const upsertKol = (trx: CommunityDb, row: KolRow) =>
  trx
    .insertInto('community_kols')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ status: row.status, intro: row.intro, applied_at: row.applied_at, decided_at: row.decided_at, decided_by: row.decided_by, updated_at: row.updated_at }))
    .execute();

export const listKols = (db: CommunityDb, f: { status?: KolStatus; limit: number; after?: { at: Date; id: string } }) => {
  let q = db
    .selectFrom('community_kols as k')
    .selectAll('k')
    .select(int(sql`(select count(*) from community_follows f where f.followee_id = k.user_id)`).as('followers'))
    .select(int(sql`(select count(*) from community_notes n where n.author_id = k.user_id and n.status = 'published')`).as('notes'));
  if (f.status) q = q.where('k.status', '=', f.status);
  if (f.after) q = q.where(sql<boolean>`(k.updated_at, k.user_id) < (${f.after.at}, ${f.after.id}::uuid)`);
  return q.orderBy('k.updated_at', 'desc').orderBy('k.user_id', 'desc').limit(f.limit).execute();
};

/** A shopper's favourites, the latest saved first. */
export const listFavouritesOf = (db: CommunityDb, userId: string, limit: number, after?: TimeCursor) => {
  let q = db.selectFrom('community_note_favourites').select(['note_id', 'created_at']).where('user_id', '=', userId);
  if (after) q = q.where(sql<boolean>`(created_at, note_id) < (${after.at}, ${after.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('note_id', 'desc').limit(limit).execute();
};

/**
 * Before a person's rows are erased: the counters on other people's notes stop counting their
 * likes, favourites and published comments (with the replies under those comments, which go too).
 */
export async function releaseCountersOf(trx: CommunityDb, userId: string) {
  await sql`update community_notes set likes_count = likes_count - 1 where id in (select note_id from community_note_likes where user_id = ${userId})`.execute(trx);
  await sql`update community_notes set favourites_count = favourites_count - 1 where id in (select note_id from community_note_favourites where user_id = ${userId})`.execute(trx);
  await sql`
    update community_notes n set comments_count = n.comments_count - c.n
    from (
      select note_id, count(*)::int as n from community_comments
      where status = 'published' and (author_id = ${userId} or parent_id in (select id from community_comments where author_id = ${userId}))
      group by note_id
    ) c
    where n.id = c.note_id`.execute(trx);
}
