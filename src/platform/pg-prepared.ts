// Named prepared statements for PostgreSQL. Kysely sends every query as an unnamed statement, so
// the server parses and plans the same SQL text again on every execution: on a checkout's twenty
// statements that is work repeated thousands of times a second. A text that keeps coming back is
// given a name (a hash of the text), and `pg` then parses it once per connection and afterwards
// only binds and executes it; PostgreSQL may also keep its plan (plan_cache_mode). Drivers for
// other languages do the same by default (JDBC's prepareThreshold, Npgsql's auto-prepare).
//
// Bounded: only reads and writes (not BEGIN, SET or DDL) are named, only after `after` executions,
// only texts with at most `maxParameters` bound values (long IN lists differ by length and would
// never repeat), and at most `max` texts in all, so a backend holds a bounded set. A connection
// pooler in transaction mode (PgBouncer before 1.21) does not carry named statements from one
// server connection to the next: FISSION_PG_PREPARE=off turns this off for such a deployment.
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

export interface PreparedOptions {
  /** Executions of a text before it is given a name. */
  after: number;
  /** Texts named at most (each backend may then hold this many statements). */
  max: number;
  /** Texts with more bound values are never named. */
  maxParameters: number;
}

const DEFAULTS: PreparedOptions = { after: 3, max: 1000, maxParameters: 64 };

const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** PostgreSQL refuses a named statement whose result columns changed under it (DDL meanwhile). */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';

export function withPreparedStatements(pool: pg.Pool, options: PreparedOptions = DEFAULTS): PostgresPool & { stats(): { named: number } } {
  const names = new Map<string, string | null>(); // text → its name, or null: never named
  const counts = new Map<string, number>();
  let named = 0;

  function nameOf(text: string, parameters: number): string | undefined {
    const known = names.get(text);
    if (known !== undefined) return known ?? undefined;
    if (named >= options.max || parameters > options.maxParameters || !NAMEABLE.test(text)) return undefined;
    const seen = (counts.get(text) ?? 0) + 1;
    if (seen < options.after) {
      // Texts seen once or twice are forgotten in bulk rather than kept without end.
      if (counts.size >= options.max * 10) counts.clear();
      counts.set(text, seen);
      return undefined;
    }
    counts.delete(text);
    const name = `fission_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
    named++;
    return name;
  }

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    return {
      query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) => {
        if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
        const values = parameters as unknown[];
        const name = nameOf(textOrCursor, values?.length ?? 0);
        if (!name) return client.query(textOrCursor, values);
        return client.query({ text: textOrCursor, values, name }).catch((err: Error) => {
          // The table changed shape since this connection prepared the text: send it unnamed from
          // now on (outside a transaction the caller's retry then works; inside one it fails as the
          // statement would have).
          if (err.message?.includes(RESULT_TYPE_CHANGED)) names.set(textOrCursor, null);
          throw err;
        });
      }) as unknown as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  }

  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
    /** How many texts have been named. */
    stats: () => ({ named }),
  };
}

