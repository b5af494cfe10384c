// One way to write the operator audit trail: who did what to which subject, with details, at the
// clock's time. Written inside the caller's transaction so an audited change and its row commit
// together.
import { platformTables } from './platform.table.ts';
import type { AnyExecutor } from './tables.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** `ex` is the caller's own handle (its transaction, so the row commits with the change). */
export async function recordAudit(ex: AnyExecutor, at: Date, entry: AuditEntry): Promise<void> {
  await platformTables
    .of(ex)
    .insertInto('audit_log')
    .values({ actor_id: entry.actorId, action: entry.action, subject_type: entry.subjectType, subject_id: entry.subjectId, details: JSON.stringify(entry.details ?? {}), at })
    .execute();
}
