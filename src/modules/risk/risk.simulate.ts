// `fission risk simulate`: organic shoppers and labelled attacks sent through the HTTP API of an
// in-memory store, then precision, recall, false holds on organic shoppers and money saved per
// attack kind. The labels live only here: the risk module sees requests, never who is an attacker.
import { loadConfig, type Config } from '../../config.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';

/** The store the simulation talks to: booted by the caller (the CLI) on an in-memory database. */
export interface SimulationStore {
  app: App;
  platform: Platform;
  // The operator's setup steps the API has no one-call route for (appointing a promoter, a share
  // click binding a customer to one); typed by shape so risk imports no later module.
  services: {
    identity: IdentityService;
    catalog: CatalogService;
    affiliate: { appointPromoter(actorId: string | null, userId: string): Promise<unknown>; bindCustomer(customerId: string, promoterId: string, source?: 'share' | 'order' | 'operator'): Promise<unknown> };
  };
  close(): Promise<void>;
}

export const ATTACK_KINDS = ['device_farm', 'ip_farm', 'self_referral', 'helper_farm', 'coupon_farm', 'sock_puppet'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];
type Label = 'organic' | AttackKind;

interface Account { id: string; token: string; email: string; device: string; ip: string; label: Label }
interface Outcome { label: Label; kind: string; flagged: boolean; money: number }
/** One action sent, resolved against its decision at the end (a withheld reward may be withheld later). */
interface Sent { label: Label; kind: string; userId: string; campaignId: string; decisionId: string | null; given: number }

export interface SimulationReport {
  actions: number;
  precision: number;
  recall: number;
  organicActions: number;
  falseHoldRate: number;
  byAttack: Record<AttackKind, { actions: number; caught: number; moneySaved: number; moneyAttempted: number }>;
}

