import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { ActionKind, BlacklistKind, Level, Reason, Signals, Verdict } from './risk.rules.ts';

/** Identifiers seen outside a reward point: sign-up, sign-in, a paid order (its shipping address). */
export type PresenceKind = 'account.registered' | 'account.signed_in' | 'order.paid';

/** One action's identifiers as seen when it happened: what the rules and the graph read. */
export interface RiskSignalsTable {
  id: string;
  user_id: string;
  action_kind: ActionKind | PresenceKind;
  campaign_id: string | null;
  device_id: string | null;
  ip: string | null;
  /** /24 for IPv4, /64 for IPv6. */
  ip_prefix: string | null;
  user_agent: string | null;
  phone_prefix: string | null;
  address_hash: string | null;
  card_fingerprint: string | null;
  email_domain: string | null;
  disposable_email: boolean;
  account_age_seconds: number | null;
  first_order: boolean | null;
  at: Timestamp;
}

/**
 * allowed: paid at once; pending: allowed but the mechanic pays later (its own review window), so
 * new evidence can still hold it; held: waiting for an operator; released / cancelled: reviewed;
 * blocked: refused, nothing written by the mechanic.
 */
export type DecisionStatus = 'allowed' | 'pending' | 'held' | 'released' | 'cancelled' | 'blocked';

export interface RiskDecisionsTable {
  id: string;
  action_kind: ActionKind;
  /** What a release pays: the mechanic's own key for the reward (unique per kind). */
  subject_ref: string | null;
  user_id: string;
  campaign_id: string | null;
  counterpart_id: string | null;
  verdict: Verdict;
  level: Level;
  score: number;
  reasons: Json<Reason[]>;
  explanation_en: string;
  explanation_zh: string;
  signals: Json<Signals>;
  /** What the mechanic needs to pay on release (a coupon claim's template). */
  payload: Json<Record<string, string>>;
  status: DecisionStatus;
  money_amount: number;
  currency: string;
  reviewer_id: string | null;
  review_reason: string | null;
  reviewed_at: Date | null;
  created_at: Timestamp;
}

export interface RiskBlacklistTable {
  id: string;
  kind: BlacklistKind;
  /** Devices, cards, phones as given; IP ranges as normalised CIDR; addresses as their hash. */
  value: string;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** The level of a mechanic (scope 'mechanic', key 'coupon') or of one campaign (scope 'campaign', key its id). */
export interface RiskLevelsTable {
  scope: 'mechanic' | 'campaign';
  key: string;
  level: Level;
  updated_at: Timestamp;
}

/** What the graph job last found about an account: the flagged cluster it sits in. */
export interface RiskClusterMembersTable {
  user_id: string;
  cluster_id: string;
  size: number;
  why: string;
  computed_at: Timestamp;
}

/** When each account was first seen (sign-up) and first paid: its age and first-order status. */
export interface RiskAccountsTable {
  user_id: string;
  registered_at: Timestamp;
  first_paid_at: Date | null;
  email_domain: string | null;
  disposable_email: boolean;
  /** The fingerprint of the card its latest paid order was paid with (checked against the blacklist). */
  card_fingerprint: string | null;
}

/** One rule threshold an operator set (deviceFarmAccounts, networkBurstAccounts, newAccountSeconds). */
export interface RiskTuningTable {
  key: string;
  value: number;
  updated_at: Timestamp;
}

export interface RiskTables {
  risk_signals: RiskSignalsTable;
  risk_decisions: RiskDecisionsTable;
  risk_blacklist: RiskBlacklistTable;
  risk_levels: RiskLevelsTable;
  risk_cluster_members: RiskClusterMembersTable;
  risk_accounts: RiskAccountsTable;
  risk_tuning: RiskTuningTable;
}

/** The tables risk owns: the only ones its code can query (platform/tables.ts). */
export const riskTables = ownTables<RiskTables>({ risk_signals: true, risk_decisions: true, risk_blacklist: true, risk_levels: true, risk_cluster_members: true, risk_accounts: true, risk_tuning: true });
export type RiskDb = Executor<RiskTables>;
export type RiskPlatform = ModulePlatform<RiskTables>;

declare module '../../platform/db.ts' {
  interface Database extends RiskTables {}
}
