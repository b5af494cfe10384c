// What never reaches a log line: credentials, tokens, one-time codes, card data, and the values a
// failed SQL statement was bound to (a sign-up that fails inside INSERT INTO users would otherwise
// log the email and the argon2 hash).

/** Keys (any case) whose values are removed wherever they appear in a log line. */
export const SECRET_KEYS = [
  'authorization', 'cookie', 'set-cookie', 'x-api-key',
  'password', 'currentPassword', 'newPassword', 'password_hash', 'passwordHash',
  'token', 'token_hash', 'tokenHash', 'accessToken', 'refreshToken', 'apiKey', 'api_key', 'secret', 'key_hash',
  'otp', 'verificationCode', 'resetCode', 'totp', 'totpCode', 'totp_secret', 'code_hash',
  'card', 'cardNumber', 'card_number', 'cvc', 'cvv', 'pan',
];

const SECRET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));
export const REDACTED = '[redacted]';

/**
 * The log object with every secret key's value replaced, at any depth; the same object when there
 * is nothing to hide. (pino's own `redact` with wildcard paths for each depth cost 30 times more per
 * line; this walks only what a line holds.) Errors anywhere lose their statement and bound values.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return scrubError(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const safe = redactSecrets(item, depth + 1);
      if (safe !== item) (copy ??= [...value])[i] = safe;
    });
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(source)) {
    const safe = SECRET.has(key.toLowerCase()) ? REDACTED : redactSecrets(item, depth + 1);
    if (safe !== item) (copy ??= { ...source })[key] = safe;
  }
  return (copy ?? value) as T;
}

const isPlainObject = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

// Properties of driver errors (pg, PGlite, Kysely) that hold the statement or its values.
const STATEMENT_KEYS = new Set(['query', 'sql', 'params', 'parameters', 'values', 'detail', 'queryOptions', 'internalQuery']);

const isDatabaseError = (err: Record<string, unknown>) =>
  typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && ('severity' in err || 'routine' in err);

// PostgreSQL quotes the offending value in some messages: `invalid input syntax for type uuid: "…"`,
// `value "…" is out of range`. Names of relations and columns stay.
const scrubMessage = (message: string) => message.replace(/(: |value )"(?:[^"]|"")*"/g, '$1"[redacted]"');

/**
 * A copy of an error fit for the log: without the statement and bound values of database errors
 * and with values quoted in their messages removed; other errors keep their own properties.
 */
export function scrubError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 4) return err;
  const source = err as Error & Record<string, unknown>;
  const database = isDatabaseError(source);
  const message = database ? scrubMessage(err.message) : err.message;
  const safe = new Error(message) as Error & Record<string, unknown>;
  safe.name = err.name;
  safe.stack = err.stack?.replace(err.message, message);
  Object.defineProperty(safe, 'constructor', { value: err.constructor, enumerable: false });
  for (const [key, value] of Object.entries(source)) {
    if (STATEMENT_KEYS.has(key)) continue;
    safe[key] = key === 'cause' ? scrubError(value, depth + 1) : value;
  }
  if (err.cause !== undefined) safe.cause = scrubError(err.cause, depth + 1);
  return safe;
}
