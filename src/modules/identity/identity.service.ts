// Accounts and sessions. Sign-in checks, password change and reset and suspension live in
// identity.credentials.ts; addresses in identity.addresses.ts; bulk import in identity.import.ts.
import { hash } from '@node-rs/argon2';
import type { Selectable } from 'kysely';
import type { AuthUser, Role } from '../../platform/auth.ts';
import { ROLES } from '../../platform/auth.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { DayRange } from '../../platform/daily.ts';
import { addDays } from '../../platform/clock.ts';
import { conflict, invalid, notFound, isUniqueViolation } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId, newToken, sha256 } from '../../platform/ids.ts';
import { createOutboxMessageSender, listOutboxMessages, type MessageSender } from '../../platform/messages.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { createIdentityAddresses } from './identity.addresses.ts';
import { identityPersonalData } from './identity.pii.ts';
import { createCredentials } from './identity.credentials.ts';
import { createSessionCache } from './identity.session-cache.ts';
import { createFraudFacts } from './identity.fraud-facts.ts';
import { createIdentityImport } from './identity.import.ts';
import { createSignupCodes, signupCodeInvalid, signupLogin } from './identity.signup.ts';
import * as repo from './identity.repo.ts';
import { maskPhone, normaliseEmail, normalisePhone, SESSION_TTL_DAYS } from './identity.rules.ts';
import { identityTables, type UsersTable, type IdentityDb, type IdentityPlatform } from './identity.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export { publicAddress, type AddressInput } from './identity.addresses.ts';
export { IMPORT_BATCH, type ImportedAddress, type ImportedFriendship, type ImportedUser } from './identity.import.ts';

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
  /** Privacy choices on the sign-up form: the policy version accepted, marketing messages, personalised recommendations. */
  consents?: SignupConsents | null;
}

export interface SignupConsents {
  policyVersion: string;
  marketing: boolean;
  personalisation: boolean;
}

