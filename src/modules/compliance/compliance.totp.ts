// Optional two-factor sign-in for operators (RFC 6238 TOTP through `otpauth`): enrol (a secret and
// an otpauth:// URI shown as a QR code), confirm with a first code, then every operator sign-in
// needs a current code (identity's second-factor list). The secret is sealed at rest with a key
// derived from the platform secret; a code is accepted once (the step is stored by a conditional
// update) and five wrong codes in a row lock the factor for fifteen minutes. Turning it on hands out
// ten one-time recovery codes (compliance.recovery.ts), shown once, that stand in for a code when
// the phone is lost; a wrong recovery code counts towards the same lock.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError } from '../../platform/errors.ts';
import { createRecoveryCodes, normaliseRecoveryCode } from './compliance.recovery.ts';
import { complianceTables, type CompliancePlatform } from './compliance.table.ts';

const ISSUER = 'Fission';
const PERIOD = 30;
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

export const isOperator = (roles: readonly string[]) => roles.includes('operator') || roles.includes('admin');

function sealer(platformSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', platformSecret, 'fission.compliance', 'totp-secret', 32));
  return {
    seal(plain: string) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed: string) {
      const [, iv, tag, body] = sealed.split('.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

const totpOf = (secret: string, label: string) => new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });

const invalidCode = () => new DomainError('unauthenticated', 'COMPLIANCE_TOTP_INVALID', 'That authenticator code is not valid');

export function createOperatorTotp(p: CompliancePlatform) {
  const { db, clock } = p;
  const box = sealer(p.secret);
  const recovery = createRecoveryCodes(p);
  const find = (userId: string) => db.selectFrom('compliance_operator_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();

  async function status(userId: string) {
    const row = await find(userId);
    return { enabled: !!row?.enabled_at, pending: !!row && !row.enabled_at, enabledAt: row?.enabled_at?.toISOString() ?? null, recoveryCodesLeft: row?.enabled_at ? await recovery.left(userId) : 0 };
  }

  /** A new secret (replacing a pending one); refused while two-factor is on (turn it off with a code first). */
  async function enrol(user: { id: string; email: string | null }) {
    const now = clock.now();
    const existing = await find(user.id);
    if (existing?.enabled_at) throw conflict('COMPLIANCE_TOTP_ENABLED', 'Two-factor sign-in is already on', {});
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const sealed = box.seal(secret);
    await db
      .insertInto('compliance_operator_totp')
      .values({ user_id: user.id, secret_sealed: sealed, enabled_at: null, last_step: null, failures: 0, locked_until: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_sealed: sealed, last_step: null, failures: 0, locked_until: null, updated_at: now }))
      .execute();
    const uri = totpOf(secret, user.email ?? user.id).toString();
    return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
  }

  /**
   * Check a code and take its step, so it cannot be used again. Wrong codes count towards the lock;
   * a right one resets the count.
   */
  async function acceptCode(userId: string, code: string | undefined) {
    const row = await find(userId);
    if (!row) throw conflict('COMPLIANCE_TOTP_NOT_ENROLLED', 'Start two-factor enrolment first', {});
    const now = clock.now();
    if (row.locked_until && row.locked_until > now) {
      throw new DomainError('rate_limited', 'COMPLIANCE_TOTP_LOCKED', 'Too many wrong codes: try again later', { retryAfterSeconds: Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000) });
    }
    const totp = totpOf(box.open(row.secret_sealed), userId);
    const delta = code && /^[0-9]{6}$/.test(code) ? totp.validate({ token: code, timestamp: now.getTime(), window: 1 }) : null;
    const step = delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
    const taken = step === null ? undefined : await db
      .updateTable('compliance_operator_totp')
      .set({ last_step: step, failures: 0, locked_until: null, updated_at: now })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .returning('user_id')
      .executeTakeFirst();
    if (taken) return row;
    return failed(row, now);
  }

  async function failed(row: { user_id: string; failures: number; locked_until: Date | null }, now: Date): Promise<never> {
    const failures = row.failures + 1;
    await db.updateTable('compliance_operator_totp').set({ failures: failures >= MAX_FAILURES ? 0 : failures, locked_until: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : row.locked_until, updated_at: now }).where('user_id', '=', row.user_id).execute();
    throw invalidCode();
  }

  /** A recovery code in place of an authenticator code: spent once, audited; a wrong one counts towards the lock. */
  async function acceptRecoveryCode(userId: string, code: string) {
    const row = await find(userId);
    if (!row?.enabled_at) throw invalidCode();
    const now = clock.now();
    if (row.locked_until && row.locked_until > now) {
      throw new DomainError('rate_limited', 'COMPLIANCE_TOTP_LOCKED', 'Too many wrong codes: try again later', { retryAfterSeconds: Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000) });
    }
    if (!(await recovery.redeem(userId, code, now))) return failed(row, now);
    await db.updateTable('compliance_operator_totp').set({ failures: 0, locked_until: null, updated_at: now }).where('user_id', '=', userId).execute();
    await recordAudit(db, now, { actorId: userId, action: 'security.totp_recovery_used', subjectType: 'user', subjectId: userId, details: { left: await recovery.left(userId) } });
    return row;
  }

  /** An authenticator code, or a recovery code (anything that reads as one). */
  const acceptEither = (userId: string, code: string) => (normaliseRecoveryCode(code) ? acceptRecoveryCode(userId, code) : acceptCode(userId, code));

  /** The first code turns two-factor on (audited) and hands out the recovery codes, this once. */
  async function confirm(userId: string, code: string) {
    const row = await acceptCode(userId, code);
    if (row.enabled_at) throw conflict('COMPLIANCE_TOTP_ENABLED', 'Two-factor sign-in is already on', {});
    const now = clock.now();
    const recoveryCodes = await db.transaction().execute(async (trx) => {
      await complianceTables.of(trx).updateTable('compliance_operator_totp').set({ enabled_at: now, updated_at: now }).where('user_id', '=', userId).execute();
      await recordAudit(trx, now, { actorId: userId, action: 'security.totp_enabled', subjectType: 'user', subjectId: userId });
      return recovery.issue(trx, userId, now);
    });
    return { ...(await status(userId)), recoveryCodes };
  }

  /** A new set of recovery codes for a current authenticator code (the old set stops working; audited). */
  async function renewRecoveryCodes(userId: string, code: string) {
    const row = await acceptCode(userId, code);
    if (!row.enabled_at) throw conflict('COMPLIANCE_TOTP_NOT_ENROLLED', 'Turn two-factor sign-in on first', {});
    const now = clock.now();
    const recoveryCodes = await db.transaction().execute(async (trx) => {
      await recordAudit(trx, now, { actorId: userId, action: 'security.totp_recovery_renewed', subjectType: 'user', subjectId: userId });
      return recovery.issue(trx, userId, now);
    });
    return { ...(await status(userId)), recoveryCodes };
  }

  /** Turning it off takes a current code, or a recovery code when the phone is lost (audited). */
  async function disable(userId: string, code: string) {
    await acceptEither(userId, code);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await complianceTables.of(trx).deleteFrom('compliance_operator_totp').where('user_id', '=', userId).execute();
      await recovery.forget(trx, userId);
      await recordAudit(trx, now, { actorId: userId, action: 'security.totp_disabled', subjectType: 'user', subjectId: userId });
    });
    return status(userId);
  }

  /** Identity's second factor: an operator with two-factor on signs in only with a current code. */
  async function secondFactor(user: { id: string; roles: readonly string[] }, code: string | undefined) {
    if (!isOperator(user.roles)) return;
    const row = await find(user.id);
    if (!row?.enabled_at) return;
    if (!code) throw new DomainError('unauthenticated', 'COMPLIANCE_TOTP_REQUIRED', 'Enter the code from your authenticator app', { field: 'totpCode' });
    await acceptEither(user.id, code);
  }

  return { status, enrol, confirm, renewRecoveryCodes, disable, secondFactor };
}

export type OperatorTotp = ReturnType<typeof createOperatorTotp>;
