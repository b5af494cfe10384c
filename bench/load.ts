// The benchmark's cases as autocannon runs. Each one is aimed at a base URL, so the same
// requests (method, path, headers, body) go to Fission and to the no-op baseline.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Fixture, Shopper } from './fixture.ts';

export interface Figure {
  /** Requests per second, or checkouts per second for the checkout cases. */
  rate: number;
  p50: number;
  p99: number;
  /** Completed requests (checkouts for the checkout cases). */
  count: number;
  codes: Record<string, number>;
  /** Socket errors and timeouts; for checkout also any step answered other than 2xx. */
  failures: number;
}

export interface Case {
  name: string;
  /** `ready`, when given, is awaited after the case's set-up (purchase tokens...) and before the load: the profiler cuts there. */
  run(base: string, ready?: () => Promise<unknown>): Promise<Figure>;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  stampede: number;
}

const API = '/api/v1';
/** Checkout runs last at least this long, --quick included. */
export const CHECKOUT_MIN_SECONDS = 5;
const TEST_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };

const shopperHeaders = (s: Shopper, json: boolean) => ({
  ...(json ? { 'content-type': 'application/json' } : {}),
  authorization: `Bearer ${s.token}`,
  'x-forwarded-for': s.ip,
});

function fire(opts: autocannon.Options): Promise<{ result: autocannon.Result; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // timeout: a slow configuration shows as a high p99, not as dropped requests.
    autocannon({ timeout: 60, ...opts }, (err, result) => (err ? reject(err) : resolve({ result, seconds: (performance.now() - started) / 1000 })));
  });
}

function codesOf(r: autocannon.Result): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) codes[code] = (v as { count: number }).count;
  return codes;
}

function requestFigure(result: autocannon.Result, seconds: number): Figure {
  const count = result.requests.total;
  return { rate: count / seconds, p50: result.latency.p50, p99: result.latency.p99, count, codes: codesOf(result), failures: result.errors + result.timeouts };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Each shopper's purchase token for the slot, from the slot listing as that shopper (the way the
 * storefront gets it), fetched before the clock starts. The no-op baseline lists nothing and
 * ignores the header: there the map stays empty.
 */
