// What loyalty adds to a checkout quote: spending points (checked against the spendable balance
// when quoting, debited exactly when the order commits) and the member tier's discount.
import { PRICING_STAGES, type PricingContributor } from '../checkout/index.ts';
import { insufficient, type PointsLedger } from './loyalty.ledger.ts';
import * as repo from './loyalty.repo.ts';
import { pointsStep, tierStep } from './loyalty.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { loyaltyTables, type LoyaltyDb, type LoyaltyPlatform } from './loyalty.table.ts';

export function createLoyaltyPricing(p: LoyaltyPlatform, ledger: PointsLedger) {
  const { clock, settings } = p;
  const { debit } = ledger;

  async function spendableBalance(executor: LoyaltyDb, userId: string) {
    const account = await repo.findAccount(executor, userId);
    if (!account) return 0;
    return account.balance - (await repo.sumExpiredUnswept(executor, userId, clock.now()));
  }

  const pointsContributor: PricingContributor = {
    code: 'points',
    stage: PRICING_STAGES.points,
    // Checkout's handle, narrowed to loyalty's tables before any query.
    async prepare(executor: AnyExecutor, request) {
      const requested = request.options.usePoints ?? 0;
      if (!request.userId || requested <= 0) return [];
      const balance = await spendableBalance(loyaltyTables.of(executor), request.userId);
      if (requested > balance) throw insufficient(requested, balance);
      const pointValueFen = await settings.get('loyalty.pointValueFen', executor);
      const maxDeductionPercent = await settings.get('loyalty.maxDeductionPercent', executor);
      return [pointsStep(requested, balance, { pointValueFen, maxDeductionPercent })];
    },
    async commit(handle: AnyExecutor, { orderId, userId, quote }) {
      const trx = loyaltyTables.of(handle);
      const line = quote.adjustments.find((a) => a.step === 'points');
      if (!line) return;
      const points = Number(line.ref);
      if (!Number.isSafeInteger(points) || points <= 0) return;
      const result = await debit(trx, { userId, amount: points, reason: 'redeemed', ref: orderId, baseAmount: quote.totalAmount, note: `spent on order ${orderId}`, mode: 'exact' });
      if (!result.ok) throw insufficient(points, result.balance);
    },
  };

  const tierContributor: PricingContributor = {
    code: 'tier',
    stage: PRICING_STAGES.tier,
    async prepare(handle: AnyExecutor, request) {
      if (!request.userId) return [];
      const executor = loyaltyTables.of(handle);
      const account = await repo.findAccount(executor, request.userId);
      if (!account) return [];
      const tier = (await repo.findTiers(executor)).find((t) => t.code === account.tier_code);
      if (!tier || (tier.discountBp >= 10_000 && !tier.freeShipping)) return [];
      return [tierStep(tier)];
    },
  };

  return { pointsContributor, tierContributor };
}
