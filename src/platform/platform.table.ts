import type { ColumnType, Generated } from 'kysely';
import { ownTables } from './tables.ts';

/** jsonb: written as a JSON string, read back as a value. */
export type Json<T> = ColumnType<T, string, string>;
export type Timestamp = ColumnType<Date, Date, Date>;

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface OutboxEventsTable {
  id: Generated<number>;
  type: string;
  aggregate_id: string;
  payload: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  dispatched_at: Date | null;
}

export interface OutboxConsumptionsTable {
  event_id: number;
  consumer: string;
  consumed_at: Timestamp;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  run_at: Timestamp;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Json<Record<string, unknown>>;
  at: Timestamp;
}

/**
 * Every message handed to the built-in sender (platform/messages.ts; the console's Outbox page).
 * The table was created by identity's '0180_identity_accounts' migration, which keeps its name
 * and place in the sequence for existing databases; the platform's sender is what writes it.
 */
export interface MessageOutboxTable {
  id: string;
  channel: 'email' | 'sms';
  template: string;
  to_user_id: string | null;
  to_email: string | null;
  /** Sealed (platform/pii.ts); `to_phone_index` is its blind index (privacy's 0330 migration added it). */
  to_phone: string | null;
  to_phone_index: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface PlatformTables {
  settings: SettingsTable;
  outbox_events: OutboxEventsTable;
  outbox_consumptions: OutboxConsumptionsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  message_outbox: MessageOutboxTable;
}

/** The tables platform code may query: its own, never a module's. */
export const platformTables = ownTables<PlatformTables>({ settings: true, outbox_events: true, outbox_consumptions: true, jobs: true, audit_log: true, message_outbox: true });
