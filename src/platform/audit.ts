// One way to write the operator audit trail: who did what to which subject, with details, at the
// clock's time. Written inside the caller's transaction so an audited change and its row commit
// together.
import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from './platform.table.ts';

// Any handle whose database has the platform tables: a module's transaction works as it is.
type AuditExecutor<DB extends PlatformTables> = Kysely<DB> | Transaction<DB>;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit<DB extends PlatformTables>(ex: AuditExecutor<DB>, at: Date, entry: AuditEntry): Promise<void> {
  // Kysely types are invariant in the database type; the audit table is the same in every DB.
  await (ex as unknown as Kysely<PlatformTables>)
    .insertInto('audit_log')
    .values({ actor_id: entry.actorId, action: entry.action, subject_type: entry.subjectType, subject_id: entry.subjectId, details: JSON.stringify(entry.details ?? {}), at })
    .execute();
}
