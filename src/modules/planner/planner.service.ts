// Campaign plans: create and edit drafts (checked whole, nothing written when refused), list and
// read them, forecast them with the simulator, review their pre-launch checks, and (in
// planner.launch.ts) launch them into a campaign and an experiment in one step.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, notFound, unprocessable } from '../../platform/errors.ts';
import { newId, isUuid } from '../../platform/ids.ts';
import type { Forecast, ForecastInput } from '../simulator/index.ts';
import type { PlannerDeps } from './planner.deps.ts';
import { planNotFound, presentPlan } from './planner.present.ts';
import { createPlanLaunch } from './planner.launch.ts';
import { createPlanReports } from './planner.reporting.ts';
import * as repo from './planner.repo.ts';
import { forecastInputFor, planFindings, planProblem, type CostFacts, type MechanicRules, type PlanGoal, type PlanInput, type PlanVariant } from './planner.rules.ts';
import type { PlannerPlatform } from './planner.table.ts';

/** A plan as the API takes it (times as ISO strings). */
export interface PlanBody {
  name: string;
  goal: { metric: PlanGoal; target: number };
  segmentId: string | null;
  budgetAmount: number | null;
  startsAt: string;
  endsAt: string;
  mechanic: MechanicRules;
  channels?: string[];
  variants?: PlanVariant[];
}

/** Any segment rule matches within all profiles; the preview's `total` is everyone. */
const EVERYONE = { op: 'and' as const, rules: [{ field: 'frequency' as const, cmp: 'gte' as const, value: 0 }] };


