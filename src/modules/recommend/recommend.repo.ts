// All of the recommend module's SQL; no business decisions here.
import { sql, type Insertable } from 'kysely';
import type { RecommendDb, RecommendItemNeighboursTable, RecommendPopularTable, RecommendRunsTable, RecommendUserItemsTable } from './recommend.table.ts';

const CHUNK = 1_000;

/** Keeps the strongest weight and the latest time per (user, product). */
export async function upsertInteractions(db: RecommendDb, rows: { user_id: string; product_id: string; weight: number; last_at: Date }[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('recommend_interactions')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['user_id', 'product_id']).doUpdateSet({
          weight: sql`greatest(recommend_interactions.weight, excluded.weight)`,
          last_at: sql`greatest(recommend_interactions.last_at, excluded.last_at)`,
        }),
      )
      .execute();
  }
}

export async function insertShareLinks(db: RecommendDb, rows: { user_id: string; friend_id: string; created_at: Date }[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto('recommend_share_links').values(rows.slice(i, i + CHUNK)).onConflict((oc) => oc.columns(['user_id', 'friend_id']).doNothing()).execute();
  }
}

export const findInteractionsSince = (db: RecommendDb, since: Date) =>
  db.selectFrom('recommend_interactions').select(['user_id', 'product_id', 'weight', 'last_at']).where('last_at', '>=', since).execute();

export const deleteInteractionsBefore = (db: RecommendDb, before: Date) => db.deleteFrom('recommend_interactions').where('last_at', '<', before).execute();

export const findShareLinks = (db: RecommendDb) => db.selectFrom('recommend_share_links').select(['user_id', 'friend_id']).execute();

export const insertRun = (db: RecommendDb, row: Insertable<RecommendRunsTable>) => db.insertInto('recommend_runs').values(row).execute();

export const updateRun = (db: RecommendDb, id: string, patch: Partial<Insertable<RecommendRunsTable>>) => db.updateTable('recommend_runs').set(patch).where('id', '=', id).execute();

/** A run left running by a crashed process longer than this is marked failed, so training is not blocked forever. */
export const failStaleRuns = (db: RecommendDb, startedBefore: Date, now: Date) =>
  db.updateTable('recommend_runs').set({ status: 'failed', finished_at: now, error: 'abandoned (the process stopped)' }).where('status', '=', 'running').where('started_at', '<', startedBefore).execute();

export const findLatestRun = (db: RecommendDb, status?: 'done') => {
  let q = db.selectFrom('recommend_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1);
  if (status) q = q.where('status', '=', status);
  return q.executeTakeFirst();
};

/** Replaces the served lists in the caller's transaction: readers see the old lists or the new ones, never half. */
export async function replaceLists(
  trx: RecommendDb,
  lists: { users: Insertable<RecommendUserItemsTable>[]; neighbours: Insertable<RecommendItemNeighboursTable>[]; popular: Insertable<RecommendPopularTable>[] },
) {
  await trx.deleteFrom('recommend_user_items').execute();
  await trx.deleteFrom('recommend_item_neighbours').execute();
  await trx.deleteFrom('recommend_popular').execute();
  for (let i = 0; i < lists.users.length; i += CHUNK) await trx.insertInto('recommend_user_items').values(lists.users.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < lists.neighbours.length; i += CHUNK) await trx.insertInto('recommend_item_neighbours').values(lists.neighbours.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < lists.popular.length; i += CHUNK) await trx.insertInto('recommend_popular').values(lists.popular.slice(i, i + CHUNK)).execute();
}

export const findUserItems = (db: RecommendDb, userId: string) => db.selectFrom('recommend_user_items').selectAll().where('user_id', '=', userId).orderBy('rank').execute();

export const findNeighbours = (db: RecommendDb, productIds: string[]) =>
  productIds.length ? db.selectFrom('recommend_item_neighbours').selectAll().where('product_id', 'in', productIds).orderBy('product_id').orderBy('rank').execute() : Promise.resolve([]);

export const findPopular = (db: RecommendDb, limit: number) => db.selectFrom('recommend_popular').selectAll().orderBy('rank').limit(limit).execute();

export const findUserInteractedProducts = async (db: RecommendDb, userId: string) =>
  (await db.selectFrom('recommend_interactions').select('product_id').where('user_id', '=', userId).execute()).map((r) => r.product_id);
