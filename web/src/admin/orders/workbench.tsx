// The orders workbench (Ant Design): status tabs with counts, search by order number, buyer
// (picked by name, phone or email), product, type and date range, all kept in the URL; the
// filtered count and total; CSV export of exactly what is shown; bulk shipping of selected
// 待发货 orders with a carrier from the list.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { BulkShipDialog } from './bulk-ship';
import { CustomerPicker } from '../antd/customer-picker';

export type AdminOrder = paths['/api/v1/admin/orders']['get']['responses'][200]['content']['application/json']['items'][number];
const STATUSES = ['pending_payment', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'refunding', 'refunded', 'cancelled'] as const;
const KINDS = ['standard', 'groupbuy', 'flashsale', 'bargain'] as const;
const FILTER_KEYS = ['status', 'q', 'buyer', 'buyerName', 'product', 'kind', 'from', 'to'] as const;

/** The filter in the URL, as the API's query (buyerName only labels the picker). */
function useOrderFilter() {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTER_KEYS)[number], string>;
  const set = (patch: Partial<typeof filter>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
      return next;
    }, { replace: true });
  const { buyerName: _label, ...rest } = filter;
  const query = Object.fromEntries(Object.entries(rest).filter(([, v]) => v)) as {
    status?: (typeof STATUSES)[number];
    q?: string;
    buyer?: string;
    product?: string;
    kind?: string;
    from?: string;
    to?: string;
  };
  return { filter, set, query, search: new URLSearchParams(query as Record<string, string>).toString() };
}

export function OrdersWorkbenchPage() {
  const { t } = useTranslation(['admin', 'workbench']);
  const errorText = useErrorText();
  const { filter, set, query, search } = useOrderFilter();
  const [number, setNumber] = useState(filter.q);
  const [product, setProduct] = useState(filter.product);
  const [selected, setSelected] = useState<AdminOrder[]>([]);
  const [shipping, setShipping] = useState(false);

  const summary = useQuery({
    queryKey: ['admin', 'orders', 'summary', search],
    queryFn: () => call(api.GET('/api/v1/admin/orders/summary', { params: { query } })),
  });
  const list = useInfiniteQuery({
    queryKey: ['admin', 'orders', 'list', search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/admin/orders', { params: { query: { ...query, cursor: pageParam, limit: 50 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const buyers = useMemo(() => Object.assign({}, ...(list.data?.pages.map((p) => p.buyers) ?? [])) as Record<string, string>, [list.data]);

  const counts = summary.data?.counts;
  const tabs = [
    { key: '', label: `${t('workbench:all')}${summary.data ? ` ${summary.data.all.toLocaleString()}` : ''}` },
    ...STATUSES.map((s) => ({ key: s, label: `${t(`status.${s}`)}${counts ? ` ${counts[s].toLocaleString()}` : ''}` })),
  ];

  const columns: ColumnsType<AdminOrder> = [
    { title: t('orders.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/orders/${o.id}`} className="mono">{n}</Link>, width: 190 },
    {
      title: t('orders.items'),
      render: (_, o) => (
        <Space>
          {o.lines[0]?.image && <img src={o.lines[0].image} alt="" width={36} height={36} style={{ objectFit: 'cover', borderRadius: 4 }} />}
          <span>
            {o.lines[0]?.title}
            {o.lines.length > 1 && <Typography.Text type="secondary"> {t('orders.moreLines', { count: o.lines.length - 1 })}</Typography.Text>}
          </span>
        </Space>
      ),
    },
    { title: t('workbench:buyer'), dataIndex: 'userId', render: (id: string) => <Link to={`/customers/${id}`}>{buyers[id] ?? t('workbench:unknownBuyer')}</Link>, width: 140 },
    { title: t('orders.total'), dataIndex: 'total', align: 'right', render: (m) => formatMoney(m), width: 110 },
    { title: t('orders.paid'), dataIndex: 'paid', align: 'right', render: (m) => formatMoney(m), width: 110 },
    {
      title: t('orders.status'),
      render: (_, o) => (
        <Space size={4} wrap>
          <Tag color={o.status === 'to_ship' ? 'orange' : o.status === 'completed' ? 'green' : o.status.startsWith('refund') || o.status === 'cancelled' ? 'default' : 'blue'}>{t(`status.${o.status}`, { defaultValue: o.status })}</Tag>
          {o.kind !== 'standard' && <Tag>{t(`orderKind.${o.kind}`, { defaultValue: o.kind })}</Tag>}
        </Space>
      ),
      width: 150,
    },
    { title: t('orders.placed'), dataIndex: 'placedAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>, width: 160 },
  ];

  return (
    <>
      <PageHead
        title={t('orders.title')}
        actions={
          <Space>
            <Button href={`/api/v1/admin/orders/export.csv?${search}`} download="orders.csv">{t('workbench:export')}</Button>
            <Button type="primary" disabled={selected.length === 0} onClick={() => setShipping(true)}>
              {t('workbench:bulkShip', { count: selected.length })}
            </Button>
          </Space>
        }
      />
      <Tabs activeKey={filter.status} items={tabs} onChange={(status) => { setSelected([]); set({ status }); }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('workbench:numberPlaceholder')} value={number} onChange={(e) => setNumber(e.target.value)} onSearch={(q) => set({ q: q.trim() })} maxLength={40} style={{ width: 220 }} aria-label={t('orders.search')} />
        <CustomerPicker placeholder={t('workbench:buyerPlaceholder')} label={t('workbench:buyer')} value={filter.buyer ? { id: filter.buyer, label: filter.buyerName || filter.buyer.slice(0, 8) } : null} onChange={(b) => set({ buyer: b?.id ?? '', buyerName: b?.label ?? '' })} />
        <Input.Search allowClear placeholder={t('workbench:productPlaceholder')} value={product} onChange={(e) => setProduct(e.target.value)} onSearch={(p) => set({ product: p.trim() })} maxLength={60} style={{ width: 200 }} aria-label={t('workbench:product')} />
        <Select allowClear placeholder={t('workbench:kind')} value={filter.kind || undefined} onChange={(kind) => set({ kind: kind ?? '' })} style={{ width: 120 }} aria-label={t('workbench:kind')} options={KINDS.map((k) => ({ value: k, label: t(`orderKind.${k}`) }))} />
        <DatePicker.RangePicker
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD') ?? '', to: range?.[1]?.format('YYYY-MM-DD') ?? '' })}
          aria-label={t('workbench:dates')}
        />
      </Space>
      <Typography.Paragraph type="secondary" data-testid="orders-summary">
        {summary.data ? t('workbench:summary', { count: summary.data.count.toLocaleString(), total: formatMoney(summary.data.total) }) : '\u00a0'}
      </Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>}
      <Table<AdminOrder>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isLoading}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected.map((o) => o.id),
          onChange: (_, chosen) => setSelected(chosen),
          getCheckboxProps: (o) => ({ disabled: o.status !== 'to_ship', 'aria-label': o.number }),
        }}
      />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('workbench:more')}</Button>
        </div>
      )}
      <BulkShipDialog
        open={shipping}
        orders={selected}
        onClose={(shippedIds) => {
          setShipping(false);
          if (shippedIds.length) {
            setSelected((s) => s.filter((o) => !shippedIds.includes(o.id)));
            void list.refetch();
            void summary.refetch();
          }
        }}
      />
    </>
  );
}
