// 我的 → 隐私与数据: consents (marketing, personalised recommendations) that can be withdrawn at
// once, a download of everything held about the shopper, and account erasure; both requests run
// as jobs on the server, and their status is listed here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { Button, QueryView, TextField, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn, useSessionChanged } from '../../auth';
import { PageHeader } from '../../layout';

type Purpose = 'privacy_policy' | 'marketing' | 'personalisation';

function Consents() {
  const { t } = useTranslation('privacy');
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const consents = useQuery({ queryKey: ['privacy', 'consents'], queryFn: () => call(api.GET('/api/v1/me/privacy/consents')) });
  const change = useMutation({
    mutationFn: (v: { purpose: Purpose; granted: boolean }) => call(api.PUT('/api/v1/me/privacy/consents/{purpose}', { params: { path: { purpose: v.purpose } }, body: { granted: v.granted } })),
    onSuccess: (data) => {
      client.setQueryData(['privacy', 'consents'], data);
      toast(t('saved'));
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  return (
    <section className="card" aria-labelledby="privacy-consents">
      <h2 id="privacy-consents" className="section-title">{t('consents')}</h2>
      <QueryView query={consents}>
        {(data) => (
          <ul className="shop-plain-list">
            {data.items.map((c) => (
              <li key={c.purpose} className="shop-me-setting">
                <span className="shop-me-setting-name">
                  <strong>{t(`purpose.${c.purpose}.name`)}</strong>
                  <br />
                  <span className="shop-muted">{t(`purpose.${c.purpose}.hint`, { version: c.policyVersion ?? '—' })}</span>
                </span>
                {c.purpose === 'privacy_policy' ? (
                  <span className="badge">{c.granted ? t('on') : t('off')}</span>
                ) : (
                  <Button
                    variant={c.granted ? 'ghost' : 'secondary'}
                    role="switch"
                    aria-checked={c.granted}
                    aria-label={t(`purpose.${c.purpose}.name`)}
                    busy={change.isPending && change.variables?.purpose === c.purpose}
                    onClick={() => change.mutate({ purpose: c.purpose, granted: !c.granted })}
                  >
                    {c.granted ? t('turnOff') : t('turnOn')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function MyData() {
  const { t, i18n } = useTranslation('privacy');
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const [confirm, setConfirm] = useState('');
  // While a request is queued or running the list is polled: the job usually finishes in seconds.
  const requests = useQuery({
    queryKey: ['privacy', 'requests'],
    queryFn: () => call(api.GET('/api/v1/me/privacy/requests')),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['privacy', 'requests'] });
  const exportData = useMutation({ mutationFn: () => call(api.POST('/api/v1/me/privacy/export')), onSuccess: () => void refresh(), onError: (err) => toast(errorText(err), 'error') });
  const erase = useMutation({
    mutationFn: () => call(api.POST('/api/v1/me/privacy/erasure', { body: { confirm } })),
    onSuccess: async () => {
      await refresh();
      // The erasure ends every session; once it is done the shopper is signed out.
      setTimeout(() => void sessionChanged().then(() => navigate('/', { replace: true })), 4000);
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <section className="card" aria-labelledby="privacy-data">
      <h2 id="privacy-data" className="section-title">{t('data')}</h2>
      <p className="shop-muted">{t('exportHint')}</p>
      <Button variant="secondary" busy={exportData.isPending} onClick={() => exportData.mutate()}>
        {t('exportAsk')}
      </Button>
      <h3 className="section-title">{t('requests')}</h3>
      <QueryView query={requests} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <ul className="shop-plain-list" aria-live="polite">
            {data.items.map((r) => (
              <li key={r.id} className="shop-me-setting">
                <span className="shop-me-setting-name">
                  {t(`kind.${r.kind}`)} · {date(r.requestedAt)}
                  {r.downloadUntil && (
                    <>
                      <br />
                      <span className="shop-muted">{t('until', { date: date(r.downloadUntil) })}</span>
                    </>
                  )}
                </span>
                <span className="badge">{t(`status.${r.status}`)}</span>
                {r.downloadUntil && (
                  <a className="btn btn-ghost" href={`/api/v1/me/privacy/requests/${r.id}/archive`} download>
                    {t('download')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      <h3 className="section-title">{t('erasure')}</h3>
      <p className="shop-muted">{t('erasureHint')}</p>
      <TextField label={t('erasureConfirm')} value={confirm} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} />
      <Button variant="danger" busy={erase.isPending} disabled={confirm.trim().toUpperCase() !== t('erasureWord').toUpperCase()} onClick={() => erase.mutate()}>
        {t('erasureAsk')}
      </Button>
    </section>
  );
}

export function PrivacyPage() {
  const { t } = useTranslation('privacy');
  return (
    <>
      <PageHeader title={t('title')} />
      <RequireSignIn>
        <Consents />
        <MyData />
      </RequireSignIn>
    </>
  );
}
