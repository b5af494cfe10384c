// Becoming a promoter: open, by application with operator review, or appointed. Never for a fee
// and never for a purchase (anti-pyramid); the after-first-paid-order path is in affiliate.commissions.ts.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import type { AffiliateCore } from './affiliate.core.ts';
import { afterCursor, keysetPage } from './affiliate.present.ts';
import * as repo from './affiliate.repo.ts';
import type { PromoterStatus, AffiliatePlatform } from './affiliate.table.ts';

export function promoterUseCases(p: AffiliatePlatform, core: AffiliateCore) {
  const { db, clock } = p;

  /** A shopper asks to become a promoter. No fee and no purchase is ever asked for (anti-pyramid). */
  async function apply(userId: string, input: { note?: string } = {}) {
    return db.transaction().execute(async (trx) => {
      const mode = await p.settings.get('affiliate.promoterMode', trx);
      const note = input.note?.trim() || null;
      let row = await core.lockOrCreatePromoter(trx, userId, mode === 'open' ? 'open' : 'application', note);
      if (row.status === 'approved') return row;
      const now = clock.now();
      if (row.status === 'rejected') {
        row = await repo.updatePromoter(trx, row.id, { status: 'pending', note, applied_at: now, decided_at: null, decided_by: null, operator_note: null, updated_at: now });
      }
      await publishEvent(trx, now, 'affiliate.promoter_applied', userId, { promoterId: userId, applicationId: row.id, mode });
      if (mode === 'open') row = await core.approveLocked(trx, row, null, 'open mode');
      return row;
    });
  }

  async function decideApplication(actorId: string, id: string, decision: 'approve' | 'reject', note?: string) {
    return db.transaction().execute(async (trx) => {
      const row = await repo.lockPromoter(trx, id);
      if (!row) throw notFound('AFFILIATE_APPLICATION_NOT_FOUND', 'No such promoter application', { id });
      if (row.status !== 'pending') throw conflict('AFFILIATE_APPLICATION_DECIDED', 'This application was already decided', { status: row.status });
      await recordAudit(trx, clock.now(), { actorId, action: `affiliate.application_${decision}d`, subjectType: 'affiliate_promoter', subjectId: row.user_id, details: { note: note ?? null } });
      if (decision === 'approve') return core.approveLocked(trx, row, actorId, note ?? null);
      const now = clock.now();
      const updated = await repo.updatePromoter(trx, id, { status: 'rejected', decided_at: now, decided_by: actorId, operator_note: note ?? null, updated_at: now });
      await publishEvent(trx, now, 'affiliate.promoter_rejected', row.user_id, { promoterId: row.user_id, applicationId: id });
      return updated;
    });
  }

  /** Make a user a promoter directly (operators, demo data). */
  async function appointPromoter(actorId: string | null, userId: string, note: string | null = null) {
    return db.transaction().execute(async (trx) => {
      const row = await core.lockOrCreatePromoter(trx, userId, 'operator', note);
      return row.status === 'approved' ? row : core.approveLocked(trx, row, actorId, 'appointed');
    });
  }

  async function listApplications(filter: { status?: PromoterStatus; cursor?: string; limit: number }) {
    const rows = await repo.findPromoterPage(db, { status: filter.status, after: afterCursor(filter.cursor), limit: filter.limit });
    return keysetPage(rows, filter.limit, (r) => r.applied_at);
  }

  return { apply, decideApplication, appointPromoter, listApplications };
}
