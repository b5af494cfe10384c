import type { Timestamp } from '../../platform/platform.table.ts';
import type { CampaignStatus, MemberRole, MemberStatus, TeamStatus } from './groupbuy.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface GroupbuyCampaignsTable {
  id: string;
  name: string;
  /** Optional English name for the storefront's English mode. */
  name_en: string | null;
  description: string | null;
  sku_id: string;
  product_id: string;
  group_price_amount: number;
  leader_discount_amount: number;
  currency: string;
  team_size: number;
  expiry_hours: number;
  per_user_limit: number;
  new_customers_only: boolean;
  stock_total: number;
  /** Units not yet taken by a seat: changes only by conditional update. */
  stock_left: number;
  seat_timeout_minutes: number;
  auto_fill_enabled: boolean;
  auto_fill_min_real: number;
  status: CampaignStatus;
  starts_at: Date | null;
  ends_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupbuyTeamsTable {
  id: string;
  campaign_id: string;
  leader_id: string;
  status: TeamStatus;
  size: number;
  /** Seats held by real members (reserved or paid); never above size (conditional update). */
  seats_taken: number;
  paid_count: number;
  virtual_count: number;
  expires_at: Date | null;
  created_at: Timestamp;
  opened_at: Date | null;
  completed_at: Date | null;
  failed_at: Date | null;
  updated_at: Timestamp;
}

export interface GroupbuyMembersTable {
  id: string;
  team_id: string;
  campaign_id: string;
  user_id: string | null;
  order_id: string | null;
  role: MemberRole;
  status: MemberStatus;
  paid_amount: number;
  joined_at: Timestamp;
  paid_at: Date | null;
  left_at: Date | null;
}

/** Seats a user holds in a campaign (reserved, paid or completed): the per-user limit. */
export interface GroupbuyParticipantsTable {
  campaign_id: string;
  user_id: string;
  seats: number;
}

export interface GroupbuyTables {
  groupbuy_campaigns: GroupbuyCampaignsTable;
  groupbuy_teams: GroupbuyTeamsTable;
  groupbuy_members: GroupbuyMembersTable;
  groupbuy_participants: GroupbuyParticipantsTable;
}

/** The tables groupbuy owns: the only ones its code can query (platform/tables.ts). */
export const groupbuyTables = ownTables<GroupbuyTables>({ groupbuy_campaigns: true, groupbuy_teams: true, groupbuy_members: true, groupbuy_participants: true });
/** A handle on groupbuy's own tables: its pool or a transaction on it. */
export type GroupbuyDb = Executor<GroupbuyTables>;
/** The platform as groupbuy sees it: its pool queries groupbuy's tables only. */
export type GroupbuyPlatform = ModulePlatform<GroupbuyTables>;

declare module '../../platform/db.ts' {
  interface Database extends GroupbuyTables {}
}
