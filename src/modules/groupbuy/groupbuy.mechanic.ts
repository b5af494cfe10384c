// Group buying as a mechanic on the campaign kernel: the kernel owns the lifecycle; this says how
// a new status shows on the campaign row, which events group-buy subscribers keep receiving, and
// what must hold before launch.
import { publishEvent } from '../../platform/events.ts';
import { defineMechanic, mirroredStatus, opensNow, stockFindings, type Finding } from '../campaigns/index.ts';
import * as repo from './groupbuy.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { groupbuyTables } from './groupbuy.table.ts';

export const groupbuyMechanic = defineMechanic({
  mechanic: 'groupbuy',
  pausable: true,
  async apply(handle: AnyExecutor, id, change) {
    const trx = groupbuyTables.of(handle);
    await repo.updateCampaign(trx, id, { status: mirroredStatus(change.to), updated_at: change.at });
    if (opensNow(change)) await publishEvent(trx, change.at, 'groupbuy.campaign_started', id, { campaignId: id });
    if (change.to === 'ended') await publishEvent(trx, change.at, 'groupbuy.campaign_ended', id, { campaignId: id });
  },
  async preLaunch(handle: AnyExecutor, id): Promise<Finding[]> {
    const trx = groupbuyTables.of(handle);
    return stockFindings(await repo.findCampaign(trx, id));
  },
});
