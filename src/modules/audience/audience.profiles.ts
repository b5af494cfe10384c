// Profile recompute: reads every customer's orders, shares and acquisition through the owning
// modules' services, fits BG/NBD and Gamma-Gamma on the store's own orders, and rewrites
// audience_profiles in one pass. Nightly by a self-booking job, or on an operator's request.
import {
  bgnbdTotalLogLikelihood,
  expectedOrderValue,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  type BgNbdParams,
  type GammaGammaParams,
  type Rfm,
} from './audience.model.ts';
import { purchaseSummary, rfmScores, ruleTags, type Purchase } from './audience.rules.ts';
import * as repo from './audience.repo.ts';
import type { AudiencePlatform, AudienceProfilesTable } from './audience.table.ts';
import type { Insertable } from 'kysely';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Horizon of "predicted value" and "expected orders". */
export const HORIZON_DAYS = 90;
/** The last weeks of history held out to check the model's predictions against what happened. */
export const HOLDOUT_WEEKS = 4;
/** Fewer buyers than this, or fewer repeat buyers, and a fit says nothing: profiles carry no prediction. */
const MIN_BUYERS = 20;
const MIN_REPEATERS = 5;

export interface CustomerFacts {
  userId: string;
  signedUpAt: Date;
  purchases: Purchase[];
  currency: string;
  shares: number;
  shareSignups: number;
  lastShareAt: Date | null;
  channel: string | null;
  campaignId: string | null;
}

/** Where profile facts come from: ports onto identity, orders and sharing (wired in index.ts). */
export interface ProfileSources {
  customers(): AsyncIterable<{ id: string; createdAt: Date }>;
  facts(customer: { id: string; createdAt: Date }): Promise<CustomerFacts>;
}

export interface ModelReport {
  fittedAt: string;
  customers: number;
  /** Customers with a purchase: what the models are fitted on. */
  buyers: number;
  repeaters: number;
  horizonDays: number;
  bgnbd: (BgNbdParams & { logLikelihood: number; iterations: number }) | null;
  gammaGamma: (GammaGammaParams & { logLikelihood: number; customers: number; unit: 'yuan' }) | null;
  holdout: {
    weeks: number;
    customers: number;
    predicted: number;
    actual: number;
    meanAbsoluteError: number;
    byRepeatPurchases: { x: string; customers: number; predicted: number; actual: number }[];
  } | null;
  elapsedMs: number;
  reason?: string;
}

function enoughToFit(summaries: Rfm[]) {
  return summaries.length >= MIN_BUYERS && summaries.filter((s) => s.x > 0).length >= MIN_REPEATERS;
}

/** Fit on history before `cutoff`, predict the holdout weeks, compare with the purchase occasions that happened. */
function holdoutCheck(all: CustomerFacts[], now: Date): ModelReport['holdout'] {
  const cutoff = new Date(now.getTime() - HOLDOUT_WEEKS * WEEK);
  const rows = all.flatMap((c) => {
    const s = purchaseSummary(c.purchases, cutoff);
    if (!s) return [];
    const actual = new Set(c.purchases.filter((p) => p.at >= cutoff && p.at < now).map((p) => Math.floor(p.at.getTime() / DAY))).size;
    return [{ s, actual }];
  });
  const span = Math.max(0, ...rows.map((r) => r.s.T));
  if (span < 2 * HOLDOUT_WEEKS || !enoughToFit(rows.map((r) => r.s))) return null;
  const fit = fitBgNbd(rows.map((r) => r.s));
  const scored = rows.map((r) => ({ x: r.s.x, actual: r.actual, predicted: expectedPurchases(fit.params, r.s, HOLDOUT_WEEKS) }));
  const buckets = ['0', '1', '2', '3', '4+'];
  const bucketOf = (x: number) => buckets[Math.min(4, x)];
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    weeks: HOLDOUT_WEEKS,
    customers: scored.length,
    predicted: round(scored.reduce((s, r) => s + r.predicted, 0)),
    actual: scored.reduce((s, r) => s + r.actual, 0),
    meanAbsoluteError: round(scored.reduce((s, r) => s + Math.abs(r.predicted - r.actual), 0) / scored.length),
    byRepeatPurchases: buckets.map((x) => {
      const inBucket = scored.filter((r) => bucketOf(r.x) === x);
      return { x, customers: inBucket.length, predicted: round(inBucket.reduce((s, r) => s + r.predicted, 0) / Math.max(1, inBucket.length)), actual: round(inBucket.reduce((s, r) => s + r.actual, 0) / Math.max(1, inBucket.length)) };
    }),
  };
}

/** The models on the whole history, or null with the reason when there is too little of it. */
export function fitModels(all: CustomerFacts[], now: Date) {
  const summaries = all.map((c) => purchaseSummary(c.purchases, now)).filter((s): s is Rfm => s !== null);
  if (!enoughToFit(summaries)) return { bgnbd: null, gg: null, holdout: null, reason: `needs ${MIN_BUYERS} buyers and ${MIN_REPEATERS} repeat buyers, has ${summaries.length} and ${summaries.filter((s) => s.x > 0).length}` };
  const bgnbd = fitBgNbd(summaries);
  // Spend: customers with two or more orders, mean order value in yuan (fen would push γ to 1e4 and slow the simplex).
  const spend = all.filter((c) => c.purchases.length >= 2).map((c) => ({ n: c.purchases.length, m: c.purchases.reduce((s, p) => s + p.amount, 0) / c.purchases.length / 100 }));
  const ggFit = spend.length >= MIN_REPEATERS ? fitGammaGamma(spend) : null;
  // q <= 1 has no finite mean spend: fall back to each customer's own mean rather than report infinity.
  const gg = ggFit && ggFit.params.q > 1 ? { ...ggFit, customers: spend.length } : null;
  return { bgnbd, gg, holdout: holdoutCheck(all, now), reason: undefined };
}

