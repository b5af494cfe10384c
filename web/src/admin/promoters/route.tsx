// Promoters (Ant Design, lazy route): search by name, whole phone or email; sort by GMV, orders
// brought, commission or joining date; page through with the total; each promoter links to the
// customer page and to their withdrawals.
import { useQuery } from '@tanstack/react-query';
import { Input, Space, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDate, formatMoney } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { PageHead } from '../kit';
import { PersonLink } from './decision';
import './i18n';

type Promoter = paths['/api/v1/admin/affiliate/promoters']['get']['responses'][200]['content']['application/json']['items'][number];
type Sort = 'gmv' | 'orders' | 'commission' | 'joined';
const PAGE_SIZE = 20;

function PromotersPage() {
  const { t } = useTranslation(['promoters', 'admin']);
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = (params.get('sort') as Sort | null) ?? 'joined';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
      return next;
    }, { replace: true });
  const list = useQuery({
    queryKey: ['admin', 'promoters', 'directory', q, sort, order, page],
    queryFn: () => call(api.GET('/api/v1/admin/affiliate/promoters', { params: { query: { q: q || undefined, sort, order, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE } } })),
    placeholderData: (prev) => prev,
  });
  const sortOrder = (key: Sort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: ColumnsType<Promoter> = [
    { title: t('promoter'), key: 'person', render: (_, p) => <PersonLink person={p.person} /> },
    { title: t('orders'), key: 'orders', dataIndex: 'attributedOrders', align: 'right', sorter: true, sortOrder: sortOrder('orders'), render: (n: number) => n.toLocaleString() },
    { title: t('gmv'), key: 'gmv', dataIndex: 'gmv', align: 'right', sorter: true, sortOrder: sortOrder('gmv'), render: (m) => formatMoney(m) },
    { title: t('commission'), key: 'commission', dataIndex: 'commission', align: 'right', sorter: true, sortOrder: sortOrder('commission'), render: (m) => formatMoney(m) },
    { title: t('admin:affiliate.level1'), key: 'l1', align: 'right', render: (_, p) => p.referees.level1.toLocaleString() },
    { title: t('admin:affiliate.level2'), key: 'l2', align: 'right', render: (_, p) => p.referees.level2.toLocaleString() },
    { title: t('admin:affiliate.frozen'), key: 'frozen', align: 'right', render: (_, p) => formatMoney(p.totals.frozen) },
    { title: t('admin:affiliate.available'), key: 'available', align: 'right', render: (_, p) => <strong>{formatMoney(p.totals.available)}</strong> },
    { title: t('admin:affiliate.withdrawn'), key: 'withdrawn', align: 'right', render: (_, p) => formatMoney(p.totals.withdrawn) },
    { title: t('joined'), key: 'joined', sorter: true, sortOrder: sortOrder('joined'), render: (_, p) => <span className="nowrap">{formatDate(p.decidedAt ?? p.appliedAt)}</span> },
    { title: t('withdrawals'), key: 'actions', render: (_, p) => <Link to={`/promoters/withdrawals?promoter=${p.userId}&name=${encodeURIComponent(p.person.name)}`}>{t('withdrawals')}</Link> },
  ];
  return (
    <>
      <PageHead title={t('admin:affiliate.promoters')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear defaultValue={q} placeholder={t('search')} aria-label={t('searchLabel')} maxLength={100} style={{ width: 280 }} onSearch={(v) => set({ q: v.trim(), page: '' })} />
        <Typography.Text type="secondary" data-testid="promoters-total">{list.data ? t('total', { count: list.data.total }) : '\u00a0'}</Typography.Text>
      </Space>
      {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
      <Table<Promoter>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false }}
        onChange={(pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Promoter>;
          const key = s.order ? (s.columnKey as Sort) : 'joined';
          const nextOrder = s.order === 'ascend' ? 'asc' : 'desc';
          const sortChanged = key !== sort || nextOrder !== order;
          set({ sort: key === 'joined' ? '' : key, order: nextOrder === 'desc' ? '' : 'asc', page: sortChanged ? '' : String(pagination.current ?? 1) });
        }}
      />
    </>
  );
}

export function Component() {
  return (
    <AntdProvider>
      <PromotersPage />
    </AntdProvider>
  );
}
