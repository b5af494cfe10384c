// Prints the OpenAPI document the server serves at /openapi.json, without listening or migrating:
// the web build generates its client types from it, so a broken contract breaks the build.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/platform/context.ts';
import { openPGlite } from '../src/platform/db.ts';
import { createRuntime } from '../src/runtime.ts';

const out = process.argv[2];
const config = loadConfig({ NODE_ENV: 'test' }, { logLevel: 'silent', demo: false, workers: false, redisUrl: undefined, databaseUrl: undefined, secret: 'openapi-dump-only-'.padEnd(32, '0'), pii: { key: 'openapi-dump-only-'.padEnd(32, '0'), keyFile: undefined } });
const runtime = await createRuntime({ config, database: await openPGlite({}), log: createLogger('silent'), migrate: false });
try {
  await runtime.app.ready();
  const doc = JSON.stringify(runtime.app.swagger(), null, 2);
  if (out) writeFileSync(out, doc + '\n');
  else process.stdout.write(doc + '\n');
} finally {
  await runtime.close();
}
