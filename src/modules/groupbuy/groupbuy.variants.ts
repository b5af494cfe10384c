// What an A/B variant of a group buy may change: the size of a team the subject opens. The team
// stores the size it was opened with, so everyone who joins plays by the leader's variant and a
// team never changes size under its members.
import type { VariantRules } from '../campaigns/index.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './groupbuy.repo.ts';
import { groupbuyTables } from './groupbuy.table.ts';

/** The same bounds as a campaign's own team size (groupbuy.rules.ts campaignProblem). */
export const TEAM_SIZE_BOUNDS = { min: 2, max: 10 } as const;

export const groupbuyVariants: VariantRules = {
  async space(handle: AnyExecutor, campaignId: string) {
    const c = await repo.findCampaign(groupbuyTables.of(handle), campaignId);
    if (!c) return { keys: [] };
    // With auto-fill, at least one seat beyond the real members it waits for must remain.
    const min = c.auto_fill_enabled ? Math.max(TEAM_SIZE_BOUNDS.min, c.auto_fill_min_real + 1) : TEAM_SIZE_BOUNDS.min;
    return { keys: [{ key: 'teamSize', unit: 'people', min, max: TEAM_SIZE_BOUNDS.max, base: c.team_size, en: 'Team size (people per team the subject opens)', zh: '成团人数（该用户开的团）' }] };
  },
};
