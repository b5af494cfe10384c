import { defineConfig } from 'vitest/config';

const dbTests = ['src/**/*.db.test.ts', 'src/**/*.http.test.ts', 'test/**/*.db.test.ts', 'test/**/*.http.test.ts'];

// Database and HTTP tests run once per database: PGlite always, PostgreSQL when DATABASE_URL is set.
const projects: any[] = [
  { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/web/**/*.test.ts', 'test/*.test.ts'], exclude: dbTests, environment: 'node', sequence: { groupOrder: 0 } } },
  {
    test: {
      name: 'pglite',
      include: dbTests,
      sequence: { groupOrder: 0 },
      globalSetup: ['test/global-pglite.ts'],
      env: { FISSION_TEST_DB: 'pglite', NODE_ENV: 'test' },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
];
if (process.env.DATABASE_URL) {
  projects.push({
    test: {
      name: 'postgres',
      include: dbTests,
      sequence: { groupOrder: 0 },
      globalSetup: ['test/global-postgres.ts'],
      env: { FISSION_TEST_DB: 'postgres', NODE_ENV: 'test' },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}

// Browser journeys: one real server and Chromium, after the other suites (they would compete for
// the two cores), one file at a time.
projects.push({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
  },
});

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
