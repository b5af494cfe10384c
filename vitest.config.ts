import { defineConfig } from 'vitest/config';

const dbTests = ['src/**/*.db.test.ts', 'src/**/*.http.test.ts', 'test/**/*.db.test.ts', 'test/**/*.http.test.ts'];

// Database and HTTP tests run once per database: PGlite always, PostgreSQL when DATABASE_URL is set.
const projects: any[] = [
  { test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: dbTests, environment: 'node' } },
  {
    test: {
      name: 'pglite',
      include: dbTests,
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
      globalSetup: ['test/global-postgres.ts'],
      env: { FISSION_TEST_DB: 'postgres', NODE_ENV: 'test' },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
