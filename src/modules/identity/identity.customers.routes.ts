// The admin customer pages' routes: the customer list (also the customer picker's search) with
// orders, spend, tier, points and source per customer, filters, sorts and a total; and one
// customer's overview (orders, addresses, referral, promoter, shares, points).
import type { App } from '../../platform/http.ts';
import { IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { type CustomerDirectory, type DirectoryPorts } from './identity.customers.ts';
import type { IdentityService } from './identity.service.ts';
import { publicUser } from './identity.service.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a China calendar day, YYYY-MM-DD' });
const Named = Type.Object({ id: Type.String(), name: Type.String() });
const TierRef = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
const AccountStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('erased')]);
const SourceSchema = Type.Union([Type.Literal('direct'), Type.Literal('invite'), Type.Literal('share')], { description: 'direct, invited (a code or invite link), or brought by a share' });
const SortSchema = Type.Union([Type.Literal('registered'), Type.Literal('spend'), Type.Literal('orders')]);

const CustomerRow = Type.Object({
  id: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'masked: 138****8000' })),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.String({ description: 'the account: active, suspended (sign-in refused) or erased (anonymised on request)' }),
  createdAt: Type.String(),
  orders: Type.Integer({ description: 'orders placed' }),
  paidOrders: Type.Integer(),
  spent: MoneySchema,
  lastOrderAt: Nullable(Type.String()),
  tier: Nullable(TierRef),
  points: Type.Integer({ description: 'points balance' }),
  source: Type.Object({
    kind: SourceSchema,
    channel: Nullable(Type.String({ description: 'the share\'s channel when a share brought them' })),
    by: Nullable(Named),
  }, { description: 'how they came: invited (by whom), through a share (whose, which channel), or direct' }),
});

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'name, email, or a whole phone number' })),
  status: Type.Optional(AccountStatusSchema),
  tier: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' })),
  source: Type.Optional(SourceSchema),
  registeredFrom: Type.Optional(Day),
  registeredTo: Type.Optional(Day),
  hasOrders: Type.Optional(Type.Boolean()),
  sort: Type.Optional(SortSchema),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

const Overview = Type.Object({
  customer: Type.Object({
    id: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
    status: Type.String(),
    createdAt: Type.String(),
    suspendedAt: Nullable(Type.String()),
    suspendedReason: Nullable(Type.String()),
  }),
  stats: Type.Object({ orders: Type.Integer(), paidOrders: Type.Integer(), spent: MoneySchema, lastOrderAt: Nullable(Type.String()) }),
  source: Type.Object({ kind: SourceSchema, channel: Nullable(Type.String()), at: Nullable(Type.String()) }),
  orders: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), status: Type.String(), kind: Type.String(), total: MoneySchema, paid: MoneySchema, refunded: MoneySchema, placedAt: Type.String() }), { description: 'the newest 20' }),
  addresses: Type.Array(Type.Object({ id: Type.String(), recipient: Type.String(), phone: Type.String(), province: Type.String(), city: Type.String(), district: Type.String(), line1: Type.String(), isDefault: Type.Boolean() }), { description: 'masked; POST /admin/customers/{id}/reveal reads them in full (audited)' }),
  inviter: Nullable(Type.Object({ ...Named.properties, source: Type.String(), status: Type.String(), at: Type.String() })),
  signupShare: Nullable(Type.Object({ sharer: Named, channel: Type.String(), at: Type.String() })),
  invitees: Type.Object({ total: Type.Integer(), qualified: Type.Integer(), items: Type.Array(Type.Object({ ...Named.properties, source: Type.String(), status: Type.String(), at: Type.String(), qualifiedAt: Nullable(Type.String()) })) }),
  promoter: Type.Object({
    binding: Nullable(Type.Object({ promoter: Named, source: Type.String(), boundAt: Type.String(), expiresAt: Nullable(Type.String()), active: Type.Boolean() }, { description: 'the promoter this customer is bound to' })),
    own: Nullable(Type.Object({ status: Type.String(), appliedAt: Type.String(), balance: MoneySchema, boundCustomers: Type.Integer(), commission: MoneySchema }, { description: 'this customer as a promoter' })),
  }),
  shares: Type.Object({ shares: Type.Integer(), clicks: Type.Integer(), signups: Type.Integer(), orders: Type.Integer(), paidOrders: Type.Integer(), byChannel: Type.Array(Type.Object({ channel: Type.String(), shares: Type.Integer() })) }),
  loyalty: Type.Object({
    balance: Type.Integer(),
    growthValue: Type.Integer(),
    tier: Nullable(TierRef),
    nextTier: Nullable(Type.Object({ ...TierRef.properties, growthNeeded: Type.Integer() })),
    expiring: Nullable(Type.Object({ points: Type.Integer(), at: Type.String() })),
    history: Type.Array(Type.Object({ id: Type.String(), delta: Type.Integer(), reason: Type.String(), note: Nullable(Type.String()), balanceAfter: Type.Integer(), createdAt: Type.String(), expiresAt: Nullable(Type.String()) }), { description: 'the newest 30 ledger entries' }),
  }),
});

export function customerDirectoryRoutes(identity: IdentityService, directory: CustomerDirectory, ports: DirectoryPorts) {
  return async function (app: App) {
    app.get('/customers', {
      schema: {
        tags: ['admin'],
        summary: 'Customers with their orders, spend, tier, points and source; filtered, sorted, with the total',
        description: 'Newest first by default. `page` (1-based) or the previous answer\'s `nextCursor` moves through the list.',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(CustomerRow), total: Type.Integer(), nextCursor: Nullable(Type.String()) }) },
      },
    }, async (req) => directory.listCustomers(ports, { ...req.query, limit: req.query.limit ?? 20 }));

    app.get('/customers/:id/overview', {
      schema: { tags: ['admin'], summary: 'One customer: account, orders, masked addresses, inviter and invitees, promoter binding, shares made, points and tier', params: IdParams, response: { 200: Overview } },
    }, async (req) => {
      const user = await identity.getUser(req.params.id);
      const overview = await directory.customerOverview(ports, user.id);
      return { ...overview, customer: { ...publicUser(user), suspendedAt: user.suspended_at?.toISOString() ?? null, suspendedReason: user.suspended_reason } };
    });
  };
}
