import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { MAX_AMOUNT } from '../../platform/money.ts';
import { Body, IdempotencyHeaders, IdParams, MoneySchema, Nullable, Page, PageQuery, Type } from '../../platform/schema.ts';
import { presentPromoter, presentWithdrawal } from './affiliate.present.ts';
import type { AffiliateService } from './affiliate.service.ts';
import { PAYOUT_METHODS } from './affiliate.table.ts';
import { MAX_OFFSET } from './affiliate.directory.ts';

const PayoutMethod = Type.Union([Type.Literal(PAYOUT_METHODS[0]), Type.Literal(PAYOUT_METHODS[1]), Type.Literal(PAYOUT_METHODS[2])], { description: 'wechat (WeChat Pay), alipay, bank (bank card)' });
const Bp = Type.Integer({ minimum: 0, maximum: 5000, description: 'basis points (1000 = 10%)' });
/** Accepted only so a request for a third level is refused with AFFILIATE_THIRD_LEVEL_FORBIDDEN rather than a bare 400. */
const Levels = Type.Integer({ minimum: 1, maximum: 10, description: 'commission levels; anything above 2 is refused (anti-pyramid)' });

const PromoterSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  status: Type.String(),
  source: Type.String(),
  note: Nullable(Type.String()),
  operatorNote: Nullable(Type.String()),
  balance: MoneySchema,
  appliedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});

const TotalsSchema = Type.Object({ frozen: MoneySchema, settled: MoneySchema, reversed: MoneySchema, withdrawn: MoneySchema, pendingWithdrawals: MoneySchema, available: MoneySchema });
const RefereeCounts = Type.Object({ level1: Type.Integer(), level2: Type.Integer() });

const CommissionSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  level: Type.Integer(),
  productId: Type.String(),
  base: MoneySchema,
  rateBp: Type.Integer(),
  amount: MoneySchema,
  reversed: MoneySchema,
  net: MoneySchema,
  status: Type.String(),
  onHold: Type.Boolean(),
  settleAt: Nullable(Type.String()),
  createdAt: Type.String(),
  settledAt: Nullable(Type.String()),
});

const WithdrawalSchema = Type.Object({
  id: Type.String(),
  promoterId: Type.String(),
  amount: MoneySchema,
  fee: MoneySchema,
  net: MoneySchema,
  status: Type.String(),
  operatorNote: Nullable(Type.String()),
  requestedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  payout: Nullable(Type.Object({ method: PayoutMethod, account: Type.String({ description: 'masked: only the last four characters (**** 6789)' }) }, { description: 'where the promoter asked to be paid; null when the withdrawal records none' })),
});

/** A person in operator lists: display name and masked phone, never the account id alone. */
const PersonSchema = Type.Object({ id: Type.String(), name: Type.String({ description: 'display name; empty for an erased account' }), phone: Nullable(Type.String({ description: 'masked: 138****8000' })) });

const RatesSchema = Type.Object({ levels: Type.Integer(), level1Bp: Type.Integer(), level2Bp: Type.Integer() });
const ProgramSchema = Type.Object({
  levels: Type.Integer(),
  level1Bp: Type.Integer(),
  level2Bp: Type.Integer(),
  settlementDays: Type.Integer(),
  withdrawMin: MoneySchema,
  withdrawFeeBp: Type.Integer(),
  mode: Type.String(),
});
const ProductRateSchema = Type.Object({ productId: Type.String(), level1Bp: Type.Integer(), level2Bp: Type.Integer(), updatedAt: Type.String() });
const presentProductRate = (r: { product_id: string; level1_bp: number; level2_bp: number; updated_at: Date }) => ({ productId: r.product_id, level1Bp: r.level1_bp, level2Bp: r.level2_bp, updatedAt: r.updated_at.toISOString() });

const StatusOf = (values: string[]) => Type.Union(values.map((s) => Type.Literal(s)));

