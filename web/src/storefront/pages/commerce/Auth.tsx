// Sign in and sign up. Both validate before sending and go on to ?next= (default /me).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { Button, ErrorState, TextField } from '../../../shared/ui';
import { useSessionChanged } from '../../auth';
import { PageHeader } from '../../layout';
import { safeNext } from '../../navigation';

// The identity module's rules (identity.rules.ts): email shape, 8–128 chars with a letter and a digit.
const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
export function passwordProblem(p: string): 'short' | 'long' | 'mix' | null {
  if (p.length < 8) return 'short';
  if (p.length > 128) return 'long';
  if (!/[A-Za-z]/.test(p) || !/\d/.test(p)) return 'mix';
  return null;
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

export function LoginPage() {
  const { t } = useTranslation('shop');
  const { next, done } = useAfterAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!email.trim()) found.email = t('validation.required');
    else if (!EMAIL_RE.test(email.trim())) found.email = t('validation.email');
    if (!password) found.password = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      await call(api.POST('/api/v1/auth/login', { body: { login: email.trim(), password } }));
      await done();
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('auth.signInTitle')} />
      <form className="card shop-auth" onSubmit={submit} noValidate>
        <p className="shop-auth-hello">{t('auth.signInHello')}</p>
        <TextField label={t('auth.email')} type="email" autoComplete="email" value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('auth.password')} type="password" autoComplete="current-password" value={password} error={errors.password} onChange={(e) => setPassword(e.target.value)} />
        {failure != null && <ErrorState error={failure} />}
        <Button type="submit" className="btn-block" busy={busy}>
          {t('auth.signIn')}
        </Button>
        <p className="shop-auth-switch">
          <Link to="/forgot-password">{t('account:forgot.link')}</Link>
        </p>
        <p className="shop-auth-switch">
          {t('auth.noAccount')} <Link to={`/signup?next=${encodeURIComponent(next)}`}>{t('auth.createAccount')}</Link>
        </p>
      </form>
    </>
  );
}

export function SignupPage() {
  const { t } = useTranslation('shop');
  const { next, done } = useAfterAuth();
  const [params] = useSearchParams();
  const invite = params.get('invite') ?? params.get('inviteCode') ?? '';
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Two steps: a code is sent to the email (POST /auth/register/start), then the account is created
  // with it. The first step looks the same whether or not the email already has an account.
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ name?: string; email?: string; password?: string; code?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function sendCode(to: string) {
    await call(api.POST('/api/v1/auth/register/start', { body: { email: to } }));
    setSentTo(to);
    setCode('');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('validation.required');
    else if (name.trim().length > 40) found.name = t('validation.tooLong', { max: 40 });
    if (!email.trim()) found.email = t('validation.required');
    else if (!EMAIL_RE.test(email.trim()) || email.trim().length > 254) found.email = t('validation.email');
    const pw = passwordProblem(password);
    if (pw) found.password = t(`validation.password.${pw}`);
    const codeStep = sentTo !== null && sentTo === email.trim();
    if (codeStep && !/^\d{6}$/.test(code.trim())) found.code = t('account:signup.codeRule');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      if (!codeStep) {
        await sendCode(email.trim());
        setBusy(false);
        return;
      }
      const validInvite = /^[A-Za-z0-9]{4,16}$/.test(invite) ? { inviteCode: invite } : {};
      await call(api.POST('/api/v1/auth/register', { body: { displayName: name.trim(), email: sentTo, code: code.trim(), password, ...validInvite } }));
      await done();
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('auth.signUpTitle')} />
      <form className="card shop-auth" onSubmit={submit} noValidate>
        <p className="shop-auth-hello">{t('auth.signUpHello')}</p>
        <TextField label={t('auth.displayName')} autoComplete="nickname" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('auth.email')} type="email" autoComplete="email" value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('auth.password')} type="password" autoComplete="new-password" value={password} error={errors.password} hint={t('auth.passwordRule')} onChange={(e) => setPassword(e.target.value)} />
        {sentTo !== null && sentTo === email.trim() && (
          <>
            <p className="shop-auth-hello" role="status">
              {t('account:signup.sent', { email: sentTo })}
            </p>
            <TextField label={t('account:signup.code')} inputMode="numeric" autoComplete="one-time-code" value={code} error={errors.code} maxLength={6} onChange={(e) => setCode(e.target.value)} />
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void sendCode(sentTo).catch(setFailure)}>
              {t('account:signup.resend')}
            </button>
          </>
        )}
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
