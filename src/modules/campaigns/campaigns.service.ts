// The campaign kernel: one lifecycle, one rule lock, one budget ledger and one audit trail for
// every mechanic. Mechanics enrol their campaigns here in the transaction that creates them, ask
// before editing rules, and spend through the ledger; the kernel drives status changes (by an
// operator or by the jobs table at the campaign's start and end) and mirrors them on the
// mechanic's rows through its MechanicDefinition.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, forbidden, notFound, unprocessable, type ErrorCode } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import * as repo from './campaigns.repo.ts';
import { createCampaignShipping, type ShippingFor } from './campaigns.shipping.ts';
import { HookRegistry, type CampaignView, type Finding, type MechanicDefinition } from './campaigns.hooks.ts';
import { budgetProblem, costCeiling, launchLocks, launchOutcome, rulesLocked, transition, type CampaignStatus, type CostKind, type LifecycleAction, type Mechanic } from './campaigns.rules.ts';
import { campaignsTables, type CampaignsDb, type CampaignsPlatform } from './campaigns.table.ts';
import { applyVariant, variantProblem, type SubjectRules, type VariantAssignment, type VariantConfig, type VariantProblem, type VariantSpace } from './campaigns.variants.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export const GO_LIVE_JOB = 'campaigns.go_live';
export const END_JOB = 'campaigns.end';

export interface Enrolment {
  id: string;
  mechanic: Mechanic;
  name: string;
  startsAt: Date | null;
  endsAt: Date | null;
  currency?: string;
  budgetAmount?: number | null;
  actorId: string | null;
}

export interface Spend {
  campaignId: string;
  kind: CostKind;
  amount: number;
  /** Idempotency key within the campaign: spending twice with one ref spends once. */
  ref: string;
  orderId?: string | null;
  userId?: string | null;
  note?: string | null;
}

/** An admin's decision to start a campaign despite blocking checks, with the reason audited. */
export interface LaunchOverride {
  reason: string;
  byAdmin: boolean;
}

const REFUSALS: Record<string, ErrorCode> = { not_allowed: 'CAMPAIGN_STATUS', already_over: 'CAMPAIGN_ALREADY_OVER', pause_unsupported: 'CAMPAIGN_PAUSE_UNSUPPORTED' };
const EVENT_OF: Record<CampaignStatus, 'campaign.scheduled' | 'campaign.live' | 'campaign.paused' | 'campaign.ended' | null> = {
  draft: null,
  scheduled: 'campaign.scheduled',
  live: 'campaign.live',
  paused: 'campaign.paused',
  ended: 'campaign.ended',
};

export const viewOf = (c: repo.CampaignRow): CampaignView => ({
  id: c.id,
  mechanic: c.mechanic,
  name: c.name,
  status: c.status,
  startsAt: c.starts_at,
  endsAt: c.ends_at,
  currency: c.currency,
  budgetAmount: c.budget_amount,
  spentAmount: c.spent_amount,
  freeShipping: c.free_shipping,
});

