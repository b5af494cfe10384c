import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { CampaignStatus, CostKind, Mechanic } from './campaigns.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

/**
 * One row per campaign of any mechanic: its lifecycle and budget. The id is the mechanic's own
 * campaign id (group-buy campaign, flash slot, draw, coupon template...), so one id names the
 * campaign everywhere; the mechanic keeps its rules in its own tables.
 */
export interface CampaignsTable {
  id: string;
  mechanic: Mechanic;
  name: string;
  status: CampaignStatus;
  starts_at: Date | null;
  ends_at: Date | null;
  currency: string;
  /** The cost ceiling in fen; null means no ceiling (cost is still recorded). */
  budget_amount: number | null;
  /** Sum of the ledger: changes only by conditional UPDATE, never above budget_amount. */
  spent_amount: number;
  /** Set by the first refused spend that commits: the moment the campaign ran dry. */
  budget_exhausted_at: Date | null;
  rules_locked_at: Date | null;
  live_at: Date | null;
  ended_at: Date | null;
  created_by: string | null;
  /** 包邮: orders under the campaign ship free (campaigns.shipping.ts). */
  free_shipping: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The cost ledger: every fen a campaign gave away, and every fen given back (negative). */
export interface CampaignLedgerTable {
  id: Generated<number>;
  campaign_id: string;
  kind: CostKind;
  amount: number;
  /** Idempotency: one entry per campaign and ref (a release's ref is `release:` + what it undoes). */
  ref: string;
  order_id: string | null;
  user_id: string | null;
  note: string | null;
  at: Timestamp;
  /** Its amount is taken from the campaign's budget when its transaction commits (migration 0641). */
  budget_at_commit: Generated<boolean>;
}

export interface CampaignsTables {
  campaigns: CampaignsTable;
  campaign_ledger: CampaignLedgerTable;
}

/** The tables campaigns owns: the only ones its code can query (platform/tables.ts). */
export const campaignsTables = ownTables<CampaignsTables>({ campaigns: true, campaign_ledger: true });
/** A handle on campaigns's own tables: its pool or a transaction on it. */
export type CampaignsDb = Executor<CampaignsTables>;
/** The platform as campaigns sees it: its pool queries campaigns's tables only. */
export type CampaignsPlatform = ModulePlatform<CampaignsTables>;

declare module '../../platform/db.ts' {
  interface Database extends CampaignsTables {}
}
