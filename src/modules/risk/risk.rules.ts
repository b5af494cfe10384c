// Fraud rules as plain data in, decisions out: which identifiers an action carries, how each
// piece of evidence weighs, and where a mechanic's level puts the allow / hold / block lines.
// No database and no clock here: the service gathers the facts and records the answer.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';

/** The reward points risk is asked about, one per mechanic's reward. */
export const ACTION_KINDS = ['referral.reward', 'coupon.claim', 'coupon.pack', 'bargain.help', 'groupbuy.join', 'lottery.draw', 'lottery.chance', 'affiliate.commission', 'share.click'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The mechanic an action belongs to: levels are set per mechanic, and per campaign over that. */
export const mechanicOf = (kind: ActionKind): string => kind.split('.')[0]!;

/** `off` switches risk out of a mechanic or campaign: no signals, no decision, everything allowed. */
export type Level = 'strict' | 'moderate' | 'relaxed' | 'off';
export const LEVELS: readonly Level[] = ['strict', 'moderate', 'relaxed', 'off'];
export type Verdict = 'allow' | 'hold' | 'block';

/** Scores at or above `hold` hold the reward for review; at or above `block` the action is refused. */
export const THRESHOLDS: Record<Exclude<Level, 'off'>, { hold: number; block: number }> = {
  strict: { hold: 30, block: 70 },
  moderate: { hold: 45, block: 90 },
  relaxed: { hold: 60, block: 120 },
};

export const BLACKLIST_KINDS = ['device', 'ip', 'phone', 'card', 'address'] as const;
export type BlacklistKind = (typeof BLACKLIST_KINDS)[number];

export type ReasonCode =
  | 'BLACKLISTED'
  | 'SHARED_DEVICE_WITH_COUNTERPART'
  | 'SHARED_NETWORK_WITH_COUNTERPART'
  | 'SHARED_PHONE_PREFIX_WITH_COUNTERPART'
  | 'COUNTERPART_ON_DEVICE_FARM'
  | 'DEVICE_FARM'
  | 'SHARED_DEVICE'
  | 'NETWORK_BURST'
  | 'NEW_ACCOUNT'
  | 'DISPOSABLE_EMAIL'
  | 'RING_MEMBER'
  | 'NEW_CUSTOMER_OFFER_ON_BUYERS_DEVICE';

export interface Reason {
  code: ReasonCode;
  weight: number;
  /** Numbers behind it (how many accounts, which identifier kind), for the reviewer. */
  detail: Record<string, string | number>;
}

/** What one action carries: the identifiers the graph links accounts by. */
export interface Signals {
  deviceId: string | null;
  ip: string | null;
  ipPrefix: string | null;
  userAgent: string | null;
  phonePrefix: string | null;
  addressHash: string | null;
  cardFingerprint: string | null;
  emailDomain: string | null;
  disposableEmail: boolean;
  accountAgeSeconds: number | null;
  firstOrder: boolean | null;
}

/** One action at a mechanic's reward point. */
export interface RiskAction {
  kind: ActionKind;
  userId: string;
  campaignId: string | null;
  /** The mechanic's own key for what a release pays (a reward key, a coupon claim); unique per kind. */
  subjectRef?: string | null;
  /** The other side: the inviter, the price-cut owner, the team leader, the promoter. */
  counterpartId?: string | null;
  /** The offer is for new customers only (a 新人 team or price): an old customer's second account is the abuse. */
  newCustomersOnly?: boolean;
  /** The value at stake in fen (a reward's cost, a coupon's face value). */
  money?: { amount: number; currency: string };
  /** What the releaser needs to pay later (a claimed coupon's template). */
  payload?: Record<string, string>;
  /** The mechanic pays later (its own review window): new evidence may still hold it meanwhile. */
  paysLater?: boolean;
  /** Identifiers the mechanic knows and a request does not carry. */
  known?: { addressHash?: string | null; cardFingerprint?: string | null };
}

/** Everything the service counted about an action, for `score`. */
export interface Evidence {
  signals: Signals;
  /** Identifier kinds found on the blacklist. */
  blacklisted: BlacklistKind[];
  /** The other side of the action (inviter, price-cut owner, team leader, promoter). */
  counterpart: { sharesDevice: boolean; sharesNetwork: boolean; sharesPhonePrefix: boolean; onDeviceFarm?: boolean } | null;
  /** Distinct accounts seen on this action's device, this one included. */
  deviceAccounts: number;
  /** Distinct accounts doing this kind of action on this campaign from the same /24 (/64) lately. */
  networkAccounts: number;
  /** The graph job put this account in a flagged cluster (size, why). */
  ring: { size: number; why: string } | null;
  /** For a new-customers-only offer: other accounts on this account's devices that have paid before. */
  buyersOnDevice?: number;
}

export interface Tuning {
  /** Accounts on one device from which it counts as a farm. */
  deviceFarmAccounts: number;
  /** Accounts from one network on one campaign within the window from which it is a burst. */
  networkBurstAccounts: number;
  /** Accounts younger than this are new. */
  newAccountSeconds: number;
}

export const DEFAULT_TUNING: Tuning = { deviceFarmAccounts: 3, networkBurstAccounts: 5, newAccountSeconds: 24 * 3600 };

/** What an operator may set each threshold to. */
export const TUNING_BOUNDS: Record<keyof Tuning, { min: number; max: number }> = {
  deviceFarmAccounts: { min: 2, max: 100 },
  networkBurstAccounts: { min: 2, max: 10_000 },
  newAccountSeconds: { min: 0, max: 90 * 86_400 },
};

/** Stored rows over the defaults; a row outside its bounds (or unknown) is ignored. */
export function tuningFrom(rows: readonly { key: string; value: number }[]): Tuning {
  const t = { ...DEFAULT_TUNING };
  for (const r of rows) {
    const bounds = TUNING_BOUNDS[r.key as keyof Tuning];
    if (bounds && Number.isInteger(r.value) && r.value >= bounds.min && r.value <= bounds.max) t[r.key as keyof Tuning] = r.value;
  }
  return t;
}

/** The evidence weighed: every reason that applies with its weight; the score is their sum. */
export function reasonsFor(e: Evidence, tuning: Tuning = DEFAULT_TUNING): Reason[] {
  const out: Reason[] = [];
  if (e.blacklisted.length) out.push({ code: 'BLACKLISTED', weight: 1000, detail: { kinds: e.blacklisted.join(',') } });
  if (e.counterpart?.sharesDevice) out.push({ code: 'SHARED_DEVICE_WITH_COUNTERPART', weight: 90, detail: {} });
  if (e.counterpart?.sharesNetwork) out.push({ code: 'SHARED_NETWORK_WITH_COUNTERPART', weight: 30, detail: { prefix: e.signals.ipPrefix ?? '' } });
  if (e.counterpart?.sharesPhonePrefix) out.push({ code: 'SHARED_PHONE_PREFIX_WITH_COUNTERPART', weight: 15, detail: { prefix: e.signals.phonePrefix ?? '' } });
  if (e.counterpart?.onDeviceFarm) out.push({ code: 'COUNTERPART_ON_DEVICE_FARM', weight: 60, detail: {} });
  if (e.deviceAccounts >= tuning.deviceFarmAccounts) out.push({ code: 'DEVICE_FARM', weight: 60, detail: { accounts: e.deviceAccounts } });
  // Two accounts on a device, one of them the other party, is that reason already.
  else if (e.deviceAccounts === 2 && !e.counterpart?.sharesDevice) out.push({ code: 'SHARED_DEVICE', weight: 20, detail: { accounts: 2 } });
  if (e.networkAccounts >= tuning.networkBurstAccounts) out.push({ code: 'NETWORK_BURST', weight: 35, detail: { accounts: e.networkAccounts, prefix: e.signals.ipPrefix ?? '' } });
  if (e.signals.accountAgeSeconds !== null && e.signals.accountAgeSeconds < tuning.newAccountSeconds) out.push({ code: 'NEW_ACCOUNT', weight: 10, detail: { ageSeconds: e.signals.accountAgeSeconds } });
  if (e.signals.disposableEmail) out.push({ code: 'DISPOSABLE_EMAIL', weight: 25, detail: { domain: e.signals.emailDomain ?? '' } });
  if (e.ring) out.push({ code: 'RING_MEMBER', weight: 60, detail: { size: e.ring.size, why: e.ring.why } });
  // A new-customer price taken by a fresh account on the phone of someone who already buys here.
  if (e.buyersOnDevice) out.push({ code: 'NEW_CUSTOMER_OFFER_ON_BUYERS_DEVICE', weight: 50, detail: { buyers: e.buyersOnDevice } });
  return out;
}

export const scoreOf = (reasons: readonly Reason[]): number => reasons.reduce((s, r) => s + r.weight, 0);

/** Where a score falls at a level. A blacklist hit blocks at every level. */
export function verdictFor(score: number, level: Level): Verdict {
  if (level === 'off') return 'allow';
  const t = THRESHOLDS[level];
  if (score >= t.block) return 'block';
  if (score >= t.hold) return 'hold';
  return 'allow';
}

/** A campaign's own level wins over its mechanic's, which wins over moderate. */
export const levelFor = (campaignLevel: Level | null, mechanicLevel: Level | null): Level => campaignLevel ?? mechanicLevel ?? 'moderate';

const TEXT: Record<ReasonCode, { en: (d: Reason['detail']) => string; zh: (d: Reason['detail']) => string }> = {
  BLACKLISTED: { en: (d) => `on the blacklist (${d.kinds})`, zh: (d) => `命中黑名单（${d.kinds}）` },
  SHARED_DEVICE_WITH_COUNTERPART: { en: () => 'same device as the other party', zh: () => '与对方使用同一设备' },
  SHARED_NETWORK_WITH_COUNTERPART: { en: (d) => `same network (${d.prefix}) as the other party`, zh: (d) => `与对方处于同一网段（${d.prefix}）` },
  SHARED_PHONE_PREFIX_WITH_COUNTERPART: { en: (d) => `same phone number block (${d.prefix}) as the other party`, zh: (d) => `与对方手机号段相同（${d.prefix}）` },
  COUNTERPART_ON_DEVICE_FARM: { en: () => 'the other party uses a device shared by many accounts', zh: () => '对方所用设备登录了多个账号' },
  DEVICE_FARM: { en: (d) => `${d.accounts} accounts on one device`, zh: (d) => `同一设备登录了 ${d.accounts} 个账号` },
  SHARED_DEVICE: { en: () => 'device shared with another account', zh: () => '设备与另一账号共用' },
  NETWORK_BURST: { en: (d) => `${d.accounts} accounts from network ${d.prefix} on this campaign within the hour`, zh: (d) => `一小时内有 ${d.accounts} 个账号从网段 ${d.prefix} 参与本活动` },
  NEW_ACCOUNT: { en: () => 'account less than a day old', zh: () => '账号注册不足一天' },
  DISPOSABLE_EMAIL: { en: (d) => `disposable email domain ${d.domain}`, zh: (d) => `使用一次性邮箱域名 ${d.domain}` },
  RING_MEMBER: { en: (d) => `member of a linked group of ${d.size} accounts (${d.why})`, zh: (d) => `属于 ${d.size} 个关联账号组成的团伙（${d.why}）` },
  NEW_CUSTOMER_OFFER_ON_BUYERS_DEVICE: { en: (d) => `new-customer offer taken on a device where ${d.buyers} paying customer(s) already buy`, zh: (d) => `新人专享由已有 ${d.buyers} 个付款老客的设备领取` },
};

const VERDICT_TEXT: Record<Verdict, { en: string; zh: string }> = {
  allow: { en: 'Allowed', zh: '放行' },
  hold: { en: 'Held for review', zh: '暂扣待审核' },
  block: { en: 'Blocked', zh: '拦截' },
};

/** The reviewer's sentence, in both languages: the verdict, the score and each reason. */
export function explain(verdict: Verdict, score: number, reasons: readonly Reason[]): { en: string; zh: string } {
  const v = VERDICT_TEXT[verdict];
  if (reasons.length === 0) return { en: `${v.en}: no risk signals.`, zh: `${v.zh}：无风险信号。` };
  return {
    en: `${v.en} (score ${score}): ${reasons.map((r) => TEXT[r.code].en(r.detail)).join('; ')}.`,
    zh: `${v.zh}（风险分 ${score}）：${reasons.map((r) => TEXT[r.code].zh(r.detail)).join('；')}。`,
  };
}

// ---- identifiers ------------------------------------------------------------------------------

const NOT_A_CLIENT_NETWORK = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal', 'unspecified']);

/** The network an address sits in: its /24 for IPv4, its /64 for IPv6 (IPv4-mapped IPv6 is IPv4). */
export function networkPrefix(ip: string | null): string | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  // Loopback and private addresses say where the last proxy was, not the shopper: behind a proxy
  // FISSION_TRUST_PROXY does not trust, every client would share one "network".
  if (NOT_A_CLIENT_NETWORK.has(addr.range())) return null;
  if (addr.kind() === 'ipv4') return `${(addr as ipaddr.IPv4).octets.slice(0, 3).join('.')}.0/24`;
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/** A CIDR range or a single address an operator may blacklist, normalised; null when it is not one. */
export function normaliseRange(value: string): string | null {
  try {
    if (value.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(value.trim());
      return `${addr.toString()}/${bits}`;
    }
    return ipaddr.isValid(value.trim()) ? ipaddr.parse(value.trim()).toString() : null;
  } catch {
    return null;
  }
}

/** Whether an address falls in any of the ranges (single addresses are their own range). */
export function ipInRanges(ip: string | null, ranges: readonly string[]): boolean {
  if (!ip || !ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return ranges.some((r) => {
    const range = r.includes('/') ? ipaddr.parseCIDR(r) : [ipaddr.parse(r), ipaddr.parse(r).kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    return range[0].kind() === addr.kind() && addr.match(range);
  });
}

/** The carrier segment and area block of a mainland mobile number (its first 7 digits). */
export function phonePrefix(phone: string | null): string | null {
  const digits = phone?.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '') ?? '';
  return /^1\d{10}$/.test(digits) ? digits.slice(0, 7) : null;
}

/**
 * One shipping address however it is typed: full-width to half-width, no spaces or punctuation,
 * lower case, 号/室/栋 units kept; hashed so the raw address is not copied into risk tables.
 */
export function addressHash(address: { province?: string; city?: string; district?: string; line1: string } | null): string | null {
  if (!address) return null;
  const text = [address.province, address.city, address.district, address.line1].filter(Boolean).join('')
    .normalize('NFKC').toLowerCase().replace(/[\s,，.。·\-—_#()（）]/g, '');
  return text ? createHash('sha256').update(text).digest('hex').slice(0, 32) : null;
}

const disposable = new Set<string>(createRequire(import.meta.url)('disposable-email-domains') as string[]);

/** The domain of an email and whether it is a throwaway one (the maintained disposable-domain list). */
export function emailDomainOf(email: string | null): { domain: string | null; disposable: boolean } {
  const domain = email?.split('@')[1]?.trim().toLowerCase() || null;
  return { domain, disposable: !!domain && disposable.has(domain) };
}

// ---- alerts on bursts ---------------------------------------------------------------------------

/** Holds or blocks from one campaign or one network within `windowMs` that make an alert. */
export const ALERT_RULE = { windowMs: 10 * 60_000, min: 5 };

export interface Refusal { campaignId: string | null; ipPrefix: string | null; kind: string; at: Date; money: number }
export interface BurstAlert { scope: 'campaign' | 'network'; key: string; count: number; money: number; kinds: string[]; from: Date; to: Date }

/**
 * Bursts of holds and blocks: for each campaign and each /24 (/64), the largest run of refusals
 * within the window (a sliding window over their times), reported when it reaches the minimum.
 * One alert per campaign or network: its busiest window.
 */
export function burstAlerts(refusals: readonly Refusal[], rule = ALERT_RULE): BurstAlert[] {
  const groups = new Map<string, { scope: BurstAlert['scope']; key: string; items: Refusal[] }>();
  const add = (scope: BurstAlert['scope'], key: string | null, r: Refusal) => {
    if (!key) return;
    const g = groups.get(`${scope}:${key}`) ?? { scope, key, items: [] };
    g.items.push(r);
    groups.set(`${scope}:${key}`, g);
  };
  for (const r of refusals) {
    add('campaign', r.campaignId, r);
    add('network', r.ipPrefix, r);
  }
  const alerts: BurstAlert[] = [];
  for (const g of groups.values()) {
    const items = [...g.items].sort((a, b) => a.at.getTime() - b.at.getTime());
    let best: [number, number] = [0, 0];
    for (let start = 0, end = 0; end < items.length; end++) {
      while (items[end]!.at.getTime() - items[start]!.at.getTime() > rule.windowMs) start++;
      if (end - start + 1 > best[1] - best[0]) best = [start, end + 1];
    }
    const run = items.slice(best[0], best[1]);
    if (run.length >= rule.min) {
      alerts.push({ scope: g.scope, key: g.key, count: run.length, money: run.reduce((s, r) => s + r.money, 0), kinds: [...new Set(run.map((r) => r.kind))].sort(), from: run[0]!.at, to: run[run.length - 1]!.at });
    }
  }
  return alerts.sort((a, b) => b.to.getTime() - a.to.getTime() || b.count - a.count);
}
