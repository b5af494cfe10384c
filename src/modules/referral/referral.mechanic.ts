// Invite-a-friend as a mechanic on the campaign kernel: how a new status shows on the campaign row
// and the events referral subscribers keep receiving.
import { publishEvent } from '../../platform/events.ts';
import { mirroringMechanic } from '../campaigns/index.ts';
import * as repo from './referral.repo.ts';
import { referralTables } from './referral.table.ts';
import { referralVariants } from './referral.variants.ts';

export const referralMechanic = mirroringMechanic({
  mechanic: 'referral',
  setStatus: (trx, id, status, at) => repo.updateCampaign(referralTables.of(trx), id, { status, updated_at: at }),
  announce: (trx, id, what, at) => publishEvent(trx, at, what === 'started' ? 'referral.campaign_started' : 'referral.campaign_ended', id, { campaignId: id }),
  variants: referralVariants,
});
