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
  services: { identity: IdentityService; catalog: CatalogService };
  close(): Promise<void>;
}

export type AttackKind = 'device_farm' | 'ip_farm' | 'self_referral' | 'helper_farm';
type Label = 'organic' | AttackKind;

interface Account { id: string; token: string; email: string; device: string; ip: string; label: Label }
interface Outcome { label: Label; kind: string; flagged: boolean; money: number }

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
  let n = 0;
  const publicIp = () => `${[58, 61, 101, 113, 117, 123, 180, 183][Math.floor(random() * 8)]}.${Math.floor(random() * 250) + 1}.${Math.floor(random() * 250) + 1}.${Math.floor(random() * 250) + 1}`;
  const signUp = async (label: Label, device: string, ip: string, inviteCode?: string): Promise<Account> => {
    const email = `sim${++n}@example.com`;
    await http('POST', '/api/v1/auth/register/start', { body: { email }, ip });
    const row = await rt.platform.db.selectFrom('message_outbox').select('data').where('template', '=', 'signup.code').where('to_email', '=', email).executeTakeFirstOrThrow();
    const res = await http('POST', '/api/v1/auth/register', { device, ip, body: { email, code: String(row.data.code), password: 'fission2026', displayName: `S${n}`, session: 'bearer', ...(inviteCode ? { inviteCode } : {}) } });
    if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.data)}`);
    return { id: res.data.user.id, token: res.data.token, email, device, ip, label };
  };

  // ---- the store: an operator, a coupon, a price-cut campaign and a referral campaign ----------
  await rt.services.identity.ensureOperator('sim-operator@example.com', 'Operator-Console-2026', true);
  const op = (await http('POST', '/api/v1/auth/login', { body: { login: 'sim-operator@example.com', password: 'Operator-Console-2026', session: 'bearer' } })).data.token as string;
  if (Object.keys(tuning).length) await http('PUT', '/api/v1/admin/risk/tuning', { token: op, body: tuning });
  const tpl = (await http('POST', '/api/v1/admin/coupons/templates', { token: op, body: { name: '新人 ¥10', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100_000 } })).data;
  await http('POST', `/api/v1/admin/coupons/templates/${tpl.id}/activate`, { token: op });
  const category = await rt.services.catalog.createCategory(null, { name: '模拟', nameEn: 'Sim', slug: 'sim' });
  const [product] = await rt.services.catalog.importProducts(null, [{ title: '模拟商品', categoryId: category.id, status: 'active', skus: [{ code: 'SIM-1', price: { amount: 19_900 }, initialStock: 100_000 }] }]);
  const cut = (await http('POST', '/api/v1/admin/bargain/campaigns', { token: op, body: { name: '砍价', skuId: product!.skuIds[0], floorAmount: 990, helpersNeeded: 100, stock: 10_000 } })).data;
  await http('POST', `/api/v1/admin/bargain/campaigns/${cut.id}/start`, { token: op });
  const ref = (await http('POST', '/api/v1/admin/referral/campaigns', { token: op, body: { name: '邀请有礼', qualifyOn: 'signup', holdHours: 24, inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 }, milestones: [] } })).data;
  await http('POST', `/api/v1/admin/referral/campaigns/${ref.id}/start`, { token: op });

  const outcomes: Outcome[] = [];
  // A refused action's value is what risk put at stake (the case); an allowed one's what it gave.
  const requestOutcome = async (label: Label, kind: string, res: { status: number; data: any }, given: (data: any) => number) => {
    const flagged = res.status === 403;
    const money = flagged ? (await http('GET', `/api/v1/admin/risk/cases/${res.data.error.details.decisionId}`, { token: op })).data.case.atStake.amount : res.status < 300 ? given(res.data) : 0;
    outcomes.push({ label, kind, flagged, money });
  };
  const claim = async (a: Account) => requestOutcome(a.label, 'coupon.claim', await http('POST', `/api/v1/coupons/templates/${tpl.id}/claim`, { token: a.token, device: a.device, ip: a.ip }), () => 1000);
  const startCut = async (a: Account) => (await http('POST', `/api/v1/bargain/campaigns/${cut.id}/cuts`, { token: a.token, device: a.device, ip: a.ip })).data.id as string;
  const help = async (a: Account, cutId: string) => requestOutcome(a.label, 'bargain.help', await http('POST', `/api/v1/bargain/cuts/${cutId}/help`, { token: a.token, device: a.device, ip: a.ip }), (d) => d.help.amount.amount);
  const inviteCode = async (a: Account) => (await http('GET', '/api/v1/me/invite', { token: a.token })).data.code as string;
  const minutes = (m: number) => clock.advance(m * 60_000);

  // ---- organic shoppers: own phones, home networks spread over the country; friends invite,
  // claim and help each other at human pace ---------------------------------------------------------
  say(`organic: ${organicCount} shoppers`);
  const organic: Account[] = [];
  for (let i = 0; i < organicCount; i++) {
    const inviter = organic.length > 5 && random() < 0.4 ? organic[Math.floor(random() * organic.length)] : undefined;
    organic.push(await signUp('organic', `phone-${i}-${Math.floor(random() * 1e9).toString(36)}`, publicIp(), inviter ? await inviteCode(inviter) : undefined));
    minutes(3 + Math.floor(random() * 20));
    if (i % 10 === 9) await settle();
  }
  await settle();
  const organicCuts: string[] = [];
  for (const a of organic) {
    if (random() < 0.7) await claim(a);
    if (random() < 0.2) organicCuts.push(await startCut(a));
    minutes(1 + Math.floor(random() * 10));
  }
  for (const a of organic) {
    if (organicCuts.length && random() < 0.5) await help(a, organicCuts[Math.floor(random() * organicCuts.length)]!);
    minutes(1 + Math.floor(random() * 5));
  }

  // ---- labelled attacks -----------------------------------------------------------------------
  say('attacks: device farm, IP-rotating farm, self-referral ring, helper farm');
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
    ringMembers.push(await signUp('self_referral', 'second-phone-01', publicIp(), code));
    await settle();
    minutes(5);
  }
  // A helper farm: a starter's cut helped by accounts from two phones.
  const starter = organic[0]!;
  const farmCut = await startCut(starter);
  for (let i = 0; i < 8; i++) {
    const a = await signUp('helper_farm', `helper-phone-${i % 2}`, publicIp());
    await settle();
    await help(a, farmCut);
    minutes(1);
  }
  await settle();

  // ---- referral rewards are decided in the background: read their decisions ------------------
  const labelOf = new Map<string, Label>([...organic, ringLeader, ...ringMembers].map((a) => [a.id, a.label]));
  const cases = (await http('GET', `/api/v1/admin/risk/cases?kind=referral.reward&limit=200`, { token: op })).data.items as { userId: string; counterpartId: string | null; status: string; atStake: { amount: number } }[];
  for (const c of cases) {
    // An inviter's reward is an attack when the invitee is a ring member (the inviter is the attacker).
    const label = labelOf.get(c.userId) === 'self_referral' || labelOf.get(c.counterpartId ?? '') === 'self_referral' ? 'self_referral' : labelOf.get(c.userId) ?? 'organic';
    outcomes.push({ label, kind: 'referral.reward', flagged: ['held', 'blocked', 'cancelled'].includes(c.status), money: c.atStake.amount });
  }
  return report(outcomes);
}

export function report(outcomes: Outcome[]): SimulationReport {
  const attack = outcomes.filter((o) => o.label !== 'organic');
  const organic = outcomes.filter((o) => o.label === 'organic');
  const tp = attack.filter((o) => o.flagged).length;
  const fp = organic.filter((o) => o.flagged).length;
  const kinds: AttackKind[] = ['device_farm', 'ip_farm', 'self_referral', 'helper_farm'];
  const byAttack = Object.fromEntries(kinds.map((k) => {
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