export function affiliateRoutes(affiliate: AffiliateService) {
  return async function (app: App) {
    app.post('/affiliate/applications', {
      schema: { tags: ['affiliate'], summary: 'Apply to become a promoter (free; no purchase required). Approved at once in open mode.', body: Body({ note: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 201: PromoterSchema } },
    }, async (req, reply) => reply.status(201).send(presentPromoter(await affiliate.apply(requireUser(req).id, req.body ?? {}))));

    app.get('/affiliate/program', {
      schema: {
        tags: ['affiliate'],
        summary: 'The promoter programme before applying: level-1 and level-2 rates (never a third), settlement days, withdrawal minimum and fee, who may join',
        response: { 200: ProgramSchema },
      },
    }, async () => affiliate.program());

    app.get('/affiliate/me', {
      schema: {
        tags: ['affiliate'],
        summary: 'My promoter centre: status, link hint, referees on level 1 and 2, commission totals',
        response: {
          200: Type.Object({
            status: Type.String(),
            applicationId: Nullable(Type.String()),
            approvedAt: Nullable(Type.String({ description: 'when the application was approved (申请已通过), else null' })),
            link: Nullable(Type.Object({ hint: Type.String(), inviteTarget: Type.Object({ type: Type.String(), id: Type.String() }) })),
            upline: Nullable(Type.Object({ boundAt: Type.String(), expiresAt: Nullable(Type.String()) })),
            referees: RefereeCounts,
            totals: TotalsSchema,
          }),
        },
      },
    }, async (req) => affiliate.me(requireUser(req).id));

    app.get('/affiliate/me/products', {
      schema: {
        tags: ['affiliate'],
        summary: 'Products to promote with my estimated commission per unit (level-1 rate of the product, as a paid order would earn); approved promoters only',
        querystring: Type.Object({ ...PageQuery }),
        response: {
          200: Page(Type.Object({ productId: Type.String(), title: Type.String(), titleEn: Nullable(Type.String()), image: Nullable(Type.String()), price: MoneySchema, rateBp: Type.Integer(), estimatedCommission: MoneySchema })),
        },
      },
    }, async (req) => affiliate.productsToPromote(requireUser(req).id, { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/affiliate/me/commissions', {
      schema: { tags: ['affiliate'], summary: 'My commission, newest first', querystring: Type.Object({ status: Type.Optional(StatusOf(['frozen', 'settled', 'reversed'])), ...PageQuery }), response: { 200: Page(CommissionSchema) } },
    }, async (req) => affiliate.myCommissions(requireUser(req).id, { status: req.query.status as any, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/affiliate/me/referees', {
      schema: {
        tags: ['affiliate'],
        summary: 'My customers (level 1) and their customers (level 2), names masked',
        querystring: Type.Object({ level: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), boundAt: Type.String() })) }) },
      },
    }, async (req) => affiliate.myReferees(requireUser(req).id, { level: req.query.level as 1 | 2 | undefined, limit: req.query.limit ?? 50 }));

    app.get('/affiliate/me/statement', {
      schema: {
        tags: ['affiliate'],
        summary: 'Statement over [from, to): opening balance, settled commission, reversals, withdrawals, fees, returned withdrawals, closing balance',
        querystring: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }),
        response: {
          200: Type.Object({ from: Type.String(), to: Type.String(), openingBalance: MoneySchema, commissionsSettled: MoneySchema, reversals: MoneySchema, withdrawals: MoneySchema, fees: MoneySchema, withdrawalsReturned: MoneySchema, closingBalance: MoneySchema }),
        },
      },
    }, async (req) => affiliate.statement(requireUser(req).id, new Date(req.query.from), new Date(req.query.to)));

    app.get('/affiliate/me/withdrawals', {
      schema: { tags: ['affiliate'], querystring: Type.Object({ ...PageQuery }), response: { 200: Page(WithdrawalSchema) } },
    }, async (req) => affiliate.listWithdrawals({ promoterId: requireUser(req).id, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.post('/affiliate/withdrawals', {
      schema: {
        tags: ['affiliate'],
        summary: 'Withdraw available commission (minimum and fee from settings; never above the available balance)',
        headers: IdempotencyHeaders,
        body: Body({
          amount: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT }),
          payout: Type.Optional(Body({ method: PayoutMethod, account: Type.String({ minLength: 4, maxLength: 40, pattern: '^[A-Za-z0-9@._ -]+$', description: 'WeChat id, Alipay account or bank card number; stored sealed, shown masked' }) })),
        }),
        response: { 201: WithdrawalSchema, 200: WithdrawalSchema },
      },
    }, async (req, reply) => {
      const { withdrawal, replayed } = await affiliate.requestWithdrawal(requireUser(req).id, req.body.amount, req.headers['idempotency-key'], req.body.payout);
      return reply.status(replayed ? 200 : 201).send(presentWithdrawal(withdrawal));
    });
  };
}

