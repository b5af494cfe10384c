// What the planner uses of other modules: their services, through their index.ts, narrowed to
// the methods it calls.
import type { AnalyticsService } from '../analytics/index.ts';
import type { AudienceService } from '../audience/index.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { CouponsService } from '../coupons/index.ts';
import type { ExperimentsService } from '../experiments/index.ts';
import type { InventoryService } from '../inventory/index.ts';
import type { Forecast, ForecastInput } from '../simulator/index.ts';
import type { Reward } from './planner.rules.ts';

/** What groupbuy's createCampaign takes (the fields a plan sets). */
export interface GroupbuyCampaignInput {
  name: string;
  skuId: string;
  groupPrice: number;
  teamSize: number;
  stock: number;
  expiryHours?: number;
  perUserLimit?: number;
  newCustomersOnly?: boolean;
  leaderDiscount?: number;
  startsAt?: string | null;
  endsAt?: string | null;
}

/** What referral's createCampaign takes (the fields a plan sets). */
export interface ReferralCampaignInput {
  name: string;
  qualifyOn?: 'first_paid_order' | 'signup';
  inviterReward: Reward | null;
  inviteeReward: Reward | null;
  holdHours?: number;
  inviterDailyCap?: number;
  startsAt?: string | null;
  endsAt?: string | null;
}

/** The parts of the mechanic services a plan creates and starts campaigns through. */
export interface PlannerMechanics {
  groupbuy: { createCampaign(actorId: string | null, input: GroupbuyCampaignInput): Promise<{ id: string }>; startCampaign(actorId: string | null, id: string): Promise<unknown> };
  referral: { createCampaign(actorId: string | null, input: ReferralCampaignInput): Promise<{ id: string }>; setStatus(actorId: string | null, id: string, status: 'active' | 'ended'): Promise<unknown> };
  coupons: Pick<CouponsService, 'createTemplate' | 'setTemplateStatus' | 'getTemplate'>;
}

export interface PlannerDeps extends PlannerMechanics {
  campaigns: Pick<CampaignsService, 'get' | 'checks' | 'setBudget' | 'act'>;
  catalog: Pick<CatalogService, 'getSkusForPricing'>;
  inventory: Pick<InventoryService, 'getAvailability'>;
  audience: Pick<AudienceService, 'getSegment' | 'preview' | 'setCampaignSegment'>;
  compliance: { preLaunch(handle: any, campaign: any, now: Date): Promise<{ check: string; severity: 'block' | 'warn' | 'info'; message: string; details?: Record<string, unknown> }[]> };
  experiments: Pick<ExperimentsService, 'create' | 'act' | 'get' | 'results'>;
  analytics: Pick<AnalyticsService, 'campaignReport' | 'viralReport'>;
  simulator: { forecast(input: ForecastInput): Promise<Forecast> };
}
