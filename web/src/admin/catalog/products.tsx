// The product list (Ant Design): thumbnail, title, category, price range, stock summed over SKUs,
// units sold and status; sorting, filters and the page kept in the URL; a total; rows selected for
// bulk 上架 / 下架 after a confirmation, with each product that could not change named and explained.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, call } from '../../shared/api';
import { formatDateTime, formatMoney, formatNumber } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { flattenCategories, treeOptions, useCategoryTree, type BoardItem, type ProductStatus } from './data';

const SORTS = ['created', 'price', 'stock', 'sales'] as const;
type Sort = (typeof SORTS)[number];
const STATUSES: ProductStatus[] = ['active', 'draft', 'archived'];
const STATUS_COLOUR: Record<string, string> = { active: 'green', draft: 'default', archived: 'orange' };

/** Filters, sort and page in the URL, so a reload or a shared link shows the same list. */
function useBoardParams() {
  const [params, setParams] = useSearchParams();
  const sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'created';
  const order: 'asc' | 'desc' = params.get('order') === 'asc' ? 'asc' : 'desc';
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as ProductStatus) : undefined;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const set = (patch: Record<string, string | number | undefined>, keepPage = false) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) v === undefined || v === '' ? next.delete(k) : next.set(k, String(v));
      if (!keepPage) next.delete('page');
      return next;
    }, { replace: true });
  return { sort, order, status, page, pageSize, q, category, set };
}