export function createProfileRecompute(p: AudiencePlatform, sources: ProfileSources) {
  const { db, clock } = p;

  async function gather() {
    const facts: CustomerFacts[] = [];
    let batch: Promise<CustomerFacts>[] = [];
    for await (const c of sources.customers()) {
      batch.push(sources.facts(c));
      if (batch.length === 8) {
        facts.push(...(await Promise.all(batch)));
        batch = [];
      }
    }
    facts.push(...(await Promise.all(batch)));
    return facts;
  }

  /** Recomputes every profile and records the model fit; returns the fit report. */
  async function recompute(): Promise<ModelReport> {
    const started = performance.now();
    const now = clock.now();
    const all = await gather();
    const models = fitModels(all, now);
    const horizon = HORIZON_DAYS / 7;
    const buyers = all.filter((c) => c.purchases.length > 0);
    const lastOrder = (c: CustomerFacts) => new Date(Math.max(...c.purchases.map((x) => x.at.getTime())));
    const scores = rfmScores(buyers.map((c) => ({ recencyDays: Math.floor((now.getTime() - lastOrder(c).getTime()) / DAY), frequency: c.purchases.length, monetary: c.purchases.reduce((s, x) => s + x.amount, 0) })));
    const scoreOf = new Map(buyers.map((c, i) => [c.userId, scores[i]]));
    const operatorTags = await repo.findOperatorTags(db);

    const rows: Insertable<AudienceProfilesTable>[] = all.map((c) => {
      const bought = c.purchases.length > 0;
      const last = bought ? lastOrder(c) : null;
      const first = bought ? new Date(Math.min(...c.purchases.map((x) => x.at.getTime()))) : null;
      const monetary = c.purchases.reduce((s, x) => s + x.amount, 0);
      const summary = purchaseSummary(c.purchases, now);
      const pAlive = summary && models.bgnbd ? probabilityAlive(models.bgnbd.params, summary) : null;
      const expected = summary && models.bgnbd ? expectedPurchases(models.bgnbd.params, summary, horizon) : null;
      const orderValue = models.gg ? expectedOrderValue(models.gg.params, c.purchases.length, monetary / Math.max(1, c.purchases.length) / 100) * 100 : monetary / Math.max(1, c.purchases.length);
      const lastActive = new Date(Math.max(c.signedUpAt.getTime(), last?.getTime() ?? 0, c.lastShareAt?.getTime() ?? 0));
      const s = scoreOf.get(c.userId) ?? { r: 0, f: 0, m: 0 };
      const recencyDays = last ? Math.floor((now.getTime() - last.getTime()) / DAY) : null;
      const daysSinceSignup = Math.max(0, Math.floor((now.getTime() - c.signedUpAt.getTime()) / DAY));
      const rule = ruleTags({ frequency: c.purchases.length, recencyDays, daysSinceSignup, rScore: s.r, fScore: s.f, mScore: s.m, churnRisk: pAlive === null ? null : 1 - pAlive, shares: c.shares, shareSignups: c.shareSignups });
      return {
        user_id: c.userId,
        currency: c.currency,
        signed_up_at: c.signedUpAt,
        first_order_at: first,
        last_order_at: last,
        last_active_at: lastActive,
        recency_days: recencyDays,
        frequency: c.purchases.length,
        monetary_amount: monetary,
        r_score: s.r,
        f_score: s.f,
        m_score: s.m,
        p_alive: pAlive,
        churn_risk: pAlive === null ? null : 1 - pAlive,
        expected_orders: expected,
        predicted_value_amount: expected === null ? null : Math.round(expected * orderValue),
        channel: c.channel,
        campaign_id: c.campaignId,
        shares: c.shares,
        share_signups: c.shareSignups,
        days_since_active: Math.max(0, Math.floor((now.getTime() - lastActive.getTime()) / DAY)),
        days_since_signup: daysSinceSignup,
        tags: JSON.stringify([...new Set([...rule, ...(operatorTags.get(c.userId) ?? [])])]),
        rule_tags: JSON.stringify(rule),
        computed_at: now,
      };
    });

    const summaries = all.map((c) => purchaseSummary(c.purchases, now)).filter((x): x is Rfm => x !== null);
    const report: ModelReport = {
      fittedAt: now.toISOString(),
      customers: all.length,
      buyers: summaries.length,
      repeaters: summaries.filter((x) => x.x > 0).length,
      horizonDays: HORIZON_DAYS,
      bgnbd: models.bgnbd ? { ...models.bgnbd.params, logLikelihood: bgnbdTotalLogLikelihood(models.bgnbd.params, summaries), iterations: models.bgnbd.iterations } : null,
      gammaGamma: models.gg ? { ...models.gg.params, logLikelihood: models.gg.logLikelihood, customers: models.gg.customers, unit: 'yuan' } : null,
      holdout: models.holdout,
      elapsedMs: 0,
      ...(models.reason ? { reason: models.reason } : {}),
    };
    await db.transaction().execute(async (trx) => {
      await repo.upsertProfiles(trx, rows);
      await repo.deleteStaleProfiles(trx, now);
      report.elapsedMs = Math.round(performance.now() - started);
      await repo.insertFit(trx, { fitted_at: now, customers: summaries.length, report: JSON.stringify(report) });
    });
    p.log.info({ customers: all.length, elapsedMs: report.elapsedMs }, 'audience profiles recomputed');
    return report;
  }

  return { recompute };
}

/** Pages a cursor-paged list to the end. */
export async function* pages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncIterable<T> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
