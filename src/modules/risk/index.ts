import { defineModule, on } from '../../platform/module.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PaymentsService } from '../payments/index.ts';
import { createRiskService, RECOMPUTE_GRAPH_JOB } from './risk.service.ts';
import { riskAdminRoutes } from './risk.routes.ts';
import { riskMigrations } from './risk.migrations.ts';
import { riskErrors } from './risk.errors.ts';
import { riskEvents } from './risk.events.ts';
import { riskTables } from './risk.table.ts';

export { createRiskService, type RiskService, type RiskAction, type Decision, type Releaser } from './risk.service.ts';
export type { ActionKind, Verdict, Level } from './risk.rules.ts';
export type { RiskTables } from './risk.table.ts';
export { ACTION_KINDS, mechanicOf } from './risk.rules.ts';
export { simulate as simulateRisk, formatReport as formatRiskReport } from './risk.simulate.ts';

// Comes right after campaigns so every mechanic can `need` it; it reads other modules only
// through identity's and orders' services and the events it consumes.
export const riskModule = defineModule({
  name: 'risk',
  tables: riskTables,
  needs: ['identity', 'orders', 'payments'],
  migrations: riskMigrations,
  errors: riskErrors,
  events: riskEvents,
  create: (platform, deps: { identity: IdentityService; orders: OrdersService; payments: PaymentsService }) => createRiskService(platform, { identity: deps.identity, orders: deps.orders, payments: deps.payments }),
  routes: (risk) => ({ admin: riskAdminRoutes(risk) }),
  jobs: (risk) => ({ [RECOMPUTE_GRAPH_JOB]: () => risk.recomputeGraph().then(() => undefined) }),
  consumers: (risk) => [
    on('customer.registered', 'risk.account-registered', (trx, e) => risk.onRegistered(trx, e.payload.userId, e.payload.deviceId ?? e.payload.visitorId, e.occurredAt)),
    on('customer.signed_in', 'risk.account-signed-in', (trx, e) => risk.onSignedIn(trx, e.payload.userId, e.payload.deviceId ?? e.payload.visitorId, e.occurredAt)),
    on('order.paid', 'risk.first-order', (trx, e) => risk.onOrderPaid(trx, e.payload.userId, e.payload.orderId, e.occurredAt)),
  ],
  // Fraud decisions and the signals behind them are kept on erasure (fraud prevention is a
  // legitimate interest that outlives the account), pointing at the anonymised account.
  personalData: () => ({
    tables: {
      risk_signals: { columns: ['user_id'], erase: 'keep' },
      risk_decisions: { columns: ['user_id'], erase: 'keep' },
      risk_cluster_members: { columns: ['user_id'], erase: 'keep' },
      risk_accounts: { columns: ['user_id'], erase: 'keep' },
    },
  }),
});