export function affiliateAdminRoutes(affiliate: AffiliateService) {
  return async function (app: App) {
    app.get('/affiliate/applications', {
      schema: {
        tags: ['admin'],
        summary: 'Promoter applications with the applicant\'s name and masked phone; status=pending is the review queue',
        querystring: Type.Object({ status: Type.Optional(StatusOf(['pending', 'approved', 'rejected'])), ...PageQuery }),
        response: { 200: Page(Type.Intersect([PromoterSchema, Type.Object({ applicant: PersonSchema })])) },
      },
    }, async (req) => affiliate.listApplicationsForOperators({ status: req.query.status as any, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));
    app.post('/affiliate/applications/:id/approve', {
      schema: { tags: ['admin'], params: IdParams, body: Type.Optional(Body({ note: Type.Optional(Type.String({ maxLength: 500 })) })), response: { 200: PromoterSchema } },
    }, async (req) => presentPromoter(await affiliate.decideApplication(requireUser(req).id, req.params.id, 'approve', req.body?.note)));
    app.post('/affiliate/applications/:id/reject', {
      schema: { tags: ['admin'], params: IdParams, body: Body({ note: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: PromoterSchema } },
    }, async (req) => presentPromoter(await affiliate.decideApplication(requireUser(req).id, req.params.id, 'reject', req.body.note)));

    app.get('/affiliate/promoters', {
      schema: {
        tags: ['admin'],
        summary: 'Approved promoters: search by name, email or whole phone number; sort by GMV, attributed orders, commission or joining date; with referees and commission totals',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          sort: Type.Optional(StatusOf(['gmv', 'orders', 'commission', 'joined'])),
          order: Type.Optional(StatusOf(['asc', 'desc'])),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Intersect([
              PromoterSchema,
              Type.Object({
                person: PersonSchema,
                name: Type.String({ description: 'the same as person.name' }),
                attributedOrders: Type.Integer({ description: 'orders on which the promoter earned level-1 commission' }),
                gmv: Type.Intersect([MoneySchema], { description: 'paid value of those orders\' lines, net of refunds' }),
                commission: Type.Intersect([MoneySchema], { description: 'commission earned on both levels, net of reversals' }),
                referees: RefereeCounts,
                totals: TotalsSchema,
              }),
            ])),
            total: Type.Integer({ description: 'promoters matching the search' }),
            nextCursor: Nullable(Type.String()),
          }),
        },
      },
    }, async (req) => affiliate.searchPromoters({ q: req.query.q, sort: req.query.sort as any, order: req.query.order as any, offset: req.query.offset, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/affiliate/rates', { schema: { tags: ['admin'], response: { 200: RatesSchema } } }, async () => affiliate.getRates());
    app.put('/affiliate/rates', {
      schema: {
        tags: ['admin'],
        summary: 'Default level-1 and level-2 rates. Any third level is refused with 422 AFFILIATE_THIRD_LEVEL_FORBIDDEN.',
        body: Body({ level1RateBp: Type.Optional(Bp), level2RateBp: Type.Optional(Bp), levels: Type.Optional(Levels), level3RateBp: Type.Optional(Bp) }),
        response: { 200: RatesSchema },
      },
    }, async (req) => affiliate.setRates(requireUser(req).id, req.body));

    app.get('/affiliate/product-rates', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(ProductRateSchema) }) } } }, async () => ({ items: (await affiliate.listProductRates()).map(presentProductRate) }));
    app.put('/affiliate/product-rates/:id', {
      schema: {
        tags: ['admin'],
        summary: 'Per-product override of the level-1 and level-2 rates (id = product id)',
        params: IdParams,
        body: Body({ level1Bp: Bp, level2Bp: Bp, levels: Type.Optional(Levels), level3Bp: Type.Optional(Bp) }),
        response: { 200: ProductRateSchema },
      },
    }, async (req) => presentProductRate(await affiliate.setProductRate(requireUser(req).id, req.params.id, req.body)));
    app.delete('/affiliate/product-rates/:id', { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
      await affiliate.deleteProductRate(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/affiliate/withdrawals', {
      schema: {
        tags: ['admin'],
        summary: 'Withdrawals with the promoter\'s name, masked phone and masked payout account; status=pending is the payout queue',
        querystring: Type.Object({ status: Type.Optional(StatusOf(['pending', 'paid', 'rejected'])), promoterId: Type.Optional(Type.String({ format: 'uuid', description: 'the promoter\'s user id' })), ...PageQuery }),
        response: { 200: Page(Type.Intersect([WithdrawalSchema, Type.Object({ promoter: PersonSchema })])) },
      },
    }, async (req) => affiliate.listWithdrawalsForOperators({ status: req.query.status as any, promoterId: req.query.promoterId, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));
    app.post('/affiliate/withdrawals/:id/approve', {
      schema: { tags: ['admin'], summary: 'Mark a withdrawal paid', params: IdParams, body: Type.Optional(Body({ note: Type.Optional(Type.String({ maxLength: 500 })) })), response: { 200: WithdrawalSchema } },
    }, async (req) => presentWithdrawal(await affiliate.decideWithdrawal(requireUser(req).id, req.params.id, 'approve', req.body?.note)));
    app.post('/affiliate/withdrawals/:id/reject', {
      schema: { tags: ['admin'], summary: 'Reject a withdrawal; the amount returns to the balance', params: IdParams, body: Body({ note: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: WithdrawalSchema } },
    }, async (req) => presentWithdrawal(await affiliate.decideWithdrawal(requireUser(req).id, req.params.id, 'reject', req.body.note)));
  };
}
