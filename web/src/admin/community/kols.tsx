// KOL verification: applications and verified KOLs with their followers, notes and the sales their
// notes' shares brought; verify, reject or revoke; verify a shopper directly by id.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { SelectField, TextField } from '../../shared/ui';
import { ActionButton, ActionsHead, CursorList, PageHead, Table, useCursorList, useRefresh, useSearchParam } from '../kit';
import './i18n';

const STATUSES = ['applied', 'verified', 'rejected', 'revoked'] as const;
type Status = (typeof STATUSES)[number];
const KEY = ['admin', 'community', 'kols'];

export function KolsPage() {
  const { t } = useTranslation('communityAdmin');
  const [status, setStatus] = useSearchParam('status');
  const filter = (STATUSES as readonly string[]).includes(status) ? (status as Status) : undefined;
  const list = useCursorList([...KEY, filter ?? 'all'], (cursor) => call(api.GET('/api/v1/admin/community/kols', { params: { query: { status: filter, cursor, limit: 50 } } })));
  const refresh = useRefresh(KEY);
  const [userId, setUserId] = useState('');
  const act = (id: string, action: 'verify' | 'reject' | 'revoke') => {
    const opts = { params: { path: { id } } };
    const request = action === 'verify' ? api.POST('/api/v1/admin/community/kols/{id}/verify', opts) : action === 'reject' ? api.POST('/api/v1/admin/community/kols/{id}/reject', opts) : api.POST('/api/v1/admin/community/kols/{id}/revoke', opts);
    return call(request).then(refresh);
  };
  return (
    <>
      <PageHead
        title={t('kols.title')}
        actions={
          <ActionButton label={t('kols.verifyDirect')} variant="primary" run={() => act(userId.trim(), 'verify')} done={t('kols.verified')}>
            <TextField label={t('kols.userId')} value={userId} onChange={(e) => setUserId(e.target.value)} required />
          </ActionButton>
        }
      >
        <p className="muted small">{t('kols.hint')}</p>
      </PageHead>
      <div className="row">
        <SelectField label={t('kols.status')} value={filter ?? ''} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('admin:filter.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`kolStatus.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <CursorList query={list} empty={t('kols.empty')}>
        {(items) => (
          <Table label={t('kols.title')}>
            <thead>
              <tr>
                <th>{t('kols.name')}</th>
                <th>{t('kols.status')}</th>
                <th>{t('kols.intro')}</th>
                <th>{t('kols.followers')}</th>
                <th>{t('kols.notes')}</th>
                <th>{t('kols.sales')}</th>
                <th>{t('kols.applied')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <td>
                    <a href={`/kol/${k.id}`} target="_blank" rel="noreferrer">{k.name}</a>
                    <div className="muted small">{k.id.slice(0, 8)}</div>
                  </td>
                  <td><span className={`status status-${k.status === 'verified' ? 'ok' : k.status === 'applied' ? 'warn' : 'muted'}`}>{t(`kolStatus.${k.status}`)}</span></td>
                  <td>{k.intro ?? '—'}</td>
                  <td>{k.followers}</td>
                  <td>{k.notes}</td>
                  <td>{k.sales ? t('kols.salesValue', { orders: k.sales.orders, gmv: formatMoney(k.sales.gmv) }) : '—'}</td>
                  <td>{formatDateTime(k.appliedAt)}</td>
                  <td>
                    <div className="row">
                      {k.status !== 'verified' && <ActionButton label={t('kols.verify')} variant="primary" message={t('kols.confirmVerify', { name: k.name })} run={() => act(k.id, 'verify')} done={t('kols.verified')} />}
                      {k.status === 'applied' && <ActionButton label={t('kols.reject')} variant="danger" message={t('kols.confirmReject', { name: k.name })} run={() => act(k.id, 'reject')} done={t('kols.rejected')} />}
                      {k.status === 'verified' && <ActionButton label={t('kols.revoke')} variant="danger" message={t('kols.confirmRevoke', { name: k.name })} run={() => act(k.id, 'revoke')} done={t('kols.revoked')} />}
                    </div>
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
