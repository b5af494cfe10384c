// The customer directory's SQL over identity's own tables: which accounts match the identity-side
// filters (search, status, registration days), and the accounts of one page.
import type { PiiCipher } from '../../platform/pii.ts';
import type { AccountStatus, IdentityDb } from './identity.table.ts';
import { openAddress, openUser } from './identity.pii.ts';
import { normalisePhone } from './identity.rules.ts';

export interface CandidateFilter {
  q?: string;
  status?: AccountStatus;
  /** [from, to) instants of the registration days asked for. */
  registeredFrom?: Date;
  registeredBefore?: Date;
}

/** Ids and registration times of every matching account, newest first (the directory filters and sorts the rest). */
export async function findCandidates(db: IdentityDb, pii: PiiCipher, f: CandidateFilter) {
  let qb = db.selectFrom('users').select(['id', 'created_at']).orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    // A sealed phone matches only as a whole number (its blind index), not by a fragment.
    const phone = normalisePhone(f.q);
    qb = qb.where((eb) => eb.or([eb('email', 'ilike', like), eb('display_name', 'ilike', like), ...(phone ? [eb('phone_index', 'in', pii.indexes(phone))] : [])]));
  }
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.registeredFrom) qb = qb.where('created_at', '>=', f.registeredFrom);
  if (f.registeredBefore) qb = qb.where('created_at', '<', f.registeredBefore);
  return qb.execute();
}

/** The full accounts of one page (phones opened for masking by the caller). */
export async function findUsersByIds(db: IdentityDb, pii: PiiCipher, ids: string[]) {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').selectAll().where('id', 'in', ids).execute()).map((u) => openUser(pii, u));
}


/** A customer's live addresses, default first (opened; the directory masks them). */
export const findAddressesOf = async (db: IdentityDb, pii: PiiCipher, userId: string) =>
  (await db.selectFrom('addresses').selectAll().where('user_id', '=', userId).where('deleted_at', 'is', null).orderBy('is_default', 'desc').orderBy('created_at', 'desc').execute()).map((a) => openAddress(pii, a));
