import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { PolicyRule } from './compliance.channels.ts';

/** One order line's unit price, as charged: the price history the reference-price rule reads. */
export interface ComplianceChargedPricesTable {
  /** The order line: a replayed `order.paid` records nothing twice. */
  line_id: string;
  order_id: string;
  sku_id: string;
  currency: string;
  unit_amount: number;
  charged_at: Timestamp;
}

/** What the operator declares about a campaign for the checks, editable while it is a draft. */
export interface ComplianceCampaignProfilesTable {
  campaign_id: string;
  /** The channels the campaign will be shared to. */
  channels: Json<string[]>;
  rewards_sharing: boolean;
  share_for_chances: boolean;
  help_prompts: boolean;
  lottery: boolean;
  rewards_following: boolean;
  rules_text: string;
  rules_published_at: Date | null;
  virtual_members: number;
  virtual_members_disclosed: boolean;
  max_prize_amount: number | null;
  commission_depth: number;
  promoter_entry_fee_amount: number;
  /** Reference ("original") prices the campaign's pages and posters show, per SKU. */
  reference_prices: Json<{ skuId: string; amount: number }[]>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A channel's sharing policy as data (seeded with the defaults, editable by operators). */
export interface ComplianceChannelPoliciesTable {
  channel: string;
  name: string;
  rules: Json<PolicyRule[]>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** An operator's authenticator (TOTP): the secret sealed with a key derived from the platform secret. */
export interface ComplianceOperatorTotpTable {
  user_id: string;
  secret_sealed: string;
  /** null while enrolment waits for its first code. */
  enabled_at: Date | null;
  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  last_step: number | null;
  failures: number;
  locked_until: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An operator's one-time recovery code (compliance.recovery.ts): only its argon2 hash is kept. */
export interface ComplianceTotpRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  /** When it was spent; a code works once. */
  used_at: Date | null;
}

export interface ComplianceTables {
  compliance_operator_totp: ComplianceOperatorTotpTable;
  compliance_totp_recovery_codes: ComplianceTotpRecoveryCodesTable;
  compliance_charged_prices: ComplianceChargedPricesTable;
  compliance_campaign_profiles: ComplianceCampaignProfilesTable;
  compliance_channel_policies: ComplianceChannelPoliciesTable;
}

/** The tables compliance owns: the only ones its code can query (platform/tables.ts). */
export const complianceTables = ownTables<ComplianceTables>({ compliance_operator_totp: true, compliance_totp_recovery_codes: true, compliance_charged_prices: true, compliance_campaign_profiles: true, compliance_channel_policies: true });
export type ComplianceDb = Executor<ComplianceTables>;
export type CompliancePlatform = ModulePlatform<ComplianceTables>;

declare module '../../platform/db.ts' {
  interface Database extends ComplianceTables {}
}
