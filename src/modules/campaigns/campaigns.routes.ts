// Operators' view of every campaign in one list, whatever its mechanic, with the lifecycle
// actions, the budget, the cost ledger and the launch review.
import { hasRole, requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor, IdParams, MoneySchema, Nullable, Page, PageQuery, Type, Body } from '../../platform/schema.ts';
import { budgetLeft, CAMPAIGN_STATUSES, COST_KINDS, MECHANICS, phase } from './campaigns.rules.ts';
import type { CampaignRow } from './campaigns.repo.ts';
import type { CampaignsService } from './campaigns.service.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const MechanicSchema = literals(MECHANICS);
const StatusSchema = literals(CAMPAIGN_STATUSES);

const CampaignSchema = Type.Object({
  id: Type.String(),
  mechanic: Type.String({ description: `one of ${MECHANICS.join(', ')}` }),
  name: Type.String(),
  status: Type.String({ description: `one of ${CAMPAIGN_STATUSES.join(', ')}` }),
  phase: Type.String({ description: 'what shoppers see now: draft, upcoming, running, paused or over (a scheduled campaign is upcoming, never running)' }),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  budget: Nullable(MoneySchema),
  spent: MoneySchema,
  budgetLeft: Nullable(MoneySchema),
  budgetExhaustedAt: Nullable(Type.String()),
  freeShipping: Type.Boolean({ description: '包邮: orders under the campaign ship free, so its advertised price is the price paid' }),
  rulesLockedAt: Nullable(Type.String()),
  liveAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const FindingSchema = Type.Object({
  check: Type.String(),
  severity: Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('info')]),
  message: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const LedgerEntrySchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: `one of ${COST_KINDS.join(', ')}` }),
  amount: MoneySchema,
  ref: Type.String(),
  orderId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: Type.String(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentCampaign(c: CampaignRow, now: Date) {
  const left = budgetLeft({ limitAmount: c.budget_amount, spentAmount: c.spent_amount });
  return {
    id: c.id,
    mechanic: c.mechanic,
    name: c.name,
    status: c.status,
    phase: phase({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now),
    startsAt: iso(c.starts_at),
    endsAt: iso(c.ends_at),
    budget: c.budget_amount === null ? null : money(c.budget_amount, c.currency),
    spent: money(c.spent_amount, c.currency),
    budgetLeft: left === null ? null : money(left, c.currency),
    budgetExhaustedAt: iso(c.budget_exhausted_at),
    freeShipping: c.free_shipping,
    rulesLockedAt: iso(c.rules_locked_at),
    liveAt: iso(c.live_at),
    endedAt: iso(c.ended_at),
    createdAt: new Date(c.created_at).toISOString(),
  };
}

const LaunchReviewSchema = Type.Object({
  campaign: CampaignSchema,
  findings: Type.Array(FindingSchema),
  blocked: Type.Boolean({ description: 'a check blocks: start answers 422 CAMPAIGN_PRELAUNCH_BLOCKED' }),
  startsAs: Nullable(Type.Union([Type.Literal('live'), Type.Literal('scheduled')], { description: 'live now, or scheduled when its start time is later; null when it cannot start' })),
  refusal: Nullable(Type.Union([Type.Literal('CAMPAIGN_STATUS'), Type.Literal('CAMPAIGN_ALREADY_OVER')], { description: 'why start would be refused (already started, or its end has passed)' })),
  locks: Type.Object({
    locked: Type.Array(Type.Union([Type.Literal('rules'), Type.Literal('window'), Type.Literal('declaration'), Type.Literal('freeShipping')]), { description: 'what becomes read-only at launch' }),
    editable: Type.Array(Type.Union([Type.Literal('budget'), Type.Literal('freeShipping'), Type.Literal('pause'), Type.Literal('end')]), { description: 'what the operator can still change after launch' }),
  }),
  cost: Type.Object({
    budget: Nullable(MoneySchema),
    mechanicCeiling: Nullable(MoneySchema),
    ceiling: Nullable(MoneySchema),
    basis: Type.Union([Type.Literal('budget'), Type.Literal('mechanic'), Type.Literal('none')]),
    spent: MoneySchema,
  }, { description: 'the most the campaign can cost: the lower of its budget and its own rules (a coupon’s quantity × value)' }),
});

const ActionResult = Type.Object({ campaign: CampaignSchema, findings: Type.Array(FindingSchema) });

export function campaignsRoutes(campaigns: CampaignsService, now: () => Date) {
  return async (app: App) => {
    const read = { scope: 'campaigns:read' as const };
    const write = { scope: 'campaigns:write' as const };

    app.get('/campaigns', {
      config: read,
      schema: {
        tags: ['admin'],
        summary: 'Every campaign of every mechanic, newest first, with its lifecycle status and budget',
        querystring: Type.Object({ mechanic: Type.Optional(MechanicSchema), status: Type.Optional(StatusSchema), ...PageQuery }),
        response: { 200: Page(CampaignSchema) },
      },
    }, async (req) => {
      const limit = req.query.limit ?? 20;
      const rows = await campaigns.list({ mechanic: req.query.mechanic, status: req.query.status, before: decodeCursor(req.query.cursor), limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map((c) => presentCampaign(c, now())), nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: new Date(last.created_at).toISOString(), id: last.id }) : null };
    });

    app.get('/campaigns/:id', { config: read, schema: { tags: ['admin'], params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await campaigns.get(req.params.id), now()));

    app.get('/campaigns/:id/checks', {
      config: read,
      schema: { tags: ['admin'], summary: 'Launch review: the pre-launch checks as they stand now (changes nothing)', params: IdParams, response: { 200: ActionResult } },
    }, async (req) => {
      const r = await campaigns.checks(req.params.id);
      return { campaign: presentCampaign(r.campaign, now()), findings: r.findings };
    });

    app.get('/campaigns/:id/launch-review', {
      config: read,
      schema: {
        tags: ['admin'],
        summary: 'Before start: the pre-launch checks (a block refuses start), whether start goes live now or schedules, what locks at launch and the cost ceiling. Changes nothing',
        params: IdParams,
        response: { 200: LaunchReviewSchema },
      },
    }, async (req) => {
      const r = await campaigns.launchReview(req.params.id);
      const c = r.campaign;
      return {
        campaign: presentCampaign(c, now()),
        findings: r.findings,
        blocked: r.blocked,
        startsAs: r.outcome.startsAs,
        refusal: r.outcome.refusal === null ? null : r.outcome.refusal === 'already_over' ? ('CAMPAIGN_ALREADY_OVER' as const) : ('CAMPAIGN_STATUS' as const),
        locks: r.locks,
        cost: {
          budget: c.budget_amount === null ? null : money(c.budget_amount, c.currency),
          mechanicCeiling: r.mechanicCeiling === null ? null : money(r.mechanicCeiling, c.currency),
          ceiling: r.ceiling.amount === null ? null : money(r.ceiling.amount, c.currency),
          basis: r.ceiling.basis,
          spent: money(c.spent_amount, c.currency),
        },
      };
    });

    const actions = [
      ['start', 'Start: live now, or scheduled when its start time is later (409 once started; 422 CAMPAIGN_PRELAUNCH_BLOCKED when a check blocks)'],
      ['pause', 'Pause a live campaign (409 CAMPAIGN_PAUSE_UNSUPPORTED for fixed-window mechanics)'],
      ['resume', 'Resume a paused campaign'],
      ['end', 'End the campaign now'],
    ] as const;
    // Only start takes a body: an admin's reason to start past a failing check (audited).
    const StartBody = Body({ overrideReason: Type.Optional(Type.String({ minLength: 10, maxLength: 500, description: 'admins only: start although a check blocks; the reason is audited' })) });
    const startOptions = { body: StartBody, preValidation: async (req: { body: unknown }) => void (req.body ??= {}) };
    for (const [action, summary] of actions) {
      const { body, preValidation } = action === 'start' ? startOptions : { body: undefined, preValidation: undefined };
      app.post(`/campaigns/:id/${action}`, { config: write, ...(preValidation ? { preValidation } : {}), schema: { tags: ['admin'], summary, params: IdParams, ...(body ? { body } : {}), response: { 200: ActionResult } } }, async (req) => {
        const user = requireUser(req);
        const reason = (req.body as { overrideReason?: string } | undefined)?.overrideReason?.trim();
        const r = await campaigns.act(user.id, req.params.id, action, reason ? { reason, byAdmin: hasRole(user, 'admin') } : undefined);
        return { campaign: presentCampaign(r.campaign, now()), findings: r.findings };
      });
    }

    app.put('/campaigns/:id/budget', {
      config: write,
      schema: {
        tags: ['admin'],
        summary: 'Set the cost ceiling in fen (null: no ceiling); never below what was spent (409 CAMPAIGN_BUDGET_BELOW_SPENT)',
        params: IdParams,
        body: Body({ budgetAmount: Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })) }),
        response: { 200: CampaignSchema },
      },
    }, async (req) => presentCampaign(await campaigns.setBudget(requireUser(req).id, req.params.id, req.body.budgetAmount), now()));

    app.put('/campaigns/:id/shipping', {
      config: write,
      schema: {
        tags: ['admin'],
        summary: '包邮: orders under the campaign ship free. It can be turned on at any time; a scheduled or live campaign keeps it (409 CAMPAIGN_RULES_LOCKED)',
        params: IdParams,
        body: Body({ freeShipping: Type.Boolean() }),
        response: { 200: CampaignSchema },
      },
    }, async (req) => presentCampaign(await campaigns.setFreeShipping(requireUser(req).id, req.params.id, req.body.freeShipping), now()));

    app.get('/campaigns/:id/ledger', {
      config: read,
      schema: {
        tags: ['admin'],
        summary: 'The cost ledger: every cost booked (positive) and given back (negative), newest first, with totals by kind',
        params: IdParams,
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ items: Type.Array(LedgerEntrySchema), nextCursor: Nullable(Type.String()), byKind: Type.Array(Type.Object({ kind: Type.String(), amount: MoneySchema })) }) },
      },
    }, async (req) => {
      const limit = req.query.limit ?? 20;
      const c = await campaigns.get(req.params.id);
      const before = decodeCursor<{ id: number }>(req.query.cursor)?.id;
      const rows = await campaigns.ledger(c.id, typeof before === 'number' ? before : undefined, limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((e) => ({ id: Number(e.id), kind: e.kind, amount: money(e.amount, c.currency), ref: e.ref, orderId: e.order_id, userId: e.user_id, note: e.note, at: new Date(e.at).toISOString() })),
        nextCursor: rows.length > limit && last ? encodeCursor({ id: Number(last.id) }) : null,
        byKind: (await campaigns.cost(c.id)).map((k) => ({ kind: k.kind, amount: money(k.amount, c.currency) })),
      };
    });
  };
}
