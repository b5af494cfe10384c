import { describe, expect, it } from 'vitest';
import { checkChannel, DEFAULT_POLICIES, MIN_RULES_TEXT, policyProblem, shareVerdict, type SharingFacts } from './compliance.channels.ts';
import {
  checkBudget,
  checkCommissionDepth,
  checkEndDate,
  checkEntryFee,
  checkPrizeCap,
  checkReferencePrices,
  checkRulesPublished,
  checkVirtualMembers,
  displayedReference,
  lawfulReference,
  preLaunchRules,
  REFERENCE_DAYS,
  severityOf,
  type CampaignFacts,
} from './compliance.rules.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-10T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('lawful reference price (lowest charged in the window)', () => {
  it('is the lowest price charged within the last N days, the boundary included', () => {
    const charged = [
      { unitAmount: 9000, chargedAt: ago(7 * DAY) },
      { unitAmount: 9900, chargedAt: ago(DAY) },
      { unitAmount: 8000, chargedAt: ago(7 * DAY + 1) },
    ];
    expect(lawfulReference(charged, now, 7)).toBe(9000);
    // One millisecond more and the 8000 sale is inside a wider window.
    expect(lawfulReference(charged, now, 8)).toBe(8000);
  });

  it('falls back to the last price charged before the window, and is null for a SKU never sold', () => {
    const charged = [
      { unitAmount: 5000, chargedAt: ago(40 * DAY) },
      { unitAmount: 7000, chargedAt: ago(10 * DAY) },
    ];
    expect(lawfulReference(charged, now, REFERENCE_DAYS.CN)).toBe(7000);
    expect(lawfulReference(charged, now, REFERENCE_DAYS.EU)).toBe(7000);
    expect(lawfulReference(charged, now, 60)).toBe(5000);
    expect(lawfulReference([], now, 7)).toBeNull();
  });

  it('ignores prices charged after now (a clock behind the data)', () => {
    expect(lawfulReference([{ unitAmount: 1, chargedAt: new Date(now.getTime() + 1) }, { unitAmount: 9, chargedAt: ago(1) }], now, 7)).toBe(9);
  });

  it('shows the set reference capped by the lawful one, only while it stays above the price', () => {
    expect(displayedReference(19900, 12900, 15900)).toBe(15900);
    expect(displayedReference(14900, 12900, 15900)).toBe(14900);
    expect(displayedReference(19900, 12900, 12900)).toBeNull();
    expect(displayedReference(19900, 12900, 12901)).toBe(12901);
    expect(displayedReference(19900, 12900, null)).toBe(19900);
    expect(displayedReference(null, 12900, 15900)).toBeNull();
  });
});

const facts = (over: Partial<CampaignFacts> = {}): CampaignFacts => ({
  mechanic: 'groupbuy',
  declared: true,
  startsAt: null,
  endsAt: new Date(now.getTime() + DAY),
  budgetAmount: 100_000,
  maxPrizeAmount: null,
  prizeCapAmount: 50_000_00,
  rulesText: '活动规则：每人限购一件，活动时间以页面为准。',
  rulesPublishedAt: ago(1),
  virtualMembers: 0,
  virtualMembersDisclosed: false,
  commissionDepth: 0,
  promoterEntryFeeAmount: 0,
  references: [],
  market: 'CN',
  referenceDays: 7,
  ...over,
});

