// One way to write the operator audit trail: who did what to which subject, with details, at the
// clock's time. Written inside the caller's transaction so an audited change and its row commit
// together.
import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from './platform.table.ts';

type AuditExecutor = Kysely<PlatformTables> | Transaction<PlatformTables>;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(ex: AuditExecutor, at: Date, entry: AuditEntry): Promise<void> {
  await ex
    .insertInto('audit_log')
    .values({ actor_id: entry.actorId, action: entry.action, subject_type: entry.subjectType, subject_id: entry.subjectId, details: JSON.stringify(entry.details ?? {}), at })
    .execute();
}
