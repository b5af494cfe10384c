// Named prepared statements: a text that repeats is prepared once per connection and then only
// executed; the rest (rare texts, long parameter lists, BEGIN, DDL) stays unnamed, results are the
// same either way, and a table that changes shape under a prepared text is survived.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../../test/db.ts';
import { withPreparedStatements } from './pg-prepared.ts';

describe.runIf(testDbKind() === 'postgres')('named prepared statements on PostgreSQL', () => {
  const schema = `fission_prep_${Math.random().toString(36).slice(2, 10)}`;
  let pool: pg.Pool;
  let prepared: ReturnType<typeof withPreparedStatements>;
  let db: Kysely<any>;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    // One connection, so the statements it prepared can be read back from pg_prepared_statements.
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    prepared = withPreparedStatements(pool, { after: 3, max: 5, maxParameters: 4 });
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool: prepared }) });
    await sql`create table items (id int primary key, name text not null)`.execute(db);
    await sql`insert into items values (1, 'one'), (2, 'two'), (3, 'three')`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  // Asked on the pool's one connection, past the wrapper (so the question is never named itself).
  const preparedTexts = async () => (await pool.query<{ statement: string }>(`select statement from pg_prepared_statements where name like 'fission_%'`)).rows.map((r) => r.statement);
  const byId = (id: number) => db.selectFrom('items').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

  it('names a text on its third execution and answers the same before and after', async () => {
    expect(await byId(1)).toEqual({ id: 1, name: 'one' });
    expect(await byId(2)).toEqual({ id: 2, name: 'two' });
    expect(await preparedTexts()).toEqual([]);
    expect(await byId(3)).toEqual({ id: 3, name: 'three' });
    expect(await byId(4)).toBeUndefined();
    const texts = await preparedTexts();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('from "items"');
    expect(prepared.stats().named).toBe(1);
  });

  it('leaves transactions, long parameter lists and rare texts unnamed', async () => {
    for (let i = 0; i < 3; i++) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('items').set({ name: sql`name` }).where('id', 'in', [1, 2, 3, 4, 5]).execute();
      });
    }
    await sql`select count(*) from items`.execute(db);
    const texts = await preparedTexts();
    expect(texts.some((t) => /^\s*(begin|commit)/i.test(t))).toBe(false);
    expect(texts.some((t) => t.startsWith('update'))).toBe(false);
    expect(texts.some((t) => t.includes('count(*)'))).toBe(false);
  });

  it('survives a table that changes shape under a prepared text', async () => {
    const all = () => db.selectFrom('items').selectAll().where('id', '=', 1).executeTakeFirst();
    for (let i = 0; i < 3; i++) await all();
    await sql`alter table items add column note text`.execute(db);
    // The prepared text's result no longer fits: PostgreSQL refuses it once, and it is sent
    // unnamed from then on.
    const first = await all().then(() => 'ok', (err: Error) => err.message);
    expect(['ok', 'cached plan must not change result type']).toContain(first);
    expect(await all()).toEqual({ id: 1, name: 'one', note: null });
  });

  it('stops naming at the cap', async () => {
    for (let k = 0; k < 10; k++) for (let i = 0; i < 3; i++) await sql`select ${sql.lit(k)}::int as k, ${i}::int as i`.execute(db);
    expect(prepared.stats().named).toBe(5);
    // The text refused after the ALTER stays prepared on the connection but is no longer used.
    expect(await preparedTexts()).toHaveLength(5);
  });
});
