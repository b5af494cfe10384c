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

export interface AuditFilter {
  actorId?: string;
  /** An action, or a prefix ending in `.` (`campaign.` lists every campaign action). */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  /** Keyset: entries older than this id. */
  beforeId?: number;
  limit: number;
}

/** The audit trail, newest first, for the console's viewer (read-only). */
export async function findAuditEntries(ex: AnyExecutor, f: AuditFilter) {
  let q = platformTables.of(ex).selectFrom('audit_log').selectAll();
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = f.action.endsWith('.') ? q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : q.where('action', '=', f.action);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
