import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Nullable, Type, Uuid } from '../../platform/schema.ts';
import { SETTINGS_LIMITS } from './supply.rules.ts';
import type { SupplyService } from './supply.service.ts';

const Alert = Type.Union([Type.Literal('stockout_before_lead_time'), Type.Literal('below_safety_stock'), Type.Literal('below_reorder_point')]);
const Rate = Nullable(Type.Number());

const StatusSchema = Type.Object({
  skuId: Type.String(),
  productId: Nullable(Type.String()),
  productTitle: Type.String(),
  skuLabel: Type.String(),
  available: Type.Integer({ description: 'units a shopper can buy now' }),
  dailyForecast: Type.Number({ description: 'forecast units today' }),
  sigma: Type.Number({ description: 'standard deviation of the one-step forecast error (units/day)' }),
  leadTimeDays: Type.Integer(),
  serviceLevel: Type.Number(),
  safetyStock: Type.Number({ description: 'z × σ × √lead time' }),
  reorderPoint: Type.Number({ description: 'forecast demand over the lead time + safety stock' }),
  stockOutDay: Nullable(Type.String({ description: 'China day stock runs out at forecast demand (null: not within 90 days)' })),
  suggestedOrder: Type.Integer({ description: 'units to order now: demand over lead time and cover days + safety stock − available' }),
  alerts: Type.Array(Alert),
  historyUnits: Type.Integer({ description: 'units paid in the history the model learnt from' }),
  computedAt: Type.String(),
});

const DayValue = Type.Object({ day: Type.String(), mean: Type.Number(), lo: Type.Number(), hi: Type.Number() });
const EffectSchema = Type.Object({ key: Type.String(), factor: Type.Number(), days: Type.Integer(), actual: Type.Number(), expected: Type.Number() });
const WapePair = Type.Object({ wapeModel: Rate, wapeNaive: Rate, improvement: Nullable(Type.Number({ description: '1 − model ÷ naive: 0.2 is 20% lower WAPE than seasonal naive' })) });
const BacktestSchema = Type.Object({
  origins: Type.Integer(), horizon: Type.Integer(), skus: Type.Integer(), actualUnits: Type.Number(),
  wapeModel: Rate, wapeNaive: Rate, improvement: Rate,
  byHorizon: Type.Array(Type.Object({ day: Type.Integer(), wapeModel: Rate, wapeNaive: Rate })),
  horizonTotal: WapePair,
  storeDaily: WapePair,
  bias: Nullable(Type.Number({ description: 'Σ(forecast − actual) ÷ Σ actual of the model' })),
  biasNaive: Nullable(Type.Number({ description: 'the same for seasonal naive' })),
}, { description: 'WAPE per SKU per day (top level), per SKU over the horizon, and for the whole store per day' });
const SettingsSchema = Type.Object({ leadTimeDays: Type.Integer(), serviceLevel: Type.Number(), coverDays: Type.Integer() });
const SettingsPatch = Body(
  {
    leadTimeDays: Type.Optional(Type.Integer({ minimum: SETTINGS_LIMITS.leadTimeDays.min, maximum: SETTINGS_LIMITS.leadTimeDays.max, description: 'days from ordering to units on the shelf' })),
    serviceLevel: Type.Optional(Type.Number({ minimum: SETTINGS_LIMITS.serviceLevel.min, maximum: SETTINGS_LIMITS.serviceLevel.max, description: 'chance of not running out in a lead time, e.g. 0.95' })),
    coverDays: Type.Optional(Type.Integer({ minimum: SETTINGS_LIMITS.coverDays.min, maximum: SETTINGS_LIMITS.coverDays.max, description: 'days of demand an order covers beyond its lead time' })),
  },
  { minProperties: 1 },
);
const SavedSettings = Type.Object({ scope: Type.String(), leadTimeDays: Type.Integer(), serviceLevel: Type.Number(), coverDays: Type.Integer(), updatedAt: Type.String() });
const SkuParams = Type.Object({ skuId: Uuid });

