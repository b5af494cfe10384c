// Integrations: webhook endpoints (the signing secret shown once), their deliveries with each
// attempt and "redeliver", and API keys (the key shown once) with their scopes and revocation.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, Sheet, TextArea, TextField, useToast } from '../../shared/ui';
import { ActionButton, ActionsHead, CursorList, PageHead, StatusBadge, StatusFilter, Table, parseInteger, useCursorList, useRefresh } from '../kit';

const SCOPES = ['orders:read', 'orders:write', 'catalog:read', 'catalog:write', 'inventory:read', 'inventory:write', 'customers:read', 'coupons:write', 'webhooks:manage', 'analytics:read'] as const;
const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
const EVENT_TYPE = /^(\*|[a-z_]+\.[a-z_]+)$/;

/** A secret or key shown once, with a copy button and the warning that it will not be shown again. */
function RevealOnce({ value, onClose }: { value: { title: string; secret: string } | null; onClose: () => void }) {
  const { t } = useTranslation('integrations');
  const toast = useToast();
  return (
    <Sheet open={value !== null} onClose={onClose} title={value?.title ?? ''}>
      <p className="muted">{t('reveal.once')}</p>
      <p className="mono" style={{ wordBreak: 'break-all' }} data-testid="revealed-secret">
        {value?.secret}
      </p>
      <div className="row row-end">
        <Button
          variant="secondary"
          onClick={() => {
            navigator.clipboard.writeText(value?.secret ?? '').then(() => toast(t('reveal.copied')), () => toast(t('reveal.copyFailed'), 'error'));
          }}
        >
          {t('reveal.copy')}
        </Button>
        <Button onClick={onClose}>{t('reveal.saved')}</Button>
      </div>
    </Sheet>
  );
}

