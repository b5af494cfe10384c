// Forgotten password (a 6-digit code sent to the email or phone, then a new password) and password
// change from the account page. Both check the input before sending.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { Button, ErrorState, TextField, useToast } from '../../../shared/ui';
import { PageHeader } from '../../layout';
import { passwordProblem } from './Auth';

export function ForgotPasswordPage() {
  const { t } = useTranslation('account');
  const shop = useTranslation('shop').t;
  const navigate = useNavigate();
  const toast = useToast();
  const [login, setLogin] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ login?: string; code?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const value = login.trim();
    setErrors(value ? {} : { login: shop('validation.required') });
    if (!value) return;
    setBusy(true);
    setFailure(null);
    try {
      await call(api.POST('/api/v1/auth/password-reset', { body: { login: value } }));
      setSentTo(value);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!/^\d{6}$/.test(code.trim())) found.code = t('forgot.codeRule');
    const pw = passwordProblem(password);
    if (pw) found.password = shop(`validation.password.${pw}`);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      await call(api.POST('/api/v1/auth/password-reset/confirm', { body: { login: sentTo!, code: code.trim(), newPassword: password } }));
      toast(t('forgot.done'));
      navigate('/login', { replace: true });
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('forgot.title')} />
      {sentTo === null ? (
        <form className="card shop-auth" onSubmit={send} noValidate>
          <p className="shop-auth-hello">{t('forgot.hello')}</p>
          <TextField label={t('forgot.login')} autoComplete="username" value={login} error={errors.login} onChange={(e) => setLogin(e.target.value)} maxLength={254} />
          {failure != null && <ErrorState error={failure} />}
          <Button type="submit" className="btn-block" busy={busy}>
            {t('forgot.send')}
          </Button>
        </form>
      ) : (
        <form className="card shop-auth" onSubmit={confirm} noValidate>
          <p className="shop-auth-hello" role="status">
            {t('forgot.sent', { login: sentTo })}
          </p>
          <TextField label={t('forgot.code')} inputMode="numeric" autoComplete="one-time-code" value={code} error={errors.code} onChange={(e) => setCode(e.target.value)} maxLength={6} />
          <TextField label={t('forgot.newPassword')} type="password" autoComplete="new-password" value={password} error={errors.password} hint={shop('auth.passwordRule')} onChange={(e) => setPassword(e.target.value)} />
          {failure != null && <ErrorState error={failure} />}
          <Button type="submit" className="btn-block" busy={busy}>
            {t('forgot.confirm')}
          </Button>
          <p className="shop-auth-switch">
            <button type="button" className="btn btn-ghost" onClick={() => void send()} disabled={busy}>
              {t('forgot.resend')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}

export function ChangePasswordPage() {
  const { t } = useTranslation('account');
  const shop = useTranslation('shop').t;
  const navigate = useNavigate();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!current) found.current = shop('validation.required');
    const pw = passwordProblem(next);
    if (pw) found.next = shop(`validation.password.${pw}`);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      await call(api.POST('/api/v1/me/password', { body: { currentPassword: current, newPassword: next } }));
      toast(t('change.done'));
      navigate('/me', { replace: true });
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('change.title')} />
      <form className="card shop-auth" onSubmit={submit} noValidate>
        <TextField label={t('change.current')} type="password" autoComplete="current-password" value={current} error={errors.current} onChange={(e) => setCurrent(e.target.value)} />
        <TextField label={t('change.next')} type="password" autoComplete="new-password" value={next} error={errors.next} hint={shop('auth.passwordRule')} onChange={(e) => setNext(e.target.value)} />
        {failure != null && <ErrorState error={failure} />}
        <Button type="submit" className="btn-block" busy={busy}>
          {t('change.save')}
        </Button>
        <p className="shop-auth-switch">
          <Link to="/forgot-password">{t('change.forgot')}</Link>
        </p>
      </form>
    </>
  );
}
