// Sign in and sign up, phone number first as shoppers in China expect: sign-in by a one-time SMS
// code (or email / phone and password), sign-up by phone (or email) with a code. Both validate
// before sending, put an API error under the field it is about, and go on to ?next= (default /me).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, call } from '../../../shared/api';
import { Button, ErrorState, TextField, useErrorText } from '../../../shared/ui';
import { useSessionChanged } from '../../auth';
import { PageHeader } from '../../layout';
import { safeNext } from '../../navigation';

// The identity module's rules (identity.rules.ts): email and phone shapes, 8–128 chars with a letter and a digit.
const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const PHONE_RE = /^\+?\d{6,15}$/;
const cleanPhone = (raw: string) => raw.trim().replace(/[\s\-()]/g, '');
export function passwordProblem(p: string): 'short' | 'long' | 'mix' | null {
  if (p.length < 8) return 'short';
  if (p.length > 128) return 'long';
  if (!/[A-Za-z]/.test(p) || !/\d/.test(p)) return 'mix';
  return null;
}

/** The field an error code is about when the API names none (it does name one for most 400s). */
const FIELD_OF_CODE: Record<string, string> = {
  IDENTITY_CODE_INVALID: 'code',
  IDENTITY_BAD_CREDENTIALS: 'password',
  IDENTITY_PASSWORD_WEAK: 'password',
  IDENTITY_PHONE_INVALID: 'phone',
  IDENTITY_EMAIL_INVALID: 'email',
  IDENTITY_NAME_REQUIRED: 'displayName',
};

/**
 * The form field an API error refers to: its `details.field`, else the usual field of its code,
 * renamed by `aliases` to this form's field names; null when it is about none of `fields`.
 */
export function errorField<F extends string>(err: unknown, fields: readonly F[], aliases: Record<string, F> = {}): F | null {
  if (!(err instanceof ApiError)) return null;
  const named = typeof err.details?.field === 'string' ? err.details.field : FIELD_OF_CODE[err.code];
  if (!named) return null;
  const field = aliases[named] ?? (named as F);
  return fields.includes(field) ? field : null;
}

/** Errors by field, plus the one failure no field owns (shown above the submit button). */
function useFieldErrors<F extends string>(fields: readonly F[], aliases: Record<string, F> = {}) {
  const errorText = useErrorText();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  return {
    errors,
    failure,
    setErrors: (found: Partial<Record<F, string>>) => {
      setErrors(found);
      setFailure(null);
    },
    fail: (err: unknown) => {
      const field = errorField(err, fields, aliases);
      setErrors(field ? ({ [field]: errorText(err) } as Partial<Record<F, string>>) : {});
      setFailure(field ? null : err);
    },
  };
}

/** Seconds left before a code may be asked for again (60 after each send). */
function useResendCountdown() {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return { left, restart: () => setLeft(60) };
}

function useAfterAuth() {
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), '/me');
  return {
    next,
    done: async () => {
      await sessionChanged();
      navigate(next, { replace: true });
    },
  };
}

/** Two tabs above a form: the first (phone) is the default. */
function ModeTabs<M extends string>({ label, modes, mode, onChange }: { label: string; modes: [M, string][]; mode: M; onChange: (m: M) => void }) {
  return (
    <div className="shop-auth-tabs" role="tablist" aria-label={label}>
      {modes.map(([m, text]) => (
        <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'active' : undefined} onClick={() => onChange(m)}>
          {text}
        </button>
      ))}
    </div>
  );
}

/** A code field with its 获取验证码 button, which counts down 60 s after each send. */
function CodeField({ label, value, error, onChange, onSend, sending, left, sent }: {
  label: string; value: string; error?: string; onChange: (v: string) => void; onSend: () => void; sending: boolean; left: number; sent: boolean;
}) {
  const { t } = useTranslation('account');
  return (
    <div className="shop-auth-code">
      <TextField label={label} inputMode="numeric" autoComplete="one-time-code" value={value} error={error} maxLength={6} onChange={(e) => onChange(e.target.value)} />
      <button type="button" className="btn btn-secondary" disabled={sending || left > 0} onClick={onSend}>
        {left > 0 ? t('signin.resendIn', { seconds: left }) : sent ? t('signin.resend') : t('signin.getCode')}
      </button>
    </div>
  );
}

