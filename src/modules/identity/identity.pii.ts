// Identity's personal data at rest: a user's phone and an address's recipient, phone and line are
// sealed (platform/pii.ts) on the way into the repository and opened on the way out, so the
// service and its callers keep working with plain values and only the tables hold ciphertext.
// Province, city and district stay plain: coarse places that shipping and reports group by.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PiiCipher } from '../../platform/pii.ts';
import type { PersonalData } from '../../platform/personal-data.ts';
import { sha256 } from '../../platform/ids.ts';
import { deleteMessagesTo } from '../../platform/messages.ts';
import { identityTables, type AddressesTable, type IdentityDb, type IdentityTables, type UsersTable } from './identity.table.ts';

type UserRow = Selectable<UsersTable>;
type AddressRow = Selectable<AddressesTable>;

/** A user row with its phone opened. */
export const openUser = <T extends Pick<UserRow, 'phone'>>(pii: PiiCipher, u: T): T => ({ ...u, phone: pii.open(u.phone) });

/** The stored form of a phone: sealed, with its blind index. */
export const sealedPhone = (pii: PiiCipher, phone: string | null) => ({ phone: pii.seal(phone), phone_index: pii.index(phone) });

export function sealUserInsert(pii: PiiCipher, row: Omit<Insertable<UsersTable>, 'phone_index'>): Insertable<UsersTable> {
  return { ...row, ...sealedPhone(pii, row.phone ?? null) };
}

export function sealUserPatch(pii: PiiCipher, patch: Updateable<UsersTable>): Updateable<UsersTable> {
  return patch.phone === undefined ? patch : { ...patch, ...sealedPhone(pii, patch.phone) };
}

export const openAddress = <T extends Pick<AddressRow, 'recipient' | 'phone' | 'line1'>>(pii: PiiCipher, a: T): T => ({ ...a, recipient: pii.open(a.recipient), phone: pii.open(a.phone), line1: pii.open(a.line1) });

export function sealAddress<T extends { recipient?: string; phone?: string; line1?: string }>(pii: PiiCipher, a: T): T {
  return {
    ...a,
    ...(a.recipient !== undefined ? { recipient: pii.seal(a.recipient) } : {}),
    ...(a.phone !== undefined ? { phone: pii.seal(a.phone) } : {}),
    ...(a.line1 !== undefined ? { line1: pii.seal(a.line1) } : {}),
  };
}

const BATCH = 500;
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Seals every value not yet sealed under the current key (plain ones from before encryption, or
 * ones under an older key) and rewrites the blind indexes: the encrypting migration and
 * `fission pii rotate-key` both run this. Keyset pages of 500; returns the rows rewritten.
 */
export async function resealIdentity(db: IdentityDb, pii: PiiCipher): Promise<number> {
  let changed = 0;
  let after = NIL;
  for (;;) {
    const users = await db.selectFrom('users').select(['id', 'phone', 'phone_index']).where('id', '>', after).where('phone', 'is not', null).orderBy('id').limit(BATCH).execute();
    for (const u of users) {
      const phone = pii.open(u.phone)!;
      if (!pii.needsReseal(u.phone) && u.phone_index === pii.index(phone)) continue;
      await db.updateTable('users').set(sealedPhone(pii, phone)).where('id', '=', u.id).execute();
      changed++;
    }
    if (users.length < BATCH) break;
    after = users.at(-1)!.id;
  }
  after = NIL;
  for (;;) {
    const rows = await db.selectFrom('addresses').select(['id', 'recipient', 'phone', 'line1']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    for (const a of rows) {
      if (![a.recipient, a.phone, a.line1].some((v) => pii.needsReseal(v))) continue;
      await db.updateTable('addresses').set(sealAddress(pii, openAddress(pii, a))).where('id', '=', a.id).execute();
      changed++;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return changed;
}

/** Shown for an erased account wherever a name is listed (group-buy teams, leaderboards). */
export const ERASED_NAME = '已注销用户';

/**
 * Identity's part of export and erasure (platform/personal-data.ts). The account row is kept,
 * anonymised, because orders and ledgers the law keeps point at it; everything else about the
 * person (addresses, sessions, devices, friendships, codes, sign-in throttles) is deleted.
 */
export function identityPersonalData(pii: PiiCipher, userChanged: (userId: string) => Promise<void>): PersonalData<IdentityTables> {
  return {
    tables: {
      users: { columns: ['id'], erase: 'keep' },
      addresses: { columns: ['user_id'], erase: 'delete' },
      sessions: { columns: ['user_id'], erase: 'delete' },
      user_devices: { columns: ['user_id'], erase: 'delete' },
      friendships: { columns: ['user_id', 'friend_id'], erase: 'delete' },
      account_codes: { columns: ['user_id'], erase: 'delete' },
    },
    open(table, row) {
      if (table === 'users') return { ...row, phone: pii.open(row.phone as string | null) };
      if (table === 'addresses') return { ...row, recipient: pii.open(row.recipient as string), phone: pii.open(row.phone as string), line1: pii.open(row.line1 as string) };
      return row;
    },
    reseal: (handle, cipher) => resealIdentity(identityTables.of(handle), cipher),
    async erase(handle, userId) {
      const db = identityTables.of(handle);
      const user = await db.selectFrom('users').select(['email', 'phone']).where('id', '=', userId).executeTakeFirst();
      if (!user) return;
      // Throttle and sign-up rows are keyed by a hash of the email or phone, not by the account.
      const keys = [user.email ? `email:${user.email}` : null, user.phone ? `phone:${pii.open(user.phone)}` : null].filter((k): k is string => !!k).map(sha256);
      if (keys.length) {
        await db.deleteFrom('sign_in_throttles').where('login_key', 'in', keys).execute();
        await db.deleteFrom('signup_codes').where('login_key', 'in', keys).execute();
      }
      await deleteMessagesTo(handle, pii, { userId, email: user.email, phone: pii.open(user.phone) });
      await db.updateTable('users').set({
        email: null, phone: null, phone_index: null, display_name: ERASED_NAME, password_hash: '!erased', status: 'erased',
        last_login_at: null, suspended_at: null, suspended_reason: null,
      }).where('id', '=', userId).execute();
      await userChanged(userId);
    },
  };
}
