// A draw's results as the console shows them on the campaign page: who drew (display name and
// masked phone), what they won with its market value, and what the prizes cost in all; the prize
// pool with each product prize's title and thumbnail. Names and products come from identity's and
// catalog's services, never their tables.
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { money } from '../../platform/money.ts';
import { maskPhone } from '../../platform/pii.ts';
import { IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { presentDraw } from './lottery.present.ts';
import * as repo from './lottery.repo.ts';
import type { LotteryPlatform } from './lottery.table.ts';

const ENTRY_STATUSES: repo.EntryStatus[] = ['granted', 'to_fulfil', 'fulfilled', 'nothing'];

const PersonSchema = Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String({ description: 'masked, 138****8000' })) });
const ProductSchema = Type.Object({ productId: Type.String(), skuId: Type.String(), title: Type.String(), skuLabel: Type.String(), image: Nullable(Type.String()) });
const EntrySchema = Type.Object({
  id: Type.String(),
  person: PersonSchema,
  prize: Type.Object({ id: Nullable(Type.String()), kind: Type.String(), name: Type.String(), value: Type.Intersect([MoneySchema], { description: 'the prize\'s market value (0 for nothing)' }), product: Nullable(ProductSchema) }),
  status: Type.String(),
  chance: Type.String(),
  fellBack: Type.Boolean(),
  createdAt: Type.String(),
});
const PrizeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  points: Nullable(Type.Integer()),
  templateId: Nullable(Type.String()),
  product: Nullable(ProductSchema),
  weight: Type.Integer(),
  probability: Type.Number(),
  stockTotal: Nullable(Type.Integer()),
  stockLeft: Nullable(Type.Integer()),
  value: MoneySchema,
  wins: Type.Integer(),
  cost: Type.Intersect([MoneySchema], { description: 'wins × market value' }),
});

export function createLotteryAdminResults(p: LotteryPlatform, deps: { identity: Pick<IdentityService, 'displayNames' | 'fraudFacts'>; catalog: Pick<CatalogService, 'getSkusForPricing'> }) {
  const { db } = p;

  async function people(ids: string[]) {
    const unique = [...new Set(ids)];
    const map = new Map<string, { id: string; name: string; phone: string | null }>();
    if (unique.length === 0) return map;
    const [names, facts] = await Promise.all([deps.identity.displayNames(db, unique), deps.identity.fraudFacts(db, unique)]);
    for (const id of unique) {
      const phone = facts.get(id)?.phone ?? null;
      map.set(id, { id, name: names.get(id) ?? '', phone: phone ? maskPhone(phone) : null });
    }
    return map;
  }

  async function prizeTable(drawId: string) {
    const d = await repo.findDraw(db, drawId);
    if (!d) throw notFound('LOTTERY_DRAW_NOT_FOUND', 'No such draw', { id: drawId });
    const prizes = await repo.findPrizes(db, drawId);
    const skuIds = prizes.flatMap((x) => (x.sku_id ? [x.sku_id] : []));
    const skus = skuIds.length ? await deps.catalog.getSkusForPricing(db, skuIds) : new Map();
    const rows = new Map(prizes.map((x) => [x.id, x]));
    const products = new Map(prizes.map((x) => {
      const s = x.sku_id ? skus.get(x.sku_id) : undefined;
      return [x.id, s && x.sku_id ? { productId: s.productId, skuId: x.sku_id, title: s.productTitle, skuLabel: s.skuLabel, image: s.image } : null];
    }));
    return { draw: presentDraw(d, prizes), rows, products };
  }

  /** The prize pool with wins and cost per prize, and the draw's totals. */
  async function prizeCost(drawId: string) {
    const { draw, rows, products } = await prizeTable(drawId);
    const [wins, drawers] = await Promise.all([repo.countWinsByPrize(db, drawId), repo.countDrawers(db, drawId)]);
    const winsOf = new Map(wins.map((w) => [w.prize_id, Number(w.n)]));
    const items = draw.prizes.map((x) => {
      const n = winsOf.get(x.id) ?? 0;
      const row = rows.get(x.id)!;
      return { ...x, product: products.get(x.id) ?? null, wins: n, cost: money(x.kind === 'nothing' ? 0 : n * row.value_amount, row.currency) };
    });
    const currency = [...rows.values()][0]?.currency ?? 'CNY';
    return {
      draws: wins.reduce((a, w) => a + Number(w.n), 0),
      drawers,
      winners: wins.reduce((a, w) => a + (w.prize_id && rows.get(w.prize_id)?.kind !== 'nothing' ? Number(w.n) : 0), 0),
      prizeCost: money(items.reduce((a, x) => a + x.cost.amount, 0), currency),
      prizes: items,
    };
  }

  async function listEntries(drawId: string, q: { status?: repo.EntryStatus; page: number; pageSize: number }) {
    const { rows, products } = await prizeTable(drawId);
    const [entries, total] = await Promise.all([repo.findEntriesPage(db, drawId, { status: q.status, offset: (q.page - 1) * q.pageSize, limit: q.pageSize }), repo.countEntries(db, drawId, q.status)]);
    const who = await people(entries.map((e) => e.user_id));
    const currency = [...rows.values()][0]?.currency ?? 'CNY';
    const items = entries.map((e) => {
      const prize = e.prize_id ? rows.get(e.prize_id) : undefined;
      return {
        id: e.id,
        person: who.get(e.user_id) ?? { id: e.user_id, name: '', phone: null },
        prize: {
          id: e.prize_id,
          kind: e.prize_kind,
          name: e.prize_name,
          value: money(prize && e.prize_kind !== 'nothing' ? prize.value_amount : 0, prize?.currency ?? currency),
          product: (e.prize_id && products.get(e.prize_id)) || null,
        },
        status: e.status,
        chance: e.chance,
        fellBack: e.fell_back,
        createdAt: e.created_at.toISOString(),
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  return { prizeCost, listEntries };
}

export type LotteryAdminResults = ReturnType<typeof createLotteryAdminResults>;

/** Under /api/v1/admin. */
export function lotteryAdminResultRoutes(results: LotteryAdminResults) {
  return async function (app: App) {
    app.get('/lottery/draws/:id/entries', {
      schema: {
        tags: ['admin'],
        summary: 'A draw\'s results, newest first: who drew (name and masked phone), the prize with its market value and product',
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(ENTRY_STATUSES.map((s) => Type.Literal(s)))),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(EntrySchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    }, async (req) => results.listEntries(req.params.id, { status: req.query.status, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }));

    app.get('/lottery/draws/:id/prize-cost', {
      schema: {
        tags: ['admin'],
        summary: 'A draw\'s prize pool with products, wins and cost per prize, and the total prize cost (Σ wins × market value)',
        params: IdParams,
        response: { 200: Type.Object({ draws: Type.Integer(), drawers: Type.Integer({ description: 'distinct people who drew' }), winners: Type.Integer({ description: 'results that won a prize' }), prizeCost: MoneySchema, prizes: Type.Array(PrizeSchema) }) },
      },
    }, async (req) => results.prizeCost(req.params.id));
  };
}
