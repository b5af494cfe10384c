export { createPaymentsService, presentPayment, presentRefund, type PaymentsService, EXECUTE_REFUND_JOB } from './payments.service.ts';
export { createSandboxGateway, sandboxSigner, SANDBOX_DELIVER_JOB, SANDBOX_SIGNATURE_HEADER, TEST_CARDS } from './sandbox-gateway.ts';
export type { PaymentGateway, GatewayEvent, CardInput } from './gateway.ts';
export { paymentsRoutes, paymentsAdminRoutes } from './payments.routes.ts';
export { paymentsMigrations } from './payments.migrations.ts';
export type { PaymentsTables } from './payments.table.ts';
