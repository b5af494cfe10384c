// Launching a plan in one step: create the campaign through its mechanic's service, give it the
// plan's budget and audience, define the experiment when the plan has variants, store the
// forecast, then start the campaign and the experiment as the console's buttons would.
//
// Each step records what it made on the plan row before the next runs, so a launch that stopped
// half-way (a failing pre-launch check, a crash) resumes where it stopped; a lease on the row
// makes two launches at once create one campaign, and a launched plan answers as it is.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, unprocessable } from '../../platform/errors.ts';
import type { ForecastInput } from '../simulator/index.ts';
import type { PlannerDeps } from './planner.deps.ts';
import * as repo from './planner.repo.ts';
import { experimentMetrics, type MechanicRules } from './planner.rules.ts';
import { presentPlan } from './planner.present.ts';
import type { PlannerPlatform } from './planner.table.ts';

/** A launch that has held its lease this long is taken to have died; another may resume it. */
const LEASE_MS = 5 * 60_000;

interface Helpers {
  load(id: string): Promise<repo.PlanRow>;
  forecastInputOf(id: string): Promise<ForecastInput>;
  checks(id: string): Promise<{ findings: { severity: string; check: string; message: string }[]; blocked: boolean }>;
}

export function createPlanLaunch(p: PlannerPlatform, deps: PlannerDeps, h: Helpers) {
  const { db, clock } = p;

  /** The campaign, through the mechanic's own create (its checks, its audit, its enrolment with the kernel). */
  async function createCampaign(actorId: string | null, plan: repo.PlanRow, m: MechanicRules): Promise<string> {
    const window = { startsAt: plan.starts_at.toISOString(), endsAt: plan.ends_at.toISOString() };
    if (m.kind === 'groupbuy') {
      const { kind: _k, ...rules } = m;
      return (await deps.groupbuy.createCampaign(actorId, { name: plan.name, ...rules, ...window })).id;
    }
    if (m.kind === 'referral') {
      const { kind: _k, ...rules } = m;
      return (await deps.referral.createCampaign(actorId, { name: plan.name, ...rules, ...window })).id;
    }
    const t = await deps.coupons.createTemplate(actorId, {
      name: plan.name,
      kind: m.couponKind,
      discountAmount: m.discountAmount ?? null,
      percentBp: m.percentBp ?? null,
      maxDiscountAmount: m.maxDiscountAmount ?? null,
      minSpendAmount: m.minSpendAmount ?? 0,
      scope: 'store',
      validDaysAfterClaim: m.validDaysAfterClaim,
      perUserLimit: m.perUserLimit ?? 1,
      totalQuota: m.totalQuota ?? null,
      budgetAmount: plan.budget_amount,
    });
    return t.id;
  }

  /** Start the campaign as its console page does (a referral start also ends the referral campaign running before it). */
  async function startCampaign(actorId: string | null, m: MechanicRules, campaignId: string) {
    if (m.kind === 'groupbuy') await deps.groupbuy.startCampaign(actorId, campaignId);
    else if (m.kind === 'referral') await deps.referral.setStatus(actorId, campaignId, 'active');
    else await deps.coupons.setTemplateStatus(actorId ?? '', campaignId, 'activate');
  }

  async function steps(actorId: string | null, plan: repo.PlanRow) {
    const m = plan.mechanic;
    let campaignId = plan.campaign_id;
    if (!campaignId) {
      // Refused input (a price above the SKU's, an unknown coupon) throws here before the mechanic writes anything.
      campaignId = await createCampaign(actorId, plan, m);
      await repo.setLaunchState(db, plan.id, { campaign_id: campaignId }, clock.now());
    }
    const campaign = await deps.campaigns.get(campaignId);
    if (campaign.status === 'draft') {
      // The coupon template took its budget when it was created; the others get it from the kernel.
      if (m.kind !== 'coupon' && campaign.budget_amount !== plan.budget_amount) await deps.campaigns.setBudget(actorId, campaignId, plan.budget_amount);
      if (plan.segment_id) await deps.audience.setCampaignSegment(actorId, campaignId, plan.segment_id);
    }
    let experimentId = plan.experiment_id;
    if (!experimentId && plan.variants.length >= 2) {
      const metrics = experimentMetrics(plan.goal_metric);
      try {
        experimentId = (await deps.experiments.create(actorId, { campaignId, name: plan.name, hypothesis: null, ...metrics, variants: plan.variants })).id;
      } catch (err) {
        // The experiment refused the plan's variants against the created campaign: undo the
        // campaign (a draft ends, kept for the audit trail) so the plan is a draft to correct.
        if (err instanceof DomainError && err.status < 500 && campaign.status === 'draft') {
          await deps.campaigns.act(actorId, campaignId, 'end');
          await repo.setLaunchState(db, plan.id, { campaign_id: null }, clock.now());
        }
        throw err;
      }
      await repo.setLaunchState(db, plan.id, { experiment_id: experimentId }, clock.now());
    }
    if (!plan.forecast) {
      // The snapshot the report sets beside the outcome: the forecast as it stood at launch.
      const forecast = await deps.simulator.forecast(await h.forecastInputOf(plan.id));
      await repo.setLaunchState(db, plan.id, { forecast, forecast_at: clock.now() }, clock.now());
    }
    if (campaign.status === 'draft') {
      const review = await h.checks(plan.id);
      if (review.blocked) {
        const blocking = review.findings.filter((f) => f.severity === 'block');
        throw unprocessable('PLAN_PRELAUNCH_BLOCKED', blocking.map((f) => f.message).join('; '), { campaignId, findings: blocking });
      }
      await startCampaign(actorId, m, campaignId);
    }
    if (experimentId && (await deps.experiments.get(experimentId)).status === 'draft') await deps.experiments.act(actorId, experimentId, 'start');
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await repo.setLaunchState(trx, plan.id, { status: 'launched', launched_at: now, launch_claimed_at: null }, now);
      await recordAudit(trx, now, { actorId, action: 'plan.launched', subjectType: 'plan', subjectId: plan.id, details: { campaignId, experimentId } });
    });
  }

  /**
   * Launch (idempotent): a launched plan answers as it is; otherwise take the lease and run the
   * steps not yet done. A refused first step leaves the plan a draft with nothing written; a
   * later refusal (a blocking check) leaves it `launching` with its campaign, to resume.
   */
  async function launch(actorId: string | null, id: string) {
    const current = await h.load(id);
    if (current.status === 'launched') return { plan: presentPlan(current), created: false };
    const now = clock.now();
    const plan = await repo.claimLaunch(db, id, now, new Date(+now - LEASE_MS));
    if (!plan) {
      const again = await h.load(id);
      if (again.status === 'launched') return { plan: presentPlan(again), created: false };
      throw conflict('PLAN_LAUNCH_IN_PROGRESS', 'This plan is being launched right now', { id });
    }
    try {
      await steps(actorId, plan);
    } catch (err) {
      const after = await h.load(id);
      await repo.setLaunchState(db, id, { launch_claimed_at: null, ...(after.campaign_id ? {} : { status: 'draft' as const }) }, clock.now());
      throw err;
    }
    return { plan: presentPlan(await h.load(id)), created: true };
  }

  return launch;
}
