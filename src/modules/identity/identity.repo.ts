import type { AccountCodesTable, AddressesTable, CodePurpose, FriendshipsTable, SessionsTable, SignInThrottlesTable, SignupCodesTable, UsersTable, IdentityDb } from './identity.table.ts';
import { sql, type Insertable, type Updateable } from 'kysely';
import { chinaDay, countInt, type DayRange } from '../../platform/daily.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { openAddress, openUser, sealAddress, sealUserInsert, sealUserPatch } from './identity.pii.ts';
import { normalisePhone } from './identity.rules.ts';

// Phones, recipients and address lines are sealed at rest: the functions that read or write them
// take the cipher and hand back opened rows (identity.pii.ts).
const opened = <T extends { phone: string | null }>(pii: PiiCipher, u: T | undefined) => (u ? openUser(pii, u) : undefined);

export const findUserById = async (db: IdentityDb, pii: PiiCipher, id: string) =>
  opened(pii, await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst());

/** By email, or by phone through its blind index under every key on the ring. */
export const findUserByLogin = async (db: IdentityDb, pii: PiiCipher, kind: 'email' | 'phone', value: string) =>
  opened(pii, await (kind === 'email' ? db.selectFrom('users').selectAll().where('email', '=', value) : db.selectFrom('users').selectAll().where('phone_index', 'in', pii.indexes(value))).executeTakeFirst());

export const insertUser = async (db: IdentityDb, pii: PiiCipher, row: Omit<Insertable<UsersTable>, 'phone_index'>) =>
  openUser(pii, await db.insertInto('users').values(sealUserInsert(pii, row)).returningAll().executeTakeFirstOrThrow());

export const updateUser = async (db: IdentityDb, pii: PiiCipher, id: string, patch: Updateable<UsersTable>) =>
  opened(pii, await db.updateTable('users').set(sealUserPatch(pii, patch)).where('id', '=', id).returningAll().executeTakeFirst());

export const findSessionByTokenHash = (db: IdentityDb, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'sessions.revoked_at', 'users.roles', 'users.status'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const findAddresses = async (db: IdentityDb, pii: PiiCipher, userId: string) =>
  (await db.selectFrom('addresses').selectAll().where('user_id', '=', userId).where('deleted_at', 'is', null).orderBy('is_default', 'desc').orderBy('created_at', 'desc').execute()).map((a) => openAddress(pii, a));

export const findAddress = async (db: IdentityDb, pii: PiiCipher, userId: string, id: string) => {
  const a = await db.selectFrom('addresses').selectAll().where('id', '=', id).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  return a ? openAddress(pii, a) : undefined;
};

export const insertAddress = async (db: IdentityDb, pii: PiiCipher, row: Insertable<AddressesTable>) =>
  openAddress(pii, await db.insertInto('addresses').values(sealAddress(pii, row)).returningAll().executeTakeFirstOrThrow());

export const clearDefaultAddress = (db: IdentityDb, userId: string) =>
  db.updateTable('addresses').set({ is_default: false }).where('user_id', '=', userId).where('is_default', '=', true).execute();

// Bulk import (demo data, migrations from another shop): one multi-row INSERT per call; rows that
// collide with an existing key are skipped rather than failing the batch.
export const insertUsersSkippingExisting = (db: IdentityDb, pii: PiiCipher, rows: Omit<Insertable<UsersTable>, 'phone_index'>[]) =>
  db.insertInto('users').values(rows.map((r) => sealUserInsert(pii, r))).onConflict((oc) => oc.doNothing()).returning('id').execute();

export const findUserIds = (db: IdentityDb, ids: string[]) => db.selectFrom('users').select('id').where('id', 'in', ids).execute();

export const insertAddressesSkippingExisting = (db: IdentityDb, pii: PiiCipher, rows: Insertable<AddressesTable>[]) =>
  db.insertInto('addresses').values(rows.map((r) => sealAddress(pii, r))).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();

export const insertFriendshipsSkippingExisting = (db: IdentityDb, rows: Insertable<FriendshipsTable>[]) =>
  db.insertInto('friendships').values(rows).onConflict((oc) => oc.columns(['user_id', 'friend_id']).doNothing()).returning('user_id').execute();

/** Shopper accounts created per China day. */
export const dailyNewCustomers = (db: IdentityDb, range: DayRange) =>
  db.selectFrom('users').select([chinaDay('created_at').as('day'), countInt().as('customers')])
    .where('created_at', '>=', range.from).where('created_at', '<', range.to)
    .where(sql<boolean>`roles @> '["shopper"]'::jsonb`)
    .groupBy(sql`1`).execute();

// ---- Sessions and devices ----

export const insertSession = (db: IdentityDb, row: Insertable<SessionsTable>) => db.insertInto('sessions').values(row).execute();

export const revokeSession = (db: IdentityDb, sessionId: string, now: Date) =>
  db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();

/** Revokes every live session of an account, or every one but `exceptId` (password change). */
export async function revokeSessionsOfUser(db: IdentityDb, userId: string, now: Date, exceptId?: string) {
  let qb = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  const res = await qb.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Sessions that expired or were revoked before the cut-off (retention); returns how many went. */
export async function deleteSessionsEndedBefore(db: IdentityDb, cutoff: Date) {
  const res = await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)])).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The devices that were new to their accounts come back. */
