import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { listOutboxMessages } from '../../platform/messages.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

let counter = 0;
const freshPhone = () => `139${String(Date.now() % 100_000_000 + counter++).padStart(8, '0').slice(-8)}`;

/** A shopper with a phone (and an email for the lock notice), created the trusted way. */
async function phoneShopper() {
  const phone = freshPhone();
  const email = `phone-${phone}@example.com`;
  const user = await t.services.identity.register({ phone, email, password: 'fission2026', displayName: `Shopper ${phone.slice(-4)}` });
  return { id: user.id, phone, email };
}

const start = (body: Record<string, string>) => t.request({ method: 'POST', url: '/api/v1/auth/login/code/start', body });
const signIn = (body: Record<string, string>, headers: Record<string, string> = {}) => t.request({ method: 'POST', url: '/api/v1/auth/login/code', body, headers });

/** Sign-in codes sent to a phone, newest first, found through the outbox's blind index (the phone is sealed there). */
async function codesTo(phone: string) {
  return (await listOutboxMessages(t.platform.db, t.platform.pii, { limit: 50, template: 'sign_in.code', to: phone })).items;
}

/** Asks for a sign-in code and reads it from the built-in sender's outbox. */
async function signInCode(phone: string) {
  expect((await start({ phone })).statusCode).toBe(202);
  const [latest] = await codesTo(phone);
  if (!latest) throw new Error(`no sign-in code was sent to ${phone}`);
  return String(latest.data.code);
}

