import { defineModule, on } from '../../platform/module.ts';
import type { OrdersService } from '../orders/index.ts';
import { createPaymentsService } from './payments.service.ts';
import { EXECUTE_REFUND_JOB } from './payments.refunds.ts';
import { createSandboxGateway, SANDBOX_DELIVER_JOB } from './sandbox-gateway.ts';
import { paymentsRoutes, paymentsAdminRoutes } from './payments.routes.ts';
import { paymentsMigrations } from './payments.migrations.ts';
import { paymentsErrors } from './payments.errors.ts';
import { paymentsEvents } from './payments.events.ts';
import { paymentsTables } from './payments.table.ts';

export { type PaymentsService } from './payments.service.ts';
export { sandboxSigner, SANDBOX_DELIVER_JOB, SANDBOX_SIGNATURE_HEADER, TEST_CARDS } from './sandbox-gateway.ts';

export const paymentsModule = defineModule({
  name: 'payments',
  tables: paymentsTables,
  needs: ['orders'],
  migrations: paymentsMigrations,
  errors: paymentsErrors,
  events: paymentsEvents,
  create: (platform, deps: { orders: OrdersService }) => createPaymentsService(platform, { orders: deps.orders, gateways: [createSandboxGateway(platform)] }),
  routes: (payments) => ({ api: paymentsRoutes(payments), admin: paymentsAdminRoutes(payments) }),
  jobs: (payments) => ({
    [EXECUTE_REFUND_JOB]: (payload: { refundId: string }) => payments.executeRefund(payload.refundId),
    [SANDBOX_DELIVER_JOB]: (payload: { body: string }) => payments.deliverSandboxWebhook(payload.body),
  }),
  consumers: (payments) => [on('order.cancelled', 'payments.cancel-open-intents', (trx, e) => payments.cancelOpenPayments(trx, e.payload.orderId))],
  // Payments are records the law keeps: on erasure they stay, pointing at the anonymised account.
  personalData: () => ({ tables: { payments: { columns: ['user_id'], erase: 'keep' } } }),
});
