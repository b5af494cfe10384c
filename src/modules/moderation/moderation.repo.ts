// All of moderation's SQL. No business decisions here.
import { sql } from 'kysely';
import type { ContentKind, ScreenReason, WordAction } from './moderation.rules.ts';
import type { ModerationDb } from './moderation.table.ts';

export const listWords = (db: ModerationDb) =>
  db.selectFrom('moderation_words').selectAll().orderBy('created_at').orderBy('word').execute();

/** Add a word, or change its action when it is already listed. */
export const upsertWord = (db: ModerationDb, row: { id: string; word: string; action: WordAction; note: string | null; created_by: string | null; created_at: Date }) =>
  db
    .insertInto('moderation_words')
    .values(row)
    .onConflict((oc) => oc.column('word').doUpdateSet({ action: row.action, note: row.note }))
    .returningAll()
    .executeTakeFirstOrThrow();

export const deleteWord = (db: ModerationDb, id: string) =>
  db.deleteFrom('moderation_words').where('id', '=', id).returning(['id', 'word']).executeTakeFirst();

export interface QueueRow {
  id: string;
  kind: ContentKind;
  subject_id: string;
  author_id: string;
  text: string;
  title: string | null;
  product_ids: string[];
  verdict: 'held' | 'refused';
  reasons: ScreenReason[];
  sentiment: number;
  status: 'pending' | 'approved' | 'refused';
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** Queue a held or refused item; screening the same content again replaces the entry and reopens it. */
export const upsertItem = (db: ModerationDb, row: Omit<QueueRow, 'status' | 'decided_by' | 'decided_at'>) =>
  db
    .insertInto('moderation_items')
    .values({ ...row, product_ids: JSON.stringify(row.product_ids), reasons: JSON.stringify(row.reasons), status: 'pending', decided_by: null, decided_at: null })
    .onConflict((oc) => oc.columns(['kind', 'subject_id']).doUpdateSet((eb) => ({
      text: eb.ref('excluded.text'), title: eb.ref('excluded.title'), product_ids: eb.ref('excluded.product_ids'), verdict: eb.ref('excluded.verdict'),
      reasons: eb.ref('excluded.reasons'), sentiment: eb.ref('excluded.sentiment'), status: 'pending', decided_by: null, decided_at: null, created_at: eb.ref('excluded.created_at'),
    })))
    .execute();

export const findItem = (db: ModerationDb, id: string) =>
  db.selectFrom('moderation_items').selectAll().where('id', '=', id).executeTakeFirst() as Promise<QueueRow | undefined>;

export const findItemBySubject = (db: ModerationDb, kind: ContentKind, subjectId: string) =>
  db.selectFrom('moderation_items').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst() as Promise<QueueRow | undefined>;

/** Decide a pending item: only one operator's decision lands. */
export const decideItem = (db: ModerationDb, id: string, status: 'approved' | 'refused', by: string | null, at: Date) =>
  db
    .updateTable('moderation_items')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst() as Promise<QueueRow | undefined>;

export const listItems = (db: ModerationDb, f: { status?: QueueRow['status']; kind?: ContentKind; before?: { at: Date; id: string }; limit: number }) => {
  let q = db.selectFrom('moderation_items').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('created_at', '<', b.at), eb.and([eb('created_at', '=', b.at), eb('id', '<', b.id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute() as Promise<QueueRow[]>;
};

export const countPending = (db: ModerationDb) =>
  db.selectFrom('moderation_items').select(sql<string>`count(*)`.as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();

/** Count one screened text against each product it is about, for its UTC day. */
export const addSentiment = (db: ModerationDb, rows: { product_id: string; day: string; kind: ContentKind; negative: number }[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('moderation_sentiment_daily')
        .values(rows.map((r) => ({ ...r, total: 1 })))
        .onConflict((oc) => oc.columns(['product_id', 'day', 'kind']).doUpdateSet((eb) => ({
          total: sql`${eb.ref('moderation_sentiment_daily.total')} + 1`,
          negative: sql`${eb.ref('moderation_sentiment_daily.negative')} + ${eb.ref('excluded.negative')}`,
        })))
        .execute()
        .then(() => undefined);

/** Per product: totals and negatives in the recent window and in the baseline window before it. */
export const sentimentWindows = (db: ModerationDb, w: { baselineFrom: string; recentFrom: string; until: string }) =>
  db
    .selectFrom('moderation_sentiment_daily')
    .select([
      'product_id',
      sql<string>`coalesce(sum(case when day >= ${w.recentFrom} then total end), 0)`.as('recent_total'),
      sql<string>`coalesce(sum(case when day >= ${w.recentFrom} then negative end), 0)`.as('recent_negative'),
      sql<string>`coalesce(sum(case when day < ${w.recentFrom} then total end), 0)`.as('baseline_total'),
      sql<string>`coalesce(sum(case when day < ${w.recentFrom} then negative end), 0)`.as('baseline_negative'),
    ])
    .where('day', '>=', w.baselineFrom)
    .where('day', '<=', w.until)
    .groupBy('product_id')
    .execute();