/** A deterministic generator: the same seed sends the same traffic. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function simulate(options: { organic: number; seed: number; boot: (config: Config, clock: ManualClock) => Promise<SimulationStore>; tuning?: Record<string, number>; log?: (line: string) => void }): Promise<SimulationReport> {
  const say = options.log ?? (() => {});
  const random = rng(options.seed);
  const config = loadConfig({ NODE_ENV: 'test' }, {
    logLevel: 'silent', demo: false, workers: false, trustProxy: ['127.0.0.1'],
    rateLimits: { authPerIp: 1e6, ordersPerUser: 1e6, ordersPerIp: 1e6, flashsalePerUser: 1e6, flashsalePerIp: 1e6, shareLinkPerIp: 1e6, eventsPerIp: 1e6 },
  });
  const clock = new ManualClock('2026-06-01T08:00:00.000Z');
  const runtime = await options.boot(config, clock);
  await runtime.app.ready();
  try {
    return await run(runtime, clock, random, options.organic, options.tuning ?? {}, say);
  } finally {
    await runtime.close();
  }
}

async function run(rt: SimulationStore, clock: ManualClock, random: () => number, organicCount: number, tuning: Record<string, number>, say: (line: string) => void): Promise<SimulationReport> {
  const settle = async () => {
    for (let i = 0; i < 20; i++) if ((await rt.platform.jobs.runDue()) + (await rt.platform.events.drain()) === 0) return;
  };
  const http = async (method: 'GET' | 'POST' | 'PUT', url: string, o: { token?: string; body?: unknown; device?: string; ip?: string } = {}) => {
    const headers: Record<string, string> = { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.device ? { 'x-device-id': o.device } : {}), ...(o.ip ? { 'x-forwarded-for': o.ip } : {}) };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await rt.app.inject({ method, url, headers, payload: o.body === undefined ? undefined : JSON.stringify(o.body) });
    return { status: res.statusCode, data: res.body ? JSON.parse(res.body) : undefined };
  };
  const must = (what: string, res: { status: number; data: any }) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.data)}`);
    return res.data;
  };
  let n = 0;
  // A card number of its own (Luhn-valid; the sandbox pays with any card that is not one of its declines).
  const cardNumber = () => {
    const digits = [4, ...Array.from({ length: 14 }, () => Math.floor(random() * 10))];
    const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    return [...digits, (10 - (sum % 10)) % 10].join('');
  };
  const publicIp = () => `${[58, 61, 101, 113, 117, 123, 180, 183][Math.floor(random() * 8)]}.${Math.floor(random() * 250) + 1}.${Math.floor(random() * 250) + 1}.${Math.floor(random() * 250) + 1}`;
  const signUp = async (label: Label, device: string, ip: string, o: { inviteCode?: string; domain?: string } = {}): Promise<Account> => {
    const email = `sim${++n}@${o.domain ?? 'example.com'}`;
    await http('POST', '/api/v1/auth/register/start', { body: { email }, ip });
    const row = await rt.platform.db.selectFrom('message_outbox').select('data').where('template', '=', 'signup.code').where('to_email', '=', email).executeTakeFirstOrThrow();
    const res = must('sign-up', await http('POST', '/api/v1/auth/register', { device, ip, body: { email, code: String(row.data.code), password: 'fission2026', displayName: `S${n}`, session: 'bearer', ...(o.inviteCode ? { inviteCode: o.inviteCode } : {}) } }));
    return { id: res.user.id, token: res.token, email, device, ip, label };
  };

  // ---- the store: an operator, two coupons, a price-cut, a referral campaign, a product ---------
  await rt.services.identity.ensureOperator('sim-operator@example.com', 'Operator-Console-2026', true);
  const op = (await http('POST', '/api/v1/auth/login', { body: { login: 'sim-operator@example.com', password: 'Operator-Console-2026', session: 'bearer' } })).data.token as string;
  if (Object.keys(tuning).length) await http('PUT', '/api/v1/admin/risk/tuning', { token: op, body: tuning });
  const coupon = async (name: string, amount: number) => {
    const t = must('coupon', await http('POST', '/api/v1/admin/coupons/templates', { token: op, body: { name, kind: 'fixed', discountAmount: amount, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100_000 } }));
    await http('POST', `/api/v1/admin/coupons/templates/${t.id}/activate`, { token: op });
    return t.id as string;
  };
  const newcomer = await coupon('新人 ¥10', 1000);
  const weekly = await coupon('周末 ¥5', 500);
  const category = await rt.services.catalog.createCategory(null, { name: '模拟', nameEn: 'Sim', slug: 'sim' });
  const [product] = await rt.services.catalog.importProducts(null, [{ title: '模拟商品', categoryId: category.id, status: 'active', skus: [{ code: 'SIM-1', price: { amount: 19_900 }, initialStock: 100_000 }] }]);
  const skuId = product!.skuIds[0]!;
  const cut = must('price-cut', await http('POST', '/api/v1/admin/bargain/campaigns', { token: op, body: { name: '砍价', skuId, floorAmount: 990, helpersNeeded: 100, stock: 10_000 } }));
  await http('POST', `/api/v1/admin/bargain/campaigns/${cut.id}/start`, { token: op });
  const ref = must('referral', await http('POST', '/api/v1/admin/referral/campaigns', { token: op, body: { name: '邀请有礼', qualifyOn: 'signup', holdHours: 24, inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 }, milestones: [] } }));
  await http('POST', `/api/v1/admin/referral/campaigns/${ref.id}/start`, { token: op });

  const sent: Sent[] = [];
  // A refused action names its decision; an allowed one is found by account, kind and campaign at the end.
  const record = (a: Account, kind: string, campaignId: string, res: { status: number; data: any }, given: number) => {
    if (res.status === 403) sent.push({ label: a.label, kind, userId: a.id, campaignId, decisionId: res.data.error.details.decisionId, given: 0 });
    else if (res.status < 300) sent.push({ label: a.label, kind, userId: a.id, campaignId, decisionId: null, given });
  };
  const claim = async (a: Account, templateId = newcomer) => record(a, 'coupon.claim', templateId, await http('POST', `/api/v1/coupons/templates/${templateId}/claim`, { token: a.token, device: a.device, ip: a.ip }), templateId === newcomer ? 1000 : 500);
  const startCut = async (a: Account) => (await http('POST', `/api/v1/bargain/campaigns/${cut.id}/cuts`, { token: a.token, device: a.device, ip: a.ip })).data.id as string;
  const help = async (a: Account, cutId: string) => {
    const res = await http('POST', `/api/v1/bargain/cuts/${cutId}/help`, { token: a.token, device: a.device, ip: a.ip });
    record(a, 'bargain.help', cut.id, res, res.status < 300 ? res.data.help.amount.amount : 0);
  };
  const inviteCode = async (a: Account) => (await http('GET', '/api/v1/me/invite', { token: a.token })).data.code as string;
  // Buying one unit: a saved address, the order, a sandbox card payment (commissions follow order.paid).
  const buy = async (a: Account, address: { recipient: string; line1: string }, card: string) => {
    const addr = must('address', await http('POST', '/api/v1/me/addresses', { token: a.token, device: a.device, ip: a.ip, body: { recipient: address.recipient, phone: '13800138000', province: '广东省', city: '深圳市', district: '南山区', line1: address.line1 } }));
    const order = must('order', await http('POST', '/api/v1/orders', { token: a.token, device: a.device, ip: a.ip, body: { items: [{ skuId, quantity: 1 }], addressId: addr.id } }));
    const payment = must('payment', await http('POST', `/api/v1/orders/${order.id}/payments`, { token: a.token, device: a.device, ip: a.ip }));
    must('confirm', await http('POST', `/api/v1/payments/${payment.id}/confirm`, { token: a.token, device: a.device, ip: a.ip, body: { card: { number: card } } }));
    await settle();
  };
  const minutes = (m: number) => clock.advance(m * 60_000);
  const seconds = (s: number) => clock.advance(s * 1000);

  // ---- organic shoppers: own phones, home networks spread over the country; friends invite,
  // claim, help each other and buy through a promoter friend at human pace ------------------------
  say(`organic: ${organicCount} shoppers`);
  const organic: Account[] = [];
  for (let i = 0; i < organicCount; i++) {
    const inviter = organic.length > 5 && random() < 0.4 ? organic[Math.floor(random() * organic.length)] : undefined;
    organic.push(await signUp('organic', `phone-${i}-${Math.floor(random() * 1e9).toString(36)}`, publicIp(), { inviteCode: inviter ? await inviteCode(inviter) : undefined }));
    minutes(3 + Math.floor(random() * 20));
    if (i % 10 === 9) await settle();
  }
  await settle();
  const organicCuts: string[] = [];
  const cutOwners = new Set<string>();
  for (const a of organic) {
    if (random() < 0.7) await claim(a);
    if (random() < 0.2) await claim(a, weekly);
    if (random() < 0.2) {
      organicCuts.push(await startCut(a));
      cutOwners.add(a.id);
    }
    minutes(1 + Math.floor(random() * 10));
  }
  for (const a of organic) {
    if (organicCuts.length && random() < 0.5) await help(a, organicCuts[Math.floor(random() * organicCuts.length)]!);
    minutes(1 + Math.floor(random() * 5));
  }
  // A promoter among them: friends who follow her shares buy one item each, shipping home.
  const promoter = organic[1]!;
  await rt.services.affiliate.appointPromoter(null, promoter.id);
  const customers = organic.slice(10).filter(() => random() < 0.1);
  for (const [i, a] of customers.entries()) {
    await rt.services.affiliate.bindCustomer(a.id, promoter.id, 'share');
    await buy(a, { recipient: `顾客${i}`, line1: `科技园 ${i + 1} 号 ${100 + i} 室` }, cardNumber());
    minutes(5 + Math.floor(random() * 30));
  }
  await settle();

  // ---- labelled attacks -----------------------------------------------------------------------
  say('attacks: device farm, IP-rotating farm, self-referral ring, helper farm, coupon farm, sock-puppet orders');
  // A device farm: eight accounts made and used on one phone, from changing networks.
  for (let i = 0; i < 8; i++) {
    const a = await signUp('device_farm', 'farm-phone-0001', publicIp());
    await settle();
    await claim(a);
    minutes(2);
  }
  // An IP-rotating farm: fresh device ids each time, all behind one /24, within the hour.
  for (let i = 0; i < 8; i++) {
    const a = await signUp('ip_farm', `rotating-${i}-${Math.floor(random() * 1e9).toString(36)}`, `203.0.113.${10 + i}`);
    await settle();
    await claim(a);
    minutes(3);
  }
  // A self-referral ring: one inviter, six "friends" made on a second phone.
  const ringLeader = await signUp('organic', 'leader-phone-01', publicIp());
  const code = await inviteCode(ringLeader);
  const ringMembers: Account[] = [];
  for (let i = 0; i < 6; i++) {
    ringMembers.push(await signUp('self_referral', 'second-phone-01', publicIp(), { inviteCode: code }));
    await settle();
    minutes(5);
  }
  // A helper farm: a starter's cut (an organic shopper without one yet) helped by accounts from two phones.
  const starter = organic.find((a) => !cutOwners.has(a.id))!;
  const farmCut = await startCut(starter);
  for (let i = 0; i < 8; i++) {
    const a = await signUp('helper_farm', `helper-phone-${i % 2}`, publicIp());
    await settle();
    await help(a, farmCut);
    minutes(1);
  }
  // Coupon farming across new accounts: a script signs up ten accounts with throwaway email, each a
  // fresh device id behind a mobile proxy (no /24 shared), then claims both coupons for each in turn.
  const farmers: Account[] = [];
  for (let i = 0; i < 10; i++) {
    farmers.push(await signUp('coupon_farm', `emu-${i}-${Math.floor(random() * 1e9).toString(36)}`, publicIp(), { domain: 'mailinator.com' }));
    seconds(20 + Math.floor(random() * 20));
  }
  await settle();
  for (const templateId of [newcomer, weekly]) {
    for (const a of farmers) {
      await claim(a, templateId);
      seconds(1 + Math.floor(random() * 3));
    }
    minutes(1);
  }
  // A promoter's sock puppets: six accounts on the promoter's second phone, bound to her, each
  // buying once to her own address with her card (an organic buyer pays with a card of their own).
  const shady = await signUp('organic', 'promoter-phone-01', publicIp());
  const shadyCard = cardNumber();
  await rt.services.affiliate.appointPromoter(null, shady.id);
  const puppets: Account[] = [];
  for (let i = 0; i < 6; i++) {
    const a = await signUp('sock_puppet', 'puppet-phone-01', publicIp());
    puppets.push(a);
    await rt.services.affiliate.bindCustomer(a.id, shady.id, 'share');
    await buy(a, { recipient: '张伟', line1: '幸福路 8 号 3 栋 502' }, shadyCard);
    minutes(7);
  }
  // Time for the graph job (a minute after new signals) to run over what came in.
  for (let i = 0; i < 3; i++) {
    minutes(6);
    await settle();
  }

  // ---- every decision as it stands at the end: a reward withheld later counts as caught -------
  const decisions = await rt.platform.db.selectFrom('risk_decisions').select(['id', 'action_kind', 'user_id', 'campaign_id', 'counterpart_id', 'status', 'money_amount']).execute();
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const byAction = new Map(decisions.map((d) => [`${d.action_kind}|${d.user_id}|${d.campaign_id}`, d]));
  const withheld = (status: string | undefined) => status === 'held' || status === 'blocked' || status === 'cancelled';
  const outcomes: Outcome[] = sent.map((x) => {
    const d = x.decisionId ? byId.get(x.decisionId) : byAction.get(`${x.kind}|${x.userId}|${x.campaignId}`);
    const caught = withheld(d?.status);
    return { label: x.label, kind: x.kind, flagged: caught, money: caught ? Number(d!.money_amount) : x.given };
  });
  // Rewards decided in the background: an inviter's reward is an attack when the invitee is a ring
  // member; a promoter's commission when the buyer is a sock puppet.
  const labelOf = new Map<string, Label>([...organic, ringLeader, ...ringMembers, shady, ...puppets].map((a) => [a.id, a.label]));
  for (const d of decisions.filter((x) => x.action_kind === 'referral.reward' || x.action_kind === 'affiliate.commission')) {
    const attack = [labelOf.get(d.user_id), labelOf.get(d.counterpart_id ?? '')].find((l) => l && l !== 'organic');
    outcomes.push({ label: attack ?? 'organic', kind: d.action_kind, flagged: withheld(d.status), money: Number(d.money_amount) });
  }
  return report(outcomes);
}

export function report(outcomes: Outcome[]): SimulationReport {
  const attack = outcomes.filter((o) => o.label !== 'organic');
  const organic = outcomes.filter((o) => o.label === 'organic');
  const tp = attack.filter((o) => o.flagged).length;
  const fp = organic.filter((o) => o.flagged).length;
  const byAttack = Object.fromEntries(ATTACK_KINDS.map((k) => {
    const mine = attack.filter((o) => o.label === k);
    return [k, { actions: mine.length, caught: mine.filter((o) => o.flagged).length, moneySaved: mine.filter((o) => o.flagged).reduce((s, o) => s + o.money, 0), moneyAttempted: mine.reduce((s, o) => s + o.money, 0) }];
  })) as SimulationReport['byAttack'];
  return {
    actions: outcomes.length,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: attack.length === 0 ? 1 : tp / attack.length,
    organicActions: organic.length,
    falseHoldRate: organic.length === 0 ? 0 : fp / organic.length,
    byAttack,
  };
}

export function formatReport(r: SimulationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `actions: ${r.actions} (organic ${r.organicActions})`,
    `precision: ${r.precision.toFixed(3)}  recall: ${r.recall.toFixed(3)}  false holds on organic shoppers: ${pct(r.falseHoldRate)}`,
    'attack kind      actions  caught  money saved / attempted (¥)',
    ...Object.entries(r.byAttack).map(([k, v]) => `${k.padEnd(16)} ${String(v.actions).padStart(7)} ${String(v.caught).padStart(7)}  ${(v.moneySaved / 100).toFixed(2)} / ${(v.moneyAttempted / 100).toFixed(2)}`),
  ];
  return lines.join('\n');
}
