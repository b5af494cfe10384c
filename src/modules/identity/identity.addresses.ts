// Shoppers' delivery addresses: at most 20 each, one default, phone numbers normalised, deleted
// ones kept (soft delete) because orders snapshot them anyway.
import type { Selectable } from 'kysely';
import { invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './identity.repo.ts';
import { normalisePhone } from './identity.rules.ts';
import type { AddressesTable, IdentityPlatform } from './identity.table.ts';

export interface AddressInput {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode?: string;
  isDefault?: boolean;
}

export function publicAddress(a: Selectable<AddressesTable>) {
  return {
    id: a.id,
    recipient: a.recipient,
    phone: a.phone,
    province: a.province,
    city: a.city,
    district: a.district,
    line1: a.line1,
    postalCode: a.postal_code,
    isDefault: a.is_default,
  };
}

export function createIdentityAddresses(p: IdentityPlatform) {
  const { db, clock, pii } = p;

  async function addAddress(userId: string, input: AddressInput) {
    const phone = normalisePhone(input.phone);
    if (!phone) throw invalid('IDENTITY_PHONE_INVALID', 'The recipient phone number is not valid', { field: 'phone' });
    return db.transaction().execute(async (trx) => {
      const existing = await repo.findAddresses(trx, pii, userId);
      if (existing.length >= 20) throw unprocessable('IDENTITY_ADDRESS_LIMIT', 'You can keep at most 20 addresses');
      const isDefault = input.isDefault ?? existing.length === 0;
      if (isDefault) await repo.clearDefaultAddress(trx, userId);
      return repo.insertAddress(trx, pii, {
        id: newId(),
        user_id: userId,
        recipient: input.recipient.trim(),
        phone,
        province: input.province.trim(),
        city: input.city.trim(),
        district: input.district.trim(),
        line1: input.line1.trim(),
        postal_code: input.postalCode?.trim() || null,
        is_default: isDefault,
        created_at: clock.now(),
        deleted_at: null,
      });
    });
  }

  async function listAddresses(userId: string) {
    return repo.findAddresses(db, pii, userId);
  }

  /** Each user's default (or newest) address, for many users at once (demo history, exports). */
  async function findDefaultAddresses(userIds: string[]) {
    const map = new Map<string, Selectable<AddressesTable>>();
    for (let i = 0; i < userIds.length; i += 1000) {
      for (const r of await repo.findAddressesOfUsers(db, pii, userIds.slice(i, i + 1000))) map.set(r.user_id, r); // the last write wins: default, else newest
    }
    return map;
  }

  async function getAddress(userId: string, id: string) {
    const address = await repo.findAddress(db, pii, userId, id);
    if (!address) throw notFound('IDENTITY_ADDRESS_NOT_FOUND', 'No such address', { id });
    return address;
  }

  async function updateAddress(userId: string, id: string, patch: Partial<AddressInput>) {
    return db.transaction().execute(async (trx) => {
      const address = await repo.findAddress(trx, pii, userId, id);
      if (!address) throw notFound('IDENTITY_ADDRESS_NOT_FOUND', 'No such address', { id });
      let phone: string | undefined;
      if (patch.phone !== undefined) {
        phone = normalisePhone(patch.phone) ?? undefined;
        if (!phone) throw invalid('IDENTITY_PHONE_INVALID', 'The recipient phone number is not valid', { field: 'phone' });
      }
      if (patch.isDefault) await repo.clearDefaultAddress(trx, userId);
      return repo.updateAddress(trx, pii, id, {
        ...(patch.recipient !== undefined ? { recipient: patch.recipient.trim() } : {}),
        ...(phone ? { phone } : {}),
        ...(patch.province !== undefined ? { province: patch.province.trim() } : {}),
        ...(patch.city !== undefined ? { city: patch.city.trim() } : {}),
        ...(patch.district !== undefined ? { district: patch.district.trim() } : {}),
        ...(patch.line1 !== undefined ? { line1: patch.line1.trim() } : {}),
        ...(patch.postalCode !== undefined ? { postal_code: patch.postalCode.trim() || null } : {}),
        ...(patch.isDefault !== undefined ? { is_default: patch.isDefault } : {}),
      });
    });
  }

  async function deleteAddress(userId: string, id: string) {
    if ((await repo.softDeleteAddress(db, userId, id, clock.now())) === 0) throw notFound('IDENTITY_ADDRESS_NOT_FOUND', 'No such address', { id });
  }

  return { addAddress, listAddresses, findDefaultAddresses, getAddress, updateAddress, deleteAddress };
}
