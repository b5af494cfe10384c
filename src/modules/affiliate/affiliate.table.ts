import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type PromoterStatus = 'pending' | 'approved' | 'rejected';
export type CommissionStatus = 'frozen' | 'settled' | 'reversed';
export type WithdrawalStatus = 'pending' | 'paid' | 'rejected';
/** Where a withdrawal is paid: WeChat Pay, Alipay or a bank card. */
export const PAYOUT_METHODS = ['wechat', 'alipay', 'bank'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];
export type LedgerKind = 'commission_settled' | 'commission_reversed' | 'withdrawal' | 'withdrawal_fee' | 'withdrawal_returned';

/** One row per applicant; it is also the promoter's balance row (withdrawals take from it by conditional update). */
export interface AffiliatePromotersTable {
  id: string;
  user_id: string;
  status: PromoterStatus;
  source: 'application' | 'open' | 'first_paid_order' | 'operator';
  note: string | null;
  operator_note: string | null;
  /** Available to withdraw: settled commission − reversals of settled commission − withdrawals requested + rejected withdrawals. */
  balance_amount: number;
  currency: string;
  applied_at: Timestamp;
  decided_at: Date | null;
  decided_by: string | null;
  updated_at: Timestamp;
}

export interface PromoterBindingsTable {
  customer_id: string;
  promoter_id: string;
  source: 'share' | 'order' | 'operator';
  share_id: string | null;
  bound_at: Timestamp;
  expires_at: Date | null;
}

export interface AffiliateProductRatesTable {
  product_id: string;
  level1_bp: number;
  level2_bp: number;
  updated_at: Timestamp;
}

export interface AffiliateCommissionsTable {
  id: string;
  order_id: string;
  order_line_id: string;
  /** 1 or 2, never more (a check constraint backs the rules). */
  level: number;
  promoter_id: string;
  buyer_id: string;
  product_id: string;
  base_amount: number;
  rate_bp: number;
  amount: number;
  reversed_amount: number;
  currency: string;
  status: CommissionStatus;
  on_hold: boolean;
  settle_at: Date | null;
  created_at: Timestamp;
  settled_at: Date | null;
  reversed_at: Date | null;
}

export interface AffiliateWithdrawalsTable {
  id: string;
  promoter_id: string;
  amount: number;
  fee_amount: number;
  net_amount: number;
  currency: string;
  status: WithdrawalStatus;
  idempotency_key: string | null;
  operator_note: string | null;
  requested_at: Timestamp;
  decided_at: Date | null;
  decided_by: string | null;
  /** Where to pay it (PAYOUT_METHODS); null on withdrawals requested without one. */
  payout_method: PayoutMethod | null;
  /** The account number or id, sealed (platform/pii.ts). */
  payout_account: string | null;
  /** Its last four characters in the clear: lists show the account masked without opening it. */
  payout_account_tail: string | null;
}

/** Every movement of a promoter's available balance, so a statement adds up by construction. */
export interface AffiliateLedgerTable {
  id: string;
  promoter_id: string;
  kind: LedgerKind;
  /** Signed: + adds to the balance, − takes from it. */
  amount: number;
  /** Unique with kind: commission id (+ refund id) or withdrawal id, so a movement books once. */
  ref: string;
  at: Timestamp;
}

export interface AffiliateTables {
  affiliate_promoters: AffiliatePromotersTable;
  promoter_bindings: PromoterBindingsTable;
  affiliate_product_rates: AffiliateProductRatesTable;
  affiliate_commissions: AffiliateCommissionsTable;
  affiliate_withdrawals: AffiliateWithdrawalsTable;
  affiliate_ledger: AffiliateLedgerTable;
}

/** The tables affiliate owns: the only ones its code can query (platform/tables.ts). */
export const affiliateTables = ownTables<AffiliateTables>({ affiliate_promoters: true, promoter_bindings: true, affiliate_product_rates: true, affiliate_commissions: true, affiliate_withdrawals: true, affiliate_ledger: true });
/** A handle on affiliate's own tables: its pool or a transaction on it. */
export type AffiliateDb = Executor<AffiliateTables>;
/** The platform as affiliate sees it: its pool queries affiliate's tables only. */
export type AffiliatePlatform = ModulePlatform<AffiliateTables>;

declare module '../../platform/db.ts' {
  interface Database extends AffiliateTables {}
}
