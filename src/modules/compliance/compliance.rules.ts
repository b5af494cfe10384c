// Fair-trading rules as pure functions: plain facts about a campaign (and the prices charged) in,
// one outcome per rule out, each naming the law or platform policy it comes from. No database,
// no clock: the service gathers the facts and `now`.

export type Outcome = 'pass' | 'warn' | 'fail';

/** Where a rule comes from: the law or platform policy, and the article or section. */
export interface Source {
  law: string;
  article: string;
}

export interface RuleResult {
  rule: string;
  outcome: Outcome;
  message: string;
  source: Source;
  details?: Record<string, unknown>;
}

export const MARKETS = ['CN', 'EU'] as const;
export type Market = (typeof MARKETS)[number];

/** Days of charged prices the reference may not exceed: China's promotion rules 7, the EU's price-indication rule 30. */
export const REFERENCE_DAYS: Record<Market, number> = { CN: 7, EU: 30 };

export const SOURCES = {
  prizeCap: { law: '规范促销行为暂行规定 (SAMR Order 32)', article: 'Art. 18: the top prize of a lottery-style sale may not exceed ¥50,000' },
  rulesPublished: { law: '规范促销行为暂行规定 (SAMR Order 32)', article: 'Art. 13: prize rules published before the sale and not changed afterwards' },
  virtualMembers: { law: '电子商务法 (E-Commerce Law)', article: 'Art. 17: no fabricated transactions or misleading publicity' },
  commissionDepth: { law: '禁止传销条例 (Regulations on Prohibition of Pyramid Selling)', article: 'Art. 7: no pay on a downline’s recruiting; fission policy: at most two commission levels' },
  entryFee: { law: '禁止传销条例 (Regulations on Prohibition of Pyramid Selling)', article: 'Art. 7(2): no fee or purchase required to join' },
  referencePriceCN: { law: '规范促销行为暂行规定 (SAMR Order 32)', article: 'Art. 20: the base of a discount is the lowest price charged in the 7 days before it' },
  referencePriceEU: { law: 'Directive 98/6/EC as amended by Directive (EU) 2019/2161', article: 'Art. 6a: the prior price is the lowest price applied in the 30 days before the reduction' },
  budget: { law: 'fission store policy (DESIGN §8)', article: 'Budget safety: no campaign pays out beyond a budget' },
  endDate: { law: '规范促销行为暂行规定 (SAMR Order 32)', article: 'Art. 13: the time of a prize sale is published' },
} satisfies Record<string, Source>;

export const referenceSource = (market: Market) => (market === 'EU' ? SOURCES.referencePriceEU : SOURCES.referencePriceCN);

/** One price actually charged for a SKU (per unit, in fen). */
export interface ChargedPrice {
  unitAmount: number;
  chargedAt: Date;
}

/**
 * The highest reference price a SKU may show now: the lowest unit price charged within the last
 * `days`; with no sale in that window, the last price charged before it (the CN rule's fallback);
 * null when the SKU was never sold (then no charged price bounds it; nothing to cap).
 */
export function lawfulReference(charged: readonly ChargedPrice[], now: Date, days: number): number | null {
  const since = now.getTime() - days * 86_400_000;
  let lowest: number | null = null;
  let last: ChargedPrice | null = null;
  for (const c of charged) {
    const at = c.chargedAt.getTime();
    if (at > now.getTime()) continue;
    if (at >= since) lowest = lowest === null ? c.unitAmount : Math.min(lowest, c.unitAmount);
    else if (!last || at > last.chargedAt.getTime()) last = c;
  }
  return lowest ?? last?.unitAmount ?? null;
}

/** The reference a page may show: the one set, capped by the lawful one; null when it would not be above the price. */
export function displayedReference(listAmount: number | null, priceAmount: number, lawful: number | null): number | null {
  if (listAmount === null) return null;
  const capped = lawful === null ? listAmount : Math.min(listAmount, lawful);
  return capped > priceAmount ? capped : null;
}

/** What the pre-launch check knows about a campaign: the kernel's row, the mechanic's facts and the operator's declaration. */
export interface CampaignFacts {
  mechanic: string;
  /** Whether the operator filled in the campaign's compliance declaration. */
  declared: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  budgetAmount: number | null;
  /** The most valuable single prize (fen); null when the campaign gives no prizes. */
  maxPrizeAmount: number | null;
  prizeCapAmount: number;
  /** Published rules text, and when it was published (null: not yet). */
  rulesText: string;
  rulesPublishedAt: Date | null;
  virtualMembers: number;
  virtualMembersDisclosed: boolean;
  /** Commission levels paid (0: none). */
  commissionDepth: number;
  /** Fee or required purchase to become a promoter (fen). */
  promoterEntryFeeAmount: number;
  /** Each reference price the campaign shows next to its discount, with the lawful one (null: never sold). */
  references: { skuId: string; shownAmount: number; lawfulAmount: number | null }[];
  market: Market;
  referenceDays: number;
}

const result = (rule: string, outcome: Outcome, message: string, source: Source, details?: Record<string, unknown>): RuleResult => ({ rule, outcome, message, source, ...(details ? { details } : {}) });

export function checkPrizeCap(f: Pick<CampaignFacts, 'maxPrizeAmount' | 'prizeCapAmount'>): RuleResult {
  if (f.maxPrizeAmount === null) return result('prize_cap', 'pass', 'No prizes are given', SOURCES.prizeCap);
  if (f.maxPrizeAmount > f.prizeCapAmount) return result('prize_cap', 'fail', `The top prize is worth more than the cap of ${f.prizeCapAmount} fen`, SOURCES.prizeCap, { maxPrizeAmount: f.maxPrizeAmount, capAmount: f.prizeCapAmount });
  return result('prize_cap', 'pass', 'Every prize is within the cap', SOURCES.prizeCap, { maxPrizeAmount: f.maxPrizeAmount, capAmount: f.prizeCapAmount });
}

