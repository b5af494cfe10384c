// After-sales requests (Ant Design): filtered by status, each naming its order by number (a link
// to the order page) and its buyer by name, the reason in words; an operator approves (the refund
// goes out through the payment provider) or rejects with a note the buyer sees.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { aftersalesReason } from './detail-i18n';

type Request = paths['/api/v1/admin/aftersales']['get']['responses'][200]['content']['application/json']['items'][number];
const STATUSES = ['pending', 'approved', 'rejected', 'refunded', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
const color: Record<string, string> = { pending: 'gold', approved: 'blue', refunded: 'green', rejected: 'red', cancelled: 'default' };

export function AftersalesPage() {
  const { t } = useTranslation(['orderdetail', 'admin']);
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  // Pending by default: the queue an operator works through; '' is every status.
  const status = (params.get('status') ?? 'pending') as Status | '';
  const [rejecting, setRejecting] = useState<Request | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['admin', 'aftersales', status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/admin/aftersales', { params: { query: { status: status || undefined, cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'aftersales'] });

  const approve = (a: Request) =>
    modal.confirm({
      title: t('asApprove'),
      content: t('asApproveConfirm', { amount: formatMoney(a.amount) }),
      okText: t('asApprove'),
      cancelText: t('close'),
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/admin/aftersales/{id}/approve', { params: { path: { id: a.id } }, body: {} }));
          message.success(t('asApproved'));
          await refresh();
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  const columns: ColumnsType<Request> = [
    { title: t('asOrder'), render: (_, a) => <Link to={`/orders/${a.orderId}`} className="mono">{a.orderNumber}</Link>, width: 190 },
    { title: t('asBuyer'), render: (_, a) => <Link to={`/customers/${a.buyer.id}`}>{a.buyer.name || t('buyerGone')}</Link>, width: 140 },
    { title: t('asType'), render: (_, a) => t(`admin:aftersalesType.${a.type}`, { defaultValue: a.type }), width: 100 },
    {
      title: t('asReason'),
      render: (_, a) => (
        <>
          {aftersalesReason(t, a.reason)}
          {a.description && <div><Typography.Text type="secondary">{a.description}</Typography.Text></div>}
          {a.operatorNote && <div><Typography.Text>{t('asNote')}: {a.operatorNote}</Typography.Text></div>}
        </>
      ),
    },
    { title: t('asAmount'), align: 'right', render: (_, a) => formatMoney(a.amount), width: 110 },
    { title: t('asStatus'), render: (_, a) => <Tag color={color[a.status]}>{t(`asStatuses.${a.status}`, { defaultValue: a.status })}</Tag>, width: 130 },
    { title: t('asRequested'), render: (_, a) => <span className="nowrap">{formatDateTime(a.createdAt)}</span>, width: 160 },
    { title: t('asDecided'), render: (_, a) => <span className="nowrap">{a.decidedAt ? formatDateTime(a.decidedAt) : ''}</span>, width: 160 },
    {
      title: t('asActions'),
      render: (_, a) =>
        a.status === 'pending' ? (
          <Space>
            <Button size="small" type="primary" onClick={() => approve(a)}>{t('asApprove')}</Button>
            <Button size="small" onClick={() => setRejecting(a)}>{t('asReject')}</Button>
          </Space>
        ) : null,
      width: 150,
    },
  ];

  return (
    <>
      <PageHead title={t('asTitle')} />
      <Space style={{ marginBottom: 12 }}>
        <Select<Status | ''>
          aria-label={t('asStatus')}
          value={status}
          style={{ width: 180 }}
          onChange={(s) => setParams((prev) => { const next = new URLSearchParams(prev); next.set('status', s); return next; }, { replace: true })}
          options={[{ value: '', label: t('asAll') }, ...STATUSES.map((s) => ({ value: s, label: t(`asStatuses.${s}`) }))]}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Request> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isLoading} pagination={false} locale={{ emptyText: t('asEmpty') }} />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('asMore')}</Button>
        </div>
      )}
      <RejectDialog request={rejecting} onClose={async (done) => { setRejecting(null); if (done) { message.success(t('asRejected')); await refresh(); } }} />
    </>
  );
}

function RejectDialog({ request, onClose }: { request: Request | null; onClose: (done: boolean) => void }) {
  const { t } = useTranslation('orderdetail');
  const errorText = useErrorText();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { note: string }) {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/admin/aftersales/{id}/reject', { params: { path: { id: request.id } }, body: { note: v.note.trim() } }));
      form.resetFields();
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={!!request} centered title={`${t('asRejectTitle')} · ${request?.orderNumber ?? ''}`} okText={t('asReject')} okButtonProps={{ danger: true }} cancelText={t('close')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="note" label={t('asRejectNote')} rules={[{ required: true, whitespace: true, message: t('asRejectNoteRequired') }]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
