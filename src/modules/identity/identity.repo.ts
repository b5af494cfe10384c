import type { Executor } from '../../platform/events.ts';
import type { AddressesTable, UsersTable } from './identity.table.ts';
import type { Insertable, Updateable } from 'kysely';

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
