// Accounts, sessions and addresses.
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Platform } from '../../platform/context.ts';
import type { AuthUser, Role } from '../../platform/auth.ts';
import { ROLES } from '../../platform/auth.ts';
import type { DayRange } from '../../platform/daily.ts';
import { addDays } from '../../platform/clock.ts';
import { conflict, invalid, notFound, unprocessable, DomainError, isUniqueViolation } from '../../platform/errors.ts';
import { publishEvent, type Executor } from '../../platform/events.ts';
import { newId, newToken, sha256 } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import * as repo from './identity.repo.ts';
import { maskPhone, normaliseEmail, normalisePhone, parseLoginId, passwordProblem, SESSION_TTL_DAYS } from './identity.rules.ts';
import type { AddressesTable, UsersTable } from './identity.table.ts';
import type { Selectable } from 'kysely';

export interface RegisterInput {
  email?: string;
  phone?: string;
  password: string;
  displayName: string;
  roles?: Role[];
  /** The visitor cookie or device id the sign-up came from (share attribution, fraud rules). */
  visitorId?: string | null;
  deviceId?: string | null;
  /** An inviter's code typed at sign-up; the referral module decides what it is worth. */
  inviteCode?: string | null;
}

export interface SessionInfo {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export interface AddressInput {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode?: string;
  isDefault?: boolean;
}

/** A historical account brought in by a bulk import (demo data): no event, no session. */
export interface ImportedUser {
  id: string;
  email: string | null;
  phone: string | null;
  /** From hashPassword(): hash a shared password once, not once per row. */
  passwordHash: string;
  displayName: string;
  roles: Role[];
  createdAt: Date;
}

export interface ImportedAddress extends Omit<AddressInput, 'isDefault'> {
  id: string;
  userId: string;
  isDefault: boolean;
  createdAt: Date;
}

export interface ImportedFriendship {
  userId: string;
  friendId: string;
  createdAt: Date;
}

/** Rows per INSERT: ~500 keeps each statement well under the 65,535 bind-parameter limit. */
export const IMPORT_BATCH = 500;

function chunk<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function publicUser(u: Selectable<UsersTable>) {
  return {
    id: u.id,
    email: u.email,
    phone: u.phone ? maskPhone(u.phone) : null,
    displayName: u.display_name,
    roles: u.roles,
    status: u.status,
    createdAt: u.created_at.toISOString(),
  };
}

export function publicAddress(a: Selectable<AddressesTable>) {
  return {
    id: a.id,
    recipient: a.recipient,
    phone: a.phone,
    province: a.province,
    city: a.city,
    district: a.district,
    line1: a.line1,
    postalCode: a.postal_code,
    isDefault: a.is_default,
  };
}

// A dummy hash so a login for an unknown account costs the same as a wrong password.
let dummyHash: Promise<string> | undefined;

export function createIdentityService(p: Platform) {
  const { db, clock } = p;
  const hashOptions = { memoryCost: p.config.argon2.memoryCost, timeCost: p.config.argon2.timeCost };

  async function hashPassword(password: string) {
    return hash(password, hashOptions);
  }

  async function register(input: RegisterInput) {
    const email = input.email !== undefined ? normaliseEmail(input.email) : null;
    const phone = input.phone !== undefined ? normalisePhone(input.phone) : null;
    if (input.email !== undefined && !email) throw invalid('IDENTITY_EMAIL_INVALID', 'That email address is not valid', { field: 'email' });
    if (input.phone !== undefined && !phone) throw invalid('IDENTITY_PHONE_INVALID', 'That phone number is not valid', { field: 'phone' });
    if (!email && !phone) throw invalid('IDENTITY_LOGIN_REQUIRED', 'Give an email address or a phone number', { field: 'email' });
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('IDENTITY_PASSWORD_WEAK', `The password ${problem}`, { field: 'password' });
    const displayName = input.displayName.trim();
    if (!displayName) throw invalid('IDENTITY_NAME_REQUIRED', 'Give a display name', { field: 'displayName' });
    const passwordHash = await hashPassword(input.password);
    const now = clock.now();
    try {
      return await db.transaction().execute(async (trx) => {
        const user = await repo.insertUser(trx, {
          id: newId(),
          email,
          phone,
          password_hash: passwordHash,
          display_name: displayName,
          roles: JSON.stringify(input.roles ?? ['shopper']),
          created_at: now,
          last_login_at: null,
        });
        const devices = [...new Set([input.visitorId, input.deviceId].filter((d): d is string => !!d))];
        if (devices.length) await trx.insertInto('user_devices').values(devices.map((d) => ({ user_id: user.id, device_id: d, first_seen_at: now }))).execute();
        await publishEvent(trx, now, 'customer.registered', user.id, { userId: user.id, hasEmail: !!email, hasPhone: !!phone, visitorId: input.visitorId ?? null, deviceId: input.deviceId ?? null, inviteCode: input.inviteCode?.trim().toUpperCase() || null });
        return user;
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        const field = String((err as Error).message).includes('phone') ? 'phone' : 'email';
        throw conflict('IDENTITY_ALREADY_REGISTERED', `An account with that ${field} already exists; sign in instead`, { field });
      }
      throw err;
    }
  }

  async function authenticate(login: string, password: string) {
    const id = parseLoginId(login);
    const user = id ? await repo.findUserByLogin(db, id.kind, id.value) : undefined;
    if (!user) {
      dummyHash ??= hash('not-a-real-password-1', hashOptions);
      await verify(await dummyHash, password).catch(() => false);
      throw new DomainError('unauthenticated', 'IDENTITY_BAD_CREDENTIALS', 'Wrong login or password');
    }
    const ok = await verify(user.password_hash, password).catch(() => false);
    if (!ok) throw new DomainError('unauthenticated', 'IDENTITY_BAD_CREDENTIALS', 'Wrong login or password');
    if (user.status !== 'active') throw new DomainError('forbidden', 'IDENTITY_ACCOUNT_DISABLED', 'This account is disabled');
    return user;
  }

  async function openSession(userId: string, kind: 'cookie' | 'bearer', meta: { ip?: string; userAgent?: string; visitorId?: string | null; deviceId?: string | null } = {}): Promise<SessionInfo> {
    const token = newToken(32);
    const now = clock.now();
    const expiresAt = addDays(now, SESSION_TTL_DAYS);
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({ id, token_hash: sha256(token), user_id: userId, kind, created_at: now, expires_at: expiresAt, revoked_at: null, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null })
        .execute();
      await repo.updateUser(trx, userId, { last_login_at: now });
      const devices = [...new Set([meta.visitorId, meta.deviceId].filter((d): d is string => !!d))];
      if (devices.length) {
        await trx.insertInto('user_devices').values(devices.map((d) => ({ user_id: userId, device_id: d, first_seen_at: now }))).onConflict((oc) => oc.columns(['user_id', 'device_id']).doNothing()).execute();
        await publishEvent(trx, now, 'customer.signed_in', userId, { userId, visitorId: meta.visitorId ?? null, deviceId: meta.deviceId ?? null });
      }
    });
    return { token, sessionId: id, expiresAt };
  }

