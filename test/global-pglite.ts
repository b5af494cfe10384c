// Migrate one PGlite once per run and dump it; each test file starts from a clone of the dump.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPGlite } from '../src/platform/db.ts';
import { migrateToLatest } from '../src/platform/migrations.ts';
import { migrations } from '../src/migrations.ts';

export default async function setup(project: TestProject) {
  const handle = await openPGlite({});
  await migrateToLatest(handle.db, migrations);
  const dump = await handle.dump!();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-pglite-'));
  const file = path.join(dir, 'migrated.tar.gz');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteDump', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}