/** The code box takes the focus once a code is on its way. */
const focusCode = () => setTimeout(() => document.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')?.focus(), 0);

const SIGN_IN_FIELDS = ['phone', 'code', 'login', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation('shop');
  const { next, done } = useAfterAuth();
  const [mode, setMode] = useState<'code' | 'password'>('code');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const countdown = useResendCountdown();
  // In password mode the API's `email`/`phone` mean the one login box.
  const { errors, failure, setErrors, fail } = useFieldErrors(SIGN_IN_FIELDS, mode === 'password' ? { email: 'login', phone: 'login' } : {});

  const phoneProblem = (raw: string) => (!raw.trim() ? t('validation.required') : !PHONE_RE.test(cleanPhone(raw)) ? t('account:signin.phoneRule') : null);

  async function sendCode() {
    const problem = phoneProblem(phone);
    setErrors(problem ? { phone: problem } : {});
    if (problem) return;
    setSending(true);
    try {
      await call(api.POST('/api/v1/auth/login/code/start', { body: { phone: cleanPhone(phone) } }));
      setSentTo(cleanPhone(phone));
      countdown.restart();
      focusCode();
    } catch (err) {
      fail(err);
    } finally {
      setSending(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<(typeof SIGN_IN_FIELDS)[number], string>> = {};
    if (mode === 'code') {
      const problem = phoneProblem(phone);
      if (problem) found.phone = problem;
      if (!/^\d{6}$/.test(code.trim())) found.code = t('account:signup.codeRule');
    } else {
      if (!login.trim()) found.login = t('validation.required');
      else if (login.includes('@') ? !EMAIL_RE.test(login.trim()) : !PHONE_RE.test(cleanPhone(login))) found.login = t('account:signin.loginRule');
      if (!password) found.password = t('validation.required');
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      if (mode === 'code') await call(api.POST('/api/v1/auth/login/code', { body: { phone: cleanPhone(phone), code: code.trim() } }));
      else await call(api.POST('/api/v1/auth/login', { body: { login: login.includes('@') ? login.trim() : cleanPhone(login), password } }));
      await done();
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('auth.signInTitle')} />
      <form className="card shop-auth" onSubmit={submit} noValidate>
        <p className="shop-auth-hello">{t('auth.signInHello')}</p>
        <ModeTabs label={t('auth.signInTitle')} mode={mode} onChange={(m) => { setMode(m); setErrors({}); }} modes={[['code', t('account:signin.byCode')], ['password', t('account:signin.byPassword')]]} />
        {mode === 'code' ? (
          <>
            <TextField label={t('account:signin.phone')} type="tel" inputMode="tel" autoComplete="tel" value={phone} error={errors.phone} onChange={(e) => setPhone(e.target.value)} />
            <CodeField label={t('account:signup.code')} value={code} error={errors.code} onChange={setCode} onSend={() => void sendCode()} sending={sending} left={countdown.left} sent={sentTo !== null} />
            {sentTo !== null && (
              <p className="shop-auth-note" role="status">
                {t('account:signin.sent', { phone: sentTo })}
              </p>
            )}
          </>
        ) : (
          <>
            <TextField label={t('account:signin.login')} autoComplete="username" value={login} error={errors.login} onChange={(e) => setLogin(e.target.value)} />
            <TextField label={t('auth.password')} type="password" autoComplete="current-password" value={password} error={errors.password} onChange={(e) => setPassword(e.target.value)} />
          </>
        )}
        {failure != null && <ErrorState error={failure} />}
        <Button type="submit" className="btn-block" busy={busy}>
          {t('auth.signIn')}
        </Button>
        {mode === 'password' && (
          <p className="shop-auth-switch">
            <Link to="/forgot-password">{t('account:forgot.link')}</Link>
          </p>
        )}
        <p className="shop-auth-switch">
          {t('auth.noAccount')} <Link to={`/signup?next=${encodeURIComponent(next)}`}>{t('auth.createAccount')}</Link>
        </p>
      </form>
    </>
  );
}

const SIGN_UP_FIELDS = ['name', 'login', 'password', 'code'] as const;

export function SignupPage() {
  const { t } = useTranslation('shop');
  const { next, done } = useAfterAuth();
  const [params] = useSearchParams();
  const invite = params.get('invite') ?? params.get('inviteCode') ?? '';
  const [via, setVia] = useState<'phone' | 'email'>('phone');
  const [name, setName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  // Two steps: a code is sent to the phone or email (POST /auth/register/start), then the account
  // is created with it. The first step looks the same whether or not the address is taken.
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const countdown = useResendCountdown();
  const { errors, failure, setErrors, fail } = useFieldErrors(SIGN_UP_FIELDS, { displayName: 'name', email: 'login', phone: 'login' });
  const typed = via === 'phone' ? cleanPhone(login) : login.trim();
  const loginBody = (value: string) => (via === 'phone' ? { phone: value } : { email: value });
  // Consents given at sign-up (privacy module): the policy is required, marketing is opt-in,
  // personalised recommendations can be switched off here or later on 我的 → 隐私与数据.
  const policy = useQuery({ queryKey: ['privacy', 'policy'], queryFn: () => call(api.GET('/api/v1/privacy/policy')), staleTime: Infinity });
  const [policyAccepted, setPolicyAccepted] = useState(false);
  const [policyError, setPolicyError] = useState<string | null>(null);
  const [marketing, setMarketing] = useState(false);
  const [personalisation, setPersonalisation] = useState(true);

  async function sendCode(to: string) {
    setSending(true);
    try {
      await call(api.POST('/api/v1/auth/register/start', { body: loginBody(to) }));
      setSentTo(to);
      setCode('');
      countdown.restart();
      focusCode();
    } finally {
      setSending(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<(typeof SIGN_UP_FIELDS)[number], string>> = {};
    if (!name.trim()) found.name = t('validation.required');
    else if (name.trim().length > 40) found.name = t('validation.tooLong', { max: 40 });
    if (!login.trim()) found.login = t('validation.required');
    else if (via === 'email' && (!EMAIL_RE.test(typed) || typed.length > 254)) found.login = t('validation.email');
    else if (via === 'phone' && !PHONE_RE.test(typed)) found.login = t('account:signin.phoneRule');
    const pw = passwordProblem(password);
    if (pw) found.password = t(`validation.password.${pw}`);
    const codeStep = sentTo !== null && sentTo === typed;
    if (codeStep && !/^\d{6}$/.test(code.trim())) found.code = t('account:signup.codeRule');
    setErrors(found);
    setPolicyError(policyAccepted ? null : t('privacy:signup.policyRequired'));
    if (Object.keys(found).length || !policyAccepted || !policy.data) return;
    setBusy(true);
    try {
      if (!codeStep) {
        await sendCode(typed);
        setBusy(false);
        return;
      }
      const validInvite = /^[A-Za-z0-9]{4,16}$/.test(invite) ? { inviteCode: invite } : {};
      await call(api.POST('/api/v1/auth/register', { body: { displayName: name.trim(), ...loginBody(sentTo), code: code.trim(), password, ...validInvite, consents: { policyVersion: policy.data.version, marketing, personalisation } } }));
      await done();
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('auth.signUpTitle')} />
      <form className="card shop-auth" onSubmit={submit} noValidate>
        <p className="shop-auth-hello">{t('auth.signUpHello')}</p>
        <ModeTabs label={t('auth.signUpTitle')} mode={via} onChange={(m) => { setVia(m); setLogin(''); setSentTo(null); setErrors({}); }} modes={[['phone', t('account:signin.phoneTab')], ['email', t('account:signin.emailTab')]]} />
        <TextField label={t('auth.displayName')} autoComplete="nickname" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
        {via === 'phone' ? (
          <TextField key="phone" label={t('account:signin.phone')} type="tel" inputMode="tel" autoComplete="tel" value={login} error={errors.login} onChange={(e) => setLogin(e.target.value)} />
        ) : (
          <TextField key="email" label={t('auth.email')} type="email" autoComplete="email" value={login} error={errors.login} onChange={(e) => setLogin(e.target.value)} />
        )}
        <TextField label={t('auth.password')} type="password" autoComplete="new-password" value={password} error={errors.password} hint={t('auth.passwordRule')} onChange={(e) => setPassword(e.target.value)} />
        {sentTo !== null && sentTo === typed && (
          <>
            <p className="shop-auth-note" role="status">
              {via === 'phone' ? t('account:signin.sentSignup', { phone: sentTo }) : t('account:signup.sent', { email: sentTo })}
            </p>
            <CodeField label={t('account:signup.code')} value={code} error={errors.code} onChange={setCode} onSend={() => void sendCode(sentTo).catch(fail)} sending={sending || busy} left={countdown.left} sent />
          </>
        )}
        <fieldset className="shop-consents">
          <label>
            <input type="checkbox" checked={policyAccepted} onChange={(e) => setPolicyAccepted(e.target.checked)} aria-invalid={policyError ? true : undefined} />{' '}
            {t('privacy:signup.policy', { version: policy.data?.version ?? '…' })}
          </label>
          {policyError && <p role="alert" className="field-error">{policyError}</p>}
          <label>
            <input type="checkbox" checked={marketing} onChange={(e) => setMarketing(e.target.checked)} /> {t('privacy:signup.marketing')}
          </label>
          <label>
            <input type="checkbox" checked={personalisation} onChange={(e) => setPersonalisation(e.target.checked)} /> {t('privacy:signup.personalisation')}
          </label>
        </fieldset>
        {failure != null && <ErrorState error={failure} />}
        <Button type="submit" className="btn-block" busy={busy}>
          {t('auth.signUp')}
        </Button>
        <p className="shop-auth-switch">
          {t('auth.haveAccount')} <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('auth.signIn')}</Link>
        </p>
      </form>
    </>
  );
}
