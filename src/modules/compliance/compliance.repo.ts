// All of compliance's SQL: charged prices, campaign declarations and channel policies.
import type { Insertable, Selectable } from 'kysely';
import type { ComplianceCampaignProfilesTable, ComplianceDb } from './compliance.table.ts';

export type ProfileRow = Selectable<ComplianceCampaignProfilesTable>;

export async function insertChargedPrices(db: ComplianceDb, rows: { line_id: string; order_id: string; sku_id: string; currency: string; unit_amount: number; charged_at: Date }[]) {
  if (!rows.length) return 0;
  const r = await db.insertInto('compliance_charged_prices').values(rows).onConflict((oc) => oc.column('line_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** The lowest unit price per SKU charged in [since, now]. */
export async function findLowestCharged(db: ComplianceDb, skuIds: readonly string[], since: Date, now: Date) {
  if (!skuIds.length) return [];
  return db
    .selectFrom('compliance_charged_prices')
    .select((eb) => ['sku_id', eb.fn.min<number>('unit_amount').as('amount')])
    .where('sku_id', 'in', skuIds)
    .where('charged_at', '>=', since)
    .where('charged_at', '<=', now)
    .groupBy('sku_id')
    .execute();
}

/** Per SKU, the lowest of the prices charged at its last sale before `before`. */
export async function findLastChargedBefore(db: ComplianceDb, skuIds: readonly string[], before: Date) {
  if (!skuIds.length) return [];
  return db
    .selectFrom('compliance_charged_prices as c')
    .innerJoin(
      (eb) => eb.selectFrom('compliance_charged_prices').select((e) => ['sku_id', e.fn.max('charged_at').as('last_at')]).where('sku_id', 'in', skuIds).where('charged_at', '<', before).groupBy('sku_id').as('l'),
      (join) => join.onRef('l.sku_id', '=', 'c.sku_id').onRef('l.last_at', '=', 'c.charged_at'),
    )
    .select((eb) => ['c.sku_id', eb.fn.min<number>('c.unit_amount').as('amount')])
    .groupBy('c.sku_id')
    .execute();
}

export async function findChargedOfSku(db: ComplianceDb, skuId: string, limit: number) {
  return db.selectFrom('compliance_charged_prices').selectAll().where('sku_id', '=', skuId).orderBy('charged_at', 'desc').orderBy('line_id').limit(limit).execute();
}

export async function findProfile(db: ComplianceDb, campaignId: string) {
  return db.selectFrom('compliance_campaign_profiles').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
}

export async function upsertProfile(db: ComplianceDb, row: Insertable<ComplianceCampaignProfilesTable>) {
  const { campaign_id: _id, ...rest } = row;
  return db.insertInto('compliance_campaign_profiles').values(row).onConflict((oc) => oc.column('campaign_id').doUpdateSet(rest)).returningAll().executeTakeFirstOrThrow();
}

export async function findPolicies(db: ComplianceDb) {
  return db.selectFrom('compliance_channel_policies').selectAll().orderBy('channel').execute();
}

export async function findPolicy(db: ComplianceDb, channel: string) {
  return db.selectFrom('compliance_channel_policies').selectAll().where('channel', '=', channel).executeTakeFirst();
}

export async function updatePolicy(db: ComplianceDb, channel: string, patch: { rules: string; updated_by: string | null; updated_at: Date }) {
  return db.updateTable('compliance_channel_policies').set(patch).where('channel', '=', channel).returningAll().executeTakeFirst();
}
