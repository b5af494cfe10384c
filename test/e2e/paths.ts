import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Screenshots and the server log of the last browser run. */
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = '/usr/bin/chromium';
