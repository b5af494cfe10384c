// Every migration in the order it runs. A module's migrations live beside it.
import type { NamedMigration } from './platform/migrations.ts';
import { platformMigrations } from './platform/platform.migrations.ts';
import { identityMigrations } from './modules/identity/identity.migrations.ts';
import { catalogMigrations } from './modules/catalog/catalog.migrations.ts';
import { inventoryMigrations } from './modules/inventory/inventory.migrations.ts';

export const migrations: NamedMigration[] = [...platformMigrations, ...identityMigrations, ...catalogMigrations, ...inventoryMigrations];
