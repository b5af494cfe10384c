// Channel policies as data: each sharing channel carries a list of rules (a code the checker
// knows, a severity, the platform document it comes from). The defaults below seed the table;
// operators may tighten or relax a channel's list in the console. Pure: no database.
import type { Outcome, RuleResult, Source } from './compliance.rules.ts';

/** The channels sharing offers (sharing.rules.ts); link and QR carry no platform policy. */
export const SHARING_CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;

/** What a channel rule can look at. */
export const POLICY_CODES = ['no_share_reward', 'no_share_for_chances', 'no_help_prompts', 'rules_in_full', 'no_private_lottery', 'no_follow_reward'] as const;
export type PolicyCode = (typeof POLICY_CODES)[number];

export interface PolicyRule {
  code: PolicyCode;
  /** fail refuses the share on this channel (and blocks launch); warn is shown only. */
  severity: 'fail' | 'warn';
  source: Source;
}

export interface ChannelPolicy {
  channel: string;
  name: string;
  rules: PolicyRule[];
}

/** What a campaign does that channel rules care about (declared by the operator, some implied by the mechanic). */
export interface SharingFacts {
  /** A coupon, points or cash for the act of sharing itself. */
  rewardsSharing: boolean;
  /** Extra draw chances or tries for sharing. */
  shareForChances: boolean;
  /** "Help me cut the price" / "help me win" prompts sent to friends. */
  helpPrompts: boolean;
  /** A prize draw run by the store (not the platform's own lottery tool). */
  lottery: boolean;
  /** A reward for following, liking or commenting. */
  rewardsFollowing: boolean;
  /** The rules text as published (its length tells whether it is there in full); null: not declared, not judged here. */
  rulesText: string | null;
}

/** A rules text shorter than this is not the rules "in full" (a title or a teaser). */
export const MIN_RULES_TEXT = 40;

const WECHAT: Source = { law: '微信外部链接内容管理规范 (WeChat external link content rules)', article: '诱导分享: rewards, chances or help prompts for sharing' };
const WECHAT_RULES: Source = { law: '微信外部链接内容管理规范 (WeChat external link content rules)', article: '活动规则: promotion rules shown in full' };
const DOUYIN: Source = { law: '抖音电商营销活动规范 (Douyin e-commerce promotion rules)', article: '诱导互动: no rewards for sharing, following or liking' };
const XHS: Source = { law: '小红书社区公约 (Xiaohongshu community rules)', article: '诱导互动与私下抽奖: draws only through the platform’s lottery tool' };
const WEIBO: Source = { law: '微博有奖活动管理规定 (Weibo prize activity rules)', article: 'Draws run through the Weibo lottery platform; rules published in full' };

export const DEFAULT_POLICIES: ChannelPolicy[] = [
  { channel: 'wechat', name: 'WeChat chats', rules: [
    { code: 'no_share_reward', severity: 'fail', source: WECHAT },
    { code: 'no_share_for_chances', severity: 'fail', source: WECHAT },
    { code: 'rules_in_full', severity: 'fail', source: WECHAT_RULES },
  ] },
  { channel: 'moments', name: 'WeChat Moments', rules: [
    { code: 'no_share_reward', severity: 'fail', source: WECHAT },
    { code: 'no_share_for_chances', severity: 'fail', source: WECHAT },
    { code: 'no_help_prompts', severity: 'fail', source: WECHAT },
    { code: 'rules_in_full', severity: 'fail', source: WECHAT_RULES },
  ] },
  { channel: 'douyin', name: 'Douyin', rules: [
    { code: 'no_share_reward', severity: 'fail', source: DOUYIN },
    { code: 'no_follow_reward', severity: 'fail', source: DOUYIN },
    { code: 'no_help_prompts', severity: 'warn', source: DOUYIN },
  ] },
  { channel: 'xiaohongshu', name: 'Xiaohongshu', rules: [
    { code: 'no_private_lottery', severity: 'fail', source: XHS },
    { code: 'no_follow_reward', severity: 'fail', source: XHS },
    { code: 'no_share_reward', severity: 'warn', source: XHS },
  ] },
  { channel: 'weibo', name: 'Weibo', rules: [
    { code: 'no_private_lottery', severity: 'warn', source: WEIBO },
    { code: 'rules_in_full', severity: 'fail', source: WEIBO },
  ] },
];

const BROKEN: Record<PolicyCode, (f: SharingFacts) => string | null> = {
  no_share_reward: (f) => (f.rewardsSharing ? 'The campaign rewards the act of sharing' : null),
  no_share_for_chances: (f) => (f.shareForChances ? 'The campaign gives more chances for sharing' : null),
  no_help_prompts: (f) => (f.helpPrompts ? 'The campaign asks friends to help (price-cut or help prompts)' : null),
  rules_in_full: (f) => (f.rulesText !== null && f.rulesText.trim().length < MIN_RULES_TEXT ? 'The rules text is not published in full' : null),
  no_private_lottery: (f) => (f.lottery ? 'The campaign runs its own prize draw' : null),
  no_follow_reward: (f) => (f.rewardsFollowing ? 'The campaign rewards following or liking' : null),
};

const RESPECTED: Record<PolicyCode, string> = {
  no_share_reward: 'no reward for the act of sharing',
  no_share_for_chances: 'no extra chances for sharing',
  no_help_prompts: 'no help or price-cut prompts',
  rules_in_full: 'rules published in full',
  no_private_lottery: 'no store-run prize draw',
  no_follow_reward: 'no reward for following or liking',
};

/** One channel's verdict: one result per rule of its policy. */
export function checkChannel(policy: ChannelPolicy, facts: SharingFacts): RuleResult[] {
  return policy.rules.map((r) => {
    const broken = BROKEN[r.code](facts);
    const outcome: Outcome = broken ? r.severity : 'pass';
    return { rule: `channel.${policy.channel}.${r.code}`, outcome, message: broken ? `${policy.name}: ${broken}` : `${policy.name}: ${RESPECTED[r.code]}`, source: r.source, details: { channel: policy.channel, code: r.code } };
  });
}

/** Whether a share on this channel must be refused (a failing rule); warns let it through. */
export function shareVerdict(policy: ChannelPolicy | undefined, facts: SharingFacts): { allowed: true } | { allowed: false; broken: RuleResult[] } {
  if (!policy) return { allowed: true };
  const broken = checkChannel(policy, facts).filter((r) => r.outcome === 'fail');
  return broken.length ? { allowed: false, broken } : { allowed: true };
}

/** A policy as an operator sent it: known codes only, each once. */
export function policyProblem(rules: readonly { code: string; severity: string }[]): string | null {
  const seen = new Set<string>();
  for (const r of rules) {
    if (!(POLICY_CODES as readonly string[]).includes(r.code)) return `unknown rule ${r.code}`;
    if (r.severity !== 'fail' && r.severity !== 'warn') return `unknown severity ${r.severity}`;
    if (seen.has(r.code)) return `rule ${r.code} listed twice`;
    seen.add(r.code);
  }
  return null;
}