export const insertUserDevices = (db: IdentityDb, rows: { user_id: string; device_id: string; first_seen_at: Date }[]) =>
  db.insertInto('user_devices').values(rows).onConflict((oc) => oc.columns(['user_id', 'device_id']).doNothing()).returning('device_id').execute();

export const findDevicesOfUsers = (db: IdentityDb, userIds: string[]) =>
  db.selectFrom('user_devices').select(['user_id', 'device_id']).where('user_id', 'in', userIds).execute();

export const findUsersByDevices = (db: IdentityDb, deviceIds: string[]) =>
  db.selectFrom('user_devices').select(['user_id', 'device_id']).where('device_id', 'in', deviceIds).execute();

// ---- Users ----

export const lockUserRoles = (db: IdentityDb, id: string) => db.selectFrom('users').select(['id', 'roles']).where('id', '=', id).forUpdate().executeTakeFirst();

export const lockUser = async (db: IdentityDb, pii: PiiCipher, id: string) => opened(pii, await db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst());

/** Phone, email and the devices each account signed in on, in one statement (a fraud check's facts). */
export const findFraudFacts = async (db: IdentityDb, pii: PiiCipher, ids: string[]) =>
  (await db.selectFrom('users').select(['id', 'phone', 'email', sql<string[]>`array(select d.device_id from user_devices d where d.user_id = users.id)`.as('devices')]).where('id', 'in', ids).execute())
    .map((u) => ({ ...openUser(pii, u), devices: u.devices }));

/** Where a user's newest session was opened from (fraud signals at sign-in). */
export const findNewestSessionOrigin = (db: IdentityDb, userId: string) =>
  db.selectFrom('sessions').select(['ip', 'user_agent']).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();

export const findDisplayNames = (db: IdentityDb, ids: string[]) => db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();

/** Customers newest first, optionally matching a search, after a keyset cursor. */
export async function findCustomersPage(db: IdentityDb, pii: PiiCipher, query: { q?: string; after?: { at: string; id: string }; limit: number }) {
  let qb = db.selectFrom('users').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    // A sealed phone matches only as a whole number (its blind index), not by a fragment.
    const phone = normalisePhone(query.q);
    qb = qb.where((eb) => eb.or([eb('email', 'ilike', like), eb('display_name', 'ilike', like), ...(phone ? [eb('phone_index', 'in', pii.indexes(phone))] : [])]));
  }
  if (query.after) qb = qb.where(sql<boolean>`(created_at, id) < (${new Date(query.after.at)}, ${query.after.id})`);
  return (await qb.execute()).map((u) => openUser(pii, u));
}

export const findFriendships = (db: IdentityDb, userIds: string[]) =>
  db.selectFrom('friendships').select(['user_id', 'friend_id']).where('user_id', 'in', userIds).execute();

// ---- Addresses ----

/** Live addresses of many users, defaults last and newest last (the caller keeps the last per user). */
export const findAddressesOfUsers = async (db: IdentityDb, pii: PiiCipher, userIds: string[]) =>
  (await db.selectFrom('addresses').selectAll().where('user_id', 'in', userIds).where('deleted_at', 'is', null).orderBy('is_default', 'asc').orderBy('created_at', 'asc').execute()).map((a) => openAddress(pii, a));

