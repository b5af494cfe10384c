// What the affiliate use-case files share: the other modules they call, and the steps more than
// one of them takes (approving a promoter, walking the upline, booking a balance movement).
import type { Role } from '../../platform/auth.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_CURRENCY, type Money } from '../../platform/money.ts';
import * as repo from './affiliate.repo.ts';
import type { PromoterRow } from './affiliate.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { LedgerKind, AffiliateDb, AffiliatePlatform } from './affiliate.table.ts';

/** What the promoter directory needs from identity: names with masked phones, and a search among given accounts. */
export interface DirectoryDeps {
  identity: {
    peopleOf(executor: AnyExecutor, userIds: readonly string[]): Promise<Map<string, { id: string; displayName: string; phone: string | null }>>;
    matchingPeople(executor: AnyExecutor, userIds: readonly string[], q: string): Promise<Set<string>>;
  };
}

export const SETTLE_JOB = 'affiliate.settle';

export interface AffiliateDeps {
  identity: {
    grantRole(trx: AnyExecutor, actorId: string | null, userId: string, role: Role): Promise<void>;
    displayNames(executor: AnyExecutor, userIds: string[]): Promise<Map<string, string>>;
  } & DirectoryDeps['identity'];
  orders: {
    getOrderRecord(executor: AnyExecutor, id: string): Promise<{ id: string; user_id: string; status: string; paid_at: Date | null; paid_amount: number; completed_at: Date | null; currency: string }>;
    getOrderLines(executor: AnyExecutor, id: string): Promise<{ id: string; product_id: string; total_amount: number }[]>;
  };
  aftersales: { hasOpenRequest(executor: AnyExecutor, orderId: string): Promise<boolean> };
  /** The shopper's product list (the promoter centre's products to promote, with their prices). */
  catalog: {
    listProducts(query: { cursor?: string; limit: number }): Promise<{ items: { id: string; title: string; titleEn: string | null; image: string | null; price: { min: Money } | null }[]; nextCursor: string | null }>;
  };
  /** Fraud screening (risk) of one promoter's commission on an order: its verdict, and whether settlement may pay it. */
  risk?: {
    assess(trx: AnyExecutor, c: { orderId: string; promoterId: string; buyerId: string; amount: number; currency: string }): Promise<'allow' | 'hold' | 'block'>;
    mayPay(trx: AnyExecutor, c: { orderId: string; promoterId: string }): Promise<boolean>;
  };
}

export type AffiliateCore = ReturnType<typeof createAffiliateCore>;

export function createAffiliateCore(p: AffiliatePlatform, deps: AffiliateDeps) {
  const { clock } = p;

  async function isApproved(executor: AffiliateDb, userId: string) {
    return (await repo.findPromoterStatus(executor, userId))?.status === 'approved';
  }

  /** Approve a locked promoter row: the role comes with it, in the same transaction. */
  async function approveLocked(trx: AffiliateDb, row: PromoterRow, actorId: string | null, note: string | null) {
    const now = clock.now();
    const updated = await repo.updatePromoter(trx, row.id, { status: 'approved', decided_at: now, decided_by: actorId, operator_note: note, updated_at: now });
    await deps.identity.grantRole(trx, actorId, row.user_id, 'promoter');
    await publishEvent(trx, now, 'affiliate.promoter_approved', row.user_id, { promoterId: row.user_id, applicationId: row.id, source: row.source });
    return updated;
  }

  /** Create (or lock) the user's promoter row inside the caller's transaction. */
  async function lockOrCreatePromoter(trx: AffiliateDb, userId: string, source: PromoterRow['source'], note: string | null) {
    const now = clock.now();
    await repo.insertPromoterIfAbsent(trx, { id: newId(), user_id: userId, status: 'pending', source, note, operator_note: null, balance_amount: 0, currency: DEFAULT_CURRENCY, applied_at: now, decided_at: null, decided_by: null, updated_at: now });
    return repo.lockPromoterByUser(trx, userId);
  }

  /** The user's upline promoters, nearest first, following active bindings (bounded; a cycle stops it). */
  async function uplineChain(executor: AffiliateDb, userId: string, max: number) {
    const now = clock.now();
    const chain: string[] = [];
    let current = userId;
    for (let i = 0; i < max; i++) {
      const b = await repo.findActiveBinding(executor, current, now);
      if (!b || b.promoter_id === userId || chain.includes(b.promoter_id)) break;
      chain.push(b.promoter_id);
      current = b.promoter_id;
    }
    return chain;
  }

  /** Move a promoter's balance through the ledger, once per (kind, ref): a repeated event books nothing. */
  async function book(trx: AffiliateDb, promoterId: string, kind: LedgerKind, amount: number, ref: string) {
    const now = clock.now();
    const inserted = await repo.insertLedgerEntryOnce(trx, { id: newId(), promoter_id: promoterId, kind, amount, ref, at: now });
    if (inserted) await repo.updateBalanceAdd(trx, promoterId, amount, now);
  }

  return { isApproved, approveLocked, lockOrCreatePromoter, uplineChain, book };
}
