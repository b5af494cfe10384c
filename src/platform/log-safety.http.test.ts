// Secrets never reach the log: a failed INSERT of an account, a session, an address or a payment
// event is logged with its SQLSTATE and table but without the values it was bound to, and pino
// redacts credentials, tokens, codes and card data wherever they sit in a log line.
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { createLogger } from './context.ts';
import { createHttpServer, type App } from './http.ts';
import { newId } from './ids.ts';

const EMAIL = 'log-secret-7f3a@example.com';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$U2VjcmV0U2FsdFZhbHVl$SGFzaEhhc2hIYXNoSGFzaEhhc2hIYXNoSGFzaA';
const TOKEN = 'tok_Q2VjcmV0VG9rZW5Gb3JMb2dUZXN0MTIzNDU2';
const TOKEN_HASH = 'f1e2d3c4b5a69788796a5b4c3d2e1f00aabbccddeeff00112233445566778899';
const PHONE = '13912345678';
const LINE1 = '秘密路 88 号 3 单元';
const CARD = '4111111111111111';
const SECRETS = [EMAIL, HASH, TOKEN, TOKEN_HASH, PHONE, LINE1, CARD];

let t: TestContext;
let app: App;
let lines: string[] = [];
const buffer = new Writable({
  write(chunk, _enc, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

beforeAll(async () => {
  t = await createTestContext();
  const db = t.platform.db as any;
  const now = t.clock.now();
  const owner = await t.signUp();
  await db.insertInto('users').values({ id: newId(), email: EMAIL, password_hash: HASH, display_name: 'First', roles: JSON.stringify(['shopper']), created_at: now }).execute();

  // A bare server logging to the buffer, whose routes fail inside the database the way a real
  // handler would: the error reaches the one error handler unchanged.
  app = createHttpServer(createLogger('info', buffer));
  // The same email again (unique violation: PostgreSQL repeats the key in `detail`), with the hash
  // and a U+0000 that got past every check (PGlite keeps the bound values on the error).
  app.post('/users', async () => db.insertInto('users').values({ id: newId(), email: EMAIL, phone: PHONE, password_hash: HASH, display_name: 'Second', roles: JSON.stringify(['shopper']), created_at: now }).execute());
  app.post('/users-nul', async () => db.insertInto('users').values({ id: newId(), email: `other-${EMAIL}`, password_hash: HASH, display_name: 'x\u0000y', roles: JSON.stringify(['shopper']), created_at: now }).execute());
  // A session for an account that does not exist (foreign key), and one whose id is the token.
  app.post('/sessions', async () => db.insertInto('sessions').values({ id: newId(), token_hash: TOKEN_HASH, user_id: newId(), kind: 'cookie', created_at: now, expires_at: now, ip: '203.0.113.5', user_agent: TOKEN }).execute());
  app.post('/sessions-lookup', async () => sql`select * from sessions where user_id = ${TOKEN}`.execute(db));
  app.post('/addresses', async () => db.insertInto('addresses').values({ id: newId(), user_id: owner.id, recipient: 'R', phone: PHONE, province: 'P', city: 'C', district: 'D', line1: `${LINE1}\u0000`, is_default: false, created_at: now }).execute());
  app.post('/payments', async () => {
    const row = { gateway: 'sandbox', event_id: 'evt-dup', type: 'charge', payload: JSON.stringify({ card: { number: CARD, cvc: '123' } }), received_at: now };
    await db.insertInto('webhook_events').values(row).onConflict((oc: any) => oc.doNothing()).execute();
    return db.insertInto('webhook_events').values({ ...row, type: 'charge\u0000' }).execute();
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('database errors in the log', () => {
  it.each(['/users', '/users-nul', '/sessions', '/sessions-lookup', '/addresses', '/payments'])('%s: a 500 whose log line names the error but none of the bound values', async (url) => {
    lines = [];
    const res = await app.inject({ method: 'POST', url });
    expect(res.statusCode).toBe(500);
    const logged = lines.join('\n');
    const errorLines = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unhandled error');
    expect(errorLines).toHaveLength(1);
    // The line is useful: SQLSTATE and message are there.
    expect(errorLines[0].err.code).toMatch(/^[0-9A-Z]{5}$/);
    expect(errorLines[0].err.message).toBeTruthy();
    for (const secret of SECRETS) expect(logged, `log holds ${secret}`).not.toContain(secret);
    expect(logged).not.toContain('argon2id');
  });
});

describe('redaction', () => {
  it('removes credentials, tokens, codes and card data at any depth of a log line', () => {
    lines = [];
    const log = createLogger('info', buffer);
    log.info({
      req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: `fission_session=${TOKEN}`, 'x-api-key': TOKEN } },
      res: { headers: { 'set-cookie': `fission_session=${TOKEN}` } },
      password: 'hunter2-secret',
      body: { login: 'someone', password: 'hunter2-secret', newPassword: 'hunter3-secret', card: { number: CARD, cvc: '123' } },
      user: { account: { password_hash: HASH, totp_secret: 'JBSWY3DPEHPK3PXP' } },
      reset: { verificationCode: '482913', resetCode: '771204' },
      session: { token: TOKEN, token_hash: TOKEN_HASH },
    }, 'sensitive');
    const logged = lines.join('\n');
    for (const secret of [TOKEN, TOKEN_HASH, HASH, CARD, 'hunter2-secret', 'hunter3-secret', 'JBSWY3DPEHPK3PXP', '482913', '771204']) {
      expect(logged, `log holds ${secret}`).not.toContain(secret);
    }
    expect(logged).toContain('[redacted]');
    const line = JSON.parse(lines[0]!);
    expect(line.body.login).toBe('someone');
    expect(line.body.card).toBe('[redacted]');
  });
});
