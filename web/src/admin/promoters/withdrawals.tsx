// Withdrawals (Ant Design, lazy route): each promoter by name and masked phone, the payout account
// (method and masked number) the promoter gave, a status filter, and mark paid / reject with a reason.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { PageHead } from '../kit';
import { Decision, PersonLink } from './decision';
import './i18n';

type Withdrawal = paths['/api/v1/admin/affiliate/withdrawals']['get']['responses'][200]['content']['application/json']['items'][number];
const STATUSES = ['pending', 'paid', 'rejected'] as const;
type Status = (typeof STATUSES)[number];
const COLOUR: Record<string, string> = { pending: 'orange', paid: 'green', rejected: 'default' };

function WithdrawalsPage() {
  const { t } = useTranslation(['promoters', 'admin']);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const promoterId = params.get('promoter') ?? '';
  const promoterName = params.get('name') ?? '';
  const [status, setStatus] = useState<Status | ''>(promoterId ? '' : 'pending');
  const list = useInfiniteQuery({
    queryKey: ['admin', 'withdrawals', status, promoterId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/admin/affiliate/withdrawals', { params: { query: { status: status || undefined, promoterId: promoterId || undefined, cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['admin', 'withdrawals'] }), queryClient.invalidateQueries({ queryKey: ['admin', 'promoters'] })]);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (w: Withdrawal) => w.promoter.name || t('unknown');
  const columns: ColumnsType<Withdrawal> = [
    { title: t('admin:affiliate.promoter'), key: 'promoter', render: (_, w) => <PersonLink person={w.promoter} /> },
    { title: t('admin:orders.amount'), dataIndex: 'amount', align: 'right', render: (m) => formatMoney(m) },
    { title: t('admin:affiliate.fee'), dataIndex: 'fee', align: 'right', render: (m) => formatMoney(m) },
    { title: t('admin:affiliate.net'), dataIndex: 'net', align: 'right', render: (m) => <strong>{formatMoney(m)}</strong> },
    {
      title: t('payout'),
      key: 'payout',
      render: (_, w) => (w.payout ? <span className="nowrap">{t(`payoutMethod.${w.payout.method}`)} · <span className="mono">{w.payout.account}</span></span> : <Typography.Text type="secondary">{t('noPayout')}</Typography.Text>),
    },
    {
      title: t('admin:orders.status'),
      key: 'status',
      render: (_, w) => (
        <>
          <Tag color={COLOUR[w.status]}>{t(`admin:status.${w.status}`, { defaultValue: w.status })}</Tag>
          {w.operatorNote && <div className="small muted">{w.operatorNote}</div>}
        </>
      ),
    },
    { title: t('admin:affiliate.requested'), dataIndex: 'requestedAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
    {
      title: t('admin:table.actions'),
      key: 'actions',
      render: (_, w) =>
        w.status === 'pending' && (
          <Decision
            approveLabel={t('markPaid')}
            approveTitle={t('payTitle', { name: name(w), amount: formatMoney(w.net) })}
            rejectTitle={t('rejectWithdrawalTitle', { name: name(w) })}
            approve={(body) => call(api.POST('/api/v1/admin/affiliate/withdrawals/{id}/approve', { params: { path: { id: w.id } }, body }))}
            reject={(body) => call(api.POST('/api/v1/admin/affiliate/withdrawals/{id}/reject', { params: { path: { id: w.id } }, body }))}
            onDone={() => void refresh()}
          />
        ),
    },
  ];
  return (
    <>
      <PageHead title={t('admin:affiliate.withdrawals')}>{promoterId && <p className="muted">{t('forPromoter', { name: promoterName || rows[0]?.promoter.name || t('unknown') })}</p>}</PageHead>
      <Segmented<Status | ''>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[{ value: '', label: t('all') }, ...STATUSES.map((s) => ({ value: s, label: t(`admin:status.${s}`, { defaultValue: s }) }))]}
      />
      {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
      <Table<Withdrawal> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isLoading} pagination={false} locale={{ emptyText: t('admin:affiliate.noWithdrawals') }} />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('more')}</Button>
        </div>
      )}
    </>
  );
}

export function Component() {
  return (
    <AntdProvider>
      <WithdrawalsPage />
    </AntdProvider>
  );
}
