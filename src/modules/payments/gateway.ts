// The payment gateway port. A real provider (WeChat Pay, Alipay, Stripe) implements the same
// shape: intents, a confirmation step, refunds, and signed webhooks that carry the outcome.
export interface CardInput {
  number: string;
  expMonth?: number;
  expYear?: number;
  cvc?: string;
}

export interface GatewayEvent {
  id: string;
  type: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded' | 'refund.failed';
  providerRef: string;
  amount: number;
  currency: string;
  /** For refund events: the merchant's refund id we passed in. */
  refundId?: string;
  failureCode?: string;
  failureMessage?: string;
}

export type WebhookVerdict = { ok: true; event: GatewayEvent } | { ok: false; reason: string };

export interface PaymentGateway {
  readonly name: string;
  createIntent(input: { paymentId: string; amount: number; currency: string; description: string }): Promise<{ providerRef: string }>;
  /** Submit the shopper's card; the final outcome arrives by webhook. */
  confirm(input: { providerRef: string; card: CardInput }): Promise<{ status: 'processing' } | { status: 'failed'; failureCode: string; failureMessage: string }>;
  refund(input: { providerRef: string; refundId: string; amount: number; currency: string }): Promise<{ providerRefundRef: string } | { failed: true; failureMessage: string }>;
  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): WebhookVerdict;
  /** Cards a tester can use (sandbox only). */
  testCards?(): { number: string; behaviour: string }[];
}
