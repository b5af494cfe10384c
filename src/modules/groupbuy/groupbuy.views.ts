// What shoppers read: live campaigns, a campaign with its joinable teams, the team page (anyone
// with the link), their own teams, and the share card of a team link.
import { campaignNotFound, findCampaignById, findTeamById, teamNotFound, type GroupbuyDeps } from './groupbuy.common.ts';
import { presentFacts, presentMyTeam, presentOpenTeam, presentShopperCampaign, presentTeamPage, presentTeamTarget } from './groupbuy.present.ts';
import * as repo from './groupbuy.repo.ts';
import { campaignLive } from './groupbuy.rules.ts';
import { groupbuyTables, type GroupbuyDb, type GroupbuyPlatform } from './groupbuy.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export function createGroupbuyViews(p: GroupbuyPlatform, deps: Pick<GroupbuyDeps, 'catalog' | 'identity'>) {
  const { db, clock } = p;
  const { catalog, identity } = deps;

  const productFacts = (executor: GroupbuyDb, skuIds: string[]) => catalog.getSkusForPricing(executor, skuIds);

  async function listLiveCampaigns() {
    const now = clock.now();
    const rows = (await repo.findActiveCampaigns(db)).filter((c) => campaignLive({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now));
    const skus = await productFacts(db, rows.map((c) => c.sku_id));
    const facts = await repo.campaignFacts(db, rows.map((c) => c.id), now);
    return rows.map((c) => ({ ...presentShopperCampaign(c, skus.get(c.sku_id)), ...presentFacts(facts.get(c.id)) }));
  }

  /** Teams of a campaign a friend can still join (seats left, before the deadline), leaders masked. */
  async function listOpenTeams(id: string, limit: number, viewerId: string | null) {
    const c = await findCampaignById(db, id);
    if (!c || c.status === 'draft') throw campaignNotFound(id);
    const teams = await repo.findJoinableTeams(db, id, clock.now(), limit);
    const names = await identity.displayNames(db, teams.map((t) => t.leader_id));
    return teams.map((t) => ({ ...presentOpenTeam(t, names.get(t.leader_id) ?? '拼团用户'), yours: !!viewerId && t.leader_id === viewerId }));
  }

  async function getShopperCampaign(id: string) {
    const c = await findCampaignById(db, id);
    if (!c || c.status === 'draft') throw campaignNotFound(id);
    const now = clock.now();
    const skus = await productFacts(db, [c.sku_id]);
    const teams = await repo.findJoinableTeams(db, id, now);
    const names = await identity.displayNames(db, teams.map((t) => t.leader_id));
    const facts = await repo.campaignFacts(db, [id], now);
    return {
      ...presentShopperCampaign(c, skus.get(c.sku_id)),
      ...presentFacts(facts.get(id)),
      live: campaignLive({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now),
      openTeams: teams.map((t) => presentOpenTeam(t, names.get(t.leader_id) ?? '拼团用户')),
    };
  }

  /** The team page: anyone with the link may see it; members appear by display name only. */
  async function getTeamPage(teamId: string, viewerId: string | null = null) {
    const team = await findTeamById(db, teamId);
    if (!team) throw teamNotFound(teamId);
    const c = (await repo.findCampaign(db, team.campaign_id))!;
    const sku = (await productFacts(db, [c.sku_id])).get(c.sku_id);
    const members = await repo.findSeatedMembers(db, teamId);
    const names = await identity.displayNames(db, members.flatMap((m) => (m.user_id ? [m.user_id] : [])));
    return presentTeamPage(team, c, sku, members, names, viewerId, clock.now());
  }

  /** The teams a shopper leads or joined, newest first (their own seat's status included). */
  async function listMyTeams(userId: string) {
    return (await repo.findTeamsOfUser(db, userId)).map(presentMyTeam);
  }

  /** Share target `team`: the team page with its product and group price. */
  async function resolveTeamTarget(handle: AnyExecutor, id: string) {
    const executor = groupbuyTables.of(handle);
    const team = await findTeamById(executor, id);
    if (!team) return null;
    const c = (await repo.findCampaign(executor, team.campaign_id))!;
    const sku = (await productFacts(executor, [c.sku_id])).get(c.sku_id);
    return presentTeamTarget(team, c, sku);
  }

  return { listLiveCampaigns, listOpenTeams, getShopperCampaign, getTeamPage, listMyTeams, resolveTeamTarget };
}

export type GroupbuyViews = ReturnType<typeof createGroupbuyViews>;
