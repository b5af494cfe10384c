// Group-buy campaigns as the operator sees them: create and edit a draft (one set of checks and one
// column mapping for both), start and stop, list, and live numbers.
import { recordAudit } from '../../platform/audit.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { money } from '../../platform/money.ts';
import type { PricingSku } from '../catalog/index.ts';
import { campaignNotFound, findCampaignById, type GroupbuyDeps } from './groupbuy.common.ts';
import * as repo from './groupbuy.repo.ts';
import { campaignProblem, DEFAULTS, type CampaignProblem, type CampaignRules } from './groupbuy.rules.ts';
import type { GroupbuyPlatform } from './groupbuy.table.ts';

export interface CampaignInput {
  name: string;
  /** Optional English name; null or "" for none. */
  nameEn?: string | null;
  description?: string;
  skuId: string;
  groupPrice: number;
  teamSize: number;
  expiryHours?: number;
  perUserLimit?: number;
  newCustomersOnly?: boolean;
  leaderDiscount?: number;
  stock: number;
  seatTimeoutMinutes?: number;
  startsAt?: string | null;
  endsAt?: string | null;
  autoFill?: { enabled: boolean; minRealMembers?: number };
}

const PROBLEM_MESSAGES: Record<CampaignProblem, (listPrice: number) => string> = {
  GROUPBUY_PRICE_NOT_BELOW_LIST: (listPrice) => `The group price must be above zero and below the SKU's price (${listPrice} fen)`,
  GROUPBUY_LEADER_DISCOUNT_TOO_LARGE: () => 'The leader discount must leave the leader something to pay',
  GROUPBUY_TEAM_SIZE_INVALID: () => 'A team has 2 to 10 members',
  GROUPBUY_DATES_INVALID: () => 'The campaign must end after it starts',
  GROUPBUY_AUTO_FILL_INVALID: () => 'Auto-fill needs at least one real member and fewer than the team size',
  GROUPBUY_SEAT_TIMEOUT_TOO_LONG: () => 'The seat payment timeout must be shorter than the team expiry',
};

/**
 * The columns a campaign's input sets, the same whether a draft is created or edited (creating
 * adds only its id, status and creation stamps). Editing resets the stock like creating does: a
 * draft has taken no seats yet.
 */
function campaignColumns(input: CampaignInput, sku: PricingSku, rules: CampaignRules) {
  return {
    name: input.name.trim(),
    name_en: input.nameEn?.trim() || null,
    description: input.description?.trim() || null,
    sku_id: sku.skuId,
    product_id: sku.productId,
    group_price_amount: rules.groupPriceAmount,
    leader_discount_amount: rules.leaderDiscountAmount,
    currency: sku.currency,
    team_size: rules.teamSize,
    expiry_hours: rules.expiryHours,
    per_user_limit: rules.perUserLimit,
    new_customers_only: input.newCustomersOnly ?? false,
    stock_total: rules.stock,
    stock_left: rules.stock,
    seat_timeout_minutes: rules.seatTimeoutMinutes,
    auto_fill_enabled: rules.autoFill.enabled,
    auto_fill_min_real: rules.autoFill.minRealMembers,
    starts_at: rules.startsAt,
    ends_at: rules.endsAt,
  };
}

const auditDetails = (row: repo.CampaignRow, rules: CampaignRules) => ({ name: row.name, skuId: row.sku_id, groupPrice: row.group_price_amount, teamSize: row.team_size, autoFill: rules.autoFill });