function EndpointsSection({ onReveal }: { onReveal: (v: { title: string; secret: string }) => void }) {
  const { t } = useTranslation('integrations');
  const endpoints = useQuery({ queryKey: ['admin', 'webhooks', 'endpoints'], queryFn: () => call(api.GET('/api/v1/admin/webhooks/endpoints')) });
  const refresh = useRefresh(['admin', 'webhooks']);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState('*');
  const [errors, setErrors] = useState<{ url?: string; types?: string }>({});
  const parsedTypes = () => [...new Set(types.split(/[\s,]+/).filter(Boolean))];
  return (
    <section className="section">
      <div className="page-head">
        <h2>{t('endpoints.title')}</h2>
        <ActionButton
          label={t('endpoints.create')}
          variant="primary"
          onOpen={() => {
            setUrl('');
            setDescription('');
            setTypes('*');
            setErrors({});
          }}
          validate={() => {
            const e: typeof errors = {};
            if (!/^https?:\/\/[^\s/]+/.test(url.trim())) e.url = t('endpoints.urlInvalid');
            const list = parsedTypes();
            if (list.length === 0 || !list.every((x) => EVENT_TYPE.test(x))) e.types = t('endpoints.typesInvalid');
            setErrors(e);
            return Object.keys(e).length === 0;
          }}
          run={async () => {
            const created = await call(api.POST('/api/v1/admin/webhooks/endpoints', { body: { url: url.trim(), description: description.trim(), eventTypes: parsedTypes() } }));
            await refresh();
            onReveal({ title: t('endpoints.secretTitle'), secret: created.secret });
          }}
          done={t('endpoints.created')}
        >
          <TextField label={t('endpoints.url')} value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} placeholder="https://example.com/webhooks/fission" maxLength={2000} />
          <TextField label={t('endpoints.description')} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
          <TextArea label={t('endpoints.eventTypes')} value={types} onChange={(e) => setTypes(e.target.value)} error={errors.types} hint={t('endpoints.eventTypesHint')} rows={2} />
        </ActionButton>
      </div>
      <QueryView query={endpoints} isEmpty={(d) => d.items.length === 0} empty={t('endpoints.empty')}>
        {({ items }) => (
          <Table label={t('endpoints.title')}>
            <thead>
              <tr>
                <th>{t('endpoints.url')}</th>
                <th>{t('endpoints.eventTypes')}</th>
                <th>{t('endpoints.state')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className={e.enabled ? undefined : 'row-alert'}>
                  <td>
                    <div className="mono">{e.url}</div>
                    {e.description && <div className="muted small">{e.description}</div>}
                  </td>
                  <td className="small">{e.eventTypes.join(', ')}</td>
                  <td>
                    <StatusBadge status={e.enabled ? 'active' : 'inactive'} />
                    {e.disabledAt && (
                      <div className="small" role="note">
                        {t('endpoints.disabledAt', { at: formatDateTime(e.disabledAt) })}: {e.disabledReason}
                      </div>
                    )}
                    {e.enabled && e.failingSince && <div className="small muted">{t('endpoints.failingSince', { at: formatDateTime(e.failingSince) })}</div>}
                  </td>
                  <td>
                    <div className="row">
                      <ActionButton label={t('endpoints.test')} message={t('endpoints.testMessage')} disabled={!e.enabled} run={async () => {
                        await call(api.POST('/api/v1/admin/webhooks/endpoints/{id}/test', { params: { path: { id: e.id } } }));
                        await refresh();
                      }} done={t('endpoints.testSent')} />
                      <ActionButton label={e.enabled ? t('endpoints.disable') : t('endpoints.enable')} message={e.enabled ? t('endpoints.disableMessage') : t('endpoints.enableMessage')} run={async () => {
                        await call(api.PATCH('/api/v1/admin/webhooks/endpoints/{id}', { params: { path: { id: e.id } }, body: { enabled: !e.enabled } }));
                        await refresh();
                      }} />
                      <ActionButton label={t('endpoints.rotate')} message={t('endpoints.rotateMessage')} run={async () => {
                        const rotated = await call(api.POST('/api/v1/admin/webhooks/endpoints/{id}/rotate-secret', { params: { path: { id: e.id } } }));
                        onReveal({ title: t('endpoints.secretTitle'), secret: rotated.secret });
                      }} />
                      <ActionButton label={t('endpoints.delete')} variant="danger" message={t('endpoints.deleteMessage')} run={async () => {
                        await call(api.DELETE('/api/v1/admin/webhooks/endpoints/{id}', { params: { path: { id: e.id } } }));
                        await refresh();
                      }} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </section>
  );
}

function AttemptsButton({ id }: { id: string }) {
  const { t } = useTranslation('integrations');
  const [open, setOpen] = useState(false);
  const detail = useQuery({ queryKey: ['admin', 'webhooks', 'delivery', id], queryFn: () => call(api.GET('/api/v1/admin/webhooks/deliveries/{id}', { params: { path: { id } } })), enabled: open });
  return (
    <>
      <Button variant="ghost" className="btn-small" onClick={() => setOpen(true)}>
        {t('deliveries.attempts')}
      </Button>
      <Sheet open={open} onClose={() => setOpen(false)} title={t('deliveries.attemptsTitle')}>
        <QueryView query={detail}>
          {(d) => (
            <>
              <p className="small">
                <span className="mono">{d.messageId}</span> · {d.eventType}
              </p>
              <Table label={t('deliveries.attemptsTitle')}>
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{t('deliveries.at')}</th>
                    <th>{t('deliveries.statusCode')}</th>
                    <th>{t('deliveries.latency')}</th>
                    <th>{t('deliveries.response')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.attemptLog.map((a) => (
                    <tr key={a.attempt} className={a.ok ? undefined : 'row-alert'}>
                      <td className="num">
                        {a.attempt}
                        {a.trigger === 'manual' && <div className="muted small">{t('deliveries.manual')}</div>}
                      </td>
                      <td className="nowrap">{formatDateTime(a.at)}</td>
                      <td className="num">{a.statusCode ?? '—'}</td>
                      <td className="num">{t('deliveries.ms', { ms: a.latencyMs })}</td>
                      <td className="small mono" style={{ wordBreak: 'break-all' }}>{a.error ?? a.responseExcerpt}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </QueryView>
      </Sheet>
    </>
  );
}

function DeliveriesSection() {
  const { t } = useTranslation('integrations');
  const [status, setStatus] = useState<'' | (typeof DELIVERY_STATUSES)[number]>('');
  const list = useCursorList(['admin', 'webhooks', 'deliveries', status], (cursor) =>
    call(api.GET('/api/v1/admin/webhooks/deliveries', { params: { query: { status: status || undefined, cursor, limit: 20 } } })),
  );
  const refresh = useRefresh(['admin', 'webhooks', 'deliveries']);
  return (
    <section className="section">
      <h2>{t('deliveries.title')}</h2>
      <div className="filters">
        <StatusFilter label={t('deliveries.status')} statuses={DELIVERY_STATUSES} value={status} onChange={setStatus} />
      </div>
      <CursorList query={list} empty={t('deliveries.empty')}>
        {(items) => (
          <Table label={t('deliveries.title')}>
            <thead>
              <tr>
                <th>{t('deliveries.created')}</th>
                <th>{t('deliveries.event')}</th>
                <th>{t('deliveries.status')}</th>
                <th>{t('deliveries.attemptCount')}</th>
                <th>{t('deliveries.statusCode')}</th>
                <th>{t('deliveries.latency')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">{formatDateTime(d.createdAt)}</td>
                  <td>
                    {d.eventType}
                    <div className="muted small mono">{d.messageId}</div>
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                    {d.status === 'pending' && d.nextAttemptAt && <div className="muted small">{t('deliveries.next', { at: formatDateTime(d.nextAttemptAt) })}</div>}
                    {d.lastError && <div className="small">{d.lastError}</div>}
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td className="num">{d.lastStatusCode ?? '—'}</td>
                  <td className="num">{d.lastLatencyMs === null ? '—' : t('deliveries.ms', { ms: d.lastLatencyMs })}</td>
                  <td>
                    <div className="row">
                      <AttemptsButton id={d.id} />
                      <ActionButton label={t('deliveries.redeliver')} message={t('deliveries.redeliverMessage')} run={async () => {
                        await call(api.POST('/api/v1/admin/webhooks/deliveries/{id}/redeliver', { params: { path: { id: d.id } } }));
                        await refresh();
                      }} done={t('deliveries.redelivered')} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </section>
  );
}

function ApiKeysSection({ onReveal }: { onReveal: (v: { title: string; secret: string }) => void }) {
  const { t } = useTranslation('integrations');
  const keys = useQuery({ queryKey: ['admin', 'api-keys'], queryFn: () => call(api.GET('/api/v1/admin/api-keys')) });
  const refresh = useRefresh(['admin', 'api-keys']);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; days?: string }>({});
  return (
    <section className="section">
      <div className="page-head">
        <h2>{t('keys.title')}</h2>
        <ActionButton
          label={t('keys.create')}
          variant="primary"
          onOpen={() => {
            setName('');
            setScopes([]);
            setDays('');
            setErrors({});
          }}
          validate={() => {
            const e: typeof errors = {};
            if (!name.trim()) e.name = t('keys.nameRequired');
            if (scopes.length === 0) e.scopes = t('keys.scopesRequired');
            const d = days.trim() ? parseInteger(days) : 0;
            if (d === null || d < 0 || d > 3650) e.days = t('keys.daysInvalid');
            setErrors(e);
            return Object.keys(e).length === 0;
          }}
          run={async () => {
            const d = days.trim() ? parseInteger(days)! : 0;
            const expiresAt = d > 0 ? new Date(Date.now() + d * 86_400_000).toISOString() : null;
            const created = await call(api.POST('/api/v1/admin/api-keys', { body: { name: name.trim(), scopes: scopes as (typeof SCOPES)[number][], expiresAt } }));
            await refresh();
            onReveal({ title: t('keys.keyTitle'), secret: created.key });
          }}
          done={t('keys.created')}
        >
          <TextField label={t('keys.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={100} />
          <fieldset className="field">
            <legend>{t('keys.scopes')}</legend>
            {SCOPES.map((s) => (
              <label className="check" key={s}>
                <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))} />
                <span className="mono">{s}</span> {t(`scope.${s.replace(':', '_')}`)}
              </label>
            ))}
            {errors.scopes && <small className="field-error" role="alert">{errors.scopes}</small>}
          </fieldset>
          <TextField label={t('keys.expiresInDays')} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} error={errors.days} hint={t('keys.expiresHint')} />
        </ActionButton>
      </div>
      <p className="muted small">{t('keys.hint')}</p>
      <QueryView query={keys} isEmpty={(d) => d.items.length === 0} empty={t('keys.empty')}>
        {({ items }) => (
          <Table label={t('keys.title')}>
            <thead>
              <tr>
                <th>{t('keys.name')}</th>
                <th>{t('keys.scopes')}</th>
                <th>{t('keys.state')}</th>
                <th>{t('keys.lastUsed')}</th>
                <th>{t('keys.expires')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <td>
                    {k.name}
                    <div className="muted small mono">{k.prefix}…</div>
                  </td>
                  <td className="small mono">{k.scopes.join(' ')}</td>
                  <td>
                    <StatusBadge status={k.status === 'revoked' ? 'cancelled' : k.status === 'expired' ? 'inactive' : 'active'} />
                  </td>
                  <td className="nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('keys.never')}</td>
                  <td className="nowrap">{k.expiresAt ? formatDateTime(k.expiresAt) : '—'}</td>
                  <td>
                    {k.status === 'active' && (
                      <ActionButton label={t('keys.revoke')} variant="danger" message={t('keys.revokeMessage', { name: k.name })} run={async () => {
                        await call(api.POST('/api/v1/admin/api-keys/{id}/revoke', { params: { path: { id: k.id } } }));
                        await refresh();
                      }} done={t('keys.revoked')} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </section>
  );
}

export function IntegrationsPage() {
  const { t } = useTranslation('integrations');
  const [revealed, setRevealed] = useState<{ title: string; secret: string } | null>(null);
  return (
    <>
      <PageHead title={t('title')}>
        <p className="muted">{t('intro')}</p>
      </PageHead>
      <EndpointsSection onReveal={setRevealed} />
      <DeliveriesSection />
      <ApiKeysSection onReveal={setRevealed} />
      <RevealOnce value={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
