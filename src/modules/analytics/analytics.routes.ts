import type { App } from '../../platform/http.ts';
import { MoneySchema, Type } from '../../platform/schema.ts';
import type { AnalyticsService } from './analytics.service.ts';
import { analyticsReportRoutes } from './analytics.reports.routes.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a China calendar day, YYYY-MM-DD' });
const Measures = {
  gmv: MoneySchema,
  orders: Type.Integer({ description: 'orders placed' }),
  paidOrders: Type.Integer({ description: 'orders paid (by payment day)' }),
  newCustomers: Type.Integer({ description: 'shopper accounts created' }),
  shares: Type.Integer({ description: 'share links created' }),
  clicks: Type.Integer({ description: 'share-link opens, not counting sharers opening their own' }),
  attributedSignups: Type.Integer({ description: 'new customers attributed to a share (last touch)' }),
};
const DailySchema = Type.Object({
  from: Day,
  to: Day,
  metrics: Type.Array(Type.String()),
  days: Type.Array(Type.Object({ date: Day, ...Measures })),
  totals: Type.Object(Measures),
  previous: Type.Object({ from: Day, to: Day, totals: Type.Object(Measures) }, { description: 'the same number of days just before `from`, for period-over-period changes (today against yesterday, 7 days against the 7 before)' }),
});

/** Under /api/v1/admin. */
export function analyticsAdminRoutes(analytics: AnalyticsService) {
  return async function (app: App) {
    app.get('/analytics/daily', {
      config: { scope: 'analytics:read' },
      schema: {
        tags: ['admin', 'analytics'],
        summary: 'GMV, orders, new customers, shares, clicks and attributed sign-ups per China day',
        description: 'Both ends inclusive; `to` defaults to today and `from` to 30 days ending at `to`; at most 366 days. GMV is the total of orders paid that day, before refunds. `previous` totals the equally long period just before, for comparison.',
        querystring: Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }),
        response: { 200: DailySchema },
      },
    }, async (req) => analytics.daily(req.query));
    await app.register(analyticsReportRoutes(analytics));
  };
}
