// The growth reports under /api/v1/admin/analytics/ (operators; API keys with analytics:read).
// Each answers JSON, or CSV with ?format=csv.
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { TSchema } from 'typebox';
import { MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { MECHANICS } from '../campaigns/index.ts';
import { activityCsv, campaignsCsv, channelsCsv, funnelCsv, retentionCsv, trendsCsv, viralCsv } from './analytics.csv.ts';
import type { AnalyticsService } from './analytics.service.ts';
import { MAX_CAMPAIGNS } from './analytics.reports.ts';
import { CLIENT_EVENT_NAMES, SERVER_EVENT_NAMES } from './analytics.ingest.rules.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a China calendar day, YYYY-MM-DD' });
const Ratio = Nullable(Type.Number());
const Figure = Type.Object({ value: Ratio, formula: Type.String() });
const Range = { from: Type.Optional(Day), to: Type.Optional(Day), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv downloads the report’s table' })) };
const Filters = {
  campaignId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'one campaign (any mechanic)' })),
  mechanic: Type.Optional(Type.Union(MECHANICS.map((m) => Type.Literal(m)), { description: 'the campaigns of one mechanic' })),
};
const Channel = { channel: Type.Optional(Type.String({ pattern: '^[a-z_]{1,20}$' })) };
const FiltersOut = Type.Object({ campaignId: Nullable(Type.String()), mechanic: Nullable(Type.String()), channel: Nullable(Type.String()) });
const Head = { from: Day, to: Day, filters: FiltersOut };
const Cell = Nullable(Type.Object({ eligible: Type.Integer(), retained: Type.Integer(), rate: Ratio }));

const FunnelSchema = Type.Object({
  ...Head,
  windowDays: Type.Integer(),
  steps: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer(), conversionFromStart: Ratio, conversionFromPrevious: Ratio, dropOff: Type.Integer(), medianSecondsFromPrevious: Ratio })),
});
const RetentionSchema = Type.Object({
  ...Head,
  cohort: Type.String(),
  weeks: Type.Integer(),
  observedUntil: Day,
  cohorts: Type.Array(Type.Object({ week: Day, size: Type.Integer(), day1: Cell, day7: Cell, day30: Cell, weeks: Type.Array(Cell) })),
});
const ActivitySchema = Type.Object({
  from: Day,
  to: Day,
  days: Type.Array(Type.Object({ date: Day, dau: Type.Integer(), wau: Type.Integer(), mau: Type.Integer(), stickiness: Ratio, newCustomers: Type.Integer() })),
  totals: Type.Object({ newCustomers: Type.Integer(), previousNewCustomers: Type.Integer(), growthRate: Figure, averageDau: Type.Number(), averageStickiness: Ratio }),
});
const CampaignsSchema = Type.Object({
  ...Head,
  items: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), mechanic: Type.String(), status: Type.String(),
    reach: Type.Integer({ description: 'distinct people (accounts, or visitors not yet signed up) with any event of the campaign' }),
    shares: Type.Integer(), clicks: Type.Integer(), ctr: Figure,
    signups: Type.Integer({ description: 'sign-ups attributed to the campaign’s shares (last touch)' }),
    orders: Type.Integer({ description: 'orders attributed to the campaign’s shares' }), paidOrders: Type.Integer(),
    gmv: MoneySchema, cost: Type.Object({ total: MoneySchema, byKind: Type.Array(Type.Object({ kind: Type.String(), amount: MoneySchema })) }),
    newCustomers: Type.Integer(), cac: Figure, roi: Figure,
  })),
});
const ChannelsSchema = Type.Object({
  ...Head,
  items: Type.Array(Type.Object({
    channel: Type.String(), shares: Type.Integer(), clicks: Type.Integer(), ctr: Figure, visitors: Type.Integer(), newVisitors: Type.Integer(),
    signups: Type.Integer(), orders: Type.Integer(), conversion: Figure, gmv: MoneySchema, allocatedCost: MoneySchema, costPerNewCustomer: Figure,
  })),
});
const Bucket = Type.Array(Type.Object({ bucket: Type.String(), cascades: Type.Integer() }));
const CascadeSchema = Type.Object({ rootShareId: Type.String(), size: Type.Integer(), depth: Type.Integer(), structuralVirality: Type.Number() });
const ViralSchema = Type.Object({
  ...Head,
  kFactor: Figure,
  observedK: Figure,
  coefficients: Type.Object({ sharers: Type.Integer(), invitations: Type.Integer(), invitationsPerSharer: Ratio, convertedInvitations: Type.Integer(), invitationConversion: Ratio, kFactor: Ratio, observedK: Ratio }),
  cycleTime: Type.Object({ samples: Type.Integer(), medianSeconds: Ratio, formula: Type.String() }),
  cascades: Type.Object({ cascades: Type.Integer(), singleShareShare: Ratio, largest: Type.Integer(), medianSize: Ratio, meanStructuralVirality: Ratio, maxDepth: Type.Integer(), sizes: Bucket, depths: Bucket, structuralVirality: Bucket }),
  largestCascades: Type.Array(CascadeSchema),
});
const TrendsSchema = Type.Object({
  ...Head,
  names: Type.Array(Type.String()),
  days: Type.Array(Type.Object({ date: Day, name: Type.String(), events: Type.Integer(), people: Type.Integer({ description: 'distinct people that day (summed over campaigns when several match)' }), amount: Type.Integer({ description: 'sum of the events’ amounts, fen' }) })),
});
const LogSchema = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(), name: Type.String(), occurredAt: Type.String(), receivedAt: Type.String(), day: Day, source: Type.String(),
    visitorId: Nullable(Type.String()), userId: Nullable(Type.String()), sessionId: Nullable(Type.String()), page: Nullable(Type.String()), referrer: Nullable(Type.String()),
    channel: Nullable(Type.String()), shareToken: Nullable(Type.String()), shareId: Nullable(Type.String()), campaignId: Nullable(Type.String()), productId: Nullable(Type.String()),
    orderId: Nullable(Type.String()), amount: Nullable(Type.Integer()), props: Type.Record(Type.String(), Type.Unknown()),
  })),
  nextAfterId: Type.Integer(),
});

