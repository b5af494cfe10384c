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
