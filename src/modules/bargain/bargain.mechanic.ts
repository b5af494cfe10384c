// Price-cut as a mechanic on the campaign kernel: how a new status shows on the campaign row, the
// events price-cut subscribers keep receiving, and what must hold before launch.
import { publishEvent } from '../../platform/events.ts';
import { defineMechanic, mirroredStatus, opensNow, stockFindings, type Finding } from '../campaigns/index.ts';
import * as repo from './bargain.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { bargainTables } from './bargain.table.ts';

export const bargainMechanic = defineMechanic({
  mechanic: 'bargain',
  pausable: true,
  async apply(handle: AnyExecutor, id, change) {
    const trx = bargainTables.of(handle);
    await repo.updateCampaign(trx, id, { status: mirroredStatus(change.to), updated_at: change.at });
    if (opensNow(change)) await publishEvent(trx, change.at, 'bargain.campaign_started', id, { campaignId: id });
    if (change.to === 'ended') await publishEvent(trx, change.at, 'bargain.campaign_stopped', id, { campaignId: id });
  },
  async preLaunch(handle: AnyExecutor, id): Promise<Finding[]> {
    const trx = bargainTables.of(handle);
    return stockFindings(await repo.findCampaign(trx, id));
  },
});
