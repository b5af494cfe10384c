// The price-cuts of a campaign as the console lists them on the campaign page: whose cut it is (by
// display name and masked phone), how many friends helped, the price now against the floor, and
// what the floor price costs the store (list price − floor, for every cut that reached it).
// Names come from identity's service, never its tables.
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { money } from '../../platform/money.ts';
import { maskPhone } from '../../platform/pii.ts';
import { IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import type { IdentityService } from '../identity/index.ts';
import * as repo from './bargain.repo.ts';
import type { CutStatus } from './bargain.rules.ts';
import type { BargainPlatform } from './bargain.table.ts';

const CUT_STATUSES: CutStatus[] = ['open', 'succeeded', 'ordered', 'bought', 'expired'];

const PersonSchema = Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String({ description: 'masked, 138****8000' })) });
const CutSchema = Type.Object({
  id: Type.String(),
  owner: PersonSchema,
  status: Type.String(),
  helpers: Type.Integer({ description: 'friends who helped' }),
  helpersNeeded: Type.Integer(),
  listPrice: MoneySchema,
  currentPrice: MoneySchema,
  floorPrice: MoneySchema,
  reachedFloor: Type.Boolean(),
  floorCost: MoneySchema,
  orderId: Nullable(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  succeededAt: Nullable(Type.String()),
});
const SummarySchema = Type.Object({
  cuts: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  reachedFloor: Type.Integer({ description: 'cuts that reached the floor price' }),
  floorCost: Type.Intersect([MoneySchema], { description: 'Σ (list price − floor price) over the cuts that reached the floor' }),
});

type Labels = (ids: string[]) => Promise<Map<string, { name: string; phone: string | null }>>;

export function createBargainAdminCuts(p: BargainPlatform, identity: Pick<IdentityService, 'displayNames' | 'fraudFacts'>) {
  const { db } = p;

  const labels: Labels = async (ids) => {
    const unique = [...new Set(ids)];
    const map = new Map<string, { name: string; phone: string | null }>();
    if (unique.length === 0) return map;
    const [names, facts] = await Promise.all([identity.displayNames(db, unique), identity.fraudFacts(db, unique)]);
    for (const id of unique) {
      const phone = facts.get(id)?.phone ?? null;
      map.set(id, { name: names.get(id) ?? '', phone: phone ? maskPhone(phone) : null });
    }
    return map;
  };

  async function requireCampaign(id: string) {
    const c = await repo.findCampaign(db, id);
    if (!c) throw notFound('BARGAIN_CAMPAIGN_NOT_FOUND', 'No such price-cut campaign', { id });
    return c;
  }

  async function listCuts(campaignId: string, q: { status?: CutStatus; page: number; pageSize: number }) {
    const c = await requireCampaign(campaignId);
    const [cuts, totals] = await Promise.all([repo.findCutsPage(db, campaignId, { status: q.status, offset: (q.page - 1) * q.pageSize, limit: q.pageSize }), repo.cutTotals(db, campaignId)]);
    const people = await labels(cuts.map((x) => x.user_id));
    const byStatus = Object.fromEntries(totals.map((r) => [r.status, Number(r.n)]));
    const all = totals.reduce((a, r) => a + Number(r.n), 0);
    const items = cuts.map((x) => {
      const reachedFloor = x.current_amount <= x.floor_amount;
      return {
        id: x.id,
        owner: { id: x.user_id, name: people.get(x.user_id)?.name ?? '', phone: people.get(x.user_id)?.phone ?? null },
        status: x.status,
        helpers: x.helps,
        helpersNeeded: x.helpers_needed,
        listPrice: money(x.original_amount, x.currency),
        currentPrice: money(x.current_amount, x.currency),
        floorPrice: money(x.floor_amount, x.currency),
        reachedFloor,
        floorCost: money(reachedFloor ? x.original_amount - x.floor_amount : 0, x.currency),
        orderId: x.order_id,
        createdAt: x.created_at.toISOString(),
        expiresAt: x.expires_at.toISOString(),
        succeededAt: x.succeeded_at?.toISOString() ?? null,
      };
    });
    return {
      items,
      total: q.status ? (byStatus[q.status] ?? 0) : all,
      page: q.page,
      pageSize: q.pageSize,
      summary: {
        cuts: all,
        byStatus,
        reachedFloor: totals.reduce((a, r) => a + Number(r.at_floor), 0),
        floorCost: money(totals.reduce((a, r) => a + Number(r.floor_cost), 0), c.currency),
      },
    };
  }

  return { listCuts };
}

export type BargainAdminCuts = ReturnType<typeof createBargainAdminCuts>;

/** Under /api/v1/admin. */
export function bargainAdminCutRoutes(cuts: BargainAdminCuts) {
  return async function (app: App) {
    app.get('/bargain/campaigns/:id/cuts', {
      schema: {
        tags: ['admin'],
        summary: 'A price-cut campaign\'s cuts, newest first: owner by name and masked phone, helpers, current and floor price, and the floor price\'s cost',
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(CUT_STATUSES.map((s) => Type.Literal(s)))),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(CutSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), summary: SummarySchema }) },
      },
    }, async (req) => cuts.listCuts(req.params.id, { status: req.query.status, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }));
  };
}
