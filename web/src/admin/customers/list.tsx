// Customers (Ant Design): every account with its orders, paid spend, tier, points and how they came
// (invited by whom, through a share, or direct); filters for account status, tier, source, orders
// and registration days, sorts by registration, spend or orders, pages with the total. Filters,
// sort and page live in the URL so a filtered list can be shared or reloaded.
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney, formatNumber, localText } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';

type ListQuery = NonNullable<paths['/api/v1/admin/customers']['get']['parameters']['query']>;
export type CustomerRow = paths['/api/v1/admin/customers']['get']['responses'][200]['content']['application/json']['items'][number];

const STATUSES = ['active', 'suspended', 'erased'] as const;
const SOURCES = ['direct', 'invite', 'share'] as const;
const SORTS = ['registered', 'spend', 'orders'] as const;
const KEYS = ['q', 'status', 'tier', 'source', 'hasOrders', 'from', 'to', 'sort', 'order', 'page'] as const;
const PAGE_SIZE = 20;

export const statusColor = (s: string) => (s === 'active' ? 'green' : s === 'suspended' ? 'red' : 'default');

function useCustomerFilter() {
  const [params, setParams] = useSearchParams();
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof KEYS)[number], string>;
  const set = (patch: Partial<typeof f>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
      // Any change but the page itself starts from the first page.
      if (!('page' in patch)) next.delete('page');
      return next;
    }, { replace: true });
  const query: ListQuery = {
    limit: PAGE_SIZE,
    ...(f.q && { q: f.q }),
    ...((STATUSES as readonly string[]).includes(f.status) && { status: f.status as ListQuery['status'] }),
    ...(f.tier && { tier: f.tier }),
    ...((SOURCES as readonly string[]).includes(f.source) && { source: f.source as ListQuery['source'] }),
    ...(f.hasOrders && { hasOrders: f.hasOrders === 'true' }),
    ...(f.from && { registeredFrom: f.from }),
    ...(f.to && { registeredTo: f.to }),
    ...((SORTS as readonly string[]).includes(f.sort) && { sort: f.sort as ListQuery['sort'] }),
    ...((f.order === 'asc' || f.order === 'desc') && { order: f.order }),
    page: Math.max(1, Number(f.page) || 1),
  };
  return { f, set, query };
}

export function CustomersListPage() {
  const { t } = useTranslation('customersPage');
  const errorText = useErrorText();
  const { f, set, query } = useCustomerFilter();
  const [text, setText] = useState(f.q);
  const tiers = useQuery({ queryKey: ['admin', 'loyalty', 'tiers'], queryFn: () => call(api.GET('/api/v1/admin/loyalty/tiers')) });
  const list = useQuery({
    queryKey: ['admin', 'customers', 'list', query],
    queryFn: () => call(api.GET('/api/v1/admin/customers', { params: { query } })),
    placeholderData: (previous) => previous,
  });

  const sortOrder = (key: (typeof SORTS)[number]) => ((query.sort ?? 'registered') === key ? ((query.order ?? 'desc') === 'asc' ? 'ascend' : 'descend') : null);
  const columns: ColumnsType<CustomerRow> = [
    {
      title: t('name'),
      key: 'name',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/customers/${c.id}`}>{c.displayName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.phone ?? c.email ?? ''}</Typography.Text>
        </Space>
      ),
    },
    { title: t('status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={statusColor(s)}>{t(`accountStatus.${s}`, { defaultValue: s })}</Tag> },
    { title: t('tier'), key: 'tier', width: 110, render: (_, c) => (c.tier ? localText(c.tier.name, c.tier.nameEn) : t('none')) },
    { title: t('points'), dataIndex: 'points', align: 'right', width: 90, render: (n: number) => formatNumber(n) },
    { title: t('orders'), dataIndex: 'orders', key: 'orders', align: 'right', width: 90, sorter: true, sortOrder: sortOrder('orders'), render: (n: number) => formatNumber(n) },
    { title: t('spent'), dataIndex: 'spent', key: 'spend', align: 'right', width: 120, sorter: true, sortOrder: sortOrder('spend'), render: (m: CustomerRow['spent']) => formatMoney(m) },
    {
      title: t('source'),
      key: 'source',
      width: 200,
      render: (_, c) => {
        const kind = t(`sourceKind.${c.source.kind}`);
        if (c.source.kind === 'direct' || !c.source.by) return kind;
        return (
          <span>
            {kind}
            {c.source.channel && <Typography.Text type="secondary"> ({t(`channel.${c.source.channel}`, { defaultValue: c.source.channel })})</Typography.Text>}
            {' · '}
            <Link to={`/customers/${c.source.by.id}`}>{c.source.by.name}</Link>
          </span>
        );
      },
    },
    { title: t('joined'), dataIndex: 'createdAt', key: 'registered', width: 170, sorter: true, sortOrder: sortOrder('registered'), render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
  ];

  const onChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<CustomerRow> | SorterResult<CustomerRow>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : '';
    const sort = key === 'spend' || key === 'orders' ? key : key === 'registered' ? 'registered' : '';
    const order = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : '';
    const sortChanged = sort !== (f.sort || '') || order !== (f.order || '');
    if (sortChanged) set({ sort, order });
    else set({ page: pagination.current && pagination.current > 1 ? String(pagination.current) : '' });
  };

  return (
    <>
      <PageHead title={t('title')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('searchPlaceholder')} aria-label={t('search')} value={text} onChange={(e) => setText(e.target.value)} onSearch={(q) => set({ q: q.trim() })} maxLength={100} style={{ width: 240 }} />
        <Select allowClear placeholder={t('anyStatus')} aria-label={t('status')} value={f.status || undefined} onChange={(v) => set({ status: v ?? '' })} style={{ width: 120 }} options={STATUSES.map((s) => ({ value: s, label: t(`accountStatus.${s}`) }))} />
        <Select allowClear placeholder={t('anyTier')} aria-label={t('tier')} value={f.tier || undefined} onChange={(v) => set({ tier: v ?? '' })} style={{ width: 130 }} options={(tiers.data ?? []).map((tier) => ({ value: tier.code, label: localText(tier.name, tier.nameEn) }))} />
        <Select allowClear placeholder={t('anySource')} aria-label={t('source')} value={f.source || undefined} onChange={(v) => set({ source: v ?? '' })} style={{ width: 130 }} options={SOURCES.map((s) => ({ value: s, label: t(`sourceKind.${s}`) }))} />
        <Select allowClear placeholder={t('hasOrders')} aria-label={t('hasOrders')} value={f.hasOrders || undefined} onChange={(v) => set({ hasOrders: v ?? '' })} style={{ width: 120 }} options={[{ value: 'true', label: t('withOrders') }, { value: 'false', label: t('withoutOrders') }]} />
        <DatePicker.RangePicker
          aria-label={t('registered')}
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD') ?? '', to: range?.[1]?.format('YYYY-MM-DD') ?? '' })}
        />
      </Space>
      <Typography.Paragraph type="secondary" data-testid="customers-total">
        {list.data ? t('total', { n: formatNumber(list.data.total) }) : '\u00a0'}
      </Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>}
      <Table<CustomerRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: t('empty') }}
        onChange={onChange}
        pagination={{ current: query.page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('total', { n: formatNumber(total) }) }}
      />
    </>
  );
}
