// Privacy's SQL: consent records and export/erasure requests. No business decisions here.
import type { Insertable, Updateable } from 'kysely';
import type { PrivacyConsentsTable, PrivacyDb, PrivacyRequestsTable } from './privacy.table.ts';
import type { RequestKind } from './privacy.rules.ts';

export const insertConsents = (db: PrivacyDb, rows: Insertable<PrivacyConsentsTable>[]) => db.insertInto('privacy_consents').values(rows).execute();

export const findConsents = (db: PrivacyDb, userId: string) =>
  db.selectFrom('privacy_consents').selectAll().where('user_id', '=', userId).orderBy('at').orderBy('id').execute();

/** Inserts a request unless one of its kind is open; returns the new row or undefined. */
export const insertRequestUnlessOpen = (db: PrivacyDb, row: Insertable<PrivacyRequestsTable>) =>
  db.insertInto('privacy_requests').values(row).onConflict((oc) => oc.columns(['user_id', 'kind']).where('status', 'in', ['queued', 'running']).doNothing()).returningAll().executeTakeFirst();

export const findOpenRequest = (db: PrivacyDb, userId: string, kind: RequestKind) =>
  db.selectFrom('privacy_requests').selectAll().where('user_id', '=', userId).where('kind', '=', kind).where('status', 'in', ['queued', 'running']).executeTakeFirst();

export const findRequest = (db: PrivacyDb, id: string) => db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();

export const lockRequest = (db: PrivacyDb, id: string) => db.selectFrom('privacy_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** A person's requests, newest first, without the archive itself. */
export const findRequestsOfUser = (db: PrivacyDb, userId: string, limit: number) =>
  db.selectFrom('privacy_requests').select(['id', 'user_id', 'kind', 'status', 'requested_at', 'finished_at', 'archive_expires_at', 'summary', 'error'])
    .where('user_id', '=', userId).orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

export const updateRequest = (db: PrivacyDb, id: string, patch: Updateable<PrivacyRequestsTable>) => db.updateTable('privacy_requests').set(patch).where('id', '=', id).execute();

/** Export archives past their download window lose the archive (the request row stays as the record). */
export async function dropExpiredArchives(db: PrivacyDb, now: Date) {
  const res = await db.updateTable('privacy_requests').set({ archive: null }).where('archive', 'is not', null).where('archive_expires_at', '<', now).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** On erasure: the person's export requests (and their archives) go; the erasure request stays. */
export async function deleteExportRequests(db: PrivacyDb, userId: string) {
  await db.deleteFrom('privacy_requests').where('user_id', '=', userId).where('kind', '=', 'export').execute();
}

/** Stored export archives (key rotation re-seals them). */
export const findArchives = async (db: PrivacyDb) =>
  (await db.selectFrom('privacy_requests').select(['id', 'archive']).where('archive', 'is not', null).execute()) as { id: string; archive: string }[];
