// A lucky draw's results on its page: the prize pool with each product prize by title and
// thumbnail, wins and cost per prize and the total prize cost (GET …/prize-cost); every draw with
// who drew it (name and masked phone), the prize and its market value (GET …/entries), marking
// product wins sent and verifying a draw; and giving draw chances to customers picked by name.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call, type paths } from '../../../shared/api';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../../../shared/format';
import { useErrorText } from '../../../shared/ui';
import type { PickedCustomer } from '../../antd/customer-picker';
import { CustomersPicker } from '../../antd/customers-picker';
import { PersonName } from './person';
import './i18n';

type PrizeCost = paths['/api/v1/admin/lottery/draws/{id}/prize-cost']['get']['responses'][200]['content']['application/json'];
type Prize = PrizeCost['prizes'][number];
type EntriesPage = paths['/api/v1/admin/lottery/draws/{id}/entries']['get']['responses'][200]['content']['application/json'];
type Entry = EntriesPage['items'][number];
type Product = NonNullable<Prize['product']>;
const STATUSES = ['granted', 'to_fulfil', 'fulfilled', 'nothing'] as const;
type Status = (typeof STATUSES)[number];

function ProductCell({ product }: { product: Product }) {
  return (
    <Link to={`/products/${product.productId}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {product.image && <img src={product.image} alt="" width={32} height={32} style={{ objectFit: 'cover', borderRadius: 4 }} />}
      <span>
        {product.title}
        {product.skuLabel && <Typography.Text type="secondary"> · {product.skuLabel}</Typography.Text>}
      </span>
    </Link>
  );
}

export function LotteryResults({ drawId, canGrant }: { drawId: string; canGrant: boolean }) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PrizePool drawId={drawId} />
      <Entries drawId={drawId} />
      {canGrant && <GrantChances drawId={drawId} />}
    </Space>
  );
}

function PrizePool({ drawId }: { drawId: string }) {
  const { t } = useTranslation('campaignResults');
  const errorText = useErrorText();
  const q = useQuery({ queryKey: ['admin', 'lottery', 'prize-cost', drawId], queryFn: () => call(api.GET('/api/v1/admin/lottery/draws/{id}/prize-cost', { params: { path: { id: drawId } } })), refetchInterval: 15_000 });
  const columns: ColumnsType<Prize> = [
    {
      title: t('lottery.prize'),
      key: 'name',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <span>{p.name}</span>
          {p.product && <ProductCell product={p.product} />}
          {p.kind === 'points' && p.points !== null && <Typography.Text type="secondary">{t('lottery.points', { n: formatNumber(p.points) })}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('lottery.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`lottery.kind_${k}`, { defaultValue: k }) },
    { title: t('lottery.odds'), dataIndex: 'probability', width: 90, align: 'right', render: (p: number) => formatPercent(p, undefined, p < 0.01 ? 2 : 1) },
    { title: t('lottery.stock'), key: 'stock', width: 110, align: 'right', render: (_, p) => (p.stockTotal === null ? t('lottery.unlimited') : `${formatNumber(p.stockLeft ?? 0)} / ${formatNumber(p.stockTotal)}`) },
    { title: t('lottery.value'), dataIndex: 'value', width: 110, align: 'right', render: (v: Prize['value']) => formatMoney(v) },
    { title: t('lottery.wins'), dataIndex: 'wins', width: 90, align: 'right', render: (n: number) => formatNumber(n) },
    { title: t('lottery.cost'), dataIndex: 'cost', width: 120, align: 'right', render: (v: Prize['cost']) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(v)}</span> },
  ];
  return (
    <Card title={t('lottery.prizes')} size="small">
      {q.isError ? (
        <Alert type="error" showIcon message={t('loadFailed')} description={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('retry')}</Button>} />
      ) : (
        <>
          {q.data && (
            <Row gutter={12} style={{ marginBottom: 12 }}>
              <Col span={6}>
                <Statistic title={t('lottery.draws')} value={formatNumber(q.data.draws)} />
              </Col>
              <Col span={6}>
                <Statistic title={t('lottery.drawers')} value={formatNumber(q.data.drawers)} />
              </Col>
              <Col span={6}>
                <Statistic title={t('lottery.winners')} value={formatNumber(q.data.winners)} />
              </Col>
              <Col span={6}>
                <Tooltip title={t('lottery.prizeCostTip')}>
                  <Statistic title={t('lottery.prizeCost')} value={formatMoney(q.data.prizeCost)} valueStyle={{ whiteSpace: 'nowrap' }} />
                </Tooltip>
              </Col>
            </Row>
          )}
          <Table<Prize> rowKey="id" size="small" loading={q.isPending} columns={columns} dataSource={q.data?.prizes ?? []} pagination={false} />
        </>
      )}
    </Card>
  );
}

function Entries({ drawId }: { drawId: string }) {
  const { t } = useTranslation('campaignResults');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [status, setStatus] = useState<Status | undefined>();
  const [audits, setAudits] = useState<Record<string, boolean>>({});
  const q = useQuery({
    queryKey: ['admin', 'lottery', 'entries', drawId, status, page, pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/lottery/draws/{id}/entries', { params: { path: { id: drawId }, query: { status, page, pageSize } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const fulfil = useMutation({
    mutationFn: (entryId: string) => call(api.POST('/api/v1/admin/lottery/entries/{id}/fulfil', { params: { path: { id: entryId } } })),
    onSuccess: () => {
      void message.success(t('lottery.sent'));
      void client.invalidateQueries({ queryKey: ['admin', 'lottery', 'entries', drawId] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const audit = useMutation({
    mutationFn: (entryId: string) => call(api.GET('/api/v1/admin/lottery/entries/{id}/audit', { params: { path: { id: entryId } } })),
    onSuccess: (r) => setAudits((x) => ({ ...x, [r.entry.id]: r.matches })),
    onError: (err) => void message.error(errorText(err)),
  });
  const columns: ColumnsType<Entry> = [
    { title: t('lottery.at'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
    { title: t('lottery.who'), key: 'who', width: 200, render: (_, x) => <PersonName person={x.person} /> },
    {
      title: t('lottery.prize'),
      key: 'prize',
      render: (_, x) => (
        <Space direction="vertical" size={0}>
          <span>{x.prize.name}</span>
          {x.prize.product && <ProductCell product={x.prize.product} />}
          {x.fellBack && <Typography.Text type="secondary">{t('lottery.fellBack')}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('lottery.value'), key: 'value', width: 110, align: 'right', render: (_, x) => (x.prize.value.amount > 0 ? formatMoney(x.prize.value) : '—') },
    {
      title: t('lottery.status'),
      dataIndex: 'status',
      width: 110,
      filters: STATUSES.map((s) => ({ text: t(`lottery.entry_${s}`), value: s })),
      filterMultiple: false,
      filteredValue: status ? [status] : null,
      render: (s: string) => <Tag color={s === 'to_fulfil' ? 'gold' : s === 'nothing' ? 'default' : 'green'}>{t(`lottery.entry_${s}`, { defaultValue: s })}</Tag>,
    },
    { title: t('lottery.chance'), dataIndex: 'chance', width: 80, render: (c: string) => t(`lottery.chance_${c}`, { defaultValue: c }) },
    {
      title: t('lottery.actions'),
      key: 'actions',
      width: 200,
      render: (_, x) => (
        <Space>
          {x.status === 'to_fulfil' && (
            <Button size="small" loading={fulfil.isPending && fulfil.variables === x.id} onClick={() => fulfil.mutate(x.id)}>
              {t('lottery.markSent')}
            </Button>
          )}
          {x.id in audits ? (
            <Typography.Text type={audits[x.id] ? 'success' : 'danger'}>{audits[x.id] ? t('lottery.auditOk') : t('lottery.auditBad')}</Typography.Text>
          ) : (
            <Button size="small" type="link" loading={audit.isPending && audit.variables === x.id} onClick={() => audit.mutate(x.id)}>
              {t('lottery.verify')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('lottery.results')} size="small">
      {q.isError ? (
        <Alert type="error" showIcon message={t('loadFailed')} description={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('retry')}</Button>} />
      ) : (
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={q.isFetching && !q.data}
          columns={columns}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('lottery.empty') }}
          pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
          onChange={(p, filters) => {
            const next = (filters.status?.[0] as Status | undefined) ?? undefined;
            if (next !== status) {
              setStatus(next);
              setPage(1);
            } else setPage(p.current ?? 1);
            setPageSize(p.pageSize ?? 10);
          }}
          scroll={{ x: 1000 }}
        />
      )}
    </Card>
  );
}

function GrantChances({ drawId }: { drawId: string }) {
  const { t } = useTranslation('campaignResults');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ customers: PickedCustomer[]; amount: number }>();
  const [failures, setFailures] = useState<string[]>([]);
  const grant = useMutation({
    // One request per customer: the API grants to one account at a time; failures are named.
    mutationFn: async (v: { customers: PickedCustomer[]; amount: number }) => {
      const failed: string[] = [];
      let granted = 0;
      for (const c of v.customers) {
        try {
          await call(api.POST('/api/v1/admin/lottery/draws/{id}/chances', { params: { path: { id: drawId } }, body: { userId: c.id, amount: v.amount } }));
          granted++;
        } catch (err) {
          failed.push(t('lottery.grantFailed', { name: c.label, reason: errorText(err) }));
        }
      }
      return { granted, failed };
    },
    onSuccess: ({ granted, failed }) => {
      setFailures(failed);
      if (granted > 0) void message.success(t('lottery.granted', { n: granted }));
      if (failed.length === 0) form.resetFields();
    },
  });
  return (
    <Card title={t('lottery.grantTitle')} size="small">
      <Form form={form} layout="inline" initialValues={{ customers: [], amount: 1 }} onFinish={(v) => grant.mutate(v)}>
        <Form.Item name="customers" label={t('lottery.customers')} rules={[{ validator: (_, v: PickedCustomer[] | undefined) => (v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('lottery.pickOne')))) }]}>
          <CustomersPicker placeholder={t('lottery.customersPlaceholder')} label={t('lottery.customers')} />
        </Form.Item>
        <Form.Item name="amount" label={t('lottery.amount')} rules={[{ required: true, type: 'integer', min: 1, max: 1000, message: t('lottery.amountRange') }]}>
          <InputNumber min={1} max={1000} precision={0} aria-label={t('lottery.amount')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending}>
            {t('lottery.grant')}
          </Button>
        </Form.Item>
      </Form>
      {failures.length > 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon message={failures.join('；')} />}
    </Card>
  );
}
