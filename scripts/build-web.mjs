#!/usr/bin/env node
// Builds the storefront and the console into web/dist: OpenAPI document from the server's own
// route schemas, and the error catalog from the modules' declared codes -> client types (openapi-typescript) -> type-check the web code against them
// (a broken contract fails here) -> vite build. Run by `npm ci` (prepare) and, when web/dist is
// missing, by `npm start`.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['OpenAPI document', process.execPath, ['--import', 'tsx', 'scripts/openapi.ts', 'web/generated/openapi.json']],
  ['error catalog', process.execPath, ['--import', 'tsx', 'scripts/error-catalog.ts', 'web/generated/errors.json']],
  ['client types', bin('openapi-typescript'), ['web/generated/openapi.json', '-o', 'web/generated/api.d.ts', '--silent']],
  ['type-check web/', bin('tsc'), ['-p', 'web']],
  ['vite build', bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
];

mkdirSync(path.join(root, 'web', 'generated'), { recursive: true });
for (const [label, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`web: ${label}... `);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write('failed\n');
    process.stderr.write((r.stdout ?? '') + (r.stderr ?? '') + (r.error ? String(r.error) : '') + '\n');
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
