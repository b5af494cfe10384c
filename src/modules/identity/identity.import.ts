// Bulk import of historical accounts, addresses and friendships (demo data, a move from another
// shop): many rows per statement, no events, re-runs are no-ops.
import type { PiiCipher } from '../../platform/pii.ts';
import type { Role } from '../../platform/auth.ts';
import { ROLES } from '../../platform/auth.ts';
import { invalid } from '../../platform/errors.ts';
import * as repo from './identity.repo.ts';
import type { IdentityPlatform } from './identity.table.ts';
import { normaliseEmail, normalisePhone } from './identity.rules.ts';

/** A historical account brought in by a bulk import (demo data): no event, no session. */
export interface ImportedUser {
  id: string;
  email: string | null;
  phone: string | null;
  /** From hashPassword(): hash a shared password once, not once per row. */
  passwordHash: string;
  displayName: string;
  roles: Role[];
  createdAt: Date;
}

export interface ImportedAddress {
  id: string;
  userId: string;
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode?: string;
  isDefault: boolean;
  createdAt: Date;
}

export interface ImportedFriendship {
  userId: string;
  friendId: string;
  createdAt: Date;
}

/** Rows per INSERT: ~500 keeps each statement well under the 65,535 bind-parameter limit. */
export const IMPORT_BATCH = 500;

function chunk<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function createIdentityImport(db: IdentityPlatform['db'], pii: PiiCipher) {
  /**
   * Bulk-inserts historical accounts, 500 rows per statement. Publishes no customer.registered
   * event: imported history must not trigger live consumers (welcome coupons, analytics).
   * A row whose id already exists is left as it is (re-running an import is a no-op); a row whose
   * email or phone belongs to another account is skipped. Returns the ids of the given rows that
   * exist afterwards, in input order, so callers attach addresses and friendships only to those.
   */
  async function importUsers(rows: ImportedUser[]): Promise<string[]> {
    const present = new Set<string>();
    for (const batch of chunk(rows, IMPORT_BATCH)) {
      const values = batch.map((r) => {
        const email = r.email === null ? null : normaliseEmail(r.email);
        const phone = r.phone === null ? null : normalisePhone(r.phone);
        if ((r.email !== null && !email) || (r.phone !== null && !phone) || (!email && !phone)) {
          throw invalid('IDENTITY_IMPORT_INVALID_LOGIN', `Imported user ${r.id} needs a valid email or phone`, { id: r.id });
        }
        const roles = [...new Set(r.roles)].filter((role) => (ROLES as readonly string[]).includes(role));
        if (roles.length === 0) throw invalid('IDENTITY_ROLES_EMPTY', `Imported user ${r.id} needs at least one role`, { id: r.id });
        return { id: r.id, email, phone, password_hash: r.passwordHash, display_name: r.displayName.trim(), roles: JSON.stringify(roles), created_at: r.createdAt, last_login_at: null };
      });
      await repo.insertUsersSkippingExisting(db, pii, values);
      for (const { id } of await repo.findUserIds(db, batch.map((r) => r.id))) present.add(id);
    }
    return rows.map((r) => r.id).filter((id) => present.has(id));
  }

  /** Bulk-inserts addresses of imported users; an address whose id exists is skipped. Returns how many were inserted. */
  async function importAddresses(rows: ImportedAddress[]): Promise<number> {
    let inserted = 0;
    for (const batch of chunk(rows, IMPORT_BATCH)) {
      const values = batch.map((a) => {
        const phone = normalisePhone(a.phone);
        if (!phone) throw invalid('IDENTITY_PHONE_INVALID', `Imported address ${a.id} has an invalid phone`, { id: a.id });
        return {
          id: a.id,
          user_id: a.userId,
          recipient: a.recipient.trim(),
          phone,
          province: a.province.trim(),
          city: a.city.trim(),
          district: a.district.trim(),
          line1: a.line1.trim(),
          postal_code: a.postalCode?.trim() || null,
          is_default: a.isDefault,
          created_at: a.createdAt,
          deleted_at: null,
        };
      });
      inserted += (await repo.insertAddressesSkippingExisting(db, pii, values)).length;
    }
    return inserted;
  }

  /**
   * Bulk-inserts friendships. Each pair is stored in both directions, so every friendship is
   * symmetric; a pair given twice (either way round) or already present is skipped. Returns how
   * many pairs were new.
   */
  async function importFriendships(pairs: ImportedFriendship[]): Promise<number> {
    const seen = new Set<string>();
    const rows: { user_id: string; friend_id: string; created_at: Date }[] = [];
    for (const p of pairs) {
      if (p.userId === p.friendId) throw invalid('IDENTITY_FRIENDSHIP_SELF', 'A user cannot be their own friend', { userId: p.userId });
      const key = p.userId < p.friendId ? `${p.userId}|${p.friendId}` : `${p.friendId}|${p.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ user_id: p.userId, friend_id: p.friendId, created_at: p.createdAt }, { user_id: p.friendId, friend_id: p.userId, created_at: p.createdAt });
    }
    let inserted = 0;
    // Both directions of a pair travel in the same statement (batches hold an even number of rows).
    for (const batch of chunk(rows, IMPORT_BATCH)) inserted += (await repo.insertFriendshipsSkippingExisting(db, batch)).length;
    return Math.ceil(inserted / 2);
  }

  return { importUsers, importAddresses, importFriendships };
}
