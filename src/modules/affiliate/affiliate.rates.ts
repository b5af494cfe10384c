// Commission rates: store-wide level-1 and level-2 rates in settings, per-product overrides in a
// table. Any attempt to configure a third level is refused (anti-pyramid rules).
import { recordAudit } from '../../platform/audit.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import * as repo from './affiliate.repo.ts';
import { definesThirdLevel, MAX_LEVELS, THIRD_LEVEL_ERROR, type Rates } from './affiliate.rules.ts';
import type { AffiliateDb, AffiliatePlatform } from './affiliate.table.ts';

export async function currentRates(p: AffiliatePlatform, executor: AffiliateDb): Promise<Rates> {
  return { level1Bp: await p.settings.get('affiliate.level1RateBp', executor), level2Bp: await p.settings.get('affiliate.level2RateBp', executor) };
}

function refuseThirdLevel(body: Record<string, unknown>) {
  if (definesThirdLevel(body)) throw unprocessable(THIRD_LEVEL_ERROR, 'Commission is paid on two levels at most; a third level is forbidden (anti-pyramid rules)', { maxLevels: MAX_LEVELS });
}

export function rateUseCases(p: AffiliatePlatform) {
  const { db, clock } = p;

  async function getRates() {
    return { levels: MAX_LEVELS, ...(await currentRates(p, db)) };
  }

  /** The programme as a shopper reads it before applying (promoter centre): rates and terms. */
  async function program() {
    return {
      ...(await getRates()),
      settlementDays: await p.settings.get('affiliate.settlementDays', db),
      withdrawMin: { amount: await p.settings.get('affiliate.withdrawMinAmount', db), currency: 'CNY' },
      withdrawFeeBp: await p.settings.get('affiliate.withdrawFeeBp', db),
      mode: await p.settings.get('affiliate.promoterMode', db),
    };
  }

  async function setRates(actorId: string, body: { level1RateBp?: number; level2RateBp?: number; levels?: number } & Record<string, unknown>) {
    refuseThirdLevel(body);
    const now = clock.now();
    if (body.level1RateBp !== undefined) await p.settings.set('affiliate.level1RateBp', body.level1RateBp, now);
    if (body.level2RateBp !== undefined) await p.settings.set('affiliate.level2RateBp', body.level2RateBp, now);
    await recordAudit(db, clock.now(), { actorId, action: 'affiliate.rates_changed', subjectType: 'settings', subjectId: 'affiliate', details: { level1RateBp: body.level1RateBp, level2RateBp: body.level2RateBp } });
    return getRates();
  }

  async function setProductRate(actorId: string | null, productId: string, body: { level1Bp: number; level2Bp: number } & Record<string, unknown>) {
    refuseThirdLevel(body);
    const now = clock.now();
    const row = await repo.upsertProductRate(db, { product_id: productId, level1_bp: body.level1Bp, level2_bp: body.level2Bp, updated_at: now });
    await recordAudit(db, clock.now(), { actorId, action: 'affiliate.product_rate_set', subjectType: 'product', subjectId: productId, details: { level1Bp: body.level1Bp, level2Bp: body.level2Bp } });
    return row;
  }

  async function deleteProductRate(actorId: string, productId: string) {
    const row = await repo.deleteProductRate(db, productId);
    if (!row) throw notFound('AFFILIATE_PRODUCT_RATE_NOT_FOUND', 'That product has no commission override', { productId });
    await recordAudit(db, clock.now(), { actorId, action: 'affiliate.product_rate_removed', subjectType: 'product', subjectId: productId });
  }

  const listProductRates = () => repo.findAllProductRates(db);

  return { getRates, program, setRates, setProductRate, deleteProductRate, listProductRates };
}
