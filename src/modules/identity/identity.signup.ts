// Sign-up by a one-time code sent to the email or phone being registered. The first step answers
// the same for every address; a new address gets a code, an address that already has an account
// gets a notice instead ("someone tried to sign up with your email; sign in or reset your
// password"), so neither the answer nor the flow tells a stranger which addresses are taken.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { invalid } from '../../platform/errors.ts';
import { newId, sha256 } from '../../platform/ids.ts';
import type { Message, MessageSender } from '../../platform/messages.ts';
import * as repo from './identity.repo.ts';
import { normaliseEmail, normalisePhone, type LoginId } from './identity.rules.ts';
import type { IdentityPlatform } from './identity.table.ts';

const HOUR_MS = 3_600_000;

export const signupCodeInvalid = () => invalid('IDENTITY_CODE_INVALID', 'That code is wrong or has expired; ask for a new one', { field: 'code' });

/**
 * The addresses of a sign-up, normalised (coded 400s for a bad or missing one), and the one the
 * code goes to and proves: the email when there is one, else the phone.
 */
export function signupLogin(input: { email?: string; phone?: string }): { verified: LoginId; email: string | null; phone: string | null } {
  const email = input.email !== undefined ? normaliseEmail(input.email) : null;
  const phone = input.phone !== undefined ? normalisePhone(input.phone) : null;
  if (input.email !== undefined && !email) throw invalid('IDENTITY_EMAIL_INVALID', 'That email address is not valid', { field: 'email' });
  if (input.phone !== undefined && !phone) throw invalid('IDENTITY_PHONE_INVALID', 'That phone number is not valid', { field: 'phone' });
  if (email) return { verified: { kind: 'email', value: email }, email, phone };
  if (phone) return { verified: { kind: 'phone', value: phone }, email, phone };
  throw invalid('IDENTITY_LOGIN_REQUIRED', 'Give an email address or a phone number', { field: 'email' });
}

const keyOf = (login: LoginId) => sha256(`${login.kind}:${login.value}`);

export function createSignupCodes(p: IdentityPlatform, deps: { messages: MessageSender }) {
  const { db, clock, settings, pii } = p;
  const codeHash = (login: LoginId, code: string) => createHmac('sha256', p.secret).update(`signup:${login.kind}:${login.value}:${code}`).digest('hex');

  /**
   * Sends a sign-up code to a new address, or a notice to the holder of a taken one, at most
   * identity.codesPerHour an hour per address. Tells the caller nothing either way.
   */
  async function startRegistration(input: { email?: string; phone?: string }): Promise<void> {
    const login = signupLogin(input).verified;
    const key = keyOf(login);
    const now = clock.now();
    const [perHour, validMinutes] = await Promise.all([settings.get('identity.codesPerHour'), settings.get('identity.codeValidityMinutes')]);
    if ((await repo.countSignupCodesSince(db, key, new Date(now.getTime() - HOUR_MS))) >= perHour) return;
    const holder = await repo.findUserByLogin(db, pii, login.kind, login.value);
    const code = holder ? null : String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db.transaction().execute(async (trx) => {
      await repo.retireSignupCodes(trx, key, now);
      await repo.insertSignupCode(trx, { id: newId(), login_key: key, code_hash: code ? codeHash(login, code) : null, created_at: now, expires_at: new Date(now.getTime() + validMinutes * 60_000), used_at: null });
    });
    const channel = login.kind === 'email' ? 'email' : 'sms';
    const to = { ...(holder ? { userId: holder.id } : {}), [login.kind]: login.value };
    const message: Pick<Message, 'template' | 'data'> = holder ? { template: 'signup.already_registered', data: {} } : { template: 'signup.code', data: { code: code!, validMinutes } };
    await deps.messages.send({ to, channel, ...message }).catch((err) => p.log.error({ err, template: message.template }, 'sign-up message not sent'));
  }

  /**
   * Checks a sign-up code; a wrong guess counts against the code (identity.codeMaxAttempts).
   * Returns the code's id, which the account's insert spends in its own transaction.
   */
  async function checkSignupCode(login: LoginId, code: string): Promise<string> {
    if (!/^\d{6}$/.test(code)) throw signupCodeInvalid();
    const now = clock.now();
    const maxAttempts = await settings.get('identity.codeMaxAttempts');
    const expected = Buffer.from(codeHash(login, code));
    const id = await db.transaction().execute(async (trx) => {
      const live = await repo.lockLiveSignupCode(trx, keyOf(login), now);
      if (!live?.code_hash || live.attempts >= maxAttempts) return null;
      if (timingSafeEqual(Buffer.from(live.code_hash), expected)) return live.id;
      await repo.updateSignupCode(trx, live.id, { attempts: live.attempts + 1 });
      return null;
    });
    if (!id) throw signupCodeInvalid();
    return id;
  }

  return { startRegistration, checkSignupCode };
}