function send<T>(reply: FastifyReply, format: 'json' | 'csv' | undefined, name: string, report: T, toCsv: (r: T) => string) {
  if (format !== 'csv') return report;
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
  // A byte-order mark so Excel opens Chinese text as UTF-8.
  return reply.send(`\uFEFF${toCsv(report)}`);
}

const doc = <Q extends TSchema, S extends TSchema>(summary: string, description: string, querystring: Q, schema: S) => ({
  config: { scope: 'analytics:read' as const },
  schema: { tags: ['admin', 'analytics'], summary, description: `${description} Dates are inclusive China days (default: the 30 days ending today; at most 366). ?format=csv answers the table as CSV.`, querystring, response: { 200: schema } },
});

/** Under /api/v1/admin. */
export function analyticsReportRoutes(analytics: AnalyticsService) {
  return async function (app: App) {
    app.get('/analytics/trends', doc(
      'Events, people and amount per day for chosen event names (from the daily rollup)',
      'One row per day and name, zeros on quiet days. Filter by one campaign, a mechanic’s campaigns, or one channel (a campaign filter wins over a channel).',
      Type.Object({ ...Range, ...Filters, ...Channel, names: Type.String({ pattern: '^[a-z_.]+(,[a-z_.]+){0,9}$', description: '1–10 event names, comma separated' }) }),
      TrendsSchema,
    ), async (req, reply) => send(reply, req.query.format, 'trends', await analytics.trendReport({ ...req.query, names: req.query.names.split(',') }), trendsCsv));

    app.get('/analytics/event-names', {
      config: { scope: 'analytics:read' as const },
      schema: {
        tags: ['admin', 'analytics'],
        summary: 'The event names the log holds: what clients send (POST /events) and the server facts copied from the event catalog',
        response: { 200: Type.Object({ client: Type.Array(Type.String()), server: Type.Array(Type.String()) }) },
      },
    }, async () => ({ client: [...CLIENT_EVENT_NAMES], server: [...SERVER_EVENT_NAMES] }));

    app.get('/analytics/funnel', doc(
      'Ordered funnel of chosen steps with a conversion window',
      'PostHog ordered-funnel semantics: per person, step k counts when it comes after step k−1 and within `windowDays` of step 1 (step 1 inside the range). Campaign, mechanic and channel filters keep the people who touched them in the range.',
      Type.Object({ ...Range, ...Filters, ...Channel, steps: Type.String({ pattern: '^[a-z_.]+(,[a-z_.]+){1,9}$', description: '2–10 event names, comma separated, e.g. page_view,product_view,add_to_cart,order.placed,order.paid' }), windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 7 })) }),
      FunnelSchema,
    ), async (req, reply) => send(reply, req.query.format, 'funnel', await analytics.funnelReport({ ...req.query, steps: req.query.steps.split(',') }), funnelCsv));

    app.get('/analytics/retention', doc(
      'Retention cohorts by week of first visit, sign-up or first paid order',
      'D1/D7/D30: share of the cohort active exactly 1, 7, 30 days after their start, among those for whom that day has come; weeks[w]: active in the w-th calendar week after the cohort week. Activity is read from the daily rollup.',
      Type.Object({ ...Range, ...Filters, ...Channel, cohort: Type.Optional(Type.Union([Type.Literal('first_visit'), Type.Literal('signup'), Type.Literal('first_order')], { default: 'first_visit' })), weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 26, default: 8 })) }),
      RetentionSchema,
    ), async (req, reply) => send(reply, req.query.format, 'retention', await analytics.retentionReport(req.query), retentionCsv));

    app.get('/analytics/active-users', doc(
      'DAU, WAU, MAU, stickiness, new customers and their growth rate',
      'WAU and MAU are trailing 7 and 30 days; stickiness = DAU ÷ MAU; growth rate compares new customers with the period of the same length just before. Read from the daily rollup.',
      Type.Object(Range),
      ActivitySchema,
    ), async (req, reply) => send(reply, req.query.format, 'active-users', await analytics.activityReport(req.query), activityCsv));

    app.get('/analytics/campaigns', doc(
      'Each campaign of every mechanic: reach, shares, CTR, attributed sign-ups and orders, GMV, cost, CAC and ROI',
      `Without campaignId: the ${MAX_CAMPAIGNS} newest campaigns (of a mechanic when given). Cost comes from the campaign cost ledger for the range; GMV is attributed paid orders less refunds; each ratio carries its formula.`,
      Type.Object({ ...Range, ...Filters, ...Channel }),
      CampaignsSchema,
    ), async (req, reply) => send(reply, req.query.format, 'campaigns', await analytics.campaignReport(req.query), campaignsCsv));

    app.get('/analytics/channels', doc(
      'Channels compared: shares, clicks, CTR, new visitors, conversion, GMV and cost per new customer',
      'A campaign’s cost is allocated to channels in proportion to the new customers each channel brought it.',
      Type.Object({ ...Range, ...Filters }),
      ChannelsSchema,
    ), async (req, reply) => send(reply, req.query.format, 'channels', await analytics.channelReport(req.query), channelsCsv));

    app.get('/analytics/viral', doc(
      'Viral metrics: K-factor, observed K, viral cycle time and cascade distributions',
      'Cascades are those whose root share was made in the range; the CSV lists every cascade.',
      Type.Object({ ...Range, ...Filters, ...Channel }),
      ViralSchema,
    ), async (req, reply) => send(reply, req.query.format, 'viral', await analytics.viralReport(req.query), viralCsv));

    app.get('/analytics/events', {
      config: { scope: 'analytics:read' },
      schema: {
        tags: ['admin', 'analytics'],
        summary: 'The event log after a cursor, in id order (for consumers that keep their own cursor)',
        description: 'Rows received in the last 5 seconds are held back, so a reader never skips a row that commits late.',
        querystring: Type.Object({ afterId: Type.Optional(Type.Integer({ minimum: 0, default: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }),
        response: { 200: LogSchema },
      },
    }, async (req) => {
      const page = await analytics.readEvents({ afterId: req.query.afterId ?? 0, limit: req.query.limit ?? 100 });
      return {
        nextAfterId: page.nextAfterId,
        items: page.items.map((e) => ({
          id: e.id, name: e.name, occurredAt: e.occurred_at.toISOString(), receivedAt: e.received_at.toISOString(), day: e.day, source: e.source,
          visitorId: e.visitor_id, userId: e.user_id, sessionId: e.session_id, page: e.page, referrer: e.referrer, channel: e.channel, shareToken: e.share_token,
          shareId: e.share_id, campaignId: e.campaign_id, productId: e.product_id, orderId: e.order_id, amount: e.amount, props: e.props,
        })),
      };
    });
  };
}
