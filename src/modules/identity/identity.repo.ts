import type { Executor } from '../../platform/events.ts';
import type { AddressesTable, FriendshipsTable, UsersTable } from './identity.table.ts';
import { sql, type Insertable, type Updateable } from 'kysely';
import { chinaDay, countInt, type DayRange } from '../../platform/daily.ts';

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByLogin = (db: Executor, kind: 'email' | 'phone', value: string) =>
  db.selectFrom('users').selectAll().where(kind, '=', value).executeTakeFirst();

export const insertUser = (db: Executor, row: Insertable<UsersTable>) => db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();

export const updateUser = (db: Executor, id: string, patch: Updateable<UsersTable>) =>
  db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export const findSessionByTokenHash = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'sessions.revoked_at', 'users.roles', 'users.status'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const findAddresses = (db: Executor, userId: string) =>
  db.selectFrom('addresses').selectAll().where('user_id', '=', userId).where('deleted_at', 'is', null).orderBy('is_default', 'desc').orderBy('created_at', 'desc').execute();

export const findAddress = (db: Executor, userId: string, id: string) =>
  db.selectFrom('addresses').selectAll().where('id', '=', id).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();

export const insertAddress = (db: Executor, row: Insertable<AddressesTable>) => db.insertInto('addresses').values(row).returningAll().executeTakeFirstOrThrow();

export const clearDefaultAddress = (db: Executor, userId: string) =>
  db.updateTable('addresses').set({ is_default: false }).where('user_id', '=', userId).where('is_default', '=', true).execute();

// Bulk import (demo data, migrations from another shop): one multi-row INSERT per call; rows that
// collide with an existing key are skipped rather than failing the batch.
export const insertUsersSkippingExisting = (db: Executor, rows: Insertable<UsersTable>[]) =>
  db.insertInto('users').values(rows).onConflict((oc) => oc.doNothing()).returning('id').execute();

export const findUserIds = (db: Executor, ids: string[]) => db.selectFrom('users').select('id').where('id', 'in', ids).execute();

export const insertAddressesSkippingExisting = (db: Executor, rows: Insertable<AddressesTable>[]) =>
  db.insertInto('addresses').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();

export const insertFriendshipsSkippingExisting = (db: Executor, rows: Insertable<FriendshipsTable>[]) =>
  db.insertInto('friendships').values(rows).onConflict((oc) => oc.columns(['user_id', 'friend_id']).doNothing()).returning('user_id').execute();

/** Shopper accounts created per China day. */
export const dailyNewCustomers = (db: Executor, range: DayRange) =>
  db.selectFrom('users').select([chinaDay('created_at').as('day'), countInt().as('customers')])
    .where('created_at', '>=', range.from).where('created_at', '<', range.to)
    .where(sql<boolean>`roles @> '["shopper"]'::jsonb`)
    .groupBy(sql`1`).execute();
