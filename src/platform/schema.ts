// Shared TypeBox pieces. Bodies are strict: unknown properties are refused, not dropped.
import { Type, type TProperties, type TSchema } from 'typebox';
import { MAX_AMOUNT } from './money.ts';

export { Type };

export const Body = <P extends TProperties>(properties: P, options: Record<string, unknown> = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

export const Amount = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT, description: 'minor units (fen)' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', default: 'CNY' });
export const MoneySchema = Type.Object({ amount: Type.Integer(), currency: Type.String() }, { description: 'money in minor units, e.g. { amount: 1990, currency: "CNY" } is ¥19.90' });
export const Quantity = Type.Integer({ minimum: 1, maximum: 999 });
export const Timestamp = Type.String({ format: 'date-time' });

/** Optional Idempotency-Key header: a retried request with the same key returns the first result. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: 'Retry-safe key: the same key returns the first result' })),
});

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Any())),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Opaque keyset cursor: base64url JSON of the last row's sort keys. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
export function decodeCursor<T>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
