import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { Role } from '../../platform/auth.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

/** `erased`: anonymised on the person's request (privacy module); kept so orders and ledgers still point somewhere. */
export type AccountStatus = 'active' | 'suspended' | 'erased';

export interface UsersTable {
  id: string;
  email: string | null;
  /** Sealed (platform/pii.ts); opened by identity.pii.ts on the way out of the repository. */
  phone: string | null;
  /** The phone's blind index (HMAC): sign-in and look-up by phone, unique. */
  phone_index: string | null;
  password_hash: string;
  display_name: string;
  roles: Json<Role[]>;
  status: Generated<AccountStatus>;
  created_at: Timestamp;
  last_login_at: Date | null;
  suspended_at: Date | null;
  suspended_reason: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: 'cookie' | 'bearer';
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AddressesTable {
  id: string;
  user_id: string;
  /** recipient, phone and line1 are sealed at rest (identity.pii.ts). */
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postal_code: string | null;
  is_default: boolean;
  created_at: Timestamp;
  deleted_at: Date | null;
}

export interface FriendshipsTable {
  user_id: string;
  friend_id: string;
  created_at: Timestamp;
}

export interface UserDevicesTable {
  user_id: string;
  device_id: string;
  first_seen_at: Timestamp;
}

export interface SignInThrottlesTable {
  login_key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
  locks: number;
  updated_at: Timestamp;
}

export type CodePurpose = 'password_reset' | 'sign_in';

export interface AccountCodesTable {
  id: string;
  user_id: string;
  purpose: CodePurpose;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface SignupCodesTable {
  id: string;
  login_key: string;
  /** null for a request about an address that already has an account (a notice, no code). */
  code_hash: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface IdentityTables {
  signup_codes: SignupCodesTable;
  sign_in_throttles: SignInThrottlesTable;
  account_codes: AccountCodesTable;
  user_devices: UserDevicesTable;
  users: UsersTable;
  sessions: SessionsTable;
  addresses: AddressesTable;
  friendships: FriendshipsTable;
}

/** The tables identity owns: the only ones its code can query (platform/tables.ts). */
export const identityTables = ownTables<IdentityTables>({ signup_codes: true, sign_in_throttles: true, account_codes: true, user_devices: true, users: true, sessions: true, addresses: true, friendships: true });
/** A handle on identity's own tables: its pool or a transaction on it. */
export type IdentityDb = Executor<IdentityTables>;
/** The platform as identity sees it: its pool queries identity's tables only. */
export type IdentityPlatform = ModulePlatform<IdentityTables>;

declare module '../../platform/db.ts' {
  interface Database extends IdentityTables {}
}
