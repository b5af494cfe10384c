// Sign-in and what guards it: failed-attempt locks per login, sign-in by a one-time code, password
// change and reset by a one-time code, the stronger staff password policy, and suspension.
import { hash, verify } from '@node-rs/argon2';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId, sha256 } from '../../platform/ids.ts';
import { channelFor, type MessageSender } from '../../platform/messages.ts';
import { guessability } from './identity.passwords.ts';
import * as repo from './identity.repo.ts';
import { isStaff, lockedUntil, normaliseEmail, normalisePhone, parseLoginId, passwordProblem, recordFailure, staffPasswordProblem, type LoginId, type ThrottleState } from './identity.rules.ts';
import type { SignInThrottlesTable, UsersTable, IdentityPlatform } from './identity.table.ts';

type User = Selectable<UsersTable>;

// A dummy hash so a login for an unknown account costs the same as a wrong password.
let dummyHash: Promise<string> | undefined;

const HOUR_MS = 3_600_000;

const badCredentials = () => new DomainError('unauthenticated', 'IDENTITY_BAD_CREDENTIALS', 'Wrong login or password');
const suspended = () => new DomainError('forbidden', 'AUTH_ACCOUNT_SUSPENDED', 'This account is suspended; please contact customer support');
const codeInvalid = () => invalid('IDENTITY_CODE_INVALID', 'That code is wrong or has expired; ask for a new one', { field: 'code' });

function accountLocked(until: Date, now: Date) {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new DomainError('rate_limited', 'AUTH_ACCOUNT_LOCKED', `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} min`, { unlockAt: until.toISOString(), retryAfterSeconds });
}

const toState = (row: Selectable<SignInThrottlesTable>): ThrottleState => ({ failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until, locks: row.locks });

/** The throttle key of a login: a hash, so the table keeps no list of typed emails and phones. */
const loginKey = (raw: string) => {
  const id = parseLoginId(raw);
  return sha256(id ? `${id.kind}:${id.value}` : `raw:${raw.trim().toLowerCase()}`);
};

/** The phone (preferred) or email of a code sign-in, normalised; a coded 400 for a malformed one. */
function codeLoginOf(input: { phone?: string; email?: string }): LoginId {
  if (input.phone !== undefined) {
    const phone = normalisePhone(input.phone);
    if (!phone) throw invalid('IDENTITY_PHONE_INVALID', 'That phone number is not valid', { field: 'phone' });
    return { kind: 'phone', value: phone };
  }
  if (input.email !== undefined) {
    const email = normaliseEmail(input.email);
    if (!email) throw invalid('IDENTITY_EMAIL_INVALID', 'That email address is not valid', { field: 'email' });
    return { kind: 'email', value: email };
  }
  throw invalid('IDENTITY_LOGIN_REQUIRED', 'Give a phone number or an email address', { field: 'phone' });
}

const recipientOf = (user: User) => ({ userId: user.id, ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phone: user.phone } : {}) });

export interface CredentialsDeps {
  messages: MessageSender;
  hashPassword(password: string): Promise<string>;
  /** After a commit that ends sessions or changes status: cached sessions of the user are dropped everywhere. */
  userChanged(userId: string): Promise<void>;
}

