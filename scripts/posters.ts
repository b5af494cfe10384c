// Renders the share posters of a team, a price-cut and an invite, in Chinese and in English, into
// docs/screenshots/poster-{team,bargain,invite}-{zh,en}.png. A throwaway in-memory shop (the test
// harness: PGlite, a manual clock) with one demo-style product, so the posters are reproducible.
//   npx tsx scripts/posters.ts
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { productCoverSvg } from '../src/demo/catalog.ts';
import { latestCodeFor } from '../src/platform/messages.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/context.ts';
import { openPGlite } from '../src/platform/db.ts';
import { createRuntime } from '../src/runtime.ts';

type User = { id: string; headers: Record<string, string> };

/** The app in memory, answering through inject(), with a clock that moves only when told. */
async function shop() {
  const config = loadConfig({ NODE_ENV: 'test' }, { logLevel: 'silent', demo: false, workers: false });
  const clock = new ManualClock('2026-06-01T08:00:00.000Z');
  const runtime = await createRuntime({ config, database: await openPGlite({}), clock, log: createLogger('silent') });
  await runtime.app.ready();
  const request = async (o: { method: 'GET' | 'POST' | 'PATCH'; url: string; as?: User; body?: unknown }) => {
    const res = await runtime.app.inject({ method: o.method, url: o.url, headers: { ...(o.as?.headers ?? {}), ...(o.body === undefined ? {} : { 'content-type': 'application/json' }) }, payload: o.body === undefined ? undefined : JSON.stringify(o.body) });
    let data: any;
    try {
      data = JSON.parse(res.body);
    } catch {
      data = undefined;
    }
    return Object.assign(res, { data });
  };
  const settle = async () => {
    for (let i = 0; i < 20 && (await runtime.platform.jobs.runDue()) + (await runtime.platform.events.drain()) > 0; i++);
  };
  let n = 0;
  const signUp = async (displayName: string): Promise<User> => {
    const email = `poster${++n}@example.com`;
    await request({ method: 'POST', url: '/api/v1/auth/register/start', body: { email } });
    const code = await latestCodeFor(runtime.platform.db, runtime.platform.pii, { email });
    const res = await request({ method: 'POST', url: '/api/v1/auth/register', body: { email, code, password: 'fission2026', displayName, session: 'bearer' } });
    if (res.statusCode !== 201) throw new Error(`sign-up: ${res.statusCode} ${res.body}`);
    return { id: res.data.user.id, headers: { authorization: `Bearer ${res.data.token}` } };
  };
  const operator = async (): Promise<User> => {
    await runtime.services.identity.ensureOperator('poster-operator@example.com', 'Operator-Console-2026', true);
    const res = await request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'poster-operator@example.com', password: 'Operator-Console-2026', session: 'bearer' } });
    return { id: res.data.user.id, headers: { authorization: `Bearer ${res.data.token}` } };
  };
  const withAddress = async (displayName: string) => {
    const user = await signUp(displayName);
    const res = await request({ method: 'POST', url: '/api/v1/me/addresses', as: user, body: { recipient: '李雷', phone: '13800138000', province: '广东省', city: '深圳市', district: '南山区', line1: '科技园 1 号' } });
    return { user, addressId: res.data.id as string };
  };
  const pay = async (user: User, orderId: string) => {
    const started = await request({ method: 'POST', url: `/api/v1/orders/${orderId}/payments`, as: user });
    await request({ method: 'POST', url: `/api/v1/payments/${started.data.id}/confirm`, as: user, body: { card: { number: '4242424242424242' } } });
    await settle();
  };
  return { ...runtime, clock, request, signUp, operator, withAddress, pay };
}

const OUT = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');

async function main() {
  const t = await shop();
  try {
    const op = await t.operator();
    const ok = (res: { statusCode: number; body: string }, status: number, what: string) => {
      if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    };
    const catalog = t.services.catalog;
    const category = await catalog.createCategory(null, { name: '时令水果', nameEn: 'Seasonal fruit', slug: 'poster-fruit' });
    const [cover] = await catalog.storeMedia(null, [{ contentType: 'image/svg+xml', bytes: Buffer.from(productCoverSvg({ title: '水蜜桃', label: '时令水果', emoji: '🍑', hues: [12, 42] })) }]);
    const product = (code: string) => ({ title: '阳山水蜜桃 礼盒装 2.5kg', titleEn: 'Yangshan peaches, 2.5 kg gift box', categoryId: category.id, status: 'active' as const, images: [cover.url], skus: [{ code, price: { amount: 4890 }, initialStock: 500 }] });
    const [teamProduct, cutProduct] = await catalog.importProducts(null, [product('PEACH-TEAM'), product('PEACH-CUT')]);

    const gb = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼水蜜桃', nameEn: 'Peaches for two', skuId: teamProduct.skuIds[0], groupPrice: 1990, teamSize: 2, stock: 100 } });
    ok(gb, 201, 'group buy');
    ok(await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${gb.data.id}/start`, as: op }), 200, 'start group buy');
    const leader = await t.withAddress('小红');
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${gb.data.id}/teams`, as: leader.user, body: { addressId: leader.addressId } });
    ok(opened, 201, 'open team');
    await t.pay(leader.user, opened.data.order.id);

    const bc = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '水蜜桃砍一刀', skuId: cutProduct.skuIds[0], floorAmount: 990, helpersNeeded: 3, stock: 10, buyMode: 'any_time' } });
    ok(bc, 201, 'price-cut campaign');
    ok(await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${bc.data.id}/start`, as: op }), 200, 'start price-cut');
    const cutter = await t.signUp('阿杰');
    const cut = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${bc.data.id}/cuts`, as: cutter });
    ok(cut, 201, 'start cut');
    t.clock.advance(60 * 60_000);
    const helper = await t.signUp('小美');
    await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.data.id}/help`, as: helper });

    const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '新人券', nameEn: 'Welcome coupon', kind: 'fixed', discountAmount: 1500, scope: 'store', validDaysAfterClaim: 7 } });
    ok(tpl, 201, 'coupon template');
    await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tpl.data.id}/activate`, as: op });
    const rc = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼', inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'coupon', templateId: tpl.data.id } } });
    ok(rc, 201, 'referral campaign');
    ok(await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${rc.data.id}/start`, as: op }), 200, 'start referral');
    const inviter = await t.signUp('李娜');

    const share = async (as: User, type: string, id: string) => {
      const res = await t.request({ method: 'POST', url: '/api/v1/shares', as, body: { target: { type, id }, channel: 'link' } });
      ok(res, 201, `share ${type}`);
      return res.data.token as string;
    };
    const tokens = { team: await share(leader.user, 'team', opened.data.team.id), bargain: await share(cutter, 'bargain', cut.data.id), invite: await share(inviter, 'invite', inviter.id) };
    fs.mkdirSync(OUT, { recursive: true });
    for (const [kind, token] of Object.entries(tokens)) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const png = await t.request({ method: 'GET', url: `/api/v1/shares/${token}/poster.png?lang=${lang}` });
        ok(png, 200, `poster ${kind} ${lang}`);
        const file = path.join(OUT, `poster-${kind}-${lang === 'en' ? 'en' : 'zh'}.png`);
        fs.writeFileSync(file, png.rawPayload);
        console.log(path.relative(process.cwd(), file));
      }
    }
  } finally {
    await t.close();
  }
}

await main();
