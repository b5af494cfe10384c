// The teams of a group buy as the console lists them on the campaign page: the leader and every
// member by display name and masked phone, the team's status, and the time left for a team still
// filling or when it completed. Names come from identity's service, never its tables.
import { IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import type { App } from '../../platform/http.ts';
import { money } from '../../platform/money.ts';
import { maskPhone } from '../../platform/pii.ts';
import type { IdentityService } from '../identity/index.ts';
import { campaignNotFound, findCampaignById } from './groupbuy.common.ts';
import * as repo from './groupbuy.repo.ts';
import type { TeamStatus } from './groupbuy.rules.ts';
import type { GroupbuyPlatform } from './groupbuy.table.ts';

const TEAM_STATUSES: TeamStatus[] = ['forming', 'open', 'completed', 'failed', 'cancelled'];

const PersonSchema = Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String({ description: 'masked, 138****8000' })) });
const TeamSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  size: Type.Integer(),
  seatsTaken: Type.Integer(),
  paidMembers: Type.Integer(),
  virtualMembers: Type.Integer(),
  leader: PersonSchema,
  members: Type.Array(Type.Object({
    person: Nullable(PersonSchema),
    role: Type.String({ description: 'leader, member, or virtual (a seat the store filled; no person)' }),
    status: Type.String({ description: 'reserved, paid, refunding or refunded' }),
    paid: MoneySchema,
    orderId: Nullable(Type.String()),
    joinedAt: Type.String(),
    paidAt: Nullable(Type.String()),
  })),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  secondsLeft: Nullable(Type.Integer({ description: 'for a team still filling: seconds until its deadline (0 once passed); else null' })),
  completedAt: Nullable(Type.String()),
  failedAt: Nullable(Type.String()),
});

export type CustomerLabels = (ids: string[]) => Promise<Map<string, { name: string; phone: string | null }>>;

/** Display names with masked phones, read through identity's service. */
export function customerLabelsVia(identity: Pick<IdentityService, 'displayNames' | 'fraudFacts'>, p: GroupbuyPlatform): CustomerLabels {
  return async (ids) => {
    const unique = [...new Set(ids)];
    const map = new Map<string, { name: string; phone: string | null }>();
    if (unique.length === 0) return map;
    const [names, facts] = await Promise.all([identity.displayNames(p.db, unique), identity.fraudFacts(p.db, unique)]);
    for (const id of unique) {
      const phone = facts.get(id)?.phone ?? null;
      map.set(id, { name: names.get(id) ?? '', phone: phone ? maskPhone(phone) : null });
    }
    return map;
  };
}

export function createGroupbuyAdminTeams(p: GroupbuyPlatform, labels: CustomerLabels) {
  const { db, clock } = p;

  async function listTeams(campaignId: string, q: { status?: TeamStatus; page: number; pageSize: number }) {
    const c = await findCampaignById(db, campaignId);
    if (!c) throw campaignNotFound(campaignId);
    const [teams, total] = await Promise.all([
      repo.findTeamsPage(db, campaignId, { status: q.status, offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
      repo.countTeams(db, campaignId, q.status),
    ]);
    const members = await repo.findMembersOfTeams(db, teams.map((t) => t.id));
    const people = await labels([...teams.map((t) => t.leader_id), ...members.flatMap((m) => (m.user_id ? [m.user_id] : []))]);
    const person = (id: string) => ({ id, name: people.get(id)?.name ?? '', phone: people.get(id)?.phone ?? null });
    const now = clock.now().getTime();
    const items = teams.map((t) => {
      const filling = t.status === 'forming' || t.status === 'open';
      return {
        id: t.id,
        status: t.status,
        size: t.size,
        seatsTaken: t.seats_taken,
        paidMembers: t.paid_count,
        virtualMembers: t.virtual_count,
        leader: person(t.leader_id),
        members: members.filter((m) => m.team_id === t.id).map((m) => ({
          person: m.user_id ? person(m.user_id) : null,
          role: m.role,
          status: m.status,
          paid: money(m.paid_amount, c.currency),
          orderId: m.order_id,
          joinedAt: m.joined_at.toISOString(),
          paidAt: m.paid_at?.toISOString() ?? null,
        })),
        createdAt: t.created_at.toISOString(),
        expiresAt: t.expires_at?.toISOString() ?? null,
        secondsLeft: filling && t.expires_at ? Math.max(0, Math.floor((t.expires_at.getTime() - now) / 1000)) : null,
        completedAt: t.completed_at?.toISOString() ?? null,
        failedAt: t.failed_at?.toISOString() ?? null,
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  return { listTeams };
}

export type GroupbuyAdminTeams = ReturnType<typeof createGroupbuyAdminTeams>;

/** Under /api/v1/admin. */
export function groupbuyAdminTeamRoutes(teams: GroupbuyAdminTeams) {
  return async function (app: App) {
    app.get('/groupbuy/campaigns/:id/teams', {
      schema: {
        tags: ['admin'],
        summary: 'A group buy\'s teams, newest first: leader and members by name and masked phone, status, time left or completion',
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(TEAM_STATUSES.map((s) => Type.Literal(s)))),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(TeamSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    }, async (req) => teams.listTeams(req.params.id, { status: req.query.status, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }));
  };
}
