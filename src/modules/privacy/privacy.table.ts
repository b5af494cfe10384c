import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { ConsentPurpose, RequestKind, RequestStatus } from './privacy.rules.ts';

/** Every consent given or withdrawn, append-only: the latest row per purpose is the person's choice. */
export interface PrivacyConsentsTable {
  id: string;
  user_id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  /** The privacy policy version shown when the choice was made. */
  policy_version: string;
  /** Where the choice was made: 'signup' or 'account'. */
  source: string;
  at: Timestamp;
}

/** A shopper's export or erasure request, carried out by a job; its status is what the account page shows. */
export interface PrivacyRequestsTable {
  id: string;
  user_id: string;
  kind: RequestKind;
  status: RequestStatus;
  requested_at: Timestamp;
  finished_at: Date | null;
  /** The export's zip, base64, sealed like other personal data (platform/pii.ts); dropped when it expires. */
  archive: string | null;
  archive_expires_at: Date | null;
  /** Rows per table exported, or deleted and kept by the erasure. */
  summary: Json<Record<string, unknown>> | null;
  error: string | null;
}

export interface PrivacyTables {
  privacy_consents: PrivacyConsentsTable;
  privacy_requests: PrivacyRequestsTable;
}

export const privacyTables = ownTables<PrivacyTables>({ privacy_consents: true, privacy_requests: true });
export type PrivacyDb = Executor<PrivacyTables>;
export type PrivacyPlatform = ModulePlatform<PrivacyTables>;

declare module '../../platform/db.ts' {
  interface Database extends PrivacyTables {}
}
