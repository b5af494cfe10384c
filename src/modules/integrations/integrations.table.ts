import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string;
  /** Event type names, or ['*'] for every event. */
  event_types: Json<string[]>;
  enabled: boolean;
  /** `whsec_…`, kept as is because signing needs it; never returned after creation or rotation. */
  secret: string;
  /** Start of the current run of failed attempts; null once an attempt succeeds. */
  failing_since: Date | null;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One message for one endpoint: an outbox event (or a test event) and its attempts. */
export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  /** The outbox event; null for `webhook.test` messages. Unique with endpoint_id. */
  event_id: number | null;
  event_type: string;
  /** The exact JSON body sent, frozen at enqueue so every retry signs the same bytes. */
  body: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  attempt: number;
  trigger: 'scheduled' | 'manual';
  at: Timestamp;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
  ok: boolean;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** First characters of the key (`fsk_AbCd…`), so an operator can tell keys apart. */
  prefix: string;
  /** sha256 hex of the whole key; the key itself is never stored. */
  key_hash: string;
  scopes: Json<string[]>;
  created_by: string;
  created_at: Timestamp;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export interface IntegrationsTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  api_keys: ApiKeysTable;
}

/** The tables integrations owns: the only ones its code can query (platform/tables.ts). */
export const integrationsTables = ownTables<IntegrationsTables>({ webhook_endpoints: true, webhook_deliveries: true, webhook_attempts: true, api_keys: true });
/** A handle on integrations's own tables: its pool or a transaction on it. */
export type IntegrationsDb = Executor<IntegrationsTables>;
/** The platform as integrations sees it: its pool queries integrations's tables only. */
export type IntegrationsPlatform = ModulePlatform<IntegrationsTables>;

declare module '../../platform/db.ts' {
  interface Database extends IntegrationsTables {}
}