export function createGroupbuyCampaigns(p: GroupbuyPlatform, deps: Pick<GroupbuyDeps, 'catalog' | 'campaigns'>) {
  const { db, clock } = p;
  const { catalog, campaigns } = deps;

  /** The SKU and the checked rules of a campaign as given (creating or editing a draft). */
  async function checkedCampaign(input: CampaignInput) {
    const sku = (await catalog.getSkusForPricing(db, [input.skuId])).get(input.skuId);
    if (!sku) throw notFound('GROUPBUY_SKU_NOT_FOUND', 'No such SKU', { skuId: input.skuId });
    const rules: CampaignRules = {
      groupPriceAmount: input.groupPrice,
      leaderDiscountAmount: input.leaderDiscount ?? 0,
      teamSize: input.teamSize,
      expiryHours: input.expiryHours ?? DEFAULTS.expiryHours,
      perUserLimit: input.perUserLimit ?? DEFAULTS.perUserLimit,
      stock: input.stock,
      seatTimeoutMinutes: input.seatTimeoutMinutes ?? DEFAULTS.seatTimeoutMinutes,
      autoFill: { enabled: input.autoFill?.enabled ?? false, minRealMembers: input.autoFill?.minRealMembers ?? DEFAULTS.autoFillMinRealMembers },
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
    };
    const problem = campaignProblem(rules, sku.priceAmount);
    if (problem) throw invalid(problem, PROBLEM_MESSAGES[problem](sku.priceAmount), { listPrice: sku.priceAmount });
    return { columns: campaignColumns(input, sku, rules), rules };
  }

  async function createCampaign(actorId: string | null, input: CampaignInput) {
    const { columns, rules } = await checkedCampaign(input);
    const now = clock.now();
    const id = newId();
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertCampaign(trx, { ...columns, id, status: 'draft', created_by: actorId, created_at: now, updated_at: now });
      await campaigns.enrol(trx, { id, mechanic: 'groupbuy', name: row.name, startsAt: row.starts_at, endsAt: row.ends_at, currency: row.currency, actorId });
      await recordAudit(trx, now, { actorId, action: 'groupbuy.campaign_created', subjectType: 'groupbuy_campaign', subjectId: id, details: auditDetails(row, rules) });
      await publishEvent(trx, now, 'groupbuy.campaign_created', id, { campaignId: id, skuId: row.sku_id });
      return row;
    });
  }

  /** Replace a draft's rules (same checks as creating it); once started the published rules are locked. */
  async function updateCampaign(actorId: string | null, id: string, input: CampaignInput) {
    const { columns, rules } = await checkedCampaign(input);
    return db.transaction().execute(async (trx) => {
      if (!(await findCampaignById(trx, id))) throw campaignNotFound(id);
      await campaigns.assertRulesEditable(trx, id);
      const now = clock.now();
      const row = await repo.updateCampaign(trx, id, { ...columns, updated_at: now });
      await campaigns.revise(trx, id, { name: row.name, startsAt: row.starts_at, endsAt: row.ends_at });
      await recordAudit(trx, now, { actorId, action: 'groupbuy.campaign_updated', subjectType: 'groupbuy_campaign', subjectId: id, details: auditDetails(row, rules) });
      await publishEvent(trx, now, 'groupbuy.campaign_updated', id, { campaignId: id, skuId: row.sku_id });
      return row;
    });
  }

  // The lifecycle is the campaign kernel's: it checks the move, locks the rules, audits, and
  // mirrors the new status here through groupbuy.mechanic.ts.
  async function changeStatus(actorId: string | null, id: string, action: 'start' | 'end') {
    if (!(await findCampaignById(db, id))) throw campaignNotFound(id);
    await campaigns.act(actorId, id, action);
    return getCampaign(id);
  }

  const startCampaign = (actorId: string | null, id: string) => changeStatus(actorId, id, 'start');
  const stopCampaign = (actorId: string | null, id: string) => changeStatus(actorId, id, 'end');

  async function getCampaign(id: string) {
    const c = await findCampaignById(db, id);
    if (!c) throw campaignNotFound(id);
    return c;
  }

  const listCampaigns = () => repo.findCampaigns(db);

  /** Live numbers: teams by status, paid real members, GMV of paid seats not refunded. */
  async function campaignStats(id: string) {
    const teams = await repo.countTeamsByStatus(db, id);
    const m = await repo.countCampaignMembers(db, id);
    const c = await getCampaign(id);
    return {
      teams: { forming: teams.get('forming') ?? 0, open: teams.get('open') ?? 0, completed: teams.get('completed') ?? 0, failed: teams.get('failed') ?? 0, cancelled: teams.get('cancelled') ?? 0 },
      members: m.members,
      virtualMembers: m.virtual,
      refundedMembers: m.refunded,
      gmv: money(m.gmv, c.currency),
    };
  }

  return { createCampaign, updateCampaign, startCampaign, stopCampaign, getCampaign, listCampaigns, campaignStats };
}
