// The price-cuts of a campaign (GET /admin/bargain/campaigns/{id}/cuts): who started each (name and
// masked phone), helpers against those needed, the price now against the floor, and what the floor
// price costs (list − floor for each cut that reached it), with the campaign's totals above.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Row, Statistic, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type paths } from '../../../shared/api';
import { formatDateTime, formatMoney, formatNumber } from '../../../shared/format';
import { useErrorText } from '../../../shared/ui';
import { PersonName } from './person';
import './i18n';

type CutsPage = paths['/api/v1/admin/bargain/campaigns/{id}/cuts']['get']['responses'][200]['content']['application/json'];
type Cut = CutsPage['items'][number];
const STATUSES = ['open', 'succeeded', 'ordered', 'bought', 'expired'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLOR: Record<string, string> = { open: 'processing', succeeded: 'success', ordered: 'cyan', bought: 'green', expired: 'default' };

export function BargainCuts({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('campaignResults');
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [status, setStatus] = useState<Status | undefined>();
  const q = useQuery({
    queryKey: ['admin', 'bargain', 'cuts', campaignId, status, page, pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/bargain/campaigns/{id}/cuts', { params: { path: { id: campaignId }, query: { status, page, pageSize } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const columns: ColumnsType<Cut> = [
    { title: t('cuts.owner'), key: 'owner', render: (_, x) => <PersonName person={x.owner} />, width: 200 },
    {
      title: t('cuts.helpers'),
      key: 'helpers',
      width: 160,
      render: (_, x) => <Progress size="small" percent={Math.min(100, Math.round((x.helpers / Math.max(1, x.helpersNeeded)) * 100))} format={() => `${x.helpers} / ${x.helpersNeeded}`} />,
    },
    { title: t('cuts.price'), key: 'price', width: 110, align: 'right', render: (_, x) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(x.currentPrice)}</span> },
    { title: t('cuts.floor'), key: 'floor', width: 110, align: 'right', render: (_, x) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(x.floorPrice)}</span> },
    { title: <Tooltip title={t('cuts.costTip')}>{t('cuts.floorCost')}</Tooltip>, key: 'cost', width: 110, align: 'right', render: (_, x) => (x.reachedFloor ? formatMoney(x.floorCost) : '—') },
    {
      title: t('cuts.status'),
      dataIndex: 'status',
      width: 110,
      filters: STATUSES.map((s) => ({ text: t(`cuts.status_${s}`), value: s })),
      filterMultiple: false,
      filteredValue: status ? [status] : null,
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`cuts.status_${s}`, { defaultValue: s })}</Tag>,
    },
    { title: t('cuts.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
  ];
  const s = q.data?.summary;
  return (
    <Card title={t('cuts.title')} size="small">
      {q.isError ? (
        <Alert type="error" showIcon message={t('loadFailed')} description={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('retry')}</Button>} />
      ) : (
        <>
          {s && (
            <Row gutter={12} style={{ marginBottom: 12 }}>
              <Col span={8}>
                <Statistic title={t('cuts.summaryCuts')} value={formatNumber(s.cuts)} />
              </Col>
              <Col span={8}>
                <Statistic title={t('cuts.summaryFloor')} value={formatNumber(s.reachedFloor)} />
              </Col>
              <Col span={8}>
                <Tooltip title={t('cuts.costTip')}>
                  <Statistic title={t('cuts.summaryCost')} value={formatMoney(s.floorCost)} valueStyle={{ whiteSpace: 'nowrap' }} />
                </Tooltip>
              </Col>
            </Row>
          )}
          <Table<Cut>
            rowKey="id"
            size="small"
            loading={q.isFetching && !q.data}
            columns={columns}
            dataSource={q.data?.items ?? []}
            locale={{ emptyText: t('cuts.empty') }}
            pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
            onChange={(p, filters) => {
              const next = (filters.status?.[0] as Status | undefined) ?? undefined;
              if (next !== status) {
                setStatus(next);
                setPage(1);
              } else setPage(p.current ?? 1);
              setPageSize(p.pageSize ?? 10);
            }}
            scroll={{ x: 900 }}
          />
        </>
      )}
    </Card>
  );
}
