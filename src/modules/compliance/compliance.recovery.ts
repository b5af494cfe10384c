// Recovery codes for an operator's two-factor sign-in: ten one-time codes issued when two-factor
// is turned on (or re-issued with a current authenticator code), shown once and kept only as
// argon2 hashes. One signs in (or turns two-factor off) in place of an authenticator code when the
// phone is lost; each works once, and issuing a new set voids the old one.
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { newId } from '../../platform/ids.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { complianceTables, type CompliancePlatform } from './compliance.table.ts';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: a code is copied from paper. 31 symbols, 10 of them: about 49 bits per code.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const HALF = 5;

/** What a recovery code looks like as typed: `abcde-fghjk`, any case, the dash optional. */
export const RECOVERY_CODE_PATTERN = `^[A-Za-z2-9]{${HALF}}-?[A-Za-z2-9]{${HALF}}$`;
const RECOVERY_RE = new RegExp(RECOVERY_CODE_PATTERN);

/** A fresh code, `xxxxx-xxxxx`, from the CSPRNG (randomInt has no modulo bias). */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: HALF * 2 }, () => ALPHABET[randomInt(0, ALPHABET.length)]);
  return `${chars.slice(0, HALF).join('')}-${chars.slice(HALF).join('')}`;
}

/** The canonical form that is hashed (lower case, no dash), or null when it is not a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const trimmed = input.trim();
  if (!RECOVERY_RE.test(trimmed)) return null;
  const canonical = trimmed.replace('-', '').toLowerCase();
  return [...canonical].every((c) => ALPHABET.includes(c)) ? canonical : null;
}

export function createRecoveryCodes(p: CompliancePlatform) {
  const hashOptions = { memoryCost: p.config.argon2.memoryCost, timeCost: p.config.argon2.timeCost };

  /** Replaces the operator's codes with a new set, in the caller's transaction; returns them (shown once). */
  async function issue(handle: AnyExecutor, userId: string, now: Date): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((c) => hash(normaliseRecoveryCode(c)!, hashOptions)));
    const db = complianceTables.of(handle);
    await db.deleteFrom('compliance_totp_recovery_codes').where('user_id', '=', userId).execute();
    await db.insertInto('compliance_totp_recovery_codes').values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash, created_at: now, used_at: null }))).execute();
    return codes;
  }

  /**
   * Spends a code: true when it matches one of the operator's unused codes, which is then marked
   * used by a conditional update (two sign-ins racing with the same code: one wins).
   */
  async function redeem(userId: string, input: string, now: Date): Promise<boolean> {
    const code = normaliseRecoveryCode(input);
    if (!code) return false;
    const db = complianceTables.of(p.db);
    const unused = await db.selectFrom('compliance_totp_recovery_codes').select(['id', 'code_hash']).where('user_id', '=', userId).where('used_at', 'is', null).execute();
    for (const row of unused) {
      if (!(await verify(row.code_hash, code))) continue;
      const spent = await db.updateTable('compliance_totp_recovery_codes').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).returning('id').executeTakeFirst();
      return !!spent;
    }
    return false;
  }

  const left = async (userId: string) =>
    Number((await complianceTables.of(p.db).selectFrom('compliance_totp_recovery_codes').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow()).n);

  const forget = (handle: AnyExecutor, userId: string) => complianceTables.of(handle).deleteFrom('compliance_totp_recovery_codes').where('user_id', '=', userId).execute();

  return { issue, redeem, left, forget };
}

export type RecoveryCodes = ReturnType<typeof createRecoveryCodes>;