describe('pre-launch rules (each on both sides of its threshold)', () => {
  it('prize cap: at the cap passes, one fen over fails', () => {
    expect(checkPrizeCap(facts({ maxPrizeAmount: 50_000_00 })).outcome).toBe('pass');
    const over = checkPrizeCap(facts({ maxPrizeAmount: 50_000_01 }));
    expect(over).toMatchObject({ rule: 'prize_cap', outcome: 'fail', source: { article: expect.stringContaining('Art. 18') } });
    expect(checkPrizeCap(facts({ maxPrizeAmount: null })).outcome).toBe('pass');
  });

  it('rules published: before the start passes, missing or after the start fails, undeclared warns', () => {
    expect(checkRulesPublished(facts(), now).outcome).toBe('pass');
    expect(checkRulesPublished(facts({ rulesPublishedAt: null }), now).outcome).toBe('fail');
    expect(checkRulesPublished(facts({ rulesText: '   ' }), now).outcome).toBe('fail');
    const start = new Date(now.getTime() + DAY);
    expect(checkRulesPublished(facts({ startsAt: start, rulesPublishedAt: start }), now).outcome).toBe('pass');
    expect(checkRulesPublished(facts({ startsAt: start, rulesPublishedAt: new Date(start.getTime() + 1) }), now).outcome).toBe('fail');
    expect(checkRulesPublished(facts({ declared: false }), now).outcome).toBe('warn');
  });

  it('virtual members: none or disclosed passes, one undisclosed fails', () => {
    expect(checkVirtualMembers(facts({ virtualMembers: 0 })).outcome).toBe('pass');
    expect(checkVirtualMembers(facts({ virtualMembers: 1, virtualMembersDisclosed: true })).outcome).toBe('pass');
    expect(checkVirtualMembers(facts({ virtualMembers: 1, virtualMembersDisclosed: false })).outcome).toBe('fail');
  });

  it('commission depth: 2 passes, 3 fails', () => {
    expect(checkCommissionDepth(facts({ commissionDepth: 2 })).outcome).toBe('pass');
    expect(checkCommissionDepth(facts({ commissionDepth: 3 })).outcome).toBe('fail');
  });

  it('promoter entry fee: free passes, one fen fails', () => {
    expect(checkEntryFee(facts({ promoterEntryFeeAmount: 0 })).outcome).toBe('pass');
    expect(checkEntryFee(facts({ promoterEntryFeeAmount: 1 })).outcome).toBe('fail');
  });

  it('reference price: at the lawful one passes, one fen above fails, never sold warns; the source follows the market', () => {
    expect(checkReferencePrices(facts({ references: [{ skuId: 'a', shownAmount: 9900, lawfulAmount: 9900 }] })).outcome).toBe('pass');
    const broken = checkReferencePrices(facts({ references: [{ skuId: 'a', shownAmount: 9901, lawfulAmount: 9900 }] }));
    expect(broken).toMatchObject({ outcome: 'fail', details: { skus: [{ skuId: 'a', shownAmount: 9901, lawfulAmount: 9900 }] } });
    expect(broken.source.law).toContain('Order 32');
    expect(checkReferencePrices(facts({ market: 'EU', referenceDays: 30, references: [{ skuId: 'a', shownAmount: 9901, lawfulAmount: 9900 }] })).source.article).toContain('30 days');
    expect(checkReferencePrices(facts({ references: [{ skuId: 'a', shownAmount: 9901, lawfulAmount: null }] })).outcome).toBe('warn');
  });

  it('budget: set passes, unset warns, zero fails', () => {
    expect(checkBudget(facts({ budgetAmount: 1 })).outcome).toBe('pass');
    expect(checkBudget(facts({ budgetAmount: null })).outcome).toBe('warn');
    expect(checkBudget(facts({ budgetAmount: 0 })).outcome).toBe('fail');
  });

  it('end date: after the start passes, unset warns, at the start fails', () => {
    const start = new Date(now.getTime() + DAY);
    expect(checkEndDate(facts({ startsAt: start, endsAt: new Date(start.getTime() + 1) })).outcome).toBe('pass');
    expect(checkEndDate(facts({ endsAt: null })).outcome).toBe('warn');
    expect(checkEndDate(facts({ startsAt: start, endsAt: start })).outcome).toBe('fail');
  });

  it('a clean campaign passes every rule, each with a source, and fails block the launch', () => {
    const all = preLaunchRules(facts(), now);
    expect(all.map((r) => r.rule)).toEqual(['prize_cap', 'rules_published', 'virtual_members', 'commission_depth', 'promoter_entry_fee', 'reference_price', 'budget_set', 'end_date_set']);
    expect(all.every((r) => r.outcome === 'pass' && r.source.law && r.source.article)).toBe(true);
    expect([severityOf('fail'), severityOf('warn'), severityOf('pass')]).toEqual(['block', 'warn', 'info']);
  });
});

const clean: SharingFacts = { rewardsSharing: false, shareForChances: false, helpPrompts: false, lottery: false, rewardsFollowing: false, rulesText: '规'.repeat(MIN_RULES_TEXT) };
const policy = (channel: string) => DEFAULT_POLICIES.find((p) => p.channel === channel)!;

describe('channel policies', () => {
  it('WeChat: a reward for sharing or share-for-chances fails, help prompts fail on Moments only', () => {
    expect(checkChannel(policy('wechat'), clean).every((r) => r.outcome === 'pass')).toBe(true);
    expect(shareVerdict(policy('wechat'), { ...clean, rewardsSharing: true }).allowed).toBe(false);
    expect(shareVerdict(policy('wechat'), { ...clean, shareForChances: true }).allowed).toBe(false);
    expect(shareVerdict(policy('wechat'), { ...clean, helpPrompts: true }).allowed).toBe(true);
    expect(shareVerdict(policy('moments'), { ...clean, helpPrompts: true }).allowed).toBe(false);
  });

  it('rules text: in full at the minimum length passes, one character short fails, unknown is not judged', () => {
    expect(shareVerdict(policy('wechat'), { ...clean, rulesText: '规'.repeat(MIN_RULES_TEXT) }).allowed).toBe(true);
    expect(shareVerdict(policy('wechat'), { ...clean, rulesText: '规'.repeat(MIN_RULES_TEXT - 1) }).allowed).toBe(false);
    expect(shareVerdict(policy('wechat'), { ...clean, rulesText: null }).allowed).toBe(true);
  });

  it('Xiaohongshu refuses a store-run draw, Weibo only warns; Douyin refuses follow rewards and warns on help prompts', () => {
    expect(shareVerdict(policy('xiaohongshu'), { ...clean, lottery: true }).allowed).toBe(false);
    expect(shareVerdict(policy('weibo'), { ...clean, lottery: true }).allowed).toBe(true);
    expect(checkChannel(policy('weibo'), { ...clean, lottery: true }).find((r) => r.outcome === 'warn')?.details).toEqual({ channel: 'weibo', code: 'no_private_lottery' });
    expect(shareVerdict(policy('douyin'), { ...clean, rewardsFollowing: true }).allowed).toBe(false);
    expect(shareVerdict(policy('douyin'), { ...clean, helpPrompts: true }).allowed).toBe(true);
  });

  it('a channel without a policy (a plain link, a QR code) allows everything', () => {
    expect(shareVerdict(undefined, { ...clean, rewardsSharing: true, lottery: true }).allowed).toBe(true);
  });

  it('an operator’s policy lists known rules once each', () => {
    expect(policyProblem([{ code: 'no_share_reward', severity: 'fail' }])).toBeNull();
    expect(policyProblem([{ code: 'no_such', severity: 'fail' }])).toMatch(/unknown rule/);
    expect(policyProblem([{ code: 'no_share_reward', severity: 'block' }])).toMatch(/severity/);
    expect(policyProblem([{ code: 'no_share_reward', severity: 'fail' }, { code: 'no_share_reward', severity: 'warn' }])).toMatch(/twice/);
  });
});
