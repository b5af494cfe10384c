// Day buckets for reports: the China calendar day (UTC+8, no daylight saving), the same day that
// chinaDate() gives in code, computed in SQL identically on PGlite and PostgreSQL.
import { sql, type RawBuilder } from 'kysely';

/** A half-open instant range [from, to) covering whole China days. */
export interface DayRange {
  from: Date;
  to: Date;
}

/** `YYYY-MM-DD` of a timestamptz column in China time. */
export const chinaDay = (column: string): RawBuilder<string> => sql<string>`to_char((${sql.ref(column)} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

export const countInt = (expr: RawBuilder<unknown> = sql`*`) => sql<number>`(count(${expr}))::int`;
