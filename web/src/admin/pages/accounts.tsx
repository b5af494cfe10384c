// Account screens of the console: an account's status (正常 / 已停用) with suspend and reactivate,
// and the outbox of messages the built-in sender sent.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { TextArea } from '../../shared/ui';
import { ActionButton, CursorList, PageHead, Table, useCursorList, useRefresh } from '../kit';

/** Account status in account words: "active" is 正常 here, not the product word 上架. */
export function AccountStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('accounts');
  return <span className={`status status-${status === 'active' ? 'ok' : 'bad'}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

interface AccountLike {
  id: string;
  roles: string[];
  status: string;
  suspendedAt?: string | null;
  suspendedReason?: string | null;
}

const isStaff = (roles: string[]) => roles.includes('operator') || roles.includes('admin');

/** Suspend or reactivate, each asking for a reason. */
export function SuspensionAction({ account }: { account: AccountLike }) {
  const { t } = useTranslation('accounts');
  const refresh = useRefresh(['admin', 'customer', account.id], ['admin', 'customers']);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (isStaff(account.roles)) return null;
  const suspended = account.status === 'suspended';
  const path = { params: { path: { id: account.id } }, body: { reason: reason.trim() } };
  return (
    <ActionButton
      label={suspended ? t('suspend.reactivate') : t('suspend.suspend')}
      variant={suspended ? 'secondary' : 'danger'}
      confirmVariant={suspended ? 'primary' : 'danger'}
      message={suspended ? t('suspend.reactivateMessage') : t('suspend.suspendMessage')}
      onOpen={() => {
        setReason('');
        setError(undefined);
      }}
      validate={() => {
        const err = reason.trim() ? undefined : t('suspend.reasonRequired');
        setError(err);
        return !err;
      }}
      run={async () => {
        await call(suspended ? api.POST('/api/v1/admin/customers/{id}/reactivate', path) : api.POST('/api/v1/admin/customers/{id}/suspend', path));
        await refresh();
      }}
      done={suspended ? t('suspend.reactivated') : t('suspend.suspended')}
    >
      <TextArea label={t('suspend.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error} maxLength={500} rows={3} required />
    </ActionButton>
  );
}

/** When and why the account was suspended, for the profile card. */
export function SuspensionDetails({ account }: { account: AccountLike }) {
  const { t } = useTranslation('accounts');
  if (account.status !== 'suspended') return null;
  return (
    <>
      <dt>{t('suspend.since')}</dt>
      <dd>{account.suspendedAt ? formatDateTime(account.suspendedAt) : '–'}</dd>
      <dt>{t('suspend.why')}</dt>
      <dd>{account.suspendedReason ?? '–'}</dd>
    </>
  );
}

export function OutboxPage() {
  const { t } = useTranslation('accounts');
  const list = useCursorList(['admin', 'messages'], (cursor) => call(api.GET('/api/v1/admin/messages', { params: { query: { cursor, limit: 30 } } })));
  return (
    <>
      <PageHead title={t('outbox.title')}>
        <p className="muted small">{t('outbox.hint')}</p>
      </PageHead>
      <CursorList query={list} empty={t('outbox.empty')}>
        {(items) => (
          <Table label={t('outbox.title')}>
            <thead>
              <tr>
                <th>{t('outbox.time')}</th>
                <th>{t('outbox.channel')}</th>
                <th>{t('outbox.to')}</th>
                <th>{t('outbox.template')}</th>
                <th>{t('outbox.content')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{formatDateTime(m.createdAt)}</td>
                  <td>{t(`outbox.${m.channel}`, { defaultValue: m.channel })}</td>
                  <td>{m.to.email ?? m.to.phone ?? m.to.userId ?? '–'}</td>
                  <td className="mono small">{m.template}</td>
                  <td className="mono small">
                    {Object.entries(m.data)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}
