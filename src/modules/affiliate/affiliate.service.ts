// Two-level affiliate distribution (分销): promoters (open, by application, or after a first paid
// order — never for a fee), customer→promoter bindings from share links (no self-binding, no cycles),
// commission on paid order lines for level 1 and level 2 only, frozen until completion + a settlement
// period (and while after-sales is open), reversed in proportion on refunds; a balance row per
// promoter that withdrawals take from by conditional update, and a ledger the statement is built from.
//
// Each concern has its own file; this one composes them into the one service the routes, the event
// consumers and the jobs runner call. SQL is in affiliate.repo.ts, pure rules in affiliate.rules.ts.
import { bindingUseCases } from './affiliate.bindings.ts';
import { centreUseCases } from './affiliate.centre.ts';
import { commissionUseCases } from './affiliate.commissions.ts';
import { createAffiliateCore, type AffiliateDeps } from './affiliate.core.ts';
import { directoryUseCases } from './affiliate.directory.ts';
import { estimateUseCases } from './affiliate.estimates.ts';
import { promoterUseCases } from './affiliate.promoters.ts';
import { rateUseCases } from './affiliate.rates.ts';
import { withdrawalUseCases } from './affiliate.withdrawals.ts';
import type { AffiliatePlatform } from './affiliate.table.ts';

export { SETTLE_JOB } from './affiliate.core.ts';

export function createAffiliateService(p: AffiliatePlatform, deps: AffiliateDeps) {
  const core = createAffiliateCore(p, deps);
  const promoters = promoterUseCases(p, core);
  const commissions = commissionUseCases(p, deps, core);
  const withdrawals = withdrawalUseCases(p, core);
  return {
    ...promoters,
    ...bindingUseCases(p, core, commissions.commissionOrder),
    ...commissions,
    ...rateUseCases(p),
    ...centreUseCases(p, deps, promoters.listApplications),
    ...withdrawals,
    ...directoryUseCases(p, deps, { listApplications: promoters.listApplications, listWithdrawals: withdrawals.listWithdrawals }),
    ...estimateUseCases(p, deps, core),
  };
}

export type AffiliateService = ReturnType<typeof createAffiliateService>;
