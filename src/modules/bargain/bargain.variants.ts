// What an A/B variant of a price-cut campaign may change: the helpers a cut needs and its floor
// price, for a cut the subject starts. The cut stores both when it starts, so every help on it
// follows the starter's variant and the split still lands exactly on that floor.
import type { VariantRules } from '../campaigns/index.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './bargain.repo.ts';
import { campaignProblem } from './bargain.rules.ts';
import { bargainTables } from './bargain.table.ts';

/** The same bounds as a campaign's own helpers needed (bargain.rules.ts campaignProblem). */
export const HELPERS_BOUNDS = { min: 1, max: 100 } as const;

export const bargainVariants: VariantRules = {
  async space(handle: AnyExecutor, campaignId: string) {
    const c = await repo.findCampaign(bargainTables.of(handle), campaignId);
    if (!c) return { keys: [] };
    return {
      keys: [
        { key: 'helpersNeeded', unit: 'people', min: HELPERS_BOUNDS.min, max: HELPERS_BOUNDS.max, base: c.helpers_needed, en: 'Friends needed to reach the floor', zh: '砍到底价所需好友人数' },
        { key: 'floorAmount', unit: 'fen', min: 1, max: c.original_amount - 1, base: c.floor_amount, en: 'Floor price (fen)', zh: '底价（分）' },
      ],
      // Together they must still let each helper cut at least 1 fen, as the campaign's own rules must.
      problem: (r) => campaignProblem({ originalAmount: c.original_amount, floorAmount: r.floorAmount, helpersNeeded: r.helpersNeeded }),
    };
  },
};
