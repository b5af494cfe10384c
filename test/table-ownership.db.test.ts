// Every table has one owner, and only the owner's code can query it (src/platform/tables.ts): the
// platform's set and each module's `tables` together cover the migrated database, no table is
// claimed twice, and a module claims the tables its own migrations create. Which migration creates
// which table is a property of the migration list, the same on both databases, so this replays it
// once, one migration at a time, on an embedded PGlite.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations.ts';
import { moduleList } from '../src/modules.ts';
import { openPGlite, type DatabaseHandle } from '../src/platform/db.ts';
import { migrateToLatest } from '../src/platform/migrations.ts';
import { platformMigrations } from '../src/platform/platform.migrations.ts';
import { platformTables } from '../src/platform/platform.table.ts';
import { testDbKind } from './db.ts';

/** Tables created by one owner's migration but owned by another, and why. */
const MOVED: Record<string, { createdBy: string; ownedBy: string }> = {
  // The platform's message sender writes it; identity's 0180 migration created it and keeps its place.
  message_outbox: { createdBy: 'identity', ownedBy: 'platform' },
};

const listTables = async (db: Kysely<any>) =>
  (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%'`.execute(db)
  ).rows.map((r) => r.name);

/** Who declared each migration: the platform or the module listing it. */
const declaredBy = new Map<string, string>([
  ...platformMigrations.map((m) => [m.name, 'platform'] as const),
  ...moduleList.flatMap((m) => m.migrations.map((x) => [x.name, m.name] as const)),
]);

describe.skipIf(testDbKind() === 'postgres')('table ownership', () => {
  let handle: DatabaseHandle;
  const createdBy = new Map<string, string>();

  beforeAll(async () => {
    handle = await openPGlite({});
    const ordered = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let before = new Set<string>();
    for (let i = 0; i < ordered.length; i++) {
      await migrateToLatest(handle.db, ordered.slice(0, i + 1));
      const now = await listTables(handle.db);
      for (const table of now.filter((t) => !before.has(t))) createdBy.set(table, declaredBy.get(ordered[i].name)!);
      before = new Set(now);
    }
  }, 120_000);
  afterAll(() => handle?.close());

  const claims = () => [
    ...platformTables.names.map((table) => ({ table, owner: 'platform' })),
    ...moduleList.flatMap((m) => (m.tables?.names ?? []).map((table) => ({ table, owner: m.name }))),
  ];

  it('claims no table twice, and only tables that exist', () => {
    const seen = new Map<string, string>();
    const twice = claims().filter((c) => seen.has(c.table) || !seen.set(c.table, c.owner));
    expect(twice).toEqual([]);
    expect(claims().filter((c) => !createdBy.has(c.table))).toEqual([]);
  });

  it('gives every table to the owner whose migration created it', () => {
    const owner = new Map(claims().map((c) => [c.table, c.owner]));
    // A module that does not declare its tables yet still sees the whole database; its tables
    // must at least not be claimed by anyone else.
    const undeclared = new Set(moduleList.filter((m) => !m.tables).map((m) => m.name));
    const wrong = [...createdBy]
      .map(([table, creator]) => ({ table, creator, expected: MOVED[table]?.ownedBy ?? creator, owner: owner.get(table) ?? null }))
      .filter((t) => (undeclared.has(t.expected) ? t.owner !== null : t.owner !== t.expected));
    expect(wrong).toEqual([]);
    for (const [table, moved] of Object.entries(MOVED)) expect(createdBy.get(table), table).toBe(moved.createdBy);
  });

  it('makes table sets only in *.table.ts files, so an owner can narrow handles to its own tables only', () => {
    const root = path.resolve(import.meta.dirname, '../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const code = (f: string) => fs.readFileSync(path.join(root, f), 'utf8').split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).join('\n');
    const makers = files.filter((f) => /\bownTables</.test(code(f)));
    expect(makers.filter((f) => !f.endsWith('.table.ts') && f !== path.join('platform', 'tables.ts'))).toEqual([]);
  });
});
