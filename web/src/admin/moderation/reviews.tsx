// Reviews for operators: the latest (optionally of one product), with reply, hide and restore.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { QueryView, TextArea, TextField } from '../../shared/ui';
import { ActionButton, PageHead, shortId, Table, useRefresh, useSearchParam } from '../kit';
import { REVIEWS, Sentiment } from './common';
import './i18n';

function Reply({ id, onDone }: { id: string; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation('moderation');
  const [text, setText] = useState('');
  return (
    <ActionButton label={t('reviews.reply')} title={t('reviews.replyTitle')} done={t('reviews.replied')} onOpen={() => setText('')} validate={() => text.trim().length > 0}
      run={() => call(api.POST('/api/v1/admin/reviews/{id}/reply', { params: { path: { id } }, body: { text } })).then(onDone)}>
      <TextArea label={t('reviews.replyText')} rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
    </ActionButton>
  );
}

function Hide({ id, onDone }: { id: string; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation('moderation');
  const [reason, setReason] = useState('');
  return (
    <ActionButton label={t('reviews.hide')} title={t('reviews.hideTitle')} confirmVariant="danger" done={t('reviews.hidden')} onOpen={() => setReason('')} validate={() => reason.trim().length > 0}
      run={() => call(api.POST('/api/v1/admin/reviews/{id}/hide', { params: { path: { id } }, body: { reason } })).then(onDone)}>
      <TextField label={t('reviews.hideReason')} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
    </ActionButton>
  );
}

export function ReviewsAdminPage() {
  const { t } = useTranslation('moderation');
  const [productId] = useSearchParam('productId');
  const refresh = useRefresh(REVIEWS);
  const list = useQuery({ queryKey: [...REVIEWS, productId], queryFn: () => call(api.GET('/api/v1/admin/reviews', { params: { query: { ...(productId ? { productId } : {}), limit: 100 } } })) });
  return (
    <>
      <PageHead title={t('reviews.title')}><p className="muted small">{t('reviews.hint')}</p></PageHead>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('reviews.empty')}>
        {(d) => (
          <Table label={t('reviews.title')}>
            <thead><tr><th>{t('reviews.product')}</th><th>{t('reviews.rating')}</th><th>{t('reviews.text')}</th><th>{t('queue.sentiment')}</th><th>{t('reviews.status')}</th><th>{t('queue.created')}</th><th /></tr></thead>
            <tbody>
              {d.items.map((r) => (
                <tr key={r.id} data-review={r.id}>
                  <td className="mono">{shortId(r.productId)}</td>
                  <td className="nowrap">{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</td>
                  <td className="prewrap">{r.text}{r.images.length > 0 && <span className="muted"> · 🖼 {r.images.length}</span>}{r.reply && <><br /><span className="muted">↳ {r.reply.text}</span></>}</td>
                  <td><Sentiment value={r.sentiment} /></td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td className="nowrap">{formatDateTime(r.createdAt)}</td>
                  <td className="nowrap">
                    <span className="row">
                      <Reply id={r.id} onDone={refresh} />
                      {r.status === 'hidden'
                        ? <ActionButton label={t('reviews.restore')} done={t('reviews.restored')} run={() => call(api.POST('/api/v1/admin/reviews/{id}/restore', { params: { path: { id: r.id } } })).then(refresh)} />
                        : <Hide id={r.id} onDone={refresh} />}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
