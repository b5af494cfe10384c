// All API-key SQL.
import type { Insertable } from 'kysely';
import type { ApiKeysTable, IntegrationsDb } from './integrations.table.ts';

export const insertApiKey = (db: IntegrationsDb, row: Insertable<ApiKeysTable>) =>
  db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();

export const findApiKey = (db: IntegrationsDb, id: string) =>
  db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();

export const findApiKeyByHash = (db: IntegrationsDb, keyHash: string) =>
  db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();

/** Newest first; every key, or one operator's. */
export function findApiKeys(db: IntegrationsDb, createdBy?: string) {
  let q = db.selectFrom('api_keys').selectAll();
  if (createdBy) q = q.where('created_by', '=', createdBy);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export const revokeApiKey = (db: IntegrationsDb, id: string, actorId: string, now: Date) =>
  db.updateTable('api_keys').set({ revoked_at: now, revoked_by: actorId }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();

/** Conditional, so a burst of requests with one key writes last_used_at once per interval. */
export const touchApiKey = (db: IntegrationsDb, id: string, now: Date, notSince: Date) =>
  db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', notSince)]))
    .execute();