/** Rules must be published in full before the start; the kernel locks them once the campaign starts. */
export function checkRulesPublished(f: Pick<CampaignFacts, 'declared' | 'rulesText' | 'rulesPublishedAt' | 'startsAt'>, now: Date): RuleResult {
  // Without a declaration the mechanic's own rules (a lucky draw's rules text) are all there is: shown, not judged.
  if (!f.declared) return result('rules_published', 'warn', 'No compliance declaration: the published rules are not recorded', SOURCES.rulesPublished);
  if (!f.rulesText.trim() || !f.rulesPublishedAt) return result('rules_published', 'fail', 'The campaign rules are not published', SOURCES.rulesPublished);
  const start = f.startsAt && f.startsAt > now ? f.startsAt : now;
  if (f.rulesPublishedAt > start) return result('rules_published', 'fail', 'The rules are published after the campaign starts', SOURCES.rulesPublished, { publishedAt: f.rulesPublishedAt.toISOString() });
  return result('rules_published', 'pass', 'The rules are published and lock when the campaign starts', SOURCES.rulesPublished);
}

export function checkVirtualMembers(f: Pick<CampaignFacts, 'virtualMembers' | 'virtualMembersDisclosed'>): RuleResult {
  if (f.virtualMembers > 0 && !f.virtualMembersDisclosed) return result('virtual_members', 'fail', 'Virtual team members fill teams without being disclosed', SOURCES.virtualMembers, { virtualMembers: f.virtualMembers });
  return result('virtual_members', 'pass', f.virtualMembers > 0 ? 'Virtual team members are disclosed' : 'No virtual team members', SOURCES.virtualMembers);
}

export const MAX_COMMISSION_DEPTH = 2;

export function checkCommissionDepth(f: Pick<CampaignFacts, 'commissionDepth'>): RuleResult {
  if (f.commissionDepth > MAX_COMMISSION_DEPTH) return result('commission_depth', 'fail', `Commission is paid ${f.commissionDepth} levels deep (at most ${MAX_COMMISSION_DEPTH})`, SOURCES.commissionDepth, { depth: f.commissionDepth });
  return result('commission_depth', 'pass', `Commission depth ${f.commissionDepth} (at most ${MAX_COMMISSION_DEPTH})`, SOURCES.commissionDepth, { depth: f.commissionDepth });
}

export function checkEntryFee(f: Pick<CampaignFacts, 'promoterEntryFeeAmount'>): RuleResult {
  if (f.promoterEntryFeeAmount > 0) return result('promoter_entry_fee', 'fail', 'Becoming a promoter costs a fee or purchase', SOURCES.entryFee, { feeAmount: f.promoterEntryFeeAmount });
  return result('promoter_entry_fee', 'pass', 'Becoming a promoter is free', SOURCES.entryFee);
}

export function checkReferencePrices(f: Pick<CampaignFacts, 'references' | 'market' | 'referenceDays'>): RuleResult {
  const source = referenceSource(f.market);
  const broken = f.references.filter((r) => r.lawfulAmount !== null && r.shownAmount > r.lawfulAmount);
  if (broken.length) {
    return result('reference_price', 'fail', `A reference price is above the lowest price charged in the last ${f.referenceDays} days`, source, {
      days: f.referenceDays,
      skus: broken.map((r) => ({ skuId: r.skuId, shownAmount: r.shownAmount, lawfulAmount: r.lawfulAmount })),
    });
  }
  const unsold = f.references.filter((r) => r.lawfulAmount === null);
  if (unsold.length) return result('reference_price', 'warn', 'A reference price is shown for a SKU never sold: it has no charged price to back it', source, { skus: unsold.map((r) => r.skuId) });
  return result('reference_price', 'pass', f.references.length ? 'Every reference price is backed by a charged price' : 'No reference prices are shown', source, { days: f.referenceDays });
}

export function checkBudget(f: Pick<CampaignFacts, 'budgetAmount'>): RuleResult {
  if (f.budgetAmount === null) return result('budget_set', 'warn', 'No budget is set: costs are recorded but none is refused', SOURCES.budget);
  if (f.budgetAmount <= 0) return result('budget_set', 'fail', 'The budget is zero', SOURCES.budget);
  return result('budget_set', 'pass', 'A budget is set', SOURCES.budget, { budgetAmount: f.budgetAmount });
}

export function checkEndDate(f: Pick<CampaignFacts, 'endsAt' | 'startsAt'>): RuleResult {
  if (!f.endsAt) return result('end_date_set', 'warn', 'No end date is set', SOURCES.endDate);
  if (f.startsAt && f.endsAt <= f.startsAt) return result('end_date_set', 'fail', 'The end date is not after the start', SOURCES.endDate);
  return result('end_date_set', 'pass', 'An end date is set', SOURCES.endDate);
}

/** Every pre-launch rule except the channel policies (those run per channel, compliance.channels.ts). */
export function preLaunchRules(f: CampaignFacts, now: Date): RuleResult[] {
  return [checkPrizeCap(f), checkRulesPublished(f, now), checkVirtualMembers(f), checkCommissionDepth(f), checkEntryFee(f), checkReferencePrices(f), checkBudget(f), checkEndDate(f)];
}

/** The kernel's severities: a fail blocks the launch, a warn is shown, a pass is listed for the record. */
export const severityOf = (o: Outcome): 'block' | 'warn' | 'info' => (o === 'fail' ? 'block' : o === 'warn' ? 'warn' : 'info');
