// Migrations are plain TypeScript objects listed in order (src/migrations.ts), so the same list
// runs on PGlite and PostgreSQL, under tsx and in tests, with no file-system discovery.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export interface NamedMigration extends Migration {
  name: string;
}

export async function migrateToLatest(db: Kysely<any>, migrations: NamedMigration[]): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      return Object.fromEntries(migrations.map((m) => [m.name, { up: m.up, down: m.down }]));
    },
  };
  // Kysely looks for its bookkeeping tables in every schema unless told which one: a database
  // holding another schema with them (parallel test files, each in its own schema) would skip
  // creating them here and then fail. Keep them in the schema the migrations run in.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({ db, provider, migrationTableSchema: rows[0].schema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * A row trigger that runs `body` (plpgsql statements on NEW) when the inserting transaction
 * commits, for rows whose boolean column `when` is true: how a module changes a hot row at commit
 * instead of mid-transaction (flashsale's units, campaigns' budget). `body` raises to refuse.
 */
export async function createCommitTrigger(db: Kysely<any>, o: { table: string; when: string; fn: string; declare: string; body: string }) {
  await sql`create function ${sql.raw(o.fn)}() returns trigger language plpgsql as $$
    declare ${sql.raw(o.declare)}
    begin ${sql.raw(o.body)}
      return null;
    end
  $$`.execute(db);
  await sql`create constraint trigger ${sql.raw(`${o.table}_${o.when}`)} after insert on ${sql.raw(o.table)}
    deferrable initially deferred for each row when (new.${sql.raw(o.when)}) execute function ${sql.raw(o.fn)}()`.execute(db);
}