export function createCredentials(p: IdentityPlatform, deps: CredentialsDeps) {
  const { db, clock, settings, pii } = p;
  const hashOptions = { memoryCost: p.config.argon2.memoryCost, timeCost: p.config.argon2.timeCost };

  /** Sends after the change committed; a failing provider is logged, never undoes the change. */
  async function notify(user: User, template: string, data: Record<string, string | number | boolean | null>, channel = channelFor(recipientOf(user))) {
    await deps.messages.send({ to: recipientOf(user), channel, template, data }).catch((err) => p.log.error({ err, template, userId: user.id }, 'message not sent'));
  }

  /**
   * The basic rules for everyone; for operators and admins also length ≥ 12 and a zxcvbn score
   * of 3 or more (its dictionaries hold the common passwords, names and keyboard walks).
   */
  async function checkPassword(password: string, roles: readonly string[], userInputs: string[], field = 'password') {
    const problem = passwordProblem(password);
    if (problem) throw invalid('IDENTITY_PASSWORD_WEAK', `The password ${problem}`, { field });
    if (!isStaff(roles)) return;
    const { score, warning } = await guessability(password, userInputs);
    const staff = staffPasswordProblem(password, score, warning);
    if (staff?.rule === 'length') throw invalid('IDENTITY_STAFF_PASSWORD_WEAK', `An operator password must be at least ${staff.minLength} characters`, { field, ...staff });
    if (staff) throw invalid('IDENTITY_STAFF_PASSWORD_WEAK', 'That password is too easy to guess for an operator account; use a longer, uncommon one', { field, ...staff });
  }

  async function signInPolicy() {
    const [maxFailures, windowMinutes, lockMinutes] = await Promise.all([
      settings.get('identity.signInMaxFailures'),
      settings.get('identity.signInWindowMinutes'),
      settings.get('identity.signInLockMinutes'),
    ]);
    return { maxFailures, windowMinutes, lockMinutes };
  }

  /** Counts a failure for a login; returns the lock's end when this failure locked it. */
  async function countFailure(key: string, now: Date): Promise<Date | null> {
    const policy = await signInPolicy();
    return db.transaction().execute(async (trx) => {
      const row = await repo.lockThrottle(trx, key, now);
      const next = recordFailure(toState(row), now, policy);
      await repo.updateThrottle(trx, key, { failures: next.state.failures, window_started_at: next.state.windowStartedAt, locked_until: next.state.lockedUntil, locks: next.state.locks, updated_at: now });
      return next.lockedUntil;
    });
  }

  /** Refuses a login that is locked (429), before anything about its account is looked at. */
  async function refuseIfLocked(key: string, now: Date) {
    const throttle = await repo.findThrottle(db, key);
    const locked = lockedUntil(throttle && toState(throttle), now);
    if (locked) throw accountLocked(locked, now);
    return throttle;
  }

  /** Counts a failed sign-in and throws its answer: `wrong`, or 429 when this failure locked the login. */
  async function failSignIn(key: string, now: Date, user: User | undefined, wrong: () => DomainError): Promise<never> {
    const lockEnds = await countFailure(key, now);
    if (!lockEnds) throw wrong();
    if (user) await notify(user, 'account.sign_in_locked', { unlockAt: lockEnds.toISOString() });
    throw accountLocked(lockEnds, now);
  }

  /**
   * Checks a login and password. A login with too many recent failures is refused before its
   * password is checked (429 AUTH_ACCOUNT_LOCKED), whether or not an account has it, so the lock
   * says nothing about existence; the account holder is told when a lock starts. A suspended
   * account is refused only after the right password, for the same reason.
   */
  async function authenticate(login: string, password: string): Promise<User> {
    const key = loginKey(login);
    const now = clock.now();
    const throttle = await refuseIfLocked(key, now);
    const id = parseLoginId(login);
    const user = id ? await repo.findUserByLogin(db, pii, id.kind, id.value) : undefined;
    let ok = false;
    if (user) {
      ok = await verify(user.password_hash, password).catch(() => false);
    } else {
      dummyHash ??= hash('not-a-real-password-1', hashOptions);
      await verify(await dummyHash, password).catch(() => false);
    }
    if (!ok || !user) return failSignIn(key, now, user, badCredentials);
    if (throttle) await repo.deleteThrottle(db, key);
    if (user.status !== 'active') throw suspended();
    return user;
  }

  const signInCodeHash = (userId: string, code: string) => createHmac('sha256', p.secret).update(`sign_in:${userId}:${code}`).digest('hex');

  /**
   * Sends a six-digit sign-in code to the phone (by SMS) or email of an account that has it, at
   * most identity.codesPerHour an hour; does nothing for an unknown one, and the route answers
   * 202 either way. A suspended account gets its code too and is refused after it, like a
   * password sign-in, so the answers never tell a stranger which accounts are suspended.
   */
  async function startCodeSignIn(input: { phone?: string; email?: string }): Promise<void> {
    const login = codeLoginOf(input);
    const user = await repo.findUserByLogin(db, pii, login.kind, login.value);
    if (!user) return;
    const now = clock.now();
    const [perHour, validMinutes] = await Promise.all([settings.get('identity.codesPerHour'), settings.get('identity.codeValidityMinutes')]);
    if ((await repo.countCodesSince(db, user.id, 'sign_in', new Date(now.getTime() - HOUR_MS))) >= perHour) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db.transaction().execute(async (trx) => {
      await repo.retireCodes(trx, user.id, 'sign_in', now);
      await repo.insertCode(trx, { id: newId(), user_id: user.id, purpose: 'sign_in', code_hash: signInCodeHash(user.id, code), created_at: now, expires_at: new Date(now.getTime() + validMinutes * 60_000), used_at: null });
    });
    await deps.messages.send({ to: { userId: user.id, [login.kind]: login.value }, channel: login.kind === 'email' ? 'email' : 'sms', template: 'sign_in.code', data: { code, validMinutes } })
      .catch((err) => p.log.error({ err, userId: user.id }, 'sign-in code not sent'));
  }

  /**
   * Signs in with a code from startCodeSignIn. It shares the password sign-in's lock: a locked
   * login is refused first, and a wrong, expired or used code counts as a failed sign-in (and
   * against the code, identity.codeMaxAttempts). An unknown login fails exactly like a wrong code.
   */
  async function authenticateWithCode(input: { phone?: string; email?: string; code: string }): Promise<User> {
    const login = codeLoginOf(input);
    const key = loginKey(login.value);
    const now = clock.now();
    const throttle = await refuseIfLocked(key, now);
    const user = await repo.findUserByLogin(db, pii, login.kind, login.value);
    const code = input.code.trim();
    const maxAttempts = await settings.get('identity.codeMaxAttempts');
    const expected = Buffer.from(signInCodeHash(user?.id ?? 'nobody', code));
    const spent = user && /^\d{6}$/.test(code) && await db.transaction().execute(async (trx) => {
      const live = await repo.lockLiveCode(trx, user.id, 'sign_in', now);
      if (!live || live.attempts >= maxAttempts) return false;
      if (!timingSafeEqual(Buffer.from(live.code_hash), expected)) {
        await repo.updateCode(trx, live.id, { attempts: live.attempts + 1 });
        return false;
      }
      await repo.retireCodes(trx, user.id, 'sign_in', now);
      return true;
    });
    if (!spent || !user) return failSignIn(key, now, user, codeInvalid);
    if (throttle) await repo.deleteThrottle(db, key);
    if (user.status !== 'active') throw suspended();
    return user;
  }

  /** Changes a password with the current one; every other session of the account ends. */
  async function changePassword(userId: string, currentSessionId: string, currentPassword: string, newPassword: string) {
    const user = await repo.findUserById(db, pii, userId);
    if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
    const ok = await verify(user.password_hash, currentPassword).catch(() => false);
    if (!ok) throw invalid('IDENTITY_PASSWORD_WRONG', 'The current password is wrong', { field: 'currentPassword' });
    await checkPassword(newPassword, user.roles, [user.email ?? '', user.phone ?? '', user.display_name], 'newPassword');
    const passwordHash = await deps.hashPassword(newPassword);
    const now = clock.now();
    const revoked = await db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, pii, userId, { password_hash: passwordHash });
      const n = await repo.revokeSessionsOfUser(trx, userId, now, currentSessionId);
      await publishEvent(trx, now, 'customer.password_changed', userId, { userId, via: 'change' });
      return n;
    });
    await deps.userChanged(userId);
    await notify(user, 'account.password_changed', { at: now.toISOString() });
    return { sessionsRevoked: revoked };
  }

  const codeHash = (userId: string, code: string) => createHmac('sha256', p.secret).update(`password_reset:${userId}:${code}`).digest('hex');

  /**
   * Sends a six-digit reset code when the login belongs to an account, at most
   * identity.codesPerHour an hour; answers nothing either way (the route always says 202).
   */
  async function requestPasswordReset(login: string): Promise<void> {
    const id = parseLoginId(login);
    const user = id ? await repo.findUserByLogin(db, pii, id.kind, id.value) : undefined;
    if (!id || !user) return;
    const now = clock.now();
    const [perHour, validMinutes] = await Promise.all([settings.get('identity.codesPerHour'), settings.get('identity.codeValidityMinutes')]);
    if ((await repo.countCodesSince(db, user.id, 'password_reset', new Date(now.getTime() - HOUR_MS))) >= perHour) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db.transaction().execute(async (trx) => {
      await repo.retireCodes(trx, user.id, 'password_reset', now);
      await repo.insertCode(trx, { id: newId(), user_id: user.id, purpose: 'password_reset', code_hash: codeHash(user.id, code), created_at: now, expires_at: new Date(now.getTime() + validMinutes * 60_000), used_at: null });
    });
    // The code goes where the person asked: the email or the phone they typed.
    const to = id.kind === 'email' ? { userId: user.id, email: id.value } : { userId: user.id, phone: id.value };
    await deps.messages.send({ to, channel: id.kind === 'email' ? 'email' : 'sms', template: 'password.reset_code', data: { code, validMinutes } })
      .catch((err) => p.log.error({ err, userId: user.id }, 'reset code not sent'));
  }

  /** Sets a new password with a reset code; the code is spent and every session of the account ends. */
  async function confirmPasswordReset(login: string, code: string, newPassword: string) {
    const problem = passwordProblem(newPassword);
    if (problem) throw invalid('IDENTITY_PASSWORD_WEAK', `The password ${problem}`, { field: 'newPassword' });
    const id = parseLoginId(login);
    const user = id ? await repo.findUserByLogin(db, pii, id.kind, id.value) : undefined;
    if (!user || !/^\d{6}$/.test(code)) throw codeInvalid();
    const now = clock.now();
    const maxAttempts = await settings.get('identity.codeMaxAttempts');
    const expected = Buffer.from(codeHash(user.id, code));
    const codeId = await db.transaction().execute(async (trx) => {
      const live = await repo.lockLiveCode(trx, user.id, 'password_reset', now);
      if (!live || live.attempts >= maxAttempts) return null;
      if (timingSafeEqual(Buffer.from(live.code_hash), expected)) return live.id;
      await repo.updateCode(trx, live.id, { attempts: live.attempts + 1 });
      return null;
    });
    if (!codeId) throw codeInvalid();
    // The staff policy is checked after the code, so it tells nothing to someone without one.
    await checkPassword(newPassword, user.roles, [user.email ?? '', user.phone ?? '', user.display_name], 'newPassword');
    const passwordHash = await deps.hashPassword(newPassword);
    await db.transaction().execute(async (trx) => {
      const live = await repo.lockLiveCode(trx, user.id, 'password_reset', now);
      if (live?.id !== codeId) throw codeInvalid(); // spent by a concurrent confirm
      await repo.retireCodes(trx, user.id, 'password_reset', now);
      await repo.updateUser(trx, pii, user.id, { password_hash: passwordHash });
      await repo.revokeSessionsOfUser(trx, user.id, now);
      await repo.deleteThrottle(trx, loginKey(login));
      await publishEvent(trx, now, 'customer.password_changed', user.id, { userId: user.id, via: 'reset' });
    });
    await deps.userChanged(user.id);
    await notify(user, 'account.password_changed', { at: now.toISOString() });
  }

  /**
   * Suspends a customer or promoter: sign-in is refused, every session ends at once, orders and
   * balances stay as they are. Staff accounts are changed through roles, not suspended here.
   */
  async function suspend(actorId: string, userId: string, reason: string) {
    const why = reason.trim();
    if (!why) throw invalid('IDENTITY_REASON_REQUIRED', 'Give a reason', { field: 'reason' });
    const now = clock.now();
    const suspendedUser = await db.transaction().execute(async (trx) => {
      const user = await repo.lockUser(trx, pii, userId);
      if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
      if (isStaff(user.roles)) throw unprocessable('IDENTITY_SUSPEND_STAFF', 'Operator and admin accounts cannot be suspended; remove their roles first');
      if (user.status === 'suspended') throw conflict('IDENTITY_ALREADY_SUSPENDED', 'This account is already suspended');
      const updated = await repo.updateUser(trx, pii, userId, { status: 'suspended', suspended_at: now, suspended_reason: why });
      const sessionsRevoked = await repo.revokeSessionsOfUser(trx, userId, now);
      await recordAudit(trx, now, { actorId, action: 'user.suspended', subjectType: 'user', subjectId: userId, details: { reason: why, sessionsRevoked } });
      await publishEvent(trx, now, 'customer.suspended', userId, { userId });
      return updated!;
    });
    await deps.userChanged(userId);
    return suspendedUser;
  }

  async function reactivate(actorId: string, userId: string, reason: string) {
    const why = reason.trim();
    if (!why) throw invalid('IDENTITY_REASON_REQUIRED', 'Give a reason', { field: 'reason' });
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const user = await repo.lockUser(trx, pii, userId);
      if (!user) throw notFound('IDENTITY_USER_NOT_FOUND', 'No such customer', { id: userId });
      if (user.status !== 'suspended') throw conflict('IDENTITY_NOT_SUSPENDED', 'This account is not suspended');
      const updated = await repo.updateUser(trx, pii, userId, { status: 'active', suspended_at: null, suspended_reason: null });
      await recordAudit(trx, now, { actorId, action: 'user.reactivated', subjectType: 'user', subjectId: userId, details: { reason: why } });
      await publishEvent(trx, now, 'customer.reactivated', userId, { userId });
      return updated!;
    });
  }

  return { checkPassword, authenticate, startCodeSignIn, authenticateWithCode, changePassword, requestPasswordReset, confirmPasswordReset, suspend, reactivate };
}
