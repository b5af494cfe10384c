// Price-cut as a mechanic on the campaign kernel: how a new status shows on the campaign row, the
// events price-cut subscribers keep receiving, and what must hold before launch.
import { publishEvent } from '../../platform/events.ts';
import { mirroringMechanic, stockFindings } from '../campaigns/index.ts';
import * as repo from './bargain.repo.ts';
import { bargainTables } from './bargain.table.ts';
import { bargainVariants } from './bargain.variants.ts';

export const bargainMechanic = mirroringMechanic({
  mechanic: 'bargain',
  setStatus: (trx, id, status, at) => repo.updateCampaign(bargainTables.of(trx), id, { status, updated_at: at }),
  announce: (trx, id, what, at) => publishEvent(trx, at, what === 'started' ? 'bargain.campaign_started' : 'bargain.campaign_stopped', id, { campaignId: id }),
  preLaunch: async (trx, id) => stockFindings(await repo.findCampaign(bargainTables.of(trx), id)),
  variants: bargainVariants,
});
