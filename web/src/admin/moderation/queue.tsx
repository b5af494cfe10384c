// The moderation queue: held and refused content, newest first, with approve / refuse for pending items.
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { SelectField } from '../../shared/ui';
import { ActionButton, CursorList, PageHead, Table, useCursorList, useRefresh, useSearchParam } from '../kit';
import { QUEUE, Reasons, Sentiment } from './common';
import './i18n';

const STATUSES = ['pending', 'approved', 'refused'] as const;
const KINDS = ['review', 'note', 'comment', 'chat'] as const;

export function QueuePage() {
  const { t } = useTranslation('moderation');
  const [status, setStatus] = useSearchParam('status');
  const [kind, setKind] = useSearchParam('kind');
  const effectiveStatus = (status || 'pending') as (typeof STATUSES)[number] | 'all';
  const refresh = useRefresh(QUEUE);
  const query = useCursorList([...QUEUE, effectiveStatus, kind], (cursor) =>
    call(api.GET('/api/v1/admin/moderation/items', {
      params: { query: { ...(effectiveStatus === 'all' ? {} : { status: effectiveStatus }), ...(kind ? { kind: kind as (typeof KINDS)[number] } : {}), ...(cursor ? { cursor } : {}), limit: 50 } },
    })),
  );
  const pending = query.data?.pages[0]?.pending;
  const decide = (id: string, verdict: 'approved' | 'refused') => call(api.POST('/api/v1/admin/moderation/items/{id}/decide', { params: { path: { id } }, body: { verdict } })).then(refresh);
  return (
    <>
      <PageHead title={t('queue.title')}>
        <p className="muted small">{t('queue.hint')}</p>
        {pending !== undefined && <p><strong data-testid="pending-count">{t('queue.pending', { n: pending })}</strong></p>}
      </PageHead>
      <div className="row">
        <SelectField label={t('queue.status')} value={effectiveStatus} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          <option value="all">{t('queue.all')}</option>
        </SelectField>
        <SelectField label={t('queue.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('queue.all')}</option>
          {KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
        </SelectField>
      </div>
      <CursorList query={query} empty={t('queue.empty')}>
        {(items) => (
          <Table label={t('queue.title')}>
            <thead>
              <tr><th>{t('queue.kind')}</th><th>{t('queue.text')}</th><th>{t('queue.reasons')}</th><th>{t('queue.sentiment')}</th><th>{t('queue.created')}</th><th>{t('queue.status')}</th><th /></tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} data-item={i.id}>
                  <td>{t(`kind.${i.kind}`)}</td>
                  <td className="prewrap">{i.title ? <strong>{i.title}<br /></strong> : null}{i.text}</td>
                  <td><Reasons reasons={i.reasons} /></td>
                  <td><Sentiment value={i.sentiment} /></td>
                  <td className="nowrap">{formatDateTime(i.createdAt)}</td>
                  <td>{t(`status.${i.status}`)}</td>
                  <td className="nowrap">
                    {i.status === 'pending' && (
                      <span className="row">
                        <ActionButton label={t('queue.approve')} variant="primary" done={t('queue.approved')} run={() => decide(i.id, 'approved')} />
                        <ActionButton label={t('queue.refuse')} variant="danger" confirmVariant="danger" done={t('queue.refused')} run={() => decide(i.id, 'refused')} />
                      </span>
                    )}
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