export function ProductsPage() {
  const { t, i18n } = useTranslation(['catalog', 'admin']);
  const en = i18n.language === 'en';
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const p = useBoardParams();
  const [text, setText] = useState(p.q);
  const [selected, setSelected] = useState<BoardItem[]>([]);
  const [failures, setFailures] = useState<{ title: string; message: string }[]>([]);
  const tree = useCategoryTree();
  const names = useMemo(() => new Map(flattenCategories(tree.data?.items).map((c) => [c.id, en ? c.nameEn : c.name])), [tree.data, en]);

  const query = { q: p.q || undefined, status: p.status, categoryId: p.category || undefined, sort: p.sort, order: p.order, page: p.page, pageSize: p.pageSize };
  const board = useQuery({
    queryKey: ['admin', 'products', 'board', query],
    queryFn: () => call(api.GET('/api/v1/admin/catalog/products/board', { params: { query } })),
    placeholderData: (prev) => prev,
  });

  function bulk(status: 'active' | 'archived') {
    const chosen = selected;
    modal.confirm({
      centered: true,
      title: t(status === 'active' ? 'confirmOn' : 'confirmOff', { count: chosen.length }),
      content: t(status === 'active' ? 'confirmOnBody' : 'confirmOffBody'),
      okText: t(status === 'active' ? 'bulkOn' : 'bulkOff'),
      cancelText: t('cancel'),
      onOk: async () => {
        setFailures([]);
        try {
          const res = await call(api.POST('/api/v1/admin/catalog/products/bulk-status', { body: { ids: chosen.map((r) => r.id), status } }));
          const failed = res.results.filter((r) => !r.ok);
          if (res.changed > 0 || failed.length === 0) message.success(t(status === 'active' ? 'doneOn' : 'doneOff', { count: res.results.length - failed.length }));
          setFailures(failed.map((r) => ({ title: chosen.find((c) => c.id === r.id)?.title ?? '', message: errorText(new ApiError(422, r.error?.code ?? 'UNKNOWN', r.error?.message ?? '', r.error?.details)) })));
          setSelected((s) => s.filter((row) => failed.some((f) => f.id === row.id)));
        } catch (err) {
          setFailures([{ title: '', message: errorText(err) }]);
        }
        await client.invalidateQueries({ queryKey: ['admin', 'products'] });
        await client.invalidateQueries({ queryKey: ['admin', 'categories'] });
      },
    });
  }

  const sortOrder = (key: Sort) => (p.sort === key ? (p.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: ColumnsType<BoardItem> = [
    {
      title: t('product'),
      key: 'product',
      render: (_, r) => (
        <Space>
          {r.image ? <img src={r.image} alt="" width={44} height={44} style={{ objectFit: 'cover', borderRadius: 4, display: 'block' }} /> : <span className="thumb-empty" style={{ width: 44, height: 44, display: 'inline-block' }} aria-hidden="true" />}
          <span>
            <Link to={`/products/${r.id}`}>{en && r.titleEn ? r.titleEn : r.title}</Link>
            {r.subtitle && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{en && r.subtitleEn ? r.subtitleEn : r.subtitle}</Typography.Text>}
          </span>
        </Space>
      ),
    },
    { title: t('category'), dataIndex: 'categoryId', width: 120, render: (id: string) => names.get(id) ?? (tree.isLoading ? '' : t('noCategory')) },
    {
      title: t('price'), key: 'price', align: 'right', width: 170, sorter: true, sortOrder: sortOrder('price'),
      render: (_, r) => (!r.price ? '–' : <span className="nowrap">{r.price.min.amount === r.price.max.amount ? formatMoney(r.price.min) : `${formatMoney(r.price.min)} – ${formatMoney(r.price.max)}`}</span>),
    },
    { title: t('stock'), key: 'stock', dataIndex: 'stock', align: 'right', width: 100, sorter: true, sortOrder: sortOrder('stock'), render: (n: number) => formatNumber(n) },
    { title: t('sales'), key: 'sales', dataIndex: 'sales', align: 'right', width: 100, sorter: true, sortOrder: sortOrder('sales'), render: (n: number) => formatNumber(n) },
    { title: t('status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={STATUS_COLOUR[s]}>{t(`statusName.${s}`, { defaultValue: s })}</Tag> },
    { title: t('createdAt'), key: 'created', dataIndex: 'createdAt', width: 160, sorter: true, sortOrder: sortOrder('created'), render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
  ];

  const data = board.data;
  return (
    <>
      <PageHead
        title={t('products')}
        actions={
          <Link className="btn btn-primary btn-small" to="/products/new">
            {t('newProduct')}
          </Link>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('search')} aria-label={t('search')} value={text} maxLength={100} style={{ width: 240 }} onChange={(e) => setText(e.target.value)} onSearch={(v) => p.set({ q: v.trim() })} />
        <Select allowClear placeholder={t('allStatuses')} aria-label={t('status')} style={{ width: 140 }} value={p.status} onChange={(v) => p.set({ status: v })} options={STATUSES.map((s) => ({ value: s, label: t(`statusName.${s}`) }))} />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          placeholder={t('allCategories')}
          aria-label={t('category')}
          style={{ width: 220 }}
          value={p.category || undefined}
          onChange={(v?: string) => p.set({ category: v })}
          treeData={treeOptions(tree.data?.items, en)}
        />
      </Space>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Space>
          <Button disabled={selected.length === 0} onClick={() => bulk('active')}>{t('bulkOn')}</Button>
          <Button disabled={selected.length === 0} onClick={() => bulk('archived')}>{t('bulkOff')}</Button>
          {selected.length > 0 && <Typography.Text type="secondary">{t('selected', { count: selected.length })}</Typography.Text>}
        </Space>
      </Space>
      {failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailures([]) }}
          style={{ marginBottom: 12, whiteSpace: 'pre-line' }}
          title={t('someFailed', { count: failures.length })}
          description={failures.map((f) => [f.title, f.message].filter(Boolean).join('：')).join('\n')}
        />
      )}
      {board.error && <Typography.Text type="danger">{errorText(board.error)}</Typography.Text>}
      <Table<BoardItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={board.isFetching}
        rowSelection={{
          selectedRowKeys: selected.map((r) => r.id),
          preserveSelectedRowKeys: true,
          onChange: (keys, rows) => setSelected((prev) => keys.map((k) => rows.find((r) => r?.id === k) ?? prev.find((r) => r.id === k)).filter((r): r is BoardItem => !!r)),
          getCheckboxProps: (r) => ({ 'aria-label': r.title }),
        }}
        pagination={{
          current: p.page,
          pageSize: p.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (count) => <span data-testid="products-total">{t('total', { n: formatNumber(count) })}</span>,
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = sorter as SorterResult<BoardItem>;
            // No order (the third click) is the default: newest first.
            p.set(s.order ? { sort: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' } : { sort: undefined, order: undefined });
          } else if (extra.action === 'paginate') {
            p.set({ page: pagination.current === 1 ? undefined : pagination.current, size: pagination.pageSize === 20 ? undefined : pagination.pageSize }, true);
          }
        }}
      />
    </>
  );
}
