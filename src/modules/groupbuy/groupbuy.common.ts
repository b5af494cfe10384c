// What the parts of the group-buy service share: their dependencies, their errors, and the
// id-checked lookups (a malformed id finds nothing rather than reaching Postgres, which would
// reject the uuid cast).
import { DomainError, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService, PlaceOrder } from '../orders/index.ts';
import type { PaymentsService } from '../payments/index.ts';
import * as repo from './groupbuy.repo.ts';
import type { JoinRefusal } from './groupbuy.rules.ts';
import type { GroupbuyDb } from './groupbuy.table.ts';

export interface GroupbuyDeps {
  campaigns: CampaignsService;
  catalog: CatalogService;
  identity: IdentityService;
  orders: OrdersService;
  payments: PaymentsService;
  placeOrder: PlaceOrder;
  /** Fraud screening of a team join (risk): throws to refuse it before anything is written. */
  screenJoin?(userId: string, team: { campaignId: string; leaderId: string; newCustomersOnly: boolean }): Promise<void>;
}

export const campaignNotFound = (id: string) => notFound('GROUPBUY_CAMPAIGN_NOT_FOUND', 'No such group-buy campaign', { id });
export const teamNotFound = (id: string) => notFound('GROUPBUY_TEAM_NOT_FOUND', 'No such team', { id });

const REFUSALS: Record<JoinRefusal, ['conflict' | 'gone' | 'unprocessable', string]> = {
  GROUPBUY_OWN_TEAM: ['unprocessable', 'This is your own team; share it with friends instead'],
  GROUPBUY_TEAM_EXPIRED: ['gone', 'This team has run out of time'],
  GROUPBUY_TEAM_FULL: ['conflict', 'This team is full'],
  GROUPBUY_TEAM_NOT_OPEN: ['unprocessable', 'This team is not open for joining'],
};
export const refusal = (code: JoinRefusal, teamId: string) => new DomainError(REFUSALS[code][0], code, REFUSALS[code][1], { teamId });

export const findCampaignById = async (ex: GroupbuyDb, id: string) => (isUuid(id) ? repo.findCampaign(ex, id) : undefined);
export const findTeamById = async (ex: GroupbuyDb, id: string) => (isUuid(id) ? repo.findTeam(ex, id) : undefined);

/** A team row as the pure rules see it. */
export const teamView = (t: repo.TeamRow) => ({ status: t.status, leaderId: t.leader_id, size: t.size, seatsTaken: t.seats_taken, expiresAt: t.expires_at, paidCount: t.paid_count });
