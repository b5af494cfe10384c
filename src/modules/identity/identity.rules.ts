// Pure rules for accounts: how a login identifier is read and what a password must be.
export type LoginId = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const PHONE_RE = /^\+?\d{6,15}$/;

export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return EMAIL_RE.test(value) ? value : null;
}

/** Phones are kept digits-only with an optional leading +; spaces, dashes and brackets are dropped. */
export function normalisePhone(raw: string): string | null {
  const value = raw.trim().replace(/[\s\-()]/g, '');
  return PHONE_RE.test(value) ? value : null;
}

export function parseLoginId(raw: string): LoginId | null {
  if (raw.includes('@')) {
    const email = normaliseEmail(raw);
    return email ? { kind: 'email', value: email } : null;
  }
  const phone = normalisePhone(raw);
  return phone ? { kind: 'phone', value: phone } : null;
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Returns a reason when the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'must contain a letter and a digit';
  return null;
}

/** Masks a phone for display: 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return phone.replace(/.(?=.{2})/g, '*');
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

export const SESSION_TTL_DAYS = 30;

// ---- Failed sign-ins: counted per login, a lock that doubles each time ----

export interface SignInPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  locks: number;
}

/** The longest lock, and how long after a lock ends the next one starts small again. */
export const MAX_LOCK_MS = 24 * 3_600_000;

/** The time a login stays locked until, or null when it may try now. */
export function lockedUntil(state: ThrottleState | null | undefined, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

/**
 * Counts one failed sign-in. Failures older than the window are forgotten; the maxFailures-th
 * failure inside it locks the login for lockMinutes × 2^(earlier locks), at most a day. Earlier
 * locks are forgotten a day after the last one ended, so a forgotten password next month starts
 * with the short lock again.
 */
export function recordFailure(state: ThrottleState | null | undefined, now: Date, policy: SignInPolicy): { state: ThrottleState; lockedUntil: Date | null } {
  const inWindow = !!state && now.getTime() - state.windowStartedAt.getTime() < policy.windowMinutes * 60_000;
  const failures = inWindow ? state!.failures + 1 : 1;
  const windowStartedAt = inWindow ? state!.windowStartedAt : now;
  const forgotten = !state?.lockedUntil || now.getTime() - state.lockedUntil.getTime() >= MAX_LOCK_MS;
  const locks = forgotten ? 0 : state!.locks;
  if (failures < policy.maxFailures) {
    return { state: { failures, windowStartedAt, lockedUntil: state?.lockedUntil ?? null, locks }, lockedUntil: null };
  }
  const until = new Date(now.getTime() + Math.min(policy.lockMinutes * 60_000 * 2 ** locks, MAX_LOCK_MS));
  return { state: { failures: 0, windowStartedAt: now, lockedUntil: until, locks: locks + 1 }, lockedUntil: until };
}

// ---- Staff passwords ----

/** Operators and admins can change the whole shop: their passwords must be longer and uncommon. */
export const STAFF_PASSWORD_MIN = 12;
/** zxcvbn's 0–4 guessability score; 3 is "safely unguessable" against an offline slow-hash attack. */
export const STAFF_PASSWORD_MIN_SCORE = 3;

export const isStaff = (roles: readonly string[]) => roles.includes('operator') || roles.includes('admin');

export type StaffPasswordProblem = { rule: 'length'; minLength: number } | { rule: 'guessable'; score: number; minScore: number; warning: string | null };

/** The staff policy over a length and a zxcvbn score (computed by the caller, which loads the dictionary). */
export function staffPasswordProblem(password: string, score: number, warning: string | null): StaffPasswordProblem | null {
  if (password.length < STAFF_PASSWORD_MIN) return { rule: 'length', minLength: STAFF_PASSWORD_MIN };
  if (score < STAFF_PASSWORD_MIN_SCORE) return { rule: 'guessable', score, minScore: STAFF_PASSWORD_MIN_SCORE, warning };
  return null;
}

// ---- Suspension ----

export const SUSPEND_REASON_MAX = 500;
