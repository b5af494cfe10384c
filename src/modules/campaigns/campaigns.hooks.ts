// What a mechanic tells the kernel about itself, and the typed hooks later modules fill: who may
// take part (audience, risk), channel policies, A/B variants and pre-launch checks. A hook is a
// plain function registered by name; with none registered the kernel's answer is the permissive
// one and costs no database read.
import { mirroredStatus, type CampaignStatus, type Mechanic, type MirroredStatus } from './campaigns.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { VariantAssignment, VariantRules } from './campaigns.variants.ts';

/** What hooks see of a campaign. */
export interface CampaignView {
  id: string;
  mechanic: Mechanic;
  name: string;
  status: CampaignStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  currency: string;
  budgetAmount: number | null;
  spentAmount: number;
  /** 包邮: its orders ship free. */
  freeShipping: boolean;
}

/** One result of a pre-launch check: `block` refuses the launch, `warn` and `info` are shown. */
export interface Finding {
  check: string;
  severity: 'block' | 'warn' | 'info';
  message: string;
  details?: Record<string, unknown>;
}

/**
 * A mechanic on the kernel (in the spirit of Vendure's PromotionCondition): a small value naming
 * the mechanic, whether it can pause, how the kernel's status shows on its own rows, and its own
 * pre-launch checks. Its pure rules stay in its module.
 */
export interface MechanicDefinition {
  mechanic: Mechanic;
  /** A fixed time window (a flash-sale slot) cannot pause. */
  pausable: boolean;
  /** Mirror the kernel's new status on the mechanic's rows and publish its own events, in the same transaction. */
  apply(trx: AnyExecutor, campaignId: string, change: { from: CampaignStatus; to: CampaignStatus; at: Date; actorId: string | null }): Promise<void>;
  /** The mechanic's own checks before going live (SKU still on sale, prizes set...). */
  preLaunch?(trx: AnyExecutor, campaignId: string, now: Date): Promise<Finding[]>;
  /** The rules an A/B variant may set on its campaigns (none when absent: every config key is refused). */
  variants?: VariantRules;
  /** The most the campaign can give away by its own rules, in fen (a coupon's quantity × value); null: unbounded. */
  costCeiling?(trx: AnyExecutor, campaignId: string): Promise<number | null>;
}

export const defineMechanic = (definition: MechanicDefinition): MechanicDefinition => definition;

/** A status change that opens the campaign to shoppers for the first time (not a resume). */
export const opensNow = (change: { from: CampaignStatus; to: CampaignStatus }) => change.to === 'live' && (change.from === 'draft' || change.from === 'scheduled');

/**
 * The common mechanic: its campaign row mirrors the kernel's status (`setStatus`), and it tells its
 * own subscribers when the campaign first opens and when it ends (`announce`, same transaction).
 */
export function mirroringMechanic(spec: {
  mechanic: Mechanic;
  setStatus(trx: AnyExecutor, id: string, status: MirroredStatus, at: Date): Promise<unknown>;
  announce(trx: AnyExecutor, id: string, what: 'started' | 'ended', at: Date): Promise<void>;
  preLaunch?: MechanicDefinition['preLaunch'];
  variants?: VariantRules;
}): MechanicDefinition {
  return {
    mechanic: spec.mechanic,
    pausable: true,
    async apply(trx, id, change) {
      await spec.setStatus(trx, id, mirroredStatus(change.to), change.at);
      if (opensNow(change)) await spec.announce(trx, id, 'started', change.at);
      if (change.to === 'ended') await spec.announce(trx, id, 'ended', change.at);
    },
    ...(spec.preLaunch ? { preLaunch: spec.preLaunch } : {}),
    ...(spec.variants ? { variants: spec.variants } : {}),
  };
}

/** The pre-launch check of a mechanic that sells from its own campaign stock. */
export const stockFindings = (c: { stock_left: number; stock_total: number } | undefined): Finding[] =>
  !c || c.stock_left > 0 ? [] : [{ check: 'stock', severity: 'block', message: 'The campaign has no stock left to sell', details: { stock: c.stock_total } }];

export type AudienceDecision = { allowed: true } | { allowed: false; reason: string };

export interface CampaignHooks {
  /** Whether this shopper may take part (segments, risk blocks). Any refusal wins. */
  audience: (trx: AnyExecutor, campaign: CampaignView, userId: string) => Promise<AudienceDecision>;
  /** Findings about the channels this campaign will be shared on (WeChat forbids rewarding a share...). */
  channelPolicy: (trx: AnyExecutor, campaign: CampaignView) => Promise<Finding[]>;
  /**
   * The variant a subject sees when an experiment runs on the campaign (with what it changes); null
   * when none does. The first answer logs the subject's exposure: in `handle` when one is given (a
   * caller already inside a transaction), else in a transaction of its own.
   */
  variant: (campaign: CampaignView, subjectId: string, handle?: AnyExecutor) => Promise<VariantAssignment | null>;
  /** Checks that must pass before launch (compliance, stock, reference prices). */
  preLaunch: (trx: AnyExecutor, campaign: CampaignView, now: Date) => Promise<Finding[]>;
}

export type HookName = keyof CampaignHooks;

export class HookRegistry {
  private readonly registered: { [K in HookName]: { name: string; fn: CampaignHooks[K] }[] } = { audience: [], channelPolicy: [], variant: [], preLaunch: [] };

  /** Register a hook under a name (one per name: registering again replaces it, so tests can swap). */
  register<K extends HookName>(hook: K, name: string, fn: CampaignHooks[K]): void {
    const list = this.registered[hook] as { name: string; fn: CampaignHooks[K] }[];
    const at = list.findIndex((h) => h.name === name);
    if (at >= 0) list[at] = { name, fn };
    else list.push({ name, fn });
  }

  unregister(hook: HookName, name: string): void {
    const list = this.registered[hook] as { name: string }[];
    const at = list.findIndex((h) => h.name === name);
    if (at >= 0) list.splice(at, 1);
  }

  list<K extends HookName>(hook: K): readonly CampaignHooks[K][] {
    return (this.registered[hook] as { fn: CampaignHooks[K] }[]).map((h) => h.fn);
  }

  has(hook: HookName): boolean {
    return this.registered[hook].length > 0;
  }
}
