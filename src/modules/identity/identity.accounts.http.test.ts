import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressOf, placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const login = (loginId: string, password: string) => t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: loginId, password, session: 'bearer' } });
const asToken = (token: string) => ({ authorization: `Bearer ${token}` });

async function messagesTo(userId: string) {
  return t.platform.db.selectFrom('message_outbox').selectAll().where('to_user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

async function staffAccount(roles: { admin: boolean }, password = 'Operator-Console-2026') {
  const email = `staff-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await t.services.identity.ensureOperator(email, password, roles.admin);
  const res = await login(email, password);
  return { id: res.data.user.id, email, token: res.data.token, headers: asToken(res.data.token) } satisfies TestUser;
}

describe('failed sign-ins lock the login for a while', () => {
  it('locks after five failures in 15 minutes, tells the holder, and lets them in once the lock ends', async () => {
    const u = await t.signUp();
    for (let i = 0; i < 4; i++) expect((await login(u.email, 'wrong-pass-1')).data.error.code).toBe('IDENTITY_BAD_CREDENTIALS');
    const fifth = await login(u.email, 'wrong-pass-1');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.data.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(fifth.headers['retry-after']).toBe('900');
    expect(fifth.data.error.details.unlockAt).toBe(new Date(t.clock.now().getTime() + 15 * 60_000).toISOString());
    // Even the right password waits for the lock.
    expect((await login(u.email, 'fission2026')).data.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    const [notice] = await messagesTo(u.id);
    expect(notice).toMatchObject({ template: 'account.sign_in_locked', channel: 'email', to_email: u.email });
    // Kept in the database, not in memory.
    expect(await t.platform.db.selectFrom('sign_in_throttles').select('locks').execute()).toContainEqual({ locks: 1 });

    t.clock.advanceMinutes(15);
    expect((await login(u.email, 'fission2026')).statusCode).toBe(200);
    // The success reset the count: four more failures do not lock.
    for (let i = 0; i < 4; i++) expect((await login(u.email, 'wrong-pass-1')).statusCode).toBe(401);
    expect((await login(u.email, 'fission2026')).statusCode).toBe(200);
  });

  it('doubles the lock when the failures go on', async () => {
    const u = await t.signUp();
    for (let i = 0; i < 5; i++) await login(u.email, 'wrong-pass-1');
    t.clock.advanceMinutes(15);
    for (let i = 0; i < 4; i++) expect((await login(u.email, 'wrong-pass-1')).statusCode).toBe(401);
    const second = await login(u.email, 'wrong-pass-1');
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('1800');
  });

  it('treats an unknown login exactly like a known one', async () => {
    const known = await t.signUp();
    const answers = async (loginId: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) {
        const res = await login(loginId, 'wrong-pass-1');
        out.push({ status: res.statusCode, code: res.data.error.code, detailKeys: Object.keys(res.data.error.details ?? {}).sort(), retryAfter: res.headers['retry-after'] ?? null });
      }
      return out;
    };
    const forKnown = await answers(known.email);
    const forUnknown = await answers(`nobody-${Math.random().toString(36).slice(2, 8)}@example.com`);
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('suspension', () => {
  it('ends every session at once, refuses sign-in with a code, keeps the account, and can be lifted', async () => {
    const op = await t.operator();
    const u = await t.signUp();
    const second = await login(u.email, 'fission2026');
    const { skuId } = await sellableSku(t);
    const order = await placeOrder(t, u, await addressOf(t, u), [{ skuId, quantity: 1 }]);
    const res = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${u.id}/suspend`, as: op, body: { reason: '刷单嫌疑 / coupon farming ring' } });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ status: 'suspended', suspendedReason: '刷单嫌疑 / coupon farming ring' });
    expect((await t.request({ method: 'GET', url: '/api/v1/me', as: u })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: asToken(second.data.token) })).statusCode).toBe(401);
    const refused = await login(u.email, 'fission2026');
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('AUTH_ACCOUNT_SUSPENDED');
    // A wrong password still says only "wrong": the suspension is not told to a guesser.
    expect((await login(u.email, 'wrong-pass-1')).data.error.code).toBe('IDENTITY_BAD_CREDENTIALS');
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('subject_id', '=', u.id).where('action', '=', 'user.suspended').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: op.id, details: { reason: '刷单嫌疑 / coupon farming ring', sessionsRevoked: 2 } });
    const again = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${u.id}/suspend`, as: op, body: { reason: 'twice' } });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('IDENTITY_ALREADY_SUSPENDED');

    const lifted = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${u.id}/reactivate`, as: op, body: { reason: 'cleared after review' } });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.data).toMatchObject({ status: 'active', suspendedAt: null, suspendedReason: null });
    expect((await login(u.email, 'fission2026')).statusCode).toBe(200);
    // Orders (and everything else the account owns) stayed as they were.
    expect(await t.platform.db.selectFrom('orders').select(['user_id', 'status']).where('id', '=', order.id).executeTakeFirst()).toEqual({ user_id: u.id, status: 'pending_payment' });
    expect(await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', u.id).execute()).toEqual(expect.arrayContaining([{ action: 'user.suspended' }, { action: 'user.reactivated' }]));
  });

  it('needs a reason and the operator role, and leaves staff accounts alone', async () => {
    const op = await t.operator();
    const u = await t.signUp();
    const other = await t.signUp();
    const url = `/api/v1/admin/customers/${u.id}/suspend`;
    expect((await t.request({ method: 'POST', url, as: op, body: {} })).data.error.code).toBe('VALIDATION_FAILED');
    const blank = await t.request({ method: 'POST', url, as: op, body: { reason: '   ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.data.error.code).toBe('IDENTITY_REASON_REQUIRED');
    expect((await t.request({ method: 'POST', url, as: other, body: { reason: 'spite' } })).statusCode).toBe(403);
    const staff = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${op.id}/suspend`, as: op, body: { reason: 'test' } });
    expect(staff.statusCode).toBe(422);
    expect(staff.data.error.code).toBe('IDENTITY_SUSPEND_STAFF');
    const notSuspended = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${u.id}/reactivate`, as: op, body: { reason: 'x' } });
    expect(notSuspended.data.error.code).toBe('IDENTITY_NOT_SUSPENDED');
    expect((await t.request({ method: 'GET', url: '/api/v1/me', as: u })).statusCode).toBe(200);
    expect(await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', u.id).execute()).toEqual([]);
  });
});