export interface SessionInfo {
  token: string;
  sessionId: string;
  expiresAt: Date;
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

export interface IdentityDeps {
  /** Where account messages go; by default the built-in outbox sender (console Outbox page). */
  messages?: MessageSender;
}

export function createIdentityService(p: IdentityPlatform, deps: IdentityDeps = {}) {
  const { db, clock, pii } = p;
  const hashOptions = { memoryCost: p.config.argon2.memoryCost, timeCost: p.config.argon2.timeCost };
  const messages = deps.messages ?? createOutboxMessageSender({ db, clock, log: p.log, pii });
  const addresses = createIdentityAddresses(p);

  async function hashPassword(password: string) {
    return hash(password, hashOptions);
  }

  const sessions = createSessionCache(p);
  const facts = createFraudFacts(p);
  const credentials = createCredentials(p, { messages, hashPassword, userChanged: sessions.userChanged });
  const signup = createSignupCodes(p, { messages });

  /** Checks a sign-up's fields; coded 400s, nothing written. */
  async function prepareAccount(input: RegisterInput, login: { email: string | null; phone: string | null }) {
    const roles = input.roles ?? ['shopper'];
    const displayName = input.displayName.trim();
    await credentials.checkPassword(input.password, roles, [login.email ?? '', login.phone ?? '', displayName]);
    if (!displayName) throw invalid('IDENTITY_NAME_REQUIRED', 'Give a display name', { field: 'displayName' });
    return { ...login, roles, displayName, passwordHash: await hashPassword(input.password) };
  }

  /** Inserts the account; `claim` runs first in the same transaction (spending a sign-up code). */
  async function insertAccount(input: RegisterInput, account: Awaited<ReturnType<typeof prepareAccount>>, claim?: (trx: IdentityDb, now: Date) => Promise<void>) {
    const now = clock.now();
    const id = newId();
    const devices = [...new Set([input.visitorId, input.deviceId].filter((d): d is string => !!d))];
    return facts.keepNewAccount(id, { phone: account.phone, email: account.email, devices }, () => db.transaction().execute(async (trx) => {
      await claim?.(trx, now);
      const user = await repo.insertUser(trx, pii, {
        id,
        email: account.email,
        phone: account.phone,
        password_hash: account.passwordHash,
        display_name: account.displayName,
        roles: JSON.stringify(account.roles),
        created_at: now,
        last_login_at: null,
      });
      if (devices.length) await repo.insertUserDevices(trx, devices.map((d) => ({ user_id: user.id, device_id: d, first_seen_at: now })));
      await publishEvent(trx, now, 'customer.registered', user.id, { userId: user.id, hasEmail: !!account.email, hasPhone: !!account.phone, visitorId: input.visitorId ?? null, deviceId: input.deviceId ?? null, inviteCode: input.inviteCode?.trim().toUpperCase() || null, consents: input.consents ?? null });
      return user;
    }));
  }

  /** Creates an account without a code: trusted callers only (the CLI, the demo seed, ensureOperator). */
  async function register(input: RegisterInput) {
    const email = input.email !== undefined ? normaliseEmail(input.email) : null;
    const phone = input.phone !== undefined ? normalisePhone(input.phone) : null;
    if (input.email !== undefined && !email) throw invalid('IDENTITY_EMAIL_INVALID', 'That email address is not valid', { field: 'email' });
    if (input.phone !== undefined && !phone) throw invalid('IDENTITY_PHONE_INVALID', 'That phone number is not valid', { field: 'phone' });
    if (!email && !phone) throw invalid('IDENTITY_LOGIN_REQUIRED', 'Give an email address or a phone number', { field: 'email' });
    const account = await prepareAccount(input, { email, phone });
    try {
      return await insertAccount(input, account);
    } catch (err) {
      if (isUniqueViolation(err)) {
        const field = String((err as Error).message).includes('phone') ? 'phone' : 'email';
        throw conflict('IDENTITY_ALREADY_REGISTERED', `An account with that ${field} already exists; sign in instead`, { field });
      }
      throw err;
    }
  }

  /**
   * A shopper's sign-up with the code sent to their email or phone (startRegistration). A taken
   * address never has a code, so it fails exactly like a wrong code: IDENTITY_CODE_INVALID; so does
   * a taken phone given beside a verified email (the unique index refuses it).
   */
  async function registerWithCode(input: Omit<RegisterInput, 'roles'> & { code: string }) {
    const login = signupLogin(input);
    const account = await prepareAccount({ ...input, roles: ['shopper'] }, { email: login.email, phone: login.phone });
    const codeId = await signup.checkSignupCode(login.verified, input.code);
    try {
      return await insertAccount(input, account, async (trx, now) => {
        if (!(await repo.spendSignupCode(trx, codeId, now))) throw signupCodeInvalid();
      });
    } catch (err) {
      // Taken meanwhile, or a taken phone beside the email: the same answer as a bad code, and the
      // code is spent, so probing phones costs a fresh code each time (identity.codesPerHour).
      if (isUniqueViolation(err)) {
        await repo.spendSignupCode(db, codeId, clock.now());
        throw signupCodeInvalid();
      }
      throw err;
    }
  }

  async function openSession(userId: string, kind: 'cookie' | 'bearer', meta: { ip?: string; userAgent?: string; visitorId?: string | null; deviceId?: string | null } = {}): Promise<SessionInfo> {
    const token = newToken(32);
    const now = clock.now();
    const expiresAt = addDays(now, SESSION_TTL_DAYS);
    const id = newId();
    const added = await db.transaction().execute(async (trx) => {
      await repo.insertSession(trx, { id, token_hash: sha256(token), user_id: userId, kind, created_at: now, expires_at: expiresAt, revoked_at: null, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null });
      await repo.updateUser(trx, pii, userId, { last_login_at: now });
      const devices = [...new Set([meta.visitorId, meta.deviceId].filter((d): d is string => !!d))];
      if (!devices.length) return 0;
      const inserted = await repo.insertUserDevices(trx, devices.map((d) => ({ user_id: userId, device_id: d, first_seen_at: now })));
      await publishEvent(trx, now, 'customer.signed_in', userId, { userId, visitorId: meta.visitorId ?? null, deviceId: meta.deviceId ?? null });
      return inserted.length;
    });
    // A device new to the account changes its fraud facts (identity.fraud-facts.ts).
    if (added) await facts.changed(userId);
    return { token, sessionId: id, expiresAt };
  }

  /** Resolves a presented token to a user, or null when unknown, expired, revoked or suspended. */
  async function resolveSession(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    return sessions.resolve(sha256(token), async () => {
      const row = await repo.findSessionByTokenHash(db, sha256(token));
      if (!row || row.revoked_at || row.expires_at <= clock.now() || row.status !== 'active') return null;
      return { userId: row.user_id, roles: row.roles, sessionId: row.id, expiresAt: row.expires_at.getTime() };
    });
  }

  async function revokeSession(sessionId: string) {
    await repo.revokeSession(db, sessionId, clock.now());
    await sessions.sessionEnded(sessionId);
  }

  async function getUser(id: string) {
    const user = await repo.findUserById(db, pii, id);
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id });
    return user;
  }

  /** An operator reads a customer's phone and addresses in full: audited with the reason given. */
  async function revealContact(actorId: string, userId: string, reason: string) {
    return db.transaction().execute(async (trx) => {
      const user = await repo.findUserById(trx, pii, userId);
      if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
      await recordAudit(trx, clock.now(), { actorId, action: 'user.contact_revealed', subjectType: 'user', subjectId: userId, details: { reason } });
      return { phone: user.phone, addresses: await repo.findAddresses(trx, pii, userId) };
    });
  }

  async function updateProfile(id: string, patch: { displayName?: string }) {
    const name = patch.displayName?.trim();
    if (patch.displayName !== undefined && !name) throw invalid('IDENTITY_NAME_REQUIRED', 'Give a display name', { field: 'displayName' });
    const user = await repo.updateUser(db, pii, id, { ...(name ? { display_name: name } : {}) });
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id });
    return user;
  }

  async function setRoles(actorId: string, userId: string, roles: Role[]) {
    const unique = [...new Set(roles)].filter((r) => (ROLES as readonly string[]).includes(r));
    if (unique.length === 0) throw invalid('IDENTITY_ROLES_EMPTY', 'A user needs at least one role');
    const now = clock.now();
    const updated = await db.transaction().execute(async (trx) => {
      const user = await repo.updateUser(trx, pii, userId, { roles: JSON.stringify(unique) });
      if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
      await recordAudit(trx, now, { actorId, action: 'user.roles_changed', subjectType: 'user', subjectId: userId, details: { roles: unique } });
      return user;
    });
    await sessions.userChanged(userId);
    return updated;
  }

  /** Add one role inside the caller's transaction (e.g. affiliate approval); a no-op when the user has it. */
  async function grantRole(handle: AnyExecutor, actorId: string | null, userId: string, role: Role) {
    const trx = identityTables.of(handle);
    const user = await repo.lockUserRoles(trx, userId);
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
    const roles = user.roles as Role[];
    if (roles.includes(role)) return;
    await repo.updateUser(trx, pii, userId, { roles: JSON.stringify([...roles, role]) });
    await recordAudit(trx, clock.now(), { actorId, action: 'user.roles_changed', subjectType: 'user', subjectId: userId, details: { roles: [...roles, role] } });
    // Inside the caller's transaction, so before its commit: a copy re-read meanwhile lacks only
    // the new role, and for at most the cache's age.
    await sessions.userChanged(userId);
  }

  async function listCustomers(query: { q?: string; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(query.cursor);
    const rows = await repo.findCustomersPage(db, pii, { q: query.q, after, limit: query.limit });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  /** Friend lists of some users (the social graph that cascades travel along). */
  async function friendsOf(userIds: string[]) {
    const map = new Map<string, string[]>();
    for (let i = 0; i < userIds.length; i += 1000) {
      for (const r of await repo.findFriendships(db, userIds.slice(i, i + 1000))) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.friend_id]);
    }
    return map;
  }

  /** Display names for lists (leaderboards, cascades), without other personal data. */
  async function displayNames(handle: AnyExecutor, userIds: string[]) {
    const executor = identityTables.of(handle);
    const map = new Map<string, string>();
    for (let i = 0; i < userIds.length; i += 1000) {
      for (const r of await repo.findDisplayNames(executor, userIds.slice(i, i + 1000))) map.set(r.id, r.display_name);
    }
    return map;
  }

  /** Retention: sessions that ended (expired or revoked) before the cut-off are deleted. */
  async function purgeSessionsBefore(cutoff: Date) {
    return repo.deleteSessionsEndedBefore(db, cutoff);
  }

  /** Other accounts seen on any of these devices (self-referral and farming checks). */
  async function findUsersByDevices(deviceIds: string[]) {
    if (deviceIds.length === 0) return [] as { user_id: string; device_id: string }[];
    return repo.findUsersByDevices(db, deviceIds);
  }

  async function devicesOf(userId: string) {
    return (await repo.findDevicesOfUsers(db, [userId])).map((r) => r.device_id);
  }

  /**
   * Creates an operator account, or adds the operator role to an existing one (CLI, demo seed).
   * A new operator's password must pass the staff policy (register checks it for the roles).
   */
  async function ensureOperator(email: string, password: string, admin = false) {
    const normalised = normaliseEmail(email);
    if (!normalised) throw invalid('IDENTITY_EMAIL_INVALID', 'That email address is not valid', { field: 'email' });
    const roles: Role[] = admin ? ['operator', 'admin'] : ['operator'];
    const existing = await repo.findUserByLogin(db, pii, 'email', normalised);
    if (existing) {
      const merged = [...new Set([...existing.roles, ...roles])];
      await repo.updateUser(db, pii, existing.id, { roles: JSON.stringify(merged) });
      await sessions.userChanged(existing.id);
      return { created: false, userId: existing.id };
    }
    const user = await register({ email: normalised, password, displayName: normalised.split('@')[0], roles });
    return { created: true, userId: user.id };
  }

  return {
    dailyNewCustomers: (range: DayRange) => repo.dailyNewCustomers(db, range),
    ensureOperator,
    hashPassword,
    register,
    registerWithCode,
    startRegistration: signup.startRegistration,
    authenticate: credentials.authenticate,
    startCodeSignIn: credentials.startCodeSignIn,
    authenticateWithCode: credentials.authenticateWithCode,
    changePassword: credentials.changePassword,
    requestPasswordReset: credentials.requestPasswordReset,
    confirmPasswordReset: credentials.confirmPasswordReset,
    suspend: credentials.suspend,
    reactivate: credentials.reactivate,
    openSession,
    resolveSession,
    revokeSession,
    getUser,
    updateProfile,
    revealContact,
    setRoles,
    grantRole,
    listCustomers,
    listMessages: (query: { cursor?: string; limit: number; userId?: string; to?: string }) => listOutboxMessages(db, pii, query),
    ...addresses,
    findUsersByDevices,
    /** Phone, email and devices of some users (fraud and self-referral rules): identity.fraud-facts.ts. */
    fraudFacts: facts.fraudFacts,
    /** The client IP and browser of a user's newest session (risk records them at sign-up and sign-in). */
    signInOrigin: async (handle: AnyExecutor, userId: string) => (await repo.findNewestSessionOrigin(identityTables.of(handle), userId)) ?? null,
    displayNames,
    friendsOf,
    devicesOf,
    ...createIdentityImport(db, pii),
    personalData: identityPersonalData(pii, sessions.userChanged),
    purgeSessionsBefore,
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
