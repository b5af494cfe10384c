// Writes docs/events.md: every event of the catalog, the module that owns it, what it means and
// its payload, from the modules' own defineEvent() declarations. `npm run docs:events`; a unit
// test fails when the committed page is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventsPage } from '../src/platform/events-doc.ts';
import { moduleList } from '../src/modules.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'docs', 'events.md'), eventsPage(moduleList));
console.log('wrote docs/events.md');
