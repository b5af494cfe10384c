// Writes the error catalog (every code the server answers with: status and messages in both
// languages, from the modules' own defineErrors() declarations) as JSON for the web apps, which
// show API errors from it. Run by scripts/build-web.mjs before the web type-check.
import { writeFileSync } from 'node:fs';
import { errorCatalog } from '../src/modules.ts';

const out = process.argv[2];
const doc = JSON.stringify(Object.fromEntries(Object.entries(errorCatalog).sort(([a], [b]) => a.localeCompare(b))), null, 1);
if (out) writeFileSync(out, doc + '\n');
else process.stdout.write(doc + '\n');
