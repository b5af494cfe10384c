// The signed-in operator's two-factor sign-in: set up (QR code and key), confirm with a first
// code (which shows the one-time recovery codes, this once), new recovery codes or turn off with a
// current code.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, TextField } from '../../shared/ui';
import { PageHead } from '../kit';
import { useAction } from '../campaigns/common';

const KEY = ['admin', 'security', 'totp'];

export function TwoFactorPage() {
  const { t } = useTranslation('admin');
  const status = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/security/totp')) });
  const [enrolment, setEnrolment] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [code, setCode] = useState('');
  // Shown once, right after they are made; the server keeps only their hashes.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const enrol = useAction(() => call(api.POST('/api/v1/admin/security/totp/enrol', { body: {} })), { invalidate: [KEY], onDone: (r) => setEnrolment(r) });
  const confirm = useAction(() => call(api.POST('/api/v1/admin/security/totp/confirm', { body: { code } })), { invalidate: [KEY], success: t('compliance.security.enabled'), onDone: (r) => (setEnrolment(null), setCode(''), setRecoveryCodes(r.recoveryCodes)) });
  const renew = useAction(() => call(api.POST('/api/v1/admin/security/totp/recovery-codes', { body: { code } })), { invalidate: [KEY], success: t('compliance.security.renewed'), onDone: (r) => (setCode(''), setRecoveryCodes(r.recoveryCodes)) });
  const disable = useAction(() => call(api.POST('/api/v1/admin/security/totp/disable', { body: { code } })), { invalidate: [KEY], success: t('compliance.security.disabled'), onDone: () => setCode('') });
  const codeField = <TextField label={t('compliance.security.code')} name="totpCode" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />;
  return (
    <>
      <PageHead title={t('compliance.security.title')}>
        <p className="muted small">{t('compliance.security.hint')}</p>
      </PageHead>
      {recoveryCodes && (
        <section className="card" aria-labelledby="recovery-title" data-testid="recovery-codes">
          <h2 id="recovery-title">{t('compliance.security.codesTitle')}</h2>
          <p>{t('compliance.security.codesOnce')}</p>
          <ul className="mono">
            {recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <Button onClick={() => setRecoveryCodes(null)}>{t('compliance.security.codesSaved')}</Button>
        </section>
      )}
      <QueryView query={status}>
        {(s) => (
          <section className="card">
            <p>{s.enabled ? t('compliance.security.on', { at: formatDateTime(s.enabledAt) }) : t('compliance.security.off')}</p>
            {!s.enabled && !enrolment && (
              <Button busy={enrol.isPending} onClick={() => enrol.mutate(undefined)}>
                {t('compliance.security.enrol')}
              </Button>
            )}
            {!s.enabled && enrolment && (
              <>
                <p>{t('compliance.security.scan')}</p>
                <img src={enrolment.qrDataUrl} width={240} height={240} alt="otpauth QR" />
                <p className="mono">{enrolment.secret}</p>
                {codeField}
                <Button busy={confirm.isPending} disabled={code.length !== 6} onClick={() => confirm.mutate(undefined)}>
                  {t('compliance.security.confirm')}
                </Button>
              </>
            )}
            {s.enabled && (
              <>
                <p className="muted small">{t('compliance.security.codesLeft', { count: s.recoveryCodesLeft })}</p>
                {codeField}
                <Button busy={renew.isPending} disabled={code.length !== 6} onClick={() => renew.mutate(undefined)}>
                  {t('compliance.security.renew')}
                </Button>
                <Button variant="danger" busy={disable.isPending} disabled={code.length !== 6} onClick={() => disable.mutate(undefined)}>
                  {t('compliance.security.disable')}
                </Button>
              </>
            )}
          </section>
        )}
      </QueryView>
    </>
  );
}