export function supplyRoutes(supply: SupplyService) {
  return async (app: App) => {
    // The body is optional: a bare POST recomputes without the backtest.
    app.post('/supply/recompute', {
      preValidation: async (req) => void (req.body ??= {}),
      schema: {
        tags: ['admin'],
        summary: 'Refit the demand forecast, reorder points and alerts now (the nightly job does this at 02:00 China time, with the backtest)',
        body: Body({ backtest: Type.Optional(Type.Boolean({ description: 'also run the rolling-origin backtest (slower)' })) }),
        response: { 200: Type.Object({ computedAt: Type.String(), skus: Type.Integer(), alerts: Type.Integer(), tookMs: Type.Integer(), historyFrom: Type.String(), historyTo: Type.String(), backtest: Nullable(BacktestSchema) }) },
      },
    }, async (req) => supply.recompute('operator', { withBacktest: req.body.backtest ?? false }));

    app.get('/supply/alerts', {
      schema: {
        tags: ['admin'],
        summary: 'SKUs to reorder: stock-out before a reorder could arrive, below safety stock or at the reorder point; soonest stock-out first',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
        response: { 200: Type.Object({ computedAt: Nullable(Type.String()), items: Type.Array(StatusSchema) }) },
      },
    }, async (req) => supply.alerts(req.query.limit ?? 100));

    app.get('/supply/skus/:skuId/forecast', {
      schema: {
        tags: ['admin'],
        summary: 'One SKU: daily paid units, the 90-day forecast with its 80% band, campaign days and its reorder plan',
        params: SkuParams,
        response: {
          200: Type.Intersect([
            StatusSchema,
            Type.Object({
              history: Type.Array(Type.Object({ day: Type.String(), units: Type.Integer() })),
              forecast: Type.Array(DayValue),
              campaigns: Type.Array(Type.Object({ id: Type.String(), mechanic: Type.String(), status: Type.String(), from: Type.String(), to: Type.String() })),
            }),
          ]),
        },
      },
    }, async (req) => supply.skuForecast(req.params.skuId));

    app.get('/supply/report', {
      schema: {
        tags: ['admin'],
        summary: 'The latest fit: store weekday index, event effects (holidays, festivals, campaign uplift by mechanic) and the backtest WAPE against seasonal naive',
        response: {
          200: Type.Object({
            computedAt: Type.String(), historyFrom: Type.String(), historyTo: Type.String(), skus: Type.Integer(), tookMs: Type.Integer(),
            season: Type.Array(Type.Number()), effects: Type.Array(EffectSchema), backtest: Nullable(BacktestSchema), backtestAt: Nullable(Type.String()),
          }),
        },
      },
    }, async () => supply.report());

    app.get('/supply/settings', {
      schema: {
        tags: ['admin'],
        summary: 'Lead time, service level and cover days: the store defaults and each SKU that has its own',
        response: { 200: Type.Object({ defaults: SettingsSchema, items: Type.Array(Type.Object({ skuId: Type.String(), productTitle: Type.String(), skuLabel: Type.String(), leadTimeDays: Type.Integer(), serviceLevel: Type.Number(), coverDays: Type.Integer(), updatedAt: Type.String() })) }) },
      },
    }, async () => supply.listSettings());

    app.put('/supply/settings/default', {
      schema: { tags: ['admin'], summary: 'Set the store defaults (fields left out keep their value)', body: SettingsPatch, response: { 200: SavedSettings } },
    }, async (req) => supply.setSettings(requireUser(req).id, 'default', req.body));

    app.put('/supply/settings/:skuId', {
      schema: { tags: ['admin'], summary: 'Set one SKU’s lead time, service level or cover days (fields left out keep their value)', params: SkuParams, body: SettingsPatch, response: { 200: SavedSettings } },
    }, async (req) => supply.setSettings(requireUser(req).id, req.params.skuId, req.body));

    app.delete('/supply/settings/:skuId', {
      schema: { tags: ['admin'], summary: 'Drop a SKU’s own settings: it follows the store defaults again', params: SkuParams, response: { 204: Type.Null() } },
    }, async (req, reply) => {
      await supply.clearSettings(req.params.skuId);
      return reply.status(204).send(null);
    });
  };
}
