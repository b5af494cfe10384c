import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { SegmentRule } from './audience.segments.ts';

/** One customer's profile as of the last recompute (nightly, or an operator's "recompute now"). */
export interface AudienceProfilesTable {
  user_id: string;
  currency: string;
  signed_up_at: Timestamp;
  first_order_at: Timestamp | null;
  last_order_at: Timestamp | null;
  last_active_at: Timestamp;
  /** Days since the last paid order; null for a customer who never bought. */
  recency_days: number | null;
  /** Paid orders not fully refunded. */
  frequency: number;
  /** Net paid amount (after refunds), fen. */
  monetary_amount: number;
  /** Quintiles among buyers, 1-5 (5 best); 0 for a customer who never bought. */
  r_score: number;
  f_score: number;
  m_score: number;
  /** BG/NBD: probability the customer is still "alive" and its complement; null without a purchase or a fit. */
  p_alive: number | null;
  churn_risk: number | null;
  /** Expected orders and value (fen) over the model horizon (90 days). */
  expected_orders: number | null;
  predicted_value_amount: number | null;
  channel: string | null;
  campaign_id: string | null;
  shares: number;
  share_signups: number;
  days_since_active: number;
  days_since_signup: number;
  /** Rule tags of the last recompute plus the operator's tags (what segments match on). */
  tags: Json<string[]>;
  rule_tags: Json<string[]>;
  computed_at: Timestamp;
}

/** Tags an operator put on a customer by hand: they survive every recompute. */
export interface AudienceOperatorTagsTable {
  user_id: string;
  tag: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** Every model fit: parameters, likelihood, sample size and the holdout calibration. */
export interface AudienceModelFitsTable {
  id: Generated<number>;
  fitted_at: Timestamp;
  customers: number;
  report: Json<Record<string, unknown>>;
}

export interface AudienceSegmentsTable {
  id: string;
  name: string;
  description: string;
  rule: Json<SegmentRule>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

/** A campaign restricted to a segment's members (the campaign kernel's audience hook). */
export interface AudienceCampaignSegmentsTable {
  campaign_id: string;
  segment_id: string;
  set_by: string | null;
  set_at: Timestamp;
}

export type DispatchKind = 'coupon' | 'message';
export type DispatchStatus = 'queued' | 'running' | 'done' | 'failed';

export interface AudienceDispatchesTable {
  id: string;
  segment_id: string;
  rule: Json<SegmentRule>;
  kind: DispatchKind;
  coupon_template_id: string | null;
  title: string;
  body: string;
  status: DispatchStatus;
  /** Members of the segment when the job ran. */
  targeted: number | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  last_error: string | null;
}

export type DeliveryStatus = 'delivered' | 'skipped_consent' | 'failed';

/** One person's outcome of one dispatch: the unique (dispatch, user) key makes a retry deliver nothing twice. */
export interface AudienceDeliveriesTable {
  dispatch_id: string;
  user_id: string;
  status: DeliveryStatus;
  reason: string | null;
  coupon_id: string | null;
  message_id: string | null;
  created_at: Timestamp;
  redeemed_at: Timestamp | null;
}

/** The in-app message centre (站内信). */
export interface AudienceMessagesTable {
  id: string;
  user_id: string;
  dispatch_id: string | null;
  title: string;
  body: string;
  coupon_id: string | null;
  coupon_name: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface AudienceTables {
  audience_profiles: AudienceProfilesTable;
  audience_operator_tags: AudienceOperatorTagsTable;
  audience_model_fits: AudienceModelFitsTable;
  audience_segments: AudienceSegmentsTable;
  audience_campaign_segments: AudienceCampaignSegmentsTable;
  audience_dispatches: AudienceDispatchesTable;
  audience_deliveries: AudienceDeliveriesTable;
  audience_messages: AudienceMessagesTable;
}

export const audienceTables = ownTables<AudienceTables>({
  audience_profiles: true,
  audience_operator_tags: true,
  audience_model_fits: true,
  audience_segments: true,
  audience_campaign_segments: true,
  audience_dispatches: true,
  audience_deliveries: true,
  audience_messages: true,
});
export type AudienceDb = Executor<AudienceTables>;
export type AudiencePlatform = ModulePlatform<AudienceTables>;

declare module '../../platform/db.ts' {
  interface Database extends AudienceTables {}
}
