import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { AttributionModel, AttributionSubject, ShareChannel } from './sharing.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface SharesTable {
  id: string;
  /** Short, unguessable, URL-safe: the link is /s/{token}. */
  token: string;
  sharer_id: string;
  target_type: string;
  target_id: string;
  campaign_id: string | null;
  channel: ShareChannel;
  /** The share through which the sharer arrived; null for a root. */
  parent_share_id: string | null;
  root_share_id: string;
  depth: number;
  /** Where a click lands (a same-site path from the target's resolver when the share was made). */
  target_url: string;
  created_at: Timestamp;
}

export interface ShareClicksTable {
  id: string;
  share_id: string;
  root_share_id: string;
  sharer_id: string;
  campaign_id: string | null;
  target_type: string;
  target_id: string;
  channel: ShareChannel;
  visitor_id: string | null;
  user_id: string | null;
  referer: string | null;
  ip: string | null;
  user_agent: string | null;
  is_new_visitor: boolean;
  /** The sharer opening their own link: recorded, never attributed. */
  self_click: boolean;
  clicked_at: Timestamp;
}

export interface ShareVisitorsTable {
  visitor_id: string;
  first_seen_at: Timestamp;
}

export interface VisitorLinksTable {
  visitor_id: string;
  user_id: string;
  linked_at: Timestamp;
}

export interface AttributionsTable {
  id: string;
  subject_type: AttributionSubject;
  subject_id: string;
  model: AttributionModel;
  /** The customer who was attributed (the new customer, or the buyer). */
  user_id: string;
  share_id: string;
  root_share_id: string;
  sharer_id: string;
  campaign_id: string | null;
  target_type: string;
  target_id: string;
  click_id: string;
  channel: ShareChannel;
  /** Orders only: the order total when placed, and what of it is paid and not refunded. */
  order_amount: number | null;
  currency: string | null;
  paid: Generated<boolean>;
  paid_amount: Generated<number>;
  attributed_at: Timestamp;
  updated_at: Timestamp;
}

export interface SharingTables {
  shares: SharesTable;
  share_clicks: ShareClicksTable;
  share_visitors: ShareVisitorsTable;
  visitor_links: VisitorLinksTable;
  attributions: AttributionsTable;
}

/** The tables sharing owns: the only ones its code can query (platform/tables.ts). */
export const sharingTables = ownTables<SharingTables>({ shares: true, share_clicks: true, share_visitors: true, visitor_links: true, attributions: true });
/** A handle on sharing's own tables: its pool or a transaction on it. */
export type SharingDb = Executor<SharingTables>;
/** The platform as sharing sees it: its pool queries sharing's tables only. */
export type SharingPlatform = ModulePlatform<SharingTables>;

declare module '../../platform/db.ts' {
  interface Database extends SharingTables {}
}
