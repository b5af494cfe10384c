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
