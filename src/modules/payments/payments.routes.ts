import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdempotencyHeaders, IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { presentPayment, presentRefund } from './payments.present.ts';
import type { PaymentsService } from './payments.service.ts';

export const PaymentSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  gateway: Type.String(),
  status: Type.String(),
  amount: MoneySchema,
  refunded: MoneySchema,
  providerRef: Nullable(Type.String()),
  failureCode: Nullable(Type.String()),
  failureMessage: Nullable(Type.String()),
  createdAt: Type.String(),
  succeededAt: Nullable(Type.String()),
});

export const RefundSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  paymentId: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  amount: MoneySchema,
  reason: Type.String(),
  lines: Type.Array(Type.Object({ lineId: Type.String(), quantity: Type.Integer(), amount: Type.Integer() })),
  failureMessage: Nullable(Type.String()),
  createdAt: Type.String(),
  completedAt: Nullable(Type.String()),
});

export function paymentsRoutes(payments: PaymentsService) {
  return async function (app: App) {
    app.post('/orders/:id/payments', {
      schema: {
        tags: ['payments'],
        summary: 'Start paying for an order (creates a payment intent at the gateway)',
        description: 'A second call while a payment is open returns the same payment; send an Idempotency-Key to make retries explicit.',
        params: IdParams,
        headers: IdempotencyHeaders,
        querystring: Type.Object({ gateway: Type.Optional(Type.Literal('sandbox', { description: 'payment gateway (default sandbox)' })) }),
        response: { 200: PaymentSchema, 201: PaymentSchema },
      },
    }, async (req, reply) => {
      const result = await payments.startPayment(requireUser(req).id, req.params.id, { gateway: req.query.gateway, idempotencyKey: req.headers['idempotency-key'] ?? null });
      return reply.status(result.created ? 201 : 200).send(presentPayment(result.payment));
    });

    app.get('/payments/:id', { schema: { tags: ['payments'], params: IdParams, response: { 200: PaymentSchema } } }, async (req) => presentPayment(await payments.getOwnPayment(requireUser(req).id, req.params.id)));

    app.post('/payments/:id/confirm', {
      schema: {
        tags: ['payments'],
        summary: 'Submit a card for a payment (sandbox: use a test card)',
        description: 'The answer is "processing" or "failed"; success is confirmed by the gateway\'s webhook, after which the order is paid.',
        params: IdParams,
        body: Body({
          card: Body({
            number: Type.String({ minLength: 12, maxLength: 23, pattern: '^[0-9 -]+$' }),
            expMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
            expYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            cvc: Type.Optional(Type.String({ pattern: '^[0-9]{3,4}$' })),
          }),
        }),
        response: { 200: PaymentSchema },
      },
    }, async (req) => presentPayment(await payments.confirmPayment(requireUser(req).id, req.params.id, req.body.card)));

    app.get('/payments/sandbox/test-cards', {
      schema: { tags: ['payments'], summary: 'The sandbox gateway\'s test cards', response: { 200: Type.Object({ items: Type.Array(Type.Object({ number: Type.String(), behaviour: Type.String() })) }) } },
    }, async () => ({ items: payments.testCards() }));

    // Webhooks are signed over the exact bytes received, so this scope keeps the raw body.
    await app.register(async (hooks: App) => {
      hooks.removeContentTypeParser('application/json');
      hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      hooks.post('/payments/webhooks/:gateway', {
        schema: {
          tags: ['payments'],
          summary: 'Gateway webhook (signed, timestamped; replays change nothing)',
          params: Type.Object({ gateway: Type.String({ maxLength: 40 }) }),
          response: { 200: Type.Object({ received: Type.Boolean(), outcome: Type.String() }) },
        },
      }, async (req) => payments.handleWebhook(req.params.gateway, typeof req.body === 'string' ? req.body : '', req.headers));
    });
  };
}

export function paymentsAdminRoutes(payments: PaymentsService) {
  return async function (app: App) {
    app.post('/orders/:id/refunds', {
      schema: {
        tags: ['admin'],
        summary: 'Refund a paid order: everything, some items, or an amount',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Body({
          full: Type.Optional(Type.Boolean()),
          amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_00 })),
          lines: Type.Optional(Type.Array(Body({ lineId: Type.String({ format: 'uuid' }), quantity: Type.Integer({ minimum: 1, maximum: 999 }) }), { minItems: 1, maxItems: 50 })),
          reason: Type.String({ minLength: 1, maxLength: 200 }),
          restock: Type.Optional(Type.Boolean({ description: 'the goods came back to the warehouse' })),
        }),
        response: { 200: RefundSchema, 201: RefundSchema },
      },
    }, async (req, reply) => {
      const { reason, restock, ...request } = req.body;
      const result = await payments.requestRefund({ orderId: req.params.id, request, reason, restock, requestedBy: requireUser(req).id, idempotencyKey: req.headers['idempotency-key'] ?? null });
      return reply.status(result.created ? 201 : 200).send(presentRefund(result.refund));
    });
  };
}
