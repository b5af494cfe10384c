import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { Role } from '../../platform/auth.ts';

export interface UsersTable {
  id: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  display_name: string;
  roles: Json<Role[]>;
  status: Generated<'active' | 'disabled'>;
  created_at: Timestamp;
  last_login_at: Date | null;
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

export interface IdentityTables {
  user_devices: UserDevicesTable;
  users: UsersTable;
  sessions: SessionsTable;
  addresses: AddressesTable;
  friendships: FriendshipsTable;
}