  /** Resolves a presented token to a user, or null when unknown, expired, revoked or disabled. */
  async function resolveSession(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const row = await repo.findSessionByTokenHash(db, sha256(token));
    if (!row || row.revoked_at || row.expires_at <= clock.now() || row.status !== 'active') return null;
    return { id: row.user_id, roles: row.roles, sessionId: row.id, via: 'cookie' };
  }

  async function revokeSession(sessionId: string) {
    await db.updateTable('sessions').set({ revoked_at: clock.now() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  async function getUser(id: string) {
    const user = await repo.findUserById(db, id);
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id });
    return user;
  }

  async function updateProfile(id: string, patch: { displayName?: string }) {
    const name = patch.displayName?.trim();
    if (patch.displayName !== undefined && !name) throw invalid('IDENTITY_NAME_REQUIRED', 'Give a display name', { field: 'displayName' });
    const user = await repo.updateUser(db, id, { ...(name ? { display_name: name } : {}) });
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id });
    return user;
  }

  async function setRoles(actorId: string, userId: string, roles: Role[]) {
    const unique = [...new Set(roles)].filter((r) => (ROLES as readonly string[]).includes(r));
    if (unique.length === 0) throw invalid('IDENTITY_ROLES_EMPTY', 'A user needs at least one role');
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const user = await repo.updateUser(trx, userId, { roles: JSON.stringify(unique) });
      if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
      await trx.insertInto('audit_log').values({ actor_id: actorId, action: 'user.roles_changed', subject_type: 'user', subject_id: userId, details: JSON.stringify({ roles: unique }), at: now }).execute();
      return user;
    });
  }

  /** Add one role inside the caller's transaction (e.g. affiliate approval); a no-op when the user has it. */
  async function grantRole(trx: Executor, actorId: string | null, userId: string, role: Role) {
    const user = await trx.selectFrom('users').select(['id', 'roles']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
    const roles = user.roles as Role[];
    if (roles.includes(role)) return;
    await repo.updateUser(trx, userId, { roles: JSON.stringify([...roles, role]) });
    await trx.insertInto('audit_log').values({ actor_id: actorId, action: 'user.roles_changed', subject_type: 'user', subject_id: userId, details: JSON.stringify({ roles: [...roles, role] }), at: clock.now() }).execute();
  }

  async function listCustomers(query: { q?: string; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(query.cursor);
    let qb = db.selectFrom('users').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
    if (query.q) {
      const like = `%${query.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
      qb = qb.where((eb) => eb.or([eb('email', 'ilike', like), eb('phone', 'like', like), eb('display_name', 'ilike', like)]));
    }
    if (after) qb = qb.where(sql<boolean>`(created_at, id) < (${new Date(after.at)}, ${after.id})`);
    const rows = await qb.execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  async function addAddress(userId: string, input: AddressInput) {
    const phone = normalisePhone(input.phone);
    if (!phone) throw invalid('IDENTITY_PHONE_INVALID', 'The recipient phone number is not valid', { field: 'phone' });
    return db.transaction().execute(async (trx) => {
      const existing = await repo.findAddresses(trx, userId);
      if (existing.length >= 20) throw unprocessable('IDENTITY_ADDRESS_LIMIT', 'You can keep at most 20 addresses');
      const isDefault = input.isDefault ?? existing.length === 0;
      if (isDefault) await repo.clearDefaultAddress(trx, userId);
      return repo.insertAddress(trx, {
        id: newId(),
        user_id: userId,
        recipient: input.recipient.trim(),
        phone,
        province: input.province.trim(),
        city: input.city.trim(),
        district: input.district.trim(),
        line1: input.line1.trim(),
        postal_code: input.postalCode?.trim() || null,
        is_default: isDefault,
        created_at: clock.now(),
        deleted_at: null,
      });
    });
  }

  async function listAddresses(userId: string) {
    return repo.findAddresses(db, userId);
  }

  /** Each user's default (or newest) address, for many users at once (demo history, exports). */
  async function findDefaultAddresses(userIds: string[]) {
    const map = new Map<string, Selectable<AddressesTable>>();
    for (let i = 0; i < userIds.length; i += 1000) {
      const rows = await db.selectFrom('addresses').selectAll().where('user_id', 'in', userIds.slice(i, i + 1000)).where('deleted_at', 'is', null).orderBy('is_default', 'asc').orderBy('created_at', 'asc').execute();
      for (const r of rows) map.set(r.user_id, r); // the last write wins: default, else newest
    }
    return map;
  }

  /** Phone and devices of some users, inside the caller's transaction (fraud and self-referral rules). */
  async function fraudFacts(executor: Executor, userIds: string[]) {
    const map = new Map<string, { phone: string | null; devices: string[] }>();
    if (userIds.length === 0) return map;
    const users = await executor.selectFrom('users').select(['id', 'phone']).where('id', 'in', userIds).execute();
    for (const u of users) map.set(u.id, { phone: u.phone, devices: [] });
    const devices = await executor.selectFrom('user_devices').select(['user_id', 'device_id']).where('user_id', 'in', userIds).execute();
    for (const d of devices) map.get(d.user_id)?.devices.push(d.device_id);
    return map;
  }

  /** Friend lists of some users (the social graph that cascades travel along). */
  async function friendsOf(userIds: string[]) {
    const map = new Map<string, string[]>();
    for (let i = 0; i < userIds.length; i += 1000) {
      const rows = await db.selectFrom('friendships').select(['user_id', 'friend_id']).where('user_id', 'in', userIds.slice(i, i + 1000)).execute();
      for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.friend_id]);
    }
    return map;
  }

  /** Display names for lists (leaderboards, cascades), without other personal data. */
  async function displayNames(executor: Executor, userIds: string[]) {
    const map = new Map<string, string>();
    for (let i = 0; i < userIds.length; i += 1000) {
      const rows = await executor.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds.slice(i, i + 1000)).execute();
      for (const r of rows) map.set(r.id, r.display_name);
    }
    return map;
  }

  /** Other accounts seen on any of these devices (self-referral and farming checks). */
  async function findUsersByDevices(deviceIds: string[]) {
    if (deviceIds.length === 0) return [] as { user_id: string; device_id: string }[];
    return db.selectFrom('user_devices').select(['user_id', 'device_id']).where('device_id', 'in', deviceIds).execute();
  }

  async function devicesOf(userId: string) {
    return (await db.selectFrom('user_devices').select('device_id').where('user_id', '=', userId).execute()).map((r) => r.device_id);
  }

  async function getAddress(userId: string, id: string) {
    const address = await repo.findAddress(db, userId, id);
    if (!address) throw notFound('IDENTITY_ADDRESS_NOT_FOUND', 'No such address', { id });
    return address;
  }

  async function updateAddress(userId: string, id: string, patch: Partial<AddressInput>) {
    return db.transaction().execute(async (trx) => {
      const address = await repo.findAddress(trx, userId, id);
      if (!address) throw notFound('IDENTITY_ADDRESS_NOT_FOUND', 'No such address', { id });
      let phone: string | undefined;
      if (patch.phone !== undefined) {
        phone = normalisePhone(patch.phone) ?? undefined;
        if (!phone) throw invalid('IDENTITY_PHONE_INVALID', 'The recipient phone number is not valid', { field: 'phone' });
      }
      if (patch.isDefault) await repo.clearDefaultAddress(trx, userId);
      return trx
        .updateTable('addresses')
        .set({
          ...(patch.recipient !== undefined ? { recipient: patch.recipient.trim() } : {}),
          ...(phone ? { phone } : {}),
          ...(patch.province !== undefined ? { province: patch.province.trim() } : {}),
          ...(patch.city !== undefined ? { city: patch.city.trim() } : {}),
          ...(patch.district !== undefined ? { district: patch.district.trim() } : {}),
          ...(patch.line1 !== undefined ? { line1: patch.line1.trim() } : {}),
          ...(patch.postalCode !== undefined ? { postal_code: patch.postalCode.trim() || null } : {}),
          ...(patch.isDefault !== undefined ? { is_default: patch.isDefault } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async function deleteAddress(userId: string, id: string) {
    const res = await db.updateTable('addresses').set({ deleted_at: clock.now(), is_default: false }).where('id', '=', id).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('IDENTITY_ADDRESS_NOT_FOUND', 'No such address', { id });
  }

  /** Creates an operator account, or adds the operator role to an existing one (CLI, demo seed). */
  async function ensureOperator(email: string, password: string, admin = false) {
    const normalised = normaliseEmail(email);
    if (!normalised) throw invalid('IDENTITY_EMAIL_INVALID', 'That email address is not valid', { field: 'email' });
    const roles: Role[] = admin ? ['operator', 'admin'] : ['operator'];
    const existing = await repo.findUserByLogin(db, 'email', normalised);
    if (existing) {
      const merged = [...new Set([...existing.roles, ...roles])];
      await repo.updateUser(db, existing.id, { roles: JSON.stringify(merged) });
      return { created: false, userId: existing.id };
    }
    const user = await register({ email: normalised, password, displayName: normalised.split('@')[0], roles });
    return { created: true, userId: user.id };
  }

  /**
   * Bulk-inserts historical accounts, 500 rows per statement. Publishes no customer.registered
   * event: imported history must not trigger live consumers (welcome coupons, analytics).
   * A row whose id already exists is left as it is (re-running an import is a no-op); a row whose
   * email or phone belongs to another account is skipped. Returns the ids of the given rows that
   * exist afterwards, in input order, so callers attach addresses and friendships only to those.
   */
  async function importUsers(rows: ImportedUser[]): Promise<string[]> {
    const present = new Set<string>();
    for (const batch of chunk(rows, IMPORT_BATCH)) {
      const values = batch.map((r) => {
        const email = r.email === null ? null : normaliseEmail(r.email);
        const phone = r.phone === null ? null : normalisePhone(r.phone);
        if ((r.email !== null && !email) || (r.phone !== null && !phone) || (!email && !phone)) {
          throw invalid('IDENTITY_IMPORT_INVALID_LOGIN', `Imported user ${r.id} needs a valid email or phone`, { id: r.id });
        }
        const roles = [...new Set(r.roles)].filter((role) => (ROLES as readonly string[]).includes(role));
        if (roles.length === 0) throw invalid('IDENTITY_ROLES_EMPTY', `Imported user ${r.id} needs at least one role`, { id: r.id });
        return { id: r.id, email, phone, password_hash: r.passwordHash, display_name: r.displayName.trim(), roles: JSON.stringify(roles), created_at: r.createdAt, last_login_at: null };
      });
      await repo.insertUsersSkippingExisting(db, values);
      for (const { id } of await repo.findUserIds(db, batch.map((r) => r.id))) present.add(id);
    }
    return rows.map((r) => r.id).filter((id) => present.has(id));
  }

  /** Bulk-inserts addresses of imported users; an address whose id exists is skipped. Returns how many were inserted. */
  async function importAddresses(rows: ImportedAddress[]): Promise<number> {
    let inserted = 0;
    for (const batch of chunk(rows, IMPORT_BATCH)) {
      const values = batch.map((a) => {
        const phone = normalisePhone(a.phone);
        if (!phone) throw invalid('IDENTITY_PHONE_INVALID', `Imported address ${a.id} has an invalid phone`, { id: a.id });
        return {
          id: a.id,
          user_id: a.userId,
          recipient: a.recipient.trim(),
          phone,
          province: a.province.trim(),
          city: a.city.trim(),
          district: a.district.trim(),
          line1: a.line1.trim(),
          postal_code: a.postalCode?.trim() || null,
          is_default: a.isDefault,
          created_at: a.createdAt,
          deleted_at: null,
        };
      });
      inserted += (await repo.insertAddressesSkippingExisting(db, values)).length;
    }
    return inserted;
  }

  /**
   * Bulk-inserts friendships. Each pair is stored in both directions, so every friendship is
   * symmetric; a pair given twice (either way round) or already present is skipped. Returns how
   * many pairs were new.
   */
  async function importFriendships(pairs: ImportedFriendship[]): Promise<number> {
    const seen = new Set<string>();
    const rows: { user_id: string; friend_id: string; created_at: Date }[] = [];
    for (const p of pairs) {
      if (p.userId === p.friendId) throw invalid('IDENTITY_FRIENDSHIP_SELF', 'A user cannot be their own friend', { userId: p.userId });
      const key = p.userId < p.friendId ? `${p.userId}|${p.friendId}` : `${p.friendId}|${p.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ user_id: p.userId, friend_id: p.friendId, created_at: p.createdAt }, { user_id: p.friendId, friend_id: p.userId, created_at: p.createdAt });
    }
    let inserted = 0;
    // Both directions of a pair travel in the same statement (batches hold an even number of rows).
    for (const batch of chunk(rows, IMPORT_BATCH)) inserted += (await repo.insertFriendshipsSkippingExisting(db, batch)).length;
    return Math.ceil(inserted / 2);
  }

  return {
    dailyNewCustomers: (range: DayRange) => repo.dailyNewCustomers(db, range),
    ensureOperator,
    hashPassword,
    register,
    authenticate,
    openSession,
    resolveSession,
    revokeSession,
    getUser,
    updateProfile,
    setRoles,
    grantRole,
    listCustomers,
    addAddress,
    listAddresses,
    findUsersByDevices,
    fraudFacts,
    displayNames,
    friendsOf,
    devicesOf,
    findDefaultAddresses,
    getAddress,
    updateAddress,
    deleteAddress,
    importUsers,
    importAddresses,
    importFriendships,
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
