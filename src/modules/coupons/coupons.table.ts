import type { MirroredStatus } from '../campaigns/index.ts';
import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type CouponKind = 'fixed' | 'percent' | 'threshold' | 'free_shipping';
export type CouponScope = 'store' | 'categories' | 'products';
export type TemplateStatus = Exclude<MirroredStatus, 'scheduled'>;
export type CouponStatus = 'available' | 'locked' | 'used' | 'expired' | 'revoked';
export type CouponSource = 'claim' | 'issue' | 'reward' | 'share_pack';
export type PackStatus = Exclude<MirroredStatus, 'scheduled'>;

export interface CouponTemplatesTable {
  id: string;
  name: string;
  description: string;
  /** English name and description; null when the store wrote none (shoppers then see the Chinese). */
  name_en: string | null;
  description_en: string | null;
  kind: CouponKind;
  /** fixed / threshold: fen off. */
  amount: number | null;
  /** percent: basis points off (1500 = 15% off). */
  percent_bp: number | null;
  /** percent: the most one coupon takes off, fen (null = no cap). */
  max_discount_amount: number | null;
  min_spend_amount: number;
  currency: string;
  scope: CouponScope;
  scope_ids: Json<string[]>;
  valid_from: Date | null;
  valid_until: Date | null;
  valid_days_after_claim: number | null;
  per_user_limit: number;
  total_quota: number | null;
  claimed_count: Generated<number>;
  /** The campaign kernel's status, mirrored (live is `active`); budgets live in the kernel. */
  status: TemplateStatus;
  claimable: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponsTable {
  id: string;
  template_id: string;
  user_id: string;
  status: CouponStatus;
  valid_from: Timestamp;
  valid_until: Timestamp;
  order_id: string | null;
  discount_amount: Generated<number>;
  /** fixed / threshold: the fen off this coupon was claimed with under an A/B variant; null takes the template's amount. */
  face_amount: Generated<number | null>;
  source: CouponSource;
  source_ref: string | null;
  created_at: Timestamp;
  locked_at: Date | null;
  used_at: Date | null;
  revoked_at: Date | null;
  updated_at: Timestamp;
}

export interface CouponPacksTable {
  id: string;
  name: string;
  description: string;
  friend_template_id: string;
  sharer_template_id: string;
  friends_needed: number;
  status: PackStatus;
  valid_from: Timestamp;
  valid_until: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One row per share of a pack: how many friends claimed through it, and when it unlocked. */
export interface CouponPackProgressTable {
  share_id: string;
  pack_id: string;
  sharer_id: string;
  claimed_count: Generated<number>;
  unlocked_at: Date | null;
  sharer_coupon_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponPackClaimsTable {
  share_id: string;
  friend_id: string;
  pack_id: string;
  coupon_id: string;
  claimed_at: Timestamp;
}

export interface CouponsTables {
  coupon_templates: CouponTemplatesTable;
  coupons: CouponsTable;
  coupon_packs: CouponPacksTable;
  coupon_pack_progress: CouponPackProgressTable;
  coupon_pack_claims: CouponPackClaimsTable;
}

/** The tables coupons owns: the only ones its code can query (platform/tables.ts). */
export const couponsTables = ownTables<CouponsTables>({ coupon_templates: true, coupons: true, coupon_packs: true, coupon_pack_progress: true, coupon_pack_claims: true });
/** A handle on coupons's own tables: its pool or a transaction on it. */
export type CouponsDb = Executor<CouponsTables>;
/** The platform as coupons sees it: its pool queries coupons's tables only. */
export type CouponsPlatform = ModulePlatform<CouponsTables>;

declare module '../../platform/db.ts' {
  interface Database extends CouponsTables {}
}
