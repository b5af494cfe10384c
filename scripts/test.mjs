#!/usr/bin/env node
// npm test: unit tests, then every database test on PGlite and (when DATABASE_URL is set) on
// PostgreSQL. In CI the PostgreSQL suite is required.
import { spawnSync } from 'node:child_process';

if (process.env.CI && (!process.env.DATABASE_URL || !process.env.REDIS_URL)) {
  console.error('CI=true but DATABASE_URL or REDIS_URL is not set: CI runs every database test on PostgreSQL and the Redis tests.');
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.log('DATABASE_URL is not set: running the PGlite suite only (set it to also run every database test on PostgreSQL).');
}
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
