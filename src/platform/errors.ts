// Domain errors cross to HTTP here and only here. Codes are SCREAMING_SNAKE with a module prefix.
export type ErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'too_large' // 413
  | 'unprocessable' // 422: a business rule refused the request
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** One error code as data: its HTTP status and what a person reads, in both languages. */
export interface ErrorDefinition {
  readonly status: number;
  readonly en: string;
  readonly zh: string;
}
export type ErrorDefinitions = Readonly<Record<string, ErrorDefinition>>;

/** A module's error codes, declared once in its `*.errors.ts`. */
export const defineErrors = <const D extends ErrorDefinitions>(definitions: D): D => definitions;

/**
 * Code → definition for every module. Each module adds its codes by interface merging from its
 * `*.errors.ts` (`interface ErrorCatalog extends ErrorCodes<typeof myErrors> {}`).
 */
export interface ErrorCatalog {}
export type ErrorCode = keyof ErrorCatalog & string;
export type ErrorCodes<D extends ErrorDefinitions> = { [K in keyof D]: D[K] };

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    // An expected refusal (sold out, over the limit) is answered by its code, never debugged by its
    // stack: capturing one was 3% of a sold-out refusal's CPU time. Unexpected errors keep theirs.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'DomainError';
  }
  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export const notFound = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', code, message, details);
export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const unprocessable = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, message, details);
export const invalid = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('validation', code, message, details);
export const forbidden = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details);
export const unauthenticated = (message = 'Sign in to continue') =>
  new DomainError('unauthenticated', 'AUTH_REQUIRED', message);

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/**
 * A refusal raised by a deferred trigger when its transaction commits (hot rows are changed at
 * commit, see the flashsale and campaigns migrations): SQLSTATE P0001 with one of `codes` as the
 * message, and the subject's id as the detail. Null for any other error.
 */
export function commitRefusal<C extends string>(err: unknown, codes: readonly C[]): { code: C; subjectId: string | null } | null {
  const e = err as { code?: string; message?: string; detail?: string };
  if (e?.code !== 'P0001' || !codes.includes(e.message as C)) return null;
  return { code: e.message as C, subjectId: e.detail ?? null };
}

export function isSerializationFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40001' || code === '40P01';
}
