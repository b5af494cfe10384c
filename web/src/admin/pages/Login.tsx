import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, call, isApiError } from '../../shared/api';
import { Button, LanguageSwitch, Loading, TextField, useErrorText } from '../../shared/ui';
import { isOperator, useMe, useSessionChanged } from '../auth';
import { FormError, useSubmit } from '../kit';

export function LoginPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sessionChanged = useSessionChanged();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Operators with two-factor sign-in on are asked for their authenticator code (compliance/security.tsx).
  const [totpCode, setTotpCode] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const { busy, error: formError, setError: setFormError, submit: run } = useSubmit();
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

  if (me.isPending) return <Loading />;
  if (me.data && isOperator(me.data.roles) && !busy) return <Navigate to={target} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fieldErrors: typeof errors = {};
    if (!email.trim()) fieldErrors.email = t('login.emailRequired');
    if (!password) fieldErrors.password = t('login.passwordRequired');
    setErrors(fieldErrors);
    setFormError(null);
    if (fieldErrors.email || fieldErrors.password) return;
    const describe = (err: unknown) => {
      if (isApiError(err, 'COMPLIANCE_TOTP_REQUIRED')) {
        setNeedsTotp(true);
        return t('compliance.totpRequired');
      }
      if (isApiError(err, 'COMPLIANCE_TOTP_INVALID')) return errorText(err);
      return err instanceof ApiError && err.status === 401 ? t('login.badCredentials') : errorText(err);
    };
    await run(async () => {
      const res = await call(api.POST('/api/v1/auth/login', { body: { login: email.trim(), password, session: 'cookie', ...(needsTotp && totpCode ? { totpCode } : {}) } }));
      if (!isOperator(res.user.roles)) {
        // A shopper's session is of no use here: end it so the console stays signed out.
        await call(api.POST('/api/v1/auth/logout')).catch(() => undefined);
        sessionChanged();
        setFormError(t('login.notOperator'));
        return;
      }
      sessionChanged();
      navigate(target, { replace: true });
    }, describe);
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('common:consoleName')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <TextField label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} autoFocus />
        <TextField label={t('login.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
        {needsTotp && <TextField label={t('compliance.security.codeOrRecovery')} name="totpCode" autoComplete="one-time-code" maxLength={11} value={totpCode} onChange={(e) => setTotpCode(e.target.value.trim())} autoFocus />}
        <FormError>{formError}</FormError>
        <Button type="submit" className="btn-block" busy={busy}>
          {t('login.submit')}
        </Button>
      </form>
    </div>
  );
}