describe('sign-in by a one-time SMS code', () => {
  it('sends a hashed six-digit code by SMS and signs in with a bearer token or a cookie', async () => {
    const u = await phoneShopper();
    const code = await signInCode(u.phone);
    expect(code).toMatch(/^\d{6}$/);
    const [msg] = await codesTo(u.phone);
    expect(msg).toMatchObject({ channel: 'sms', to: { userId: u.id, phone: u.phone }, data: { code, validMinutes: 15 } });
    const stored = await t.platform.db.selectFrom('account_codes').selectAll().where('user_id', '=', u.id).where('purpose', '=', 'sign_in').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);

    const deviceId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const bearer = await signIn({ phone: u.phone, code, session: 'bearer' }, { 'x-device-id': deviceId });
    expect(bearer.statusCode).toBe(200);
    expect(bearer.data.user).toMatchObject({ id: u.id, phone: expect.stringContaining('****') });
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${bearer.data.token}` } });
    expect(me.data.id).toBe(u.id);
    const events = await t.platform.db.selectFrom('outbox_events').select(['type', 'payload']).where('type', '=', 'customer.signed_in').execute();
    expect(events.map((e) => e.payload)).toContainEqual({ userId: u.id, visitorId: deviceId, deviceId });
    // The code is spent.
    expect((await signIn({ phone: u.phone, code })).data.error.code).toBe('IDENTITY_CODE_INVALID');

    t.clock.advanceMinutes(1); // the outbox is read newest first
    const cookieCode = await signInCode(u.phone);
    const viaCookie = await signIn({ phone: u.phone, code: cookieCode });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.data.token).toBeUndefined();
    const cookie = viaCookie.cookies.find((c) => c.name === 'fission_session');
    expect(cookie?.httpOnly).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie: `fission_session=${cookie!.value}` } })).data.id).toBe(u.id);
  });

  it('answers the start the same for an unknown phone and sends nothing', async () => {
    const u = await phoneShopper();
    const nobody = freshPhone();
    const known = await start({ phone: u.phone });
    const unknown = await start({ phone: nobody });
    expect({ status: unknown.statusCode, body: unknown.data }).toEqual({ status: known.statusCode, body: known.data });
    expect(known.data).toEqual({ status: 'accepted' });
    expect(await codesTo(nobody)).toEqual([]);
    const malformed = await start({ phone: '12' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.error).toMatchObject({ code: 'IDENTITY_PHONE_INVALID', details: { field: 'phone' } });
    const empty = await start({});
    expect(empty.data.error).toMatchObject({ code: 'IDENTITY_LOGIN_REQUIRED', details: { field: 'phone' } });
  });

  it('answers a wrong code, an expired code and an unknown phone identically, each pointing at the code field', async () => {
    const u = await phoneShopper();
    const code = await signInCode(u.phone);
    const wrong = await signIn({ phone: u.phone, code: code === '000000' ? '111111' : '000000' });
    const unknown = await signIn({ phone: freshPhone(), code });
    t.clock.advanceMinutes(16);
    const expired = await signIn({ phone: u.phone, code });
    const shape = (r: typeof wrong) => ({ status: r.statusCode, error: r.data.error });
    expect(shape(wrong)).toEqual(shape(unknown));
    expect(shape(expired)).toEqual(shape(wrong));
    expect(shape(wrong)).toMatchObject({ status: 400, error: { code: 'IDENTITY_CODE_INVALID', details: { field: 'code' } } });
  });

  it('counts a wrong code as a failed sign-in: the fifth locks the login, also for passwords', async () => {
    const u = await phoneShopper();
    const code = await signInCode(u.phone);
    const bad = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await signIn({ phone: u.phone, code: bad })).statusCode).toBe(400);
    const fifth = await signIn({ phone: u.phone, code: bad });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.data.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(fifth.headers['retry-after']).toBe('900');
    // The right code, and the right password for the same phone, wait for the lock.
    expect((await signIn({ phone: u.phone, code })).data.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    const byPassword = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: u.phone, password: 'fission2026' } });
    expect(byPassword.data.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    const notice = await t.platform.db.selectFrom('message_outbox').select('template').where('to_user_id', '=', u.id).where('template', '=', 'account.sign_in_locked').execute();
    expect(notice).toHaveLength(1);
    // An unknown phone locks the same way, so the lock tells nothing either.
    const nobody = freshPhone();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await signIn({ phone: nobody, code: bad })).statusCode);
    expect(answers).toEqual([400, 400, 400, 400, 429]);
  });

  it('spends a code after identity.codeMaxAttempts wrong guesses and sends at most identity.codesPerHour codes', async () => {
    await t.platform.settings.set('identity.codeMaxAttempts', 2, t.clock.now());
    try {
      const u = await phoneShopper();
      const code = await signInCode(u.phone);
      const bad = code === '000000' ? '111111' : '000000';
      await signIn({ phone: u.phone, code: bad });
      await signIn({ phone: u.phone, code: bad });
      expect((await signIn({ phone: u.phone, code })).data.error.code).toBe('IDENTITY_CODE_INVALID');
    } finally {
      await t.platform.settings.set('identity.codeMaxAttempts', 5, t.clock.now());
    }
    const v = await phoneShopper();
    for (let i = 0; i < 7; i++) expect((await start({ phone: v.phone })).statusCode).toBe(202);
    expect(await codesTo(v.phone)).toHaveLength(5);
    t.clock.advanceMinutes(61);
    await start({ phone: v.phone });
    expect(await codesTo(v.phone)).toHaveLength(6);
  });

  it('signs in by email too, with the code sent by email', async () => {
    const u = await phoneShopper();
    expect((await start({ email: u.email.toUpperCase() })).statusCode).toBe(202);
    const [msg] = await t.platform.db.selectFrom('message_outbox').selectAll().where('template', '=', 'sign_in.code').where('to_email', '=', u.email).execute();
    expect(msg).toMatchObject({ channel: 'email', to_user_id: u.id, to_phone: null });
    const res = await signIn({ email: u.email, code: String(msg!.data.code), session: 'bearer' });
    expect(res.statusCode).toBe(200);
    expect(res.data.user.id).toBe(u.id);
  });

  it('refuses a suspended account only after the right code', async () => {
    const op = await t.operator();
    const u = await phoneShopper();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/customers/${u.id}/suspend`, as: op, body: { reason: 'coupon farming' } })).statusCode).toBe(200);
    const code = await signInCode(u.phone);
    expect((await signIn({ phone: u.phone, code: code === '000000' ? '111111' : '000000' })).data.error.code).toBe('IDENTITY_CODE_INVALID');
    const refused = await signIn({ phone: u.phone, code });
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('AUTH_ACCOUNT_SUSPENDED');
  });

  it('refuses a cookie-authenticated write from another origin after a code sign-in', async () => {
    const u = await phoneShopper();
    const res = await signIn({ phone: u.phone, code: await signInCode(u.phone) });
    const cookie = res.cookies.find((c) => c.name === 'fission_session')!;
    const write = await t.request({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: `fission_session=${cookie.value}`, origin: 'https://evil.example' }, body: { displayName: 'pwned' } });
    expect(write.statusCode).toBe(403);
    expect(write.data.error.code).toBe('AUTH_CSRF_ORIGIN_MISMATCH');
  });
});