async function purchaseTokens(base: string, fixture: Fixture): Promise<Map<Shopper, string>> {
  const tokens = new Map<Shopper, string>();
  const fetchOne = async (s: Shopper) => {
    const res = await fetch(`${base}${API}/flashsale/slots?state=live`, { headers: shopperHeaders(s, false) });
    if (res.status === 404) return false;
    if (res.status !== 200) throw new Error(`listing the slots for a purchase token: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const token = ((await res.json()) as { items: { id: string; purchaseToken?: string }[] }).items.find((slot) => slot.id === fixture.slotId)?.purchaseToken;
    if (!token) throw new Error(`the live slot ${fixture.slotId} came without a purchase token`);
    tokens.set(s, token);
    return true;
  };
  if (!(await fetchOne(fixture.shoppers[0]))) return tokens;
  const rest = fixture.shoppers.slice(1);
  for (let i = 0; i < rest.length; i += 32) await Promise.all(rest.slice(i, i + 32).map(fetchOne));
  return tokens;
}

const purchaseHeaders = (s: Shopper, tokens: Map<Shopper, string>) => {
  const token = tokens.get(s);
  return { ...shopperHeaders(s, true), ...(token ? { 'x-purchase-token': token } : {}) };
};

/** Every request buys as the next shopper, so no two requests share a shopper while shoppers last. */
function purchaseCase(name: string, fixture: Fixture, itemId: string, o: LoadOptions, bounded: boolean): Case {
  return {
    name,
    async run(base, ready) {
      let next = 0;
      const tokens = await purchaseTokens(base, fixture);
      await ready?.();
      const { result, seconds } = await fire({
        url: base,
        connections: o.connections,
        ...(bounded ? { amount: o.stampede } : { duration: o.seconds }),
        requests: [{
          method: 'POST',
          path: `${API}/flashsale/slots/${fixture.slotId}/items/${itemId}/purchase`,
          setupRequest: (req: any) => {
            const s = fixture.shoppers[next++ % fixture.shoppers.length];
            return { ...req, headers: purchaseHeaders(s, tokens), body: JSON.stringify({ addressId: s.addressId }) };
          },
        }],
      });
      return requestFigure(result, seconds);
    },
  };
}

function getCase(name: string, paths: string[], o: LoadOptions): Case {
  return {
    name,
    async run(base, ready) {
      let next = 0;
      await ready?.();
      const { result, seconds } = await fire({
        url: base,
        connections: o.connections,
        duration: o.seconds,
        requests: [{ method: 'GET', path: paths[0], setupRequest: (req: any) => ({ ...req, path: paths[next++ % paths.length] }) }],
      });
      return requestFigure(result, seconds);
    },
  };
}

/**
 * A checkout is three requests by one shopper: place the order, start the payment, confirm it
 * with the sandbox's succeeding card. Its latency runs from sending the first to the answer of
 * the third; a step answered other than 2xx counts as a failure and the shopper starts over.
 */
function checkoutCase(name: string, fixture: Fixture, connections: number, o: LoadOptions): Case {
  return {
    name,
    async run(base, ready) {
      let next = 0;
      let failures = 0;
      const latencies: number[] = [];
      const failed = (status: number) => {
        if (status >= 300) failures++;
        return status >= 300;
      };
      await ready?.();
      const { result, seconds } = await fire({
        url: base,
        connections,
        // A checkout takes three round trips, seconds each on a slow store: a run shorter than a
        // few of them would count only the lucky ones.
        duration: Math.max(o.seconds, CHECKOUT_MIN_SECONDS),
        requests: [
          {
            method: 'POST',
            path: `${API}/orders`,
            setupRequest: (req: any, ctx: any) => {
              const s = fixture.shoppers[next++ % fixture.shoppers.length];
              ctx.shopper = s;
              ctx.startedAt = performance.now();
              return { ...req, headers: shopperHeaders(s, true), body: JSON.stringify({ items: [{ skuId: fixture.checkoutSkuId, quantity: 1 }], addressId: s.addressId }) };
            },
            onResponse: (status: number, body: string, ctx: any) => {
              ctx.orderId = failed(status) ? null : JSON.parse(body).id;
            },
          },
          {
            method: 'POST',
            setupRequest: (req: any, ctx: any) => (ctx.orderId ? { ...req, path: `${API}/orders/${ctx.orderId}/payments`, headers: shopperHeaders(ctx.shopper, false), body: undefined } : null),
            onResponse: (status: number, body: string, ctx: any) => {
              ctx.paymentId = failed(status) ? null : JSON.parse(body).id;
            },
          },
          {
            method: 'POST',
            setupRequest: (req: any, ctx: any) => (ctx.paymentId ? { ...req, path: `${API}/payments/${ctx.paymentId}/confirm`, headers: shopperHeaders(ctx.shopper, true), body: JSON.stringify({ card: TEST_CARD }) } : null),
            onResponse: (status: number, body: string, ctx: any) => {
              if (failed(status)) return;
              if (JSON.parse(body).status === 'failed') failures++;
              else latencies.push(performance.now() - ctx.startedAt);
            },
          },
        ],
      });
      latencies.sort((a, b) => a - b);
      return {
        rate: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        count: latencies.length,
        codes: codesOf(result),
        failures: failures + result.errors + result.timeouts,
      };
    },
  };
}

export function cases(fixture: Fixture, o: LoadOptions): Case[] {
  return [
    purchaseCase(`flash-sale stampede: ${o.stampede} attempts on ${fixture.stock} units, limit 1`, fixture, fixture.itemId, o, true),
    purchaseCase('refusals: purchase of a sold-out item', fixture, fixture.soldOutItemId, o, false),
    getCase('product list: GET /catalog/products?limit=20', [`${API}/catalog/products?limit=20`], o),
    getCase('product page: GET /catalog/products/{id}', fixture.productIds.map((id) => `${API}/catalog/products/${id}`), o),
    checkoutCase('checkout (place + pay), 16 shoppers', fixture, 16, o),
    checkoutCase('checkout (place + pay), 64 shoppers', fixture, 64, o),
  ];
}

/** One request of each kind to Fission, to size the baseline's answers like the real ones. */
export async function measureSizes(base: string, fixture: Fixture): Promise<Record<string, number>> {
  const s = fixture.shoppers[fixture.shoppers.length - 1];
  const size = async (res: Response, expect: number) => {
    const text = await res.text();
    if (res.status !== expect) throw new Error(`sizing ${res.url}: ${res.status} ${text.slice(0, 300)}`);
    return Buffer.byteLength(text);
  };
  const list = await size(await fetch(`${base}${API}/catalog/products?limit=20`), 200);
  const page = await size(await fetch(`${base}${API}/catalog/products/${fixture.productIds[0]}`), 200);
  const tokens = await purchaseTokens(base, { ...fixture, shoppers: [s] });
  const purchase = await size(await fetch(`${base}${API}/flashsale/slots/${fixture.slotId}/items/${fixture.soldOutItemId}/purchase`, { method: 'POST', headers: purchaseHeaders(s, tokens), body: JSON.stringify({ addressId: s.addressId }) }), 409);
  const orderRes = await fetch(`${base}${API}/orders`, { method: 'POST', headers: shopperHeaders(s, true), body: JSON.stringify({ items: [{ skuId: fixture.checkoutSkuId, quantity: 1 }], addressId: s.addressId }) });
  const orderText = await orderRes.text();
  if (orderRes.status !== 201) throw new Error(`sizing the order: ${orderRes.status} ${orderText.slice(0, 300)}`);
  const paymentRes = await fetch(`${base}${API}/orders/${JSON.parse(orderText).id}/payments`, { method: 'POST', headers: shopperHeaders(s, false) });
  const paymentText = await paymentRes.text();
  if (paymentRes.status !== 201) throw new Error(`sizing the payment: ${paymentRes.status} ${paymentText.slice(0, 300)}`);
  const confirm = await size(await fetch(`${base}${API}/payments/${JSON.parse(paymentText).id}/confirm`, { method: 'POST', headers: shopperHeaders(s, true), body: JSON.stringify({ card: TEST_CARD }) }), 200);
  return { list, page, purchase, order: Buffer.byteLength(orderText), payment: Buffer.byteLength(paymentText), confirm };
}
