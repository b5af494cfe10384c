// Invite-a-friend as a mechanic on the campaign kernel: how a new status shows on the campaign row
// and the events referral subscribers keep receiving.
import { publishEvent } from '../../platform/events.ts';
import { defineMechanic, mirroredStatus, opensNow } from '../campaigns/index.ts';
import * as repo from './referral.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { referralTables } from './referral.table.ts';

export const referralMechanic = defineMechanic({
  mechanic: 'referral',
  pausable: true,
  async apply(handle: AnyExecutor, id, change) {
    const trx = referralTables.of(handle);
    await repo.updateCampaign(trx, id, { status: mirroredStatus(change.to), updated_at: change.at });
    if (opensNow(change)) await publishEvent(trx, change.at, 'referral.campaign_started', id, { campaignId: id });
    if (change.to === 'ended') await publishEvent(trx, change.at, 'referral.campaign_ended', id, { campaignId: id });
  },
});