describe('password change', () => {
  it('needs the current password and ends the other sessions, keeping this one', async () => {
    const u = await t.signUp();
    const other = await login(u.email, 'fission2026');
    const wrong = await t.request({ method: 'POST', url: '/api/v1/me/password', as: u, body: { currentPassword: 'nope-12345', newPassword: 'new-secret-2027' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data.error.code).toBe('IDENTITY_PASSWORD_WRONG');
    const weak = await t.request({ method: 'POST', url: '/api/v1/me/password', as: u, body: { currentPassword: 'fission2026', newPassword: 'short' } });
    expect(weak.data.error).toMatchObject({ code: 'IDENTITY_PASSWORD_WEAK', details: { field: 'newPassword' } });
    const ok = await t.request({ method: 'POST', url: '/api/v1/me/password', as: u, body: { currentPassword: 'fission2026', newPassword: 'new-secret-2027' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.sessionsRevoked).toBe(1);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', as: u })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: asToken(other.data.token) })).statusCode).toBe(401);
    expect((await login(u.email, 'fission2026')).statusCode).toBe(401);
    expect((await login(u.email, 'new-secret-2027')).statusCode).toBe(200);
  });

  it('holds operators to 12 characters and an uncommon password', async () => {
    const op = await staffAccount({ admin: false });
    const short = await t.request({ method: 'POST', url: '/api/v1/me/password', as: op, body: { currentPassword: 'Operator-Console-2026', newPassword: 'Short-pass1' } });
    expect(short.statusCode).toBe(400);
    expect(short.data.error).toMatchObject({ code: 'IDENTITY_STAFF_PASSWORD_WEAK', details: { rule: 'length', minLength: 12 } });
    const common = await t.request({ method: 'POST', url: '/api/v1/me/password', as: op, body: { currentPassword: 'Operator-Console-2026', newPassword: 'password1234' } });
    expect(common.data.error).toMatchObject({ code: 'IDENTITY_STAFF_PASSWORD_WEAK', details: { rule: 'guessable', minScore: 3 } });
    expect((await login(op.email, 'Operator-Console-2026')).statusCode).toBe(200);
    await expect(t.services.identity.ensureOperator('weak-op@example.com', 'operator2026')).rejects.toMatchObject({ code: 'IDENTITY_STAFF_PASSWORD_WEAK' });
    expect(await t.platform.db.selectFrom('users').select('id').where('email', '=', 'weak-op@example.com').execute()).toEqual([]);
  });
});

describe('password reset by a one-time code', () => {
  const request = (loginId: string) => t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { login: loginId } });
  const confirm = (loginId: string, code: string, newPassword = 'reset-secret-2027') => t.request({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', body: { login: loginId, code, newPassword } });
  const latestCode = async (userId: string) => String((await messagesTo(userId)).find((m) => m.template === 'password.reset_code')?.data.code);

  it('answers the same for any login and sends a code only to a real account', async () => {
    const u = await t.signUp();
    const known = await request(u.email);
    const unknown = await request('nobody-here@example.com');
    expect(known.statusCode).toBe(202);
    expect({ status: unknown.statusCode, body: unknown.body }).toEqual({ status: known.statusCode, body: known.body });
    const code = await latestCode(u.id);
    expect(code).toMatch(/^\d{6}$/);
    expect(await t.platform.db.selectFrom('message_outbox').select('id').where('to_email', '=', 'nobody-here@example.com').execute()).toEqual([]);
    const stored = await t.platform.db.selectFrom('account_codes').select('code_hash').where('user_id', '=', u.id).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
  });

  it('sets the password once, ends every session, and refuses the code a second time', async () => {
    const u = await t.signUp();
    await request(u.email);
    const code = await latestCode(u.id);
    const wrong = await confirm(u.email, code === '000000' ? '000001' : '000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data.error.code).toBe('IDENTITY_CODE_INVALID');
    expect((await confirm(u.email, code)).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', as: u })).statusCode).toBe(401);
    expect((await login(u.email, 'reset-secret-2027')).statusCode).toBe(200);
    expect((await confirm(u.email, code, 'another-secret-1')).data.error.code).toBe('IDENTITY_CODE_INVALID');
  });

  it('lets a code expire, survive only a few wrong guesses, and limits codes per hour', async () => {
    const u = await t.signUp();
    await request(u.email);
    const expiring = await latestCode(u.id);
    t.clock.advanceMinutes(16);
    expect((await confirm(u.email, expiring)).data.error.code).toBe('IDENTITY_CODE_INVALID');

    await request(u.email);
    const guessed = await latestCode(u.id);
    const wrongCode = guessed === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await confirm(u.email, wrongCode);
    expect((await confirm(u.email, guessed)).data.error.code).toBe('IDENTITY_CODE_INVALID');

    for (let i = 0; i < 5; i++) await request(u.email);
    const sent = (await messagesTo(u.id)).filter((m) => m.template === 'password.reset_code');
    expect(sent).toHaveLength(5); // two before, then three more until the hourly five
    expect((await login(u.email, 'fission2026')).statusCode).toBe(200);
  });

  it('holds an operator\'s new password to the staff policy, only after a right code', async () => {
    const op = await staffAccount({ admin: false });
    await request(op.email);
    const code = await latestCode(op.id);
    const weak = await confirm(op.email, code, 'password1234');
    expect(weak.data.error.code).toBe('IDENTITY_STAFF_PASSWORD_WEAK');
    expect((await confirm(op.email, code, 'Reset-Console-2027!')).statusCode).toBe(204);
    expect((await login(op.email, 'Reset-Console-2027!')).statusCode).toBe(200);
  });
});

describe('sign-up by a code sent to the address', () => {
  const start = (body: Record<string, string>) => t.request({ method: 'POST', url: '/api/v1/auth/register/start', body });
  const register = (email: string, code: string) => t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email, code, password: 'fission2026', displayName: 'New', session: 'bearer' } });

  it('answers the same for a taken and a new address, and tells only the holder of the taken one', async () => {
    const holder = await t.signUp();
    const fresh = `fresh-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const taken = await start({ email: holder.email.toUpperCase() });
    const free = await start({ email: fresh });
    expect(taken.statusCode).toBe(202);
    expect({ status: free.statusCode, body: free.body }).toEqual({ status: taken.statusCode, body: taken.body });
    const [notice] = await messagesTo(holder.id);
    expect(notice).toMatchObject({ template: 'signup.already_registered', to_email: holder.email, data: {} });
    // A guess at the taken address fails exactly like a wrong code at the new one.
    const guessTaken = await register(holder.email, '123456');
    const code = String((await t.platform.db.selectFrom('message_outbox').select('data').where('to_email', '=', fresh).executeTakeFirstOrThrow()).data.code);
    const guessFree = await register(fresh, code === '123456' ? '654321' : '123456');
    expect({ status: guessTaken.statusCode, body: guessTaken.body }).toEqual({ status: guessFree.statusCode, body: guessFree.body });
    expect(guessTaken.data.error.code).toBe('IDENTITY_CODE_INVALID');
  });

  it('lets a new shopper in at once with the code, once', async () => {
    const email = `new-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const code = await t.registrationCode({ email });
    const res = await register(email, code);
    expect(res.statusCode).toBe(201);
    expect(res.data.user.email).toBe(email);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: asToken(res.data.token) })).statusCode).toBe(200);
    expect((await register(email, code)).data.error.code).toBe('IDENTITY_CODE_INVALID');
    expect((await start({ email: 'not-an-email' })).data.error.code).toBe('IDENTITY_EMAIL_INVALID');
  });
});

describe('the outbox', () => {
  it('lists sent messages newest first to admins, a page at a time', async () => {
    const admin = await t.operator();
    const u = await t.signUp();
    await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { login: u.email } });
    t.clock.advanceMinutes(1);
    await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { login: u.email } });
    const page = await t.request({ method: 'GET', url: `/api/v1/admin/messages?limit=1&userId=${u.id}`, as: admin });
    expect(page.statusCode).toBe(200);
    expect(page.data.items).toHaveLength(1);
    expect(page.data.items[0]).toMatchObject({ template: 'password.reset_code', channel: 'email', to: { userId: u.id, email: u.email } });
    const next = await t.request({ method: 'GET', url: `/api/v1/admin/messages?limit=1&userId=${u.id}&cursor=${page.data.nextCursor}`, as: admin });
    expect(next.data.items[0].createdAt < page.data.items[0].createdAt).toBe(true);
    const operatorOnly = await staffAccount({ admin: false });
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/messages', as: operatorOnly })).statusCode).toBe(403);
  });
});
