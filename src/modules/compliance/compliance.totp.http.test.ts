// Operators' optional two-factor sign-in (TOTP) over HTTP, on both databases.
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const PASSWORD = 'Operator-Console-2026';
let seq = 0;
async function operator(): Promise<TestUser> {
  const email = `totp-op-${++seq}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  await t.services.identity.ensureOperator(email, PASSWORD, true);
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: email, password: PASSWORD, session: 'bearer' } });
  return { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
}
const codeAt = (secret: string, offsetSteps = 0) => OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + offsetSteps * 30_000 });
const login = (email: string, totpCode?: string) => t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: email, password: PASSWORD, session: 'bearer', ...(totpCode !== undefined ? { totpCode } : {}) } });

async function enrolled() {
  const op = await operator();
  const enrol = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/enrol', as: op });
  expect(enrol.statusCode, enrol.body).toBe(200);
  const secret = enrol.data.secret as string;
  const confirmed = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/confirm', as: op, body: { code: codeAt(secret) } });
  expect(confirmed.data).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
  t.clock.advance(30_000); // the confirming code's step is spent
  return { op, secret, recoveryCodes: confirmed.data.recoveryCodes as string[] };
}

describe('operator two-factor sign-in (TOTP)', () => {
  it('enrols with a secret, an otpauth URI and a QR code, and changes nothing at sign-in until confirmed', async () => {
    const op = await operator();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/security/totp', as: op })).data).toEqual({ enabled: false, pending: false, enabledAt: null, recoveryCodesLeft: 0 });
    const enrol = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/enrol', as: op });
    expect(enrol.data.uri).toMatch(new RegExp(`^otpauth://totp/Fission:${encodeURIComponent(op.email)}\\?.*secret=${enrol.data.secret}`));
    expect(enrol.data.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await login(op.email)).statusCode).toBe(200);
    // A wrong first code does not turn it on.
    const wrong = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/confirm', as: op, body: { code: codeAt(enrol.data.secret, 10) } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/security/totp', as: op })).data).toMatchObject({ enabled: false, pending: true });
    // The secret is sealed at rest.
    const row = await t.platform.db.selectFrom('compliance_operator_totp').selectAll().where('user_id', '=', op.id).executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(enrol.data.secret);
  });

  it('then needs a current code at every sign-in, accepts each code once, and audits turning it on and off', async () => {
    const { op, secret } = await enrolled();
    const missing = await login(op.email);
    expect(missing.statusCode).toBe(401);
    expect(missing.data.error.code).toBe('COMPLIANCE_TOTP_REQUIRED');
    expect((await login(op.email, codeAt(secret, 5))).data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    const code = codeAt(secret);
    const ok = await login(op.email, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data.token).toEqual(expect.any(String));
    // A replayed code is refused; the previous step's code too (it is older than the one used).
    expect((await login(op.email, code)).data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    expect((await login(op.email, codeAt(secret, -1))).statusCode).toBe(401);
    t.clock.advance(30_000);
    expect((await login(op.email, codeAt(secret))).statusCode).toBe(200);
    // A malformed code is refused by the schema.
    expect((await login(op.email, 'abc123')).statusCode).toBe(400);

    t.clock.advance(30_000);
    const off = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/disable', as: op, body: { code: codeAt(secret) } });
    expect(off.data).toEqual({ enabled: false, pending: false, enabledAt: null, recoveryCodesLeft: 0 });
    expect((await login(op.email)).statusCode).toBe(200);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', op.id).where('action', 'like', 'security.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['security.totp_enabled', 'security.totp_disabled']);
  });

  it('also guards sign-in by one-time code, and locks after five wrong codes', async () => {
    const { op, secret } = await enrolled();
    await t.request({ method: 'POST', url: '/api/v1/auth/login/code/start', body: { email: op.email } });
    const sent = await t.platform.db.selectFrom('message_outbox').select('data').where('to_email', '=', op.email).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    expect(sent?.data.code).toBeDefined();
    const byCode = await t.request({ method: 'POST', url: '/api/v1/auth/login/code', body: { email: op.email, code: String(sent!.data.code), session: 'bearer' } });
    expect(byCode.data.error.code).toBe('COMPLIANCE_TOTP_REQUIRED');
    for (let i = 0; i < 5; i++) expect((await login(op.email, codeAt(secret, 20 + i))).data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    const locked = await login(op.email, codeAt(secret));
    expect(locked.statusCode).toBe(429);
    expect(locked.data.error.code).toBe('COMPLIANCE_TOTP_LOCKED');
    t.clock.advance(15 * 60_000 + 1);
    expect((await login(op.email, codeAt(secret))).statusCode).toBe(200);
  });

  it('refuses a second enrolment while on, and leaves shoppers alone', async () => {
    const { op } = await enrolled();
    const again = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/enrol', as: op });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('COMPLIANCE_TOTP_ENABLED');
    const shopper = await t.signUp();
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/enrol', as: shopper })).statusCode).toBe(403);
    const confirmUnenrolled = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/confirm', as: await operator(), body: { code: '123456' } });
    expect(confirmUnenrolled.data.error.code).toBe('COMPLIANCE_TOTP_NOT_ENROLLED');
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/confirm', as: op, body: { code: 123456 } })).statusCode).toBe(400);
  });

  it('hands out ten one-time recovery codes once, kept hashed; each signs in once, and a new set voids the old', async () => {
    const { op, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // Shown once: the status never repeats them, and only argon2 hashes are kept.
    const status = await t.request({ method: 'GET', url: '/api/v1/admin/security/totp', as: op });
    expect(status.data).toEqual({ enabled: true, pending: false, enabledAt: expect.any(String), recoveryCodesLeft: 10 });
    const stored = await t.platform.db.selectFrom('compliance_totp_recovery_codes').select('code_hash').where('user_id', '=', op.id).execute();
    expect(stored).toHaveLength(10);
    for (const r of stored) {
      expect(r.code_hash).toMatch(/^\$argon2id\$/);
      for (const c of recoveryCodes) expect(r.code_hash).not.toContain(c.replace('-', ''));
    }

    // A recovery code stands in for the authenticator code, once; typed in capitals without the dash too.
    expect((await login(op.email, recoveryCodes[0])).statusCode).toBe(200);
    expect((await login(op.email, recoveryCodes[0])).data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    expect((await login(op.email, recoveryCodes[1].replace('-', '').toUpperCase())).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/security/totp', as: op })).data.recoveryCodesLeft).toBe(8);
    // A made-up one is wrong, and counts towards the lock like a wrong authenticator code.
    const madeUp = await login(op.email, 'zzzzz-zzzzz');
    expect(madeUp.data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    expect((await t.platform.db.selectFrom('compliance_operator_totp').select('failures').where('user_id', '=', op.id).executeTakeFirstOrThrow()).failures).toBe(1);

    // A new set for a current code: the old codes stop working. It takes an authenticator code, not a recovery code.
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/recovery-codes', as: op, body: { code: recoveryCodes[2] } })).statusCode).toBe(400);
    const renewed = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/recovery-codes', as: op, body: { code: codeAt(secret) } });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.data).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const fresh = renewed.data.recoveryCodes as string[];
    expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    expect((await login(op.email, recoveryCodes[2])).data.error.code).toBe('COMPLIANCE_TOTP_INVALID');
    expect((await login(op.email, fresh[0])).statusCode).toBe(200);

    // Phone lost: a recovery code also turns two-factor off, and its codes go with it.
    const off = await t.request({ method: 'POST', url: '/api/v1/admin/security/totp/disable', as: op, body: { code: fresh[1] } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.data).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await t.platform.db.selectFrom('compliance_totp_recovery_codes').select('id').where('user_id', '=', op.id).execute()).toEqual([]);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', op.id).where('action', 'like', 'security.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['security.totp_enabled', 'security.totp_recovery_used', 'security.totp_recovery_used', 'security.totp_recovery_renewed', 'security.totp_recovery_used', 'security.totp_recovery_used', 'security.totp_disabled']);
  });
});
