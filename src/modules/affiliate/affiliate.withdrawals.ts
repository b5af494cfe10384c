// Withdrawals take from the promoter's balance row by conditional update (never overdrawn), book the
// net and the fee in the ledger, and wait for an operator to pay or reject them; a rejection books
// the whole amount back.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, forbidden, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_CURRENCY } from '../../platform/money.ts';
import type { AffiliateCore } from './affiliate.core.ts';
import { afterCursor, keysetPage, presentWithdrawal } from './affiliate.present.ts';
import * as repo from './affiliate.repo.ts';
import { withdrawalFee } from './affiliate.rules.ts';
import type { WithdrawalStatus, AffiliatePlatform, PayoutMethod } from './affiliate.table.ts';

export interface PayoutAccount {
  method: PayoutMethod;
  account: string;
}

/** The payout account as stored: sealed, with its last four characters for masked lists. */
function payoutColumns(p: AffiliatePlatform, payout: PayoutAccount | undefined) {
  if (!payout) return { payout_method: null, payout_account: null, payout_account_tail: null };
  const account = payout.account.replace(/\s+/g, '');
  return { payout_method: payout.method, payout_account: p.pii.seal(account), payout_account_tail: account.slice(-4) };
}

export function withdrawalUseCases(p: AffiliatePlatform, core: AffiliateCore) {
  const { db, clock } = p;

  /** `payout`: where the operator is to pay it; the account is sealed at rest and shown masked. */
  async function requestWithdrawal(userId: string, amount: number, idempotencyKey?: string, payout?: PayoutAccount) {
    if (idempotencyKey) {
      const prior = await repo.findWithdrawalByKey(db, userId, idempotencyKey);
      if (prior) return { withdrawal: prior, replayed: true };
    }
    try {
      const withdrawal = await db.transaction().execute(async (trx) => {
        if (!(await core.isApproved(trx, userId))) throw forbidden('AFFILIATE_NOT_PROMOTER', 'Only an approved promoter can withdraw commission');
        const min = await p.settings.get('affiliate.withdrawMinAmount', trx);
        if (amount < min) throw unprocessable('AFFILIATE_WITHDRAW_BELOW_MINIMUM', `The smallest withdrawal is ${min} fen`, { minimum: min });
        const { fee, net } = withdrawalFee(amount, await p.settings.get('affiliate.withdrawFeeBp', trx));
        const now = clock.now();
        // The balance is the scarce thing: take it by conditional update, so racing requests cannot overdraw.
        if (!(await repo.updateBalanceTake(trx, userId, amount, now))) {
          const current = await repo.findBalance(trx, userId);
          throw unprocessable('AFFILIATE_INSUFFICIENT_BALANCE', 'That is more than your available commission', { available: current.balance_amount, requested: amount });
        }
        const w = await repo.insertWithdrawal(trx, { id: newId(), promoter_id: userId, amount, fee_amount: fee, net_amount: net, currency: DEFAULT_CURRENCY, status: 'pending', idempotency_key: idempotencyKey ?? null, operator_note: null, requested_at: now, decided_at: null, decided_by: null, ...payoutColumns(p, payout) });
        await repo.insertLedgerEntry(trx, { id: newId(), promoter_id: userId, kind: 'withdrawal', amount: -net, ref: w.id, at: now });
        if (fee > 0) await repo.insertLedgerEntry(trx, { id: newId(), promoter_id: userId, kind: 'withdrawal_fee', amount: -fee, ref: w.id, at: now });
        await publishEvent(trx, now, 'affiliate.withdrawal_requested', w.id, { withdrawalId: w.id, promoterId: userId, amount, fee, net });
        return w;
      });
      return { withdrawal, replayed: false };
    } catch (err) {
      // Two requests with one key raced: the loser answers with the winner's withdrawal.
      if (idempotencyKey && isUniqueViolation(err, 'affiliate_withdrawals_idem')) {
        const prior = await repo.findWithdrawalByKey(db, userId, idempotencyKey);
        if (prior) return { withdrawal: prior, replayed: true };
      }
      throw err;
    }
  }

  async function decideWithdrawal(actorId: string, id: string, decision: 'approve' | 'reject', note?: string) {
    return db.transaction().execute(async (trx) => {
      const w = await repo.lockWithdrawal(trx, id);
      if (!w) throw notFound('AFFILIATE_WITHDRAWAL_NOT_FOUND', 'No such withdrawal', { id });
      if (w.status !== 'pending') throw conflict('AFFILIATE_WITHDRAWAL_DECIDED', 'This withdrawal was already decided', { status: w.status });
      const now = clock.now();
      const status: WithdrawalStatus = decision === 'approve' ? 'paid' : 'rejected';
      const updated = await repo.updatePendingWithdrawal(trx, id, { status, decided_at: now, decided_by: actorId, operator_note: note ?? null });
      if (decision === 'reject') await core.book(trx, w.promoter_id, 'withdrawal_returned', w.amount, w.id);
      await recordAudit(trx, clock.now(), { actorId, action: `affiliate.withdrawal_${status}`, subjectType: 'affiliate_withdrawal', subjectId: id, details: { amount: w.amount, note: note ?? null } });
      await publishEvent(trx, now, `affiliate.withdrawal_${status}`, id, { withdrawalId: id, promoterId: w.promoter_id, amount: w.amount, net: w.net_amount });
      return updated;
    });
  }

  async function listWithdrawals(filter: { promoterId?: string; status?: WithdrawalStatus; cursor?: string; limit: number }) {
    const rows = await repo.findWithdrawalPage(db, { promoterId: filter.promoterId, status: filter.status, after: afterCursor(filter.cursor), limit: filter.limit });
    const page = keysetPage(rows, filter.limit, (r) => r.requested_at);
    return { items: page.items.map(presentWithdrawal), nextCursor: page.nextCursor };
  }

  return { requestWithdrawal, decideWithdrawal, listWithdrawals };
}