export const updateAddress = async (db: IdentityDb, pii: PiiCipher, id: string, patch: Updateable<AddressesTable>) =>
  openAddress(pii, await db.updateTable('addresses').set(sealAddress(pii, patch as { recipient?: string; phone?: string; line1?: string })).where('id', '=', id).returningAll().executeTakeFirstOrThrow());

export async function softDeleteAddress(db: IdentityDb, userId: string, id: string, now: Date) {
  const res = await db.updateTable('addresses').set({ deleted_at: now, is_default: false }).where('id', '=', id).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- Failed sign-ins ----

export const findThrottle = (db: IdentityDb, loginKey: string) =>
  db.selectFrom('sign_in_throttles').selectAll().where('login_key', '=', loginKey).executeTakeFirst();

/** Creates the row when missing and locks it: concurrent failures for one login count one by one. */
export async function lockThrottle(db: IdentityDb, loginKey: string, now: Date) {
  await db.insertInto('sign_in_throttles').values({ login_key: loginKey, failures: 0, window_started_at: now, locked_until: null, locks: 0, updated_at: now }).onConflict((oc) => oc.column('login_key').doNothing()).execute();
  return db.selectFrom('sign_in_throttles').selectAll().where('login_key', '=', loginKey).forUpdate().executeTakeFirstOrThrow();
}

export const updateThrottle = (db: IdentityDb, loginKey: string, patch: Updateable<SignInThrottlesTable>) =>
  db.updateTable('sign_in_throttles').set(patch).where('login_key', '=', loginKey).execute();

export const deleteThrottle = (db: IdentityDb, loginKey: string) => db.deleteFrom('sign_in_throttles').where('login_key', '=', loginKey).execute();

// ---- One-time codes ----

export const insertCode = (db: IdentityDb, row: Insertable<AccountCodesTable>) => db.insertInto('account_codes').values(row).execute();

export async function countCodesSince(db: IdentityDb, userId: string, purpose: CodePurpose, since: Date) {
  const row = await db.selectFrom('account_codes').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('purpose', '=', purpose).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Retires every unused code of a purpose (a newer code replaces them; a used one ends them all). */
export const retireCodes = (db: IdentityDb, userId: string, purpose: CodePurpose, now: Date) =>
  db.updateTable('account_codes').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();

/** The newest unused, unexpired code of an account, locked for the check. */
export const lockLiveCode = (db: IdentityDb, userId: string, purpose: CodePurpose, now: Date) =>
  db.selectFrom('account_codes').selectAll().where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now)
    .orderBy('created_at', 'desc').limit(1).forUpdate().executeTakeFirst();

export const updateCode = (db: IdentityDb, id: string, patch: Updateable<AccountCodesTable>) => db.updateTable('account_codes').set(patch).where('id', '=', id).execute();

// ---- Sign-up codes ----

export const insertSignupCode = (db: IdentityDb, row: Insertable<SignupCodesTable>) => db.insertInto('signup_codes').values(row).execute();

export async function countSignupCodesSince(db: IdentityDb, loginKey: string, since: Date) {
  const row = await db.selectFrom('signup_codes').select((eb) => eb.fn.countAll<string>().as('n')).where('login_key', '=', loginKey).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const retireSignupCodes = (db: IdentityDb, loginKey: string, now: Date) =>
  db.updateTable('signup_codes').set({ used_at: now }).where('login_key', '=', loginKey).where('used_at', 'is', null).execute();

/** The newest unused, unexpired sign-up code of an address, locked for the check. */
export const lockLiveSignupCode = (db: IdentityDb, loginKey: string, now: Date) =>
  db.selectFrom('signup_codes').selectAll().where('login_key', '=', loginKey).where('used_at', 'is', null).where('expires_at', '>', now)
    .orderBy('created_at', 'desc').limit(1).forUpdate().executeTakeFirst();

export const updateSignupCode = (db: IdentityDb, id: string, patch: Updateable<SignupCodesTable>) => db.updateTable('signup_codes').set(patch).where('id', '=', id).execute();

/** Spends a code unless a concurrent request already did; returns whether this one did. */
export async function spendSignupCode(db: IdentityDb, id: string, now: Date) {
  const res = await db.updateTable('signup_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
