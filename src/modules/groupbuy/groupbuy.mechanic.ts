// Group buying as a mechanic on the campaign kernel: the kernel owns the lifecycle; this says how
// a new status shows on the campaign row, which events group-buy subscribers keep receiving, and
// what must hold before launch.
import { publishEvent } from '../../platform/events.ts';
import { mirroringMechanic, stockFindings } from '../campaigns/index.ts';
import * as repo from './groupbuy.repo.ts';
import { groupbuyTables } from './groupbuy.table.ts';
import { groupbuyVariants } from './groupbuy.variants.ts';

export const groupbuyMechanic = mirroringMechanic({
  mechanic: 'groupbuy',
  setStatus: (trx, id, status, at) => repo.updateCampaign(groupbuyTables.of(trx), id, { status, updated_at: at }),
  announce: (trx, id, what, at) => publishEvent(trx, at, what === 'started' ? 'groupbuy.campaign_started' : 'groupbuy.campaign_ended', id, { campaignId: id }),
  preLaunch: async (trx, id) => stockFindings(await repo.findCampaign(groupbuyTables.of(trx), id)),
  variants: groupbuyVariants,
});
