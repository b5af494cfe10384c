// Every migration: the platform's, then each module's from the module list. Kysely runs them in
// name order, so names carry their sequence.
import type { NamedMigration } from './platform/migrations.ts';
import { platformMigrations } from './platform/platform.migrations.ts';
import { moduleList } from './modules.ts';

export const migrations: NamedMigration[] = [...platformMigrations, ...moduleList.flatMap((m) => m.migrations)];
