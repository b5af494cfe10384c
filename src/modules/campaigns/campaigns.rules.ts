// The one lifecycle every campaign follows, whatever its mechanic (group buy, price-cut, flash
// sale, lucky draw, referral, coupon, coupon pack), and the budget arithmetic. Pure: no database.
//
//   draft ──start──▶ scheduled ──(starts_at)──▶ live ⇄ paused
//     │                 │                        │       │
//     └──────end────────┴─────────end────────────┴───────┴──▶ ended
//
// Rules are the published promise to shoppers: they are editable only while a draft. Scheduling
// already locks them, because the storefront may announce an upcoming campaign.

export const MECHANICS = ['groupbuy', 'bargain', 'flashsale', 'lottery', 'referral', 'coupon', 'coupon_pack'] as const;
/** The mechanics that place orders at a campaign price: the ones with shipping a campaign can waive (包邮). */
export const SELLING_MECHANICS: readonly string[] = ['groupbuy', 'bargain', 'flashsale'];
export type Mechanic = (typeof MECHANICS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'live', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type LifecycleAction = 'start' | 'go_live' | 'pause' | 'resume' | 'end';

export interface LifecycleState {
  status: CampaignStatus;
  startsAt: Date | null;
  endsAt: Date | null;
}

export type Transition = { ok: true; to: CampaignStatus } | { ok: false; reason: 'not_allowed' | 'already_over' | 'pause_unsupported' };

/**
 * Where an action leads. `start` goes live at once unless the campaign starts later, in which case
 * it is scheduled (a job moves it live at `startsAt`); `go_live` is that job's action. A campaign
 * whose end has passed cannot start. `pause` is refused for mechanics that have no paused state
 * (a flash sale is a fixed time window).
 */
export function transition(state: LifecycleState, action: LifecycleAction, now: Date, options: { pausable?: boolean } = {}): Transition {
  const { status } = state;
  switch (action) {
    case 'start':
      if (status !== 'draft') return { ok: false, reason: 'not_allowed' };
      if (state.endsAt && state.endsAt <= now) return { ok: false, reason: 'already_over' };
      return { ok: true, to: state.startsAt && state.startsAt > now ? 'scheduled' : 'live' };
    case 'go_live':
      return status === 'scheduled' ? { ok: true, to: 'live' } : { ok: false, reason: 'not_allowed' };
    case 'pause':
      if (options.pausable === false) return { ok: false, reason: 'pause_unsupported' };
      return status === 'live' ? { ok: true, to: 'paused' } : { ok: false, reason: 'not_allowed' };
    case 'resume':
      return status === 'paused' ? { ok: true, to: 'live' } : { ok: false, reason: 'not_allowed' };
    case 'end':
      return status === 'ended' ? { ok: false, reason: 'not_allowed' } : { ok: true, to: 'ended' };
  }
}

/** Published rules never change once the campaign has left its draft. */
export const rulesLocked = (status: CampaignStatus) => status !== 'draft';

/** Shoppers can take part only while live and inside the campaign's window. */
export function isRunning(state: LifecycleState, now: Date): boolean {
  return state.status === 'live' && (!state.startsAt || state.startsAt <= now) && (!state.endsAt || state.endsAt > now);
}

/** What a shopper-facing label should say: a scheduled campaign is "not started", never "live". */
export function phase(state: LifecycleState, now: Date): 'draft' | 'upcoming' | 'running' | 'paused' | 'over' {
  if (state.status === 'draft') return 'draft';
  if (state.status === 'ended' || (state.endsAt && state.endsAt <= now)) return 'over';
  if (state.status === 'paused') return 'paused';
  if (state.status === 'scheduled' || (state.startsAt && state.startsAt > now)) return 'upcoming';
  return 'running';
}

export interface Budget {
  /** Null: no ceiling (cost is still recorded). */
  limitAmount: number | null;
  spentAmount: number;
}

/** Whether spending `amount` more keeps the campaign within its budget. */
export const withinBudget = (b: Budget, amount: number) => b.limitAmount === null || b.spentAmount + amount <= b.limitAmount;

/** Left to spend, or null when unlimited. */
export const budgetLeft = (b: Budget) => (b.limitAmount === null ? null : Math.max(0, b.limitAmount - b.spentAmount));

/** A new ceiling may not fall below what has already been spent. */
export const budgetProblem = (limitAmount: number | null, spentAmount: number): 'BELOW_SPENT' | null =>
  limitAmount !== null && limitAmount < spentAmount ? 'BELOW_SPENT' : null;

/** What a cost entry is for: the cost ledger behind CAC and ROI (DESIGN §7). */
export const COST_KINDS = ['discount', 'coupon', 'points', 'prize', 'reward', 'commission'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * How a mechanic's own status column mirrors the kernel: the mechanics called "live" `active`
 * before the kernel existed, and their API and storefront still say so.
 */
export type MirroredStatus = 'draft' | 'scheduled' | 'active' | 'paused' | 'ended';
export const mirroredStatus = (status: CampaignStatus): MirroredStatus => (status === 'live' ? 'active' : status);

/**
 * Whether shoppers may take part, judged from a mechanic's mirrored row: live inside its window,
 * or scheduled and its start has come (the start job may run a poll later; shoppers should not
 * wait for it).
 */
export function openForShoppers(c: { status: MirroredStatus; startsAt: Date | null; endsAt: Date | null }, now: Date): boolean {
  const started = c.status === 'active' || (c.status === 'scheduled' && !!c.startsAt && c.startsAt <= now);
  return started && (!c.startsAt || c.startsAt <= now) && (!c.endsAt || c.endsAt > now);
}

/** What `start` would do now, for the launch review: go live, be scheduled, or be refused (and why). */
export function launchOutcome(state: LifecycleState, now: Date): { startsAs: 'live' | 'scheduled' | null; refusal: 'not_allowed' | 'already_over' | null } {
  const t = transition(state, 'start', now);
  return t.ok ? { startsAs: t.to === 'scheduled' ? 'scheduled' : 'live', refusal: null } : { startsAs: null, refusal: t.reason === 'already_over' ? 'already_over' : 'not_allowed' };
}

/** What can be locked at launch (rules, window, declaration, free shipping once on) and what stays open. */
export type LaunchLock = 'rules' | 'window' | 'declaration' | 'freeShipping';
export type LaunchLever = 'budget' | 'freeShipping' | 'pause' | 'end';

/**
 * What a launch locks, named for the launch review: the mechanic's rules, the campaign window and
 * the compliance declaration (all behind `rulesLocked`), and 包邮 once on (it may be turned on
 * later, never off). The budget, pausing and ending stay in the operator's hands.
 */
export function launchLocks(c: { mechanic: Mechanic; freeShipping: boolean }, pausable: boolean): { locked: LaunchLock[]; editable: LaunchLever[] } {
  const selling = SELLING_MECHANICS.includes(c.mechanic);
  const locked: LaunchLock[] = ['rules', 'window', 'declaration', ...(selling && c.freeShipping ? (['freeShipping'] as const) : [])];
  const editable: LaunchLever[] = ['budget', ...(selling && !c.freeShipping ? (['freeShipping'] as const) : []), ...(pausable ? (['pause'] as const) : []), 'end'];
  return { locked, editable };
}

/**
 * The most a campaign can cost: the lower of its budget and its mechanic's own ceiling (a coupon's
 * quantity × value); null when neither bounds it.
 */
export function costCeiling(budgetAmount: number | null, mechanicCeiling: number | null): { amount: number | null; basis: 'budget' | 'mechanic' | 'none' } {
  if (budgetAmount === null && mechanicCeiling === null) return { amount: null, basis: 'none' };
  if (mechanicCeiling === null || (budgetAmount !== null && budgetAmount <= mechanicCeiling)) return { amount: budgetAmount, basis: 'budget' };
  return { amount: mechanicCeiling, basis: 'mechanic' };
}