export function createPlannerService(p: PlannerPlatform, deps: PlannerDeps) {
  const { db, clock } = p;

  async function load(id: string) {
    const row = isUuid(id) ? await repo.findPlan(db, id) : undefined;
    if (!row) throw planNotFound(id);
    return row;
  }

  const toInput = (b: PlanBody): PlanInput => ({
    name: b.name.trim(),
    goal: b.goal,
    segmentId: b.segmentId,
    budgetAmount: b.budgetAmount,
    startsAt: new Date(b.startsAt),
    endsAt: new Date(b.endsAt),
    mechanic: b.mechanic,
    channels: b.channels ?? [],
    variants: b.variants ?? [],
  });

  /** Rethrow another module's not-found as the planner's own code, naming the field. */
  const orNotFound = async <T>(read: Promise<T>, code: 'PLAN_SEGMENT_NOT_FOUND' | 'PLAN_COUPON_NOT_FOUND', details: Record<string, unknown>) => {
    try {
      return await read;
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw notFound(code, code === 'PLAN_SEGMENT_NOT_FOUND' ? 'No such audience segment' : 'No such coupon template', details);
      throw err;
    }
  };

  /** The store's facts a plan's cost depends on; refuses a plan naming a SKU, segment or coupon that does not exist. */
  async function costFacts(m: MechanicRules): Promise<CostFacts> {
    const couponValues = new Map<string, number>();
    let skuPriceAmount: number | null = null;
    if (m.kind === 'groupbuy') {
      const sku = (await deps.catalog.getSkusForPricing(db, [m.skuId])).get(m.skuId);
      if (!sku) throw notFound('PLAN_SKU_NOT_FOUND', 'No such SKU', { skuId: m.skuId });
      if (m.groupPrice >= sku.priceAmount) throw unprocessable('PLAN_RULES_INVALID', `The group price must be below the SKU's price (${sku.priceAmount} fen)`, { field: 'mechanic.groupPrice', listPrice: sku.priceAmount });
      skuPriceAmount = sku.priceAmount;
    }
    if (m.kind === 'referral') {
      for (const r of [m.inviterReward, m.inviteeReward]) {
        if (r?.kind !== 'coupon') continue;
        const t = await orNotFound(deps.coupons.getTemplate(r.templateId), 'PLAN_COUPON_NOT_FOUND', { templateId: r.templateId });
        couponValues.set(r.templateId, t.amount?.amount ?? t.maxDiscount?.amount ?? 0);
      }
    }
    return { skuPriceAmount, couponValues, pointValueFen: await p.settings.get('loyalty.pointValueFen') };
  }

  async function seedAudience(segmentId: string | null) {
    if (segmentId) return (await orNotFound(deps.audience.getSegment(segmentId), 'PLAN_SEGMENT_NOT_FOUND', { segmentId })).count;
    return (await deps.audience.preview(EVERYONE, 0)).total;
  }

  /** The whole plan checked, and the store facts it names looked up, before anything is written. */
  async function checked(b: PlanBody) {
    const input = toInput(b);
    const problem = planProblem(input, clock.now());
    if (problem) throw unprocessable(problem.code, problem.message, { field: problem.field });
    await costFacts(input.mechanic);
    if (input.segmentId) await seedAudience(input.segmentId);
    return input;
  }

  const columns = (i: PlanInput): repo.PlanColumns => ({
    name: i.name,
    goal_metric: i.goal.metric,
    goal_target: i.goal.target,
    segment_id: i.segmentId,
    budget_amount: i.budgetAmount,
    starts_at: i.startsAt,
    ends_at: i.endsAt,
    mechanic: i.mechanic,
    channels: i.channels,
    variants: i.variants,
  });

  async function create(actorId: string | null, b: PlanBody) {
    const input = await checked(b);
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.insertPlan(trx, { id: newId(), ...columns(input), currency: 'CNY', created_by: actorId, created_at: now, updated_at: now });
      await recordAudit(trx, now, { actorId, action: 'plan.created', subjectType: 'plan', subjectId: r.id, details: { mechanic: input.mechanic.kind, goal: input.goal.metric } });
      return r;
    });
    return presentPlan(row);
  }

  async function update(actorId: string | null, id: string, b: PlanBody) {
    const current = await load(id);
    if (current.status !== 'draft' || current.launch_claimed_at) throw conflict('PLAN_NOT_DRAFT', 'Only a draft plan can change', { id, status: current.status });
    const input = await checked(b);
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.updateDraft(trx, id, columns(input), now);
      if (!r) throw conflict('PLAN_NOT_DRAFT', 'Only a draft plan can change', { id });
      await recordAudit(trx, now, { actorId, action: 'plan.updated', subjectType: 'plan', subjectId: id, details: { mechanic: input.mechanic.kind } });
      return r;
    });
    return presentPlan(row);
  }

  const get = async (id: string) => presentPlan(await load(id));
  const list = async (limit = 100) => ({ items: (await repo.listPlans(db, limit)).map(presentPlan) });

  /** The simulator's input for a plan (the CLI's `fission simulate --plan <id>` runs it). */
  async function forecastInputOf(planId: string): Promise<ForecastInput> {
    const plan = await load(planId);
    const input = { startsAt: plan.starts_at, endsAt: plan.ends_at, budgetAmount: plan.budget_amount, channels: plan.channels, mechanic: plan.mechanic };
    return forecastInputFor(input, await seedAudience(plan.segment_id), await costFacts(plan.mechanic));
  }

  /** The forecast for the plan as it stands: the launched plan's stored snapshot, else a fresh run. */
  async function forecast(planId: string): Promise<Forecast> {
    const plan = await load(planId);
    if (plan.status === 'launched' && plan.forecast) return plan.forecast;
    return deps.simulator.forecast(await forecastInputOf(planId));
  }

  /**
   * The launch review. Before launch: the plan's own findings, stock on hand for a group buy, and
   * compliance's pre-launch rules judged on the plan (as its mechanic's defaults). Once a campaign
   * exists: the campaign kernel's full review (its checks, the mechanic's stock, compliance and
   * channel policies), as the campaign page shows it.
   */
  async function checks(planId: string) {
    const plan = await load(planId);
    if (plan.campaign_id) {
      const review = await deps.campaigns.checks(plan.campaign_id);
      return { planId, source: 'campaign' as const, campaignId: plan.campaign_id, findings: review.findings, blocked: review.findings.some((f) => f.severity === 'block') };
    }
    const now = clock.now();
    const m = plan.mechanic;
    const skuStock = m.kind === 'groupbuy' ? ((await deps.inventory.getAvailability(db, [m.skuId])).get(m.skuId)?.available ?? 0) : null;
    const view = { id: plan.id, mechanic: m.kind, name: plan.name, status: 'draft', startsAt: plan.starts_at, endsAt: plan.ends_at, currency: plan.currency, budgetAmount: plan.budget_amount, spentAmount: 0, freeShipping: false };
    const findings = [...planFindings({ startsAt: plan.starts_at, endsAt: plan.ends_at, budgetAmount: plan.budget_amount, mechanic: plan.mechanic }, { seedAudience: await seedAudience(plan.segment_id), skuStock }, now), ...(await deps.compliance.preLaunch(db, view, now))];
    return { planId, source: 'plan' as const, campaignId: null, findings, blocked: findings.some((f) => f.severity === 'block') };
  }

  const launch = createPlanLaunch(p, deps, { load, forecastInputOf, checks });
  const reports = createPlanReports(p, deps, { load });

  return { create, update, get, list, forecastInputOf, forecast, checks, launch, report: reports.report, reportCsv: reports.reportCsv };
}

export type PlannerService = ReturnType<typeof createPlannerService>;
