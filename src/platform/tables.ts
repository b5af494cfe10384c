// Who may query which table. Each module sees the database through a handle typed to its own
// tables (`OrdersDb`, `Kysely<OrdersTables>`), and the platform through one typed to the platform's
// tables, so a query on someone else's table does not compile. A handle that crosses a boundary
// (a module calls another with its transaction; the outbox hands a consumer one) travels as an
// `AnyExecutor`, which can be passed on but not queried, until its receiver narrows it to its own
// tables with its table set's `of(handle)`: the one place a handle changes type.
import type { Kysely, Transaction } from 'kysely';

/** A query handle on the tables of `T`: the pool, or a transaction on it. */
export type Executor<T> = Kysely<T> | Transaction<T>;

/**
 * Someone else's handle (another module's transaction, the platform's pool): it can be passed on,
 * or narrowed to the receiver's own tables with its table set's `of()`; it cannot be queried.
 * Every Kysely and Transaction is one, whatever tables it sees.
 */
export interface AnyExecutor {
  readonly isTransaction: boolean;
}

/** The tables one owner (a module, or the platform) may query, by name, with the narrowing of handles to them. */
export interface TableSet<T> {
  readonly names: readonly (keyof T & string)[];
  /** Narrow a handle to these tables: a transaction stays a transaction, the pool stays the pool. */
  of(handle: Transaction<any>): Transaction<T>;
  of(handle: Kysely<any>): Kysely<T>;
  of(handle: AnyExecutor): Executor<T>;
}

/**
 * The table set of an owner, from its table interface. Listing each table (`{ orders: true, ... }`)
 * keeps the runtime list and the type in step: a missing or unknown name does not compile, and
 * test/table-ownership.db.test.ts checks the lists against the migrated database.
 */
export function ownTables<T>(names: { readonly [K in keyof T]-?: true }): TableSet<T> {
  // Kysely's types are invariant in the table map, so no handle on a wider database is assignable
  // to one on fewer tables: this cast is the narrowing. Sets are made only in *.table.ts files
  // (test/table-ownership.db.test.ts) and another module's table file is out of reach (the
  // boundaries test), so an owner can only narrow a handle to its own tables.
  const of = (handle: AnyExecutor) => handle as unknown as Executor<T>;
  return { names: Object.keys(names) as (keyof T & string)[], of: of as TableSet<T>['of'] };
}

/** The table set of a module that keeps no tables: it works through other modules' services. */
export const noTables = ownTables<{}>({});
