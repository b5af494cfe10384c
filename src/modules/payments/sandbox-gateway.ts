// A built-in gateway that behaves like a real one: it keeps its own books, answers a confirmation
// with "processing", and reports the outcome later through a signed, timestamped webhook that is
// delivered (and retried) by the jobs runner — after a delay for the "delayed" test card.
import { createHmac } from 'node:crypto';
import { addMs } from '../../platform/clock.ts';
import { newToken } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { CardInput, GatewayEvent, PaymentGateway, WebhookVerdict } from './gateway.ts';
import * as repo from './payments.repo.ts';
import { signPayload, verifySignature } from './webhook-signature.ts';
import type { PaymentsPlatform } from './payments.table.ts';

export const SANDBOX_SIGNATURE_HEADER = 'fission-signature';
export const SANDBOX_DELIVER_JOB = 'payments.sandbox-deliver-webhook';

export const TEST_CARDS = {
  success: '4242424242424242',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  delayed: '4000000000003220',
} as const;
const DELAYED_CONFIRMATION_MS = 2 * 60_000;

function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

type CardOutcome = { kind: 'succeed'; delayMs: number } | { kind: 'decline'; code: string; message: string };

function cardOutcome(card: CardInput): CardOutcome {
  const number = card.number.replace(/[\s-]/g, '');
  if (!luhnValid(number)) return { kind: 'decline', code: 'invalid_number', message: 'The card number is not valid' };
  switch (number) {
    case TEST_CARDS.success:
      return { kind: 'succeed', delayMs: 0 };
    case TEST_CARDS.delayed:
      return { kind: 'succeed', delayMs: DELAYED_CONFIRMATION_MS };
    case TEST_CARDS.insufficientFunds:
      return { kind: 'decline', code: 'insufficient_funds', message: 'The card has insufficient funds' };
    case TEST_CARDS.decline:
      return { kind: 'decline', code: 'card_declined', message: 'The card was declined' };
    default:
      // Any other valid number is a card that pays, so a test can give each shopper a card of its own.
      return { kind: 'succeed', delayMs: 0 };
  }
}

export function createSandboxGateway(p: PaymentsPlatform): PaymentGateway {
  const { db, clock } = p;
  const secret = createHmac('sha256', p.secret).update('sandbox-webhook-secret').digest('hex');

  /**
   * Same number, same fingerprint; the number cannot be worked back from it (keyed by this store's
   * secret). The published test cards get none: every shopper of a sandbox store pays with them, so
   * a fingerprint would tie them all together.
   */
  const PUBLISHED = new Set<string>(Object.values(TEST_CARDS));
  const fingerprint = (number: string) => {
    const digits = number.replace(/\D/g, '');
    return PUBLISHED.has(digits) ? null : `fp_${createHmac('sha256', p.secret).update(`sandbox-card:${digits}`).digest('base64url').slice(0, 22)}`;
  };

  /** Queue a signed webhook for delivery by the jobs runner (the "network" between gateway and us). */
  async function emit(event: Omit<GatewayEvent, 'id'>, delayMs = 0) {
    const now = clock.now();
    const body = JSON.stringify({ id: `evt_${newToken(12)}`, created: Math.floor(now.getTime() / 1000), ...event });
    await scheduleJob(db, { kind: SANDBOX_DELIVER_JOB, payload: { body }, runAt: addMs(now, delayMs), maxAttempts: 15, now });
  }

  return {
    name: 'sandbox',

    async createIntent({ amount, currency }) {
      const ref = `sbx_ch_${newToken(16)}`;
      await repo.insertSandboxCharge(db, { ref, amount, currency, status: 'requires_payment_method', card_last4: null, created_at: clock.now() });
      return { providerRef: ref };
    },

    async confirm({ providerRef, card }) {
      const outcome = cardOutcome(card);
      const last4 = card.number.replace(/\D/g, '').slice(-4);
      // Submitted only if it awaits its card: one statement, and a second confirm finds nothing.
      const charge = await repo.submitSandboxCharge(db, providerRef, { status: outcome.kind === 'decline' ? 'failed' : 'succeeded', card_last4: last4, card_fingerprint: fingerprint(card.number) });
      if (!charge) {
        return (await repo.findSandboxCharge(db, providerRef))
          ? { status: 'failed', failureCode: 'intent_already_confirmed', failureMessage: 'This payment was already submitted' }
          : { status: 'failed', failureCode: 'no_such_intent', failureMessage: 'Unknown payment intent' };
      }
      if (outcome.kind === 'decline') {
        await emit({ type: 'payment.failed', providerRef, amount: charge.amount, currency: charge.currency, failureCode: outcome.code, failureMessage: outcome.message });
        return { status: 'failed', failureCode: outcome.code, failureMessage: outcome.message };
      }
      await emit({ type: 'payment.succeeded', providerRef, amount: charge.amount, currency: charge.currency }, outcome.delayMs);
      return { status: 'processing' };
    },

    async refund({ providerRef, refundId, amount, currency }) {
      const existing = await repo.findSandboxRefundByMerchantId(db, refundId);
      if (existing) return { providerRefundRef: existing.ref }; // the provider is idempotent on our refund id
      const ref = `sbx_re_${newToken(16)}`;
      const ok = await db.transaction().execute(async (trx) => {
        const charged = await repo.takeSandboxRefundable(trx, providerRef, amount);
        if (!charged) return false;
        await repo.insertSandboxRefund(trx, { ref, charge_ref: providerRef, merchant_refund_id: refundId, amount, status: 'pending', created_at: clock.now() });
        return true;
      });
      if (!ok) return { failed: true, failureMessage: 'The charge cannot be refunded by that amount' };
      await emit({ type: 'refund.succeeded', providerRef: ref, amount, currency, refundId });
      return { providerRefundRef: ref };
    },

    verifyWebhook(rawBody, headers): WebhookVerdict {
      const header = headers[SANDBOX_SIGNATURE_HEADER];
      const check = verifySignature(secret, rawBody, Array.isArray(header) ? header[0] : header, clock.now());
      if (!check.ok) return { ok: false, reason: check.reason };
      let parsed: any;
      try {
        parsed = JSON.parse(rawBody);
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (typeof parsed?.id !== 'string' || typeof parsed?.type !== 'string' || typeof parsed?.providerRef !== 'string') return { ok: false, reason: 'malformed' };
      return { ok: true, event: parsed as GatewayEvent };
    },

    testCards() {
      return [
        { number: TEST_CARDS.success, behaviour: 'succeeds; the webhook arrives at once' },
        { number: TEST_CARDS.delayed, behaviour: 'succeeds; the webhook arrives after 2 minutes' },
        { number: TEST_CARDS.decline, behaviour: 'declined (card_declined)' },
        { number: TEST_CARDS.insufficientFunds, behaviour: 'declined (insufficient_funds)' },
      ];
    },
  };
}

/** Signs a body as the sandbox would (tests and the delivery job). */
export function sandboxSigner(p: Pick<PaymentsPlatform, 'secret' | 'clock'>) {
  const secret = createHmac('sha256', p.secret).update('sandbox-webhook-secret').digest('hex');
  return (body: string) => signPayload(secret, body, p.clock.now());
}
