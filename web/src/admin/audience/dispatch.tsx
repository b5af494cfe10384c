// Targeted dispatch: pick a saved segment, a coupon (sent with a message) or a message alone, and
// send; the list shows each dispatch's report (targeted, no consent, delivered, opened, redeemed).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, SelectField, TextArea, TextField, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { useAudienceT } from './i18n';

const KEY = ['admin', 'audience', 'dispatches'];

export function AudienceDispatchPage() {
  const { t } = useAudienceT();
  const toast = useToast();
  const refresh = useRefresh(KEY);
  const segments = useQuery({ queryKey: ['admin', 'audience', 'segments'], queryFn: () => call(api.GET('/api/v1/admin/audience/segments', {})) });
  const templates = useQuery({ queryKey: ['admin', 'coupons', 'active'], queryFn: () => call(api.GET('/api/v1/admin/coupons/templates', { params: { query: { status: 'active', limit: 100 } } })) });
  // A dispatch runs as a job: poll while one is still going.
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => call(api.GET('/api/v1/admin/audience/dispatches', {})),
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'queued' || d.status === 'running') ? 1500 : false),
  });
  const [segmentId, setSegmentId] = useState('');
  const [kind, setKind] = useState<'coupon' | 'message'>('coupon');
  const [couponTemplateId, setTemplate] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const { busy, error, submit } = useSubmit();
  const send = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await call(api.POST('/api/v1/admin/audience/dispatches', { body: { segmentId, kind, ...(kind === 'coupon' ? { couponTemplateId } : {}), title: title.trim(), body: body.trim() } }));
      toast(t('dispatch.sent'));
      setTitle('');
      setBody('');
      await refresh();
    });
  };
  const segmentName = (id: string) => segments.data?.items.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  return (
    <>
      <PageHead title={t('dispatch.title')}><p className="muted small">{t('dispatch.hint')}</p></PageHead>
      <form className="card" onSubmit={send} aria-label={t('dispatch.title')}>
        <div className="row">
          <SelectField label={t('dispatch.segment')} required value={segmentId} onChange={(e) => setSegmentId(e.target.value)}>
            <option value="">{t('dispatch.pick')}</option>
            {segments.data?.items.map((s) => <option key={s.id} value={s.id}>{`${s.name} (${s.count})`}</option>)}
          </SelectField>
          <SelectField label={t('dispatch.kind')} value={kind} onChange={(e) => setKind(e.target.value as 'coupon' | 'message')}>
            <option value="coupon">{t('dispatch.coupon')}</option>
            <option value="message">{t('dispatch.message')}</option>
          </SelectField>
          {kind === 'coupon' && (
            <SelectField label={t('dispatch.template')} required value={couponTemplateId} onChange={(e) => setTemplate(e.target.value)}>
              <option value="">{t('dispatch.pick')}</option>
              {templates.data?.items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </SelectField>
          )}
        </div>
        <TextField label={t('dispatch.msgTitle')} required maxLength={60} value={title} onChange={(e) => setTitle(e.target.value)} />
        <TextArea label={t('dispatch.body')} required maxLength={1000} value={body} onChange={(e) => setBody(e.target.value)} />
        <Button type="submit" busy={busy} disabled={!segmentId || (kind === 'coupon' && !couponTemplateId) || !title.trim() || !body.trim()}>{t('dispatch.send')}</Button>
        <FormError>{error}</FormError>
      </form>
      <h2>{t('dispatch.list')}</h2>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('dispatch.empty')}>
        {(d) => (
          <Table label={t('dispatch.list')}>
            <thead>
              <tr>
                <th>{t('dispatch.at')}</th><th>{t('dispatch.segment')}</th><th>{t('dispatch.msgTitle')}</th><th>{t('dispatch.status')}</th><th>{t('dispatch.targeted')}</th>
                <th>{t('dispatch.skipped')}</th><th>{t('dispatch.delivered')}</th><th>{t('dispatch.opened')}</th><th>{t('dispatch.redeemed')}</th><th>{t('dispatch.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((x) => (
                <tr key={x.id}>
                  <td className="nowrap">{formatDateTime(x.createdAt)}</td>
                  <td>{segmentName(x.segmentId)}</td>
                  <td>{x.title}</td>
                  <td title={x.lastError ?? undefined}>{t(`dispatch.statuses.${x.status}`)}{x.lastError && <div className="muted small">{x.lastError}</div>}</td>
                  <td>{x.report.targeted}</td>
                  <td>{x.report.skippedNoConsent}</td>
                  <td>{x.report.delivered}</td>
                  <td>{x.report.opened}</td>
                  <td>{x.report.redeemed}</td>
                  <td>{x.report.failed}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
