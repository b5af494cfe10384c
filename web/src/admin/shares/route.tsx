// Shares & cascades (Ant Design, lazy route): totals by channel, and the cascades' root shares with
// the sharer by name, what was shared (title and thumbnail), the campaign by name, the channel,
// clicks, sign-ups and orders; a row opens its cascade.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { PageHead } from '../kit';
import { TargetLabel, useChannelLabel } from './target';
import './i18n';

type Root = paths['/api/v1/admin/shares']['get']['responses'][200]['content']['application/json']['items'][number];
type Stats = paths['/api/v1/admin/shares/stats']['get']['responses'][200]['content']['application/json'];
type ChannelRow = Stats['byChannel'][number];

function ChannelStats({ stats }: { stats: Stats }) {
  const { t } = useTranslation('admin');
  const channel = useChannelLabel();
  const rows = [...stats.byChannel].sort((a, b) => b.shares - a.shares);
  const n = (v: number) => v.toLocaleString();
  const columns: ColumnsType<ChannelRow> = [
    { title: t('shares.channel'), dataIndex: 'channel', render: (c: string) => channel(c) },
    { title: t('kpi.shares'), dataIndex: 'shares', align: 'right', render: n },
    { title: t('kpi.clicks'), dataIndex: 'clicks', align: 'right', render: n },
    { title: t('shares.visitors'), dataIndex: 'uniqueVisitors', align: 'right', render: n },
    { title: t('shares.newVisitors'), dataIndex: 'newVisitors', align: 'right', render: n },
    { title: t('kpi.attributedSignups'), dataIndex: 'attributedSignups', align: 'right', render: n },
    { title: t('kpi.orders'), dataIndex: 'attributedOrders', align: 'right', render: n },
    { title: t('kpi.paidOrders'), dataIndex: 'attributedPaidOrders', align: 'right', render: n },
    { title: t('kpi.gmv'), dataIndex: 'gmv', align: 'right', render: (m) => formatMoney(m) },
  ];
  return (
    <Table<ChannelRow>
      rowKey="channel"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}><strong>{t('shares.total')}</strong></Table.Summary.Cell>
          {[stats.shares, stats.clicks, stats.uniqueVisitors, stats.newVisitors, stats.attributedSignups, stats.attributedOrders, stats.attributedPaidOrders].map((v, i) => (
            <Table.Summary.Cell key={i} index={i + 1} align="right">{v.toLocaleString()}</Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={8} align="right">{formatMoney(stats.gmv)}</Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function SharesPage() {
  const { t } = useTranslation(['admin', 'sharesx']);
  const errorText = useErrorText();
  const channel = useChannelLabel();
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaign') ?? '';
  const campaignName = params.get('campaignName') ?? '';
  const setCampaign = (id: string, name: string) => setParams(id ? { campaign: id, campaignName: name } : {}, { replace: true });
  const stats = useQuery({ queryKey: ['admin', 'shareStats', campaignId], queryFn: () => call(api.GET('/api/v1/admin/shares/stats', { params: { query: { campaignId: campaignId || undefined } } })) });
  const list = useInfiniteQuery({
    queryKey: ['admin', 'shares', campaignId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/admin/shares', { params: { query: { campaignId: campaignId || undefined, cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const n = (v: number) => v.toLocaleString();
  const columns: ColumnsType<Root> = [
    {
      title: t('shares.sharer'),
      key: 'sharer',
      render: (_, s) => (
        <Link to={`/shares/${s.id}`} aria-label={t('shares.openCascade', { name: s.sharer.name || t('sharesx:unknown') })}>
          {s.sharer.name || t('sharesx:unknown')}
        </Link>
      ),
    },
    { title: t('sharesx:target'), key: 'target', render: (_, s) => <TargetLabel target={s.targetCard} /> },
    {
      title: t('sharesx:campaign'),
      key: 'campaign',
      render: (_, s) => (s.campaign ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setCampaign(s.campaign!.id, s.campaign!.name ?? '')}>{s.campaign.name ?? t('sharesx:gone')}</Button> : t('sharesx:noCampaign')),
    },
    { title: t('shares.channel'), dataIndex: 'channel', render: (c: string) => channel(c) },
    { title: t('sharesx:clicks'), dataIndex: 'clicks', align: 'right', render: n },
    { title: t('shares.size'), dataIndex: 'size', align: 'right', render: (v: number) => <strong>{n(v)}</strong> },
    { title: t('shares.signups'), dataIndex: 'signups', align: 'right', render: n },
    { title: t('kpi.orders'), dataIndex: 'orders', align: 'right', render: n },
    { title: t('kpi.paidOrders'), dataIndex: 'paidOrders', align: 'right', render: n },
    { title: t('kpi.gmv'), dataIndex: 'gmv', align: 'right', render: (m) => formatMoney(m) },
    { title: t('shares.created'), dataIndex: 'createdAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
  ];
  return (
    <>
      <PageHead title={t('shares.title')}>
        {campaignId && (
          <Tag closable onClose={() => setCampaign('', '')} style={{ marginTop: 4 }}>
            {t('sharesx:campaign')}: {campaignName || rows[0]?.campaign?.name || t('sharesx:gone')}
          </Tag>
        )}
      </PageHead>
      <section className="section" aria-labelledby="channel-title">
        <h2 id="channel-title">{t('shares.byChannel')}</h2>
        {stats.error && <Typography.Paragraph type="danger">{errorText(stats.error)}</Typography.Paragraph>}
        {stats.data && (stats.data.byChannel.length ? <ChannelStats stats={stats.data} /> : <Typography.Paragraph type="secondary">{t('shares.noStats')}</Typography.Paragraph>)}
      </section>
      <section className="section" aria-labelledby="roots-title">
        <h2 id="roots-title">{t('shares.roots')}</h2>
        {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
        <Table<Root> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isLoading} pagination={false} locale={{ emptyText: t('shares.empty') }} scroll={{ x: 'max-content' }} />
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('sharesx:more')}</Button>
          </div>
        )}
      </section>
    </>
  );
}

export function Component() {
  return (
    <AntdProvider>
      <SharesPage />
    </AntdProvider>
  );
}