export function createCampaignsService(p: CampaignsPlatform, deps: { shippingFor: ShippingFor }) {
  const { db, clock } = p;
  const mechanics = new Map<Mechanic, MechanicDefinition>();
  const hooks = new HookRegistry();

  const notFoundError = (id: string) => notFound('CAMPAIGN_NOT_FOUND', 'No such campaign', { id });

  function registerMechanic(definition: MechanicDefinition) {
    mechanics.set(definition.mechanic, definition);
  }

  /** In the mechanic's creating transaction: the campaign joins the kernel as a draft. */
  async function enrol(handle: AnyExecutor, e: Enrolment) {
    const trx = campaignsTables.of(handle);
    const now = clock.now();
    return repo.insertCampaign(trx, {
      id: e.id,
      mechanic: e.mechanic,
      name: e.name,
      status: 'draft',
      starts_at: e.startsAt,
      ends_at: e.endsAt,
      currency: e.currency ?? 'CNY',
      budget_amount: e.budgetAmount ?? null,
      spent_amount: 0,
      budget_exhausted_at: null,
      rules_locked_at: null,
      live_at: null,
      ended_at: null,
      created_by: e.actorId,
      created_at: now,
      updated_at: now,
    });
  }

  /**
   * Before a mechanic changes rules: locks the kernel row and refuses unless the campaign is a
   * draft. `fields` names what would change, for the operator's message.
   */
  async function assertRulesEditable(handle: AnyExecutor, id: string, fields?: string[]) {
    const trx = campaignsTables.of(handle);
    const c = await repo.lockCampaign(trx, id);
    if (!c) throw notFoundError(id);
    if (rulesLocked(c.status)) throw conflict('CAMPAIGN_RULES_LOCKED', 'A scheduled or live campaign keeps its published rules', { id, status: c.status, ...(fields ? { fields } : {}) });
    return c;
  }

  /** A mechanic's edit of what the kernel also keeps (name, window, budget), in the mechanic's transaction. */
  async function revise(handle: AnyExecutor, id: string, patch: { name?: string; startsAt?: Date | null; endsAt?: Date | null; budgetAmount?: number | null }) {
    const trx = campaignsTables.of(handle);
    const c = await repo.lockCampaign(trx, id);
    if (!c) throw notFoundError(id);
    const windowChanged = (patch.startsAt !== undefined && +(patch.startsAt ?? 0) !== +(c.starts_at ?? 0)) || (patch.endsAt !== undefined && +(patch.endsAt ?? 0) !== +(c.ends_at ?? 0));
    if (windowChanged && rulesLocked(c.status)) throw conflict('CAMPAIGN_RULES_LOCKED', 'A scheduled or live campaign keeps its published window', { id, status: c.status, fields: ['startsAt', 'endsAt'] });
    if (patch.budgetAmount !== undefined && budgetProblem(patch.budgetAmount, c.spent_amount)) {
      throw conflict('CAMPAIGN_BUDGET_BELOW_SPENT', 'The budget cannot go below what was spent', { id, spent: c.spent_amount });
    }
    return repo.updateCampaign(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.startsAt !== undefined ? { starts_at: patch.startsAt } : {}),
      ...(patch.endsAt !== undefined ? { ends_at: patch.endsAt } : {}),
      ...(patch.budgetAmount !== undefined ? { budget_amount: patch.budgetAmount } : {}),
      updated_at: clock.now(),
    });
  }

  /** Every pre-launch check: the kernel's own, the mechanic's, and the registered hooks'. */
  async function runChecks(trx: CampaignsDb, c: repo.CampaignRow, now: Date): Promise<Finding[]> {
    const view = viewOf(c);
    const findings: Finding[] = [];
    if (c.ends_at && c.ends_at <= now) findings.push({ check: 'window', severity: 'block', message: 'The end time has passed' });
    if (c.budget_amount === null) findings.push({ check: 'budget', severity: 'info', message: 'No cost ceiling: every cost is recorded but none is refused' });
    else if (c.spent_amount >= c.budget_amount) findings.push({ check: 'budget', severity: 'block', message: 'The budget is already spent', details: { budget: c.budget_amount, spent: c.spent_amount } });
    const mechanic = mechanics.get(c.mechanic);
    if (mechanic?.preLaunch) findings.push(...(await mechanic.preLaunch(trx, c.id, now)));
    for (const check of hooks.list('channelPolicy')) findings.push(...(await check(trx, view)));
    for (const check of hooks.list('preLaunch')) findings.push(...(await check(trx, view, now)));
    return findings;
  }

  /** The launch review: what the checks would say now, changing nothing. */
  async function checks(id: string) {
    const c = await repo.findCampaign(db, id);
    if (!c) throw notFoundError(id);
    return { campaign: c, findings: await runChecks(db, c, clock.now()) };
  }

  /**
   * Everything an operator should see before starting (changing nothing): the checks, what start
   * would do now (live or scheduled, or why not), what locks, and the most the campaign can cost.
   */
  async function launchReview(id: string) {
    const c = await repo.findCampaign(db, id);
    if (!c) throw notFoundError(id);
    const now = clock.now();
    const mechanic = mechanics.get(c.mechanic);
    const findings = await runChecks(db, c, now);
    const mechanicCeiling = mechanic?.costCeiling ? await mechanic.costCeiling(db, c.id) : null;
    return {
      campaign: c,
      findings,
      blocked: findings.some((f) => f.severity === 'block'),
      outcome: launchOutcome({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now),
      locks: launchLocks({ mechanic: c.mechanic, freeShipping: c.free_shipping }, mechanic?.pausable ?? true),
      mechanicCeiling,
      ceiling: costCeiling(c.budget_amount, mechanicCeiling),
    };
  }

  /** One status change, in the caller's transaction: checks, stamps, the mechanic's mirror, jobs, audit, event. */
  async function actIn(handle: AnyExecutor, actorId: string | null, id: string, action: LifecycleAction, override?: LaunchOverride) {
    const trx = campaignsTables.of(handle);
    const c = await repo.lockCampaign(trx, id);
    if (!c) throw notFoundError(id);
    const now = clock.now();
    const mechanic = mechanics.get(c.mechanic);
    const t = transition({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, action, now, { pausable: mechanic?.pausable ?? true });
    if (!t.ok) throw conflict(REFUSALS[t.reason], `A ${c.status} campaign cannot ${action.replace('_', ' ')}`, { id, status: c.status, action });
    let findings: Finding[] = [];
    if (action === 'start') {
      findings = await runChecks(trx, c, now);
      const blocking = findings.filter((f) => f.severity === 'block');
      if (blocking.length && !override) throw unprocessable('CAMPAIGN_PRELAUNCH_BLOCKED', blocking.map((f) => f.message).join('; '), { id, findings: blocking });
      if (blocking.length && override) {
        // Only an admin may start past a failing check, with a reason that stays in the audit log.
        if (!override.byAdmin) throw forbidden('CAMPAIGN_OVERRIDE_FORBIDDEN', 'Only an admin may start a campaign that fails its checks', { id });
        await recordAudit(trx, now, { actorId, action: 'campaign.prelaunch_override', subjectType: `${c.mechanic}_campaign`, subjectId: id, details: { reason: override.reason, findings: blocking } });
      }
    }
    const to = t.to;
    const row = await repo.updateCampaign(trx, id, {
      status: to,
      ...(c.rules_locked_at === null && rulesLocked(to) ? { rules_locked_at: now } : {}),
      ...(to === 'live' && c.live_at === null ? { live_at: now } : {}),
      ...(to === 'ended' ? { ended_at: now } : {}),
      updated_at: now,
    });
    if (action === 'start') {
      if (to === 'scheduled' && c.starts_at) await scheduleJob(trx, { kind: GO_LIVE_JOB, payload: { id }, runAt: c.starts_at, dedupeKey: `${GO_LIVE_JOB}:${id}`, now });
      if (c.ends_at) await scheduleJob(trx, { kind: END_JOB, payload: { id }, runAt: c.ends_at, dedupeKey: `${END_JOB}:${id}`, now });
    }
    await mechanic?.apply(trx, id, { from: c.status, to, at: now, actorId });
    await recordAudit(trx, now, { actorId, action: `campaign.${action}`, subjectType: `${c.mechanic}_campaign`, subjectId: id, details: { from: c.status, to, mechanic: c.mechanic, ...(findings.length ? { findings } : {}) } });
    const type = EVENT_OF[to];
    if (type) await publishEvent(trx, now, type, id, { campaignId: id, mechanic: c.mechanic, from: c.status, to, actorId });
    return { campaign: row, findings };
  }

  const act = (actorId: string | null, id: string, action: LifecycleAction, override?: LaunchOverride) => db.transaction().execute((trx) => actIn(trx, actorId, id, action, override));

  /** The jobs at a campaign's start and end: no-ops when an operator got there first. */
  async function onSchedule(id: string, action: 'go_live' | 'end') {
    await db.transaction().execute(async (trx) => {
      const c = await repo.lockCampaign(trx, id);
      if (!c) return;
      const now = clock.now();
      if (action === 'go_live' && (c.status !== 'scheduled' || (c.starts_at && c.starts_at > now))) return;
      if (action === 'end' && (c.status === 'ended' || c.status === 'draft' || (c.ends_at && c.ends_at > now))) return;
      await actIn(trx, null, id, action);
    });
  }

  async function setBudget(actorId: string | null, id: string, budgetAmount: number | null) {
    return db.transaction().execute(async (trx) => {
      const before = await repo.lockCampaign(trx, id);
      if (!before) throw notFoundError(id);
      const row = await revise(trx, id, { budgetAmount });
      if (budgetAmount === null || budgetAmount > before.spent_amount) await repo.updateCampaign(trx, id, { budget_exhausted_at: null });
      await recordAudit(trx, clock.now(), { actorId, action: 'campaign.budget_set', subjectType: `${before.mechanic}_campaign`, subjectId: id, details: { from: before.budget_amount, to: budgetAmount } });
      return row;
    });
  }

  /**
   * Book a cost against the campaign's budget, idempotently by ref. False when it would overspend
   * (nothing is booked then); the first refusal that commits stamps the campaign as run dry.
   */
  async function trySpend(handle: AnyExecutor, s: Spend): Promise<boolean> {
    const trx = campaignsTables.of(handle);
    if (!Number.isInteger(s.amount) || s.amount < 0) throw new RangeError(`spend amount must be a non-negative integer, got ${s.amount}`);
    const entry = { campaign_id: s.campaignId, kind: s.kind, amount: s.amount, ref: s.ref, order_id: s.orderId ?? null, user_id: s.userId ?? null, note: s.note ?? null, at: clock.now() };
    if (s.amount === 0) return true;
    // The ledger row and the budget together: a repeated ref finds its row and spends nothing more.
    const booked = await repo.bookSpend(trx, entry);
    if (booked.inserted === null || booked.taken) return true;
    await repo.deleteLedgerEntry(trx, booked.inserted);
    const c = await repo.findCampaign(trx, s.campaignId);
    if (!c) throw notFoundError(s.campaignId);
    if (c.budget_exhausted_at === null) {
      await repo.updateCampaign(trx, c.id, { budget_exhausted_at: entry.at });
      await publishEvent(trx, entry.at, 'campaign.budget_exhausted', c.id, { campaignId: c.id, mechanic: c.mechanic, budgetAmount: c.budget_amount ?? 0, spentAmount: c.spent_amount, refused: s.amount });
    }
    return false;
  }

  /**
   * Book a cost that the budget pays when the transaction commits: the campaign row, which every
   * order of a busy campaign updates, is locked only while the commit runs instead of from here to
   * the commit. Over budget the commit fails and the whole transaction rolls back; the caller maps
   * that failure with `budgetRefusal` to 409 CAMPAIGN_BUDGET_EXHAUSTED. Idempotent by ref.
   */
  async function spend(handle: AnyExecutor, s: Spend): Promise<void> {
    const trx = campaignsTables.of(handle);
    if (!Number.isInteger(s.amount) || s.amount < 0) throw new RangeError(`spend amount must be a non-negative integer, got ${s.amount}`);
    if (s.amount === 0) return;
    await repo.bookSpendAtCommit(trx, { campaign_id: s.campaignId, kind: s.kind, amount: s.amount, ref: s.ref, order_id: s.orderId ?? null, user_id: s.userId ?? null, note: s.note ?? null, at: clock.now() });
  }

  /** Give back one earlier spend (idempotent: a second release finds it released). */
  async function release(handle: AnyExecutor, campaignId: string, ref: string, note?: string) {
    const trx = campaignsTables.of(handle);
    const original = await repo.findLedgerEntry(trx, campaignId, ref);
    if (!original || original.amount <= 0) return false;
    const inserted = await repo.insertLedgerEntry(trx, { campaign_id: campaignId, kind: original.kind, amount: -original.amount, ref: `release:${ref}`, order_id: original.order_id, user_id: original.user_id, note: note ?? null, at: clock.now() });
    if (!inserted) return false;
    await repo.giveBackBudget(trx, campaignId, original.amount);
    return true;
  }

  /** An order that never completed (cancelled unpaid, or refunded in full) cost nothing. */
  async function releaseOrder(handle: AnyExecutor, orderId: string, why: string) {
    const trx = campaignsTables.of(handle);
    for (const s of await repo.openSpendsOfOrder(trx, orderId)) await release(trx, s.campaign_id, s.ref, why);
  }

  /** Whether this shopper may take part: every audience hook must allow it. */
  async function mayTakePart(handle: AnyExecutor, campaignId: string, userId: string) {
    const trx = campaignsTables.of(handle);
    if (!hooks.has('audience')) return;
    const c = await repo.findCampaign(trx, campaignId);
    if (!c) throw notFoundError(campaignId);
    for (const decide of hooks.list('audience')) {
      const d = await decide(trx, viewOf(c), userId);
      if (!d.allowed) throw forbidden('CAMPAIGN_AUDIENCE_EXCLUDED', 'This campaign is not open to this account', { campaignId, reason: d.reason });
    }
  }

  /** The A/B variant a subject sees (with what it changes), or null when no experiment runs on the campaign. */
  async function variantConfigFor(campaignId: string, subjectId: string, handle?: AnyExecutor): Promise<VariantAssignment | null> {
    if (!hooks.has('variant')) return null;
    const c = await repo.findCampaign(campaignsTables.of(handle ?? db), campaignId);
    if (!c) return null;
    for (const pick of hooks.list('variant')) {
      const v = await pick(viewOf(c), subjectId, handle);
      if (v !== null) return v;
    }
    return null;
  }

  /** The A/B variant's key a subject sees, or null when no experiment runs on the campaign. */
  const variantFor = async (campaignId: string, subjectId: string): Promise<string | null> => (await variantConfigFor(campaignId, subjectId))?.key ?? null;

  /** What a variant of this campaign may set: its mechanic's declared rules with this campaign's bounds. */
  async function variantSpace(handle: AnyExecutor, c: repo.CampaignRow): Promise<VariantSpace> {
    const rules = mechanics.get(c.mechanic)?.variants;
    return rules ? rules.space(handle, c.id) : { keys: [] };
  }

  /** The rule keys an experiment on this campaign may vary, with their bounds and the campaign's own values. */
  async function variantKeys(campaignId: string) {
    const c = await get(campaignId);
    return { campaignId, mechanic: c.mechanic, keys: (await variantSpace(db, c)).keys };
  }

  /** Why a variant config cannot run on this campaign (a key its mechanic does not let vary, a value out of bounds), or null. */
  async function variantConfigProblem(campaignId: string, config: VariantConfig): Promise<VariantProblem | null> {
    if (Object.keys(config).length === 0) return null;
    return variantProblem(await variantSpace(db, await get(campaignId)), config);
  }

  /**
   * The effective rules for a subject, at the moment a rule matters: the mechanic's current rules
   * (`base`) with the subject's variant laid over them (logging the exposure once). The mechanic
   * stores what it used on the row it creates (a team's size, a cut's floor, a coupon's value).
   */
  async function rulesFor<K extends string>(campaignId: string, subjectId: string, base: Record<K, number>, handle?: AnyExecutor): Promise<SubjectRules<K>> {
    const assignment = await variantConfigFor(campaignId, subjectId, handle);
    if (!assignment || Object.keys(assignment.config).length === 0) return applyVariant(base, { keys: [] }, assignment);
    const executor = handle ?? db;
    const c = await repo.findCampaign(campaignsTables.of(executor), campaignId);
    if (!c) return { variantKey: null, rules: base };
    return applyVariant(base, await variantSpace(executor, c), assignment);
  }

  async function get(id: string) {
    const c = await repo.findCampaign(db, id);
    if (!c) throw notFoundError(id);
    return c;
  }

  const find = (handle: AnyExecutor, id: string) => repo.findCampaign(campaignsTables.of(handle), id);
  /** Several campaigns by id, for a mechanic presenting its list with budgets. */
  const findMany = async (handle: AnyExecutor, ids: readonly string[]) => new Map((await repo.findCampaigns(campaignsTables.of(handle), ids)).map((c) => [c.id, c]));
  const list = (f: repo.CampaignFilter) => repo.listCampaigns(db, f);
  const ledger = async (id: string, beforeId: number | undefined, limit: number) => {
    await get(id);
    return repo.ledgerPage(db, id, beforeId, limit);
  };
  const cost = (id: string, range?: { from: Date; to: Date }) => repo.costByKind(db, id, range);

  return { ...createCampaignShipping(p, deps.shippingFor), registerMechanic, hooks, enrol, assertRulesEditable, revise, checks, launchReview, act, actIn, onSchedule, setBudget, trySpend, spend, release, releaseOrder, mayTakePart, variantFor, variantConfigFor, variantKeys, variantConfigProblem, rulesFor, get, find, findMany, list, ledger, cost };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
