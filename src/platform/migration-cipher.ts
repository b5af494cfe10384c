// The PII cipher a data migration seals rows with: the store's keys as configured now (a migration
// runs before the runtime exists, so it cannot take the runtime's cipher). Kept apart from pii.ts,
// which must not import config.ts (config imports pii's key parsing).
import type { Kysely } from 'kysely';
import { piiKeySource } from '../config.ts';
import { createPiiCipher, loadPiiKeys } from './pii.ts';

// A migration runs on the untyped handle the migrator gives it.
export const migrationCipher = async (db: Kysely<any>) => createPiiCipher(await loadPiiKeys(db, piiKeySource(), new Date()));
