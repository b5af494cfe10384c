// One share cascade (Ant Design, lazy route): what was shared and for which campaign, the cascade's
// size, depth, breadth and virality, the tree drawn with ECharts with every sharer by name, and the
// nodes as a table linking each sharer to their customer page.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { Chart, type ChartOption } from '../charts';
import { BackLink, PageHead } from '../kit';
import { TargetLabel, useChannelLabel } from './target';
import './i18n';

type Cascade = paths['/api/v1/admin/shares/{id}/cascade']['get']['responses'][200]['content']['application/json'];
type CascadeNode = Cascade['nodes'][number];

interface TreeNode {
  name: string;
  value: string;
  id: string;
  children: TreeNode[];
}

function CascadePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['admin', 'sharesx']);
  const errorText = useErrorText();
  const channel = useChannelLabel();
  const cascade = useQuery({ queryKey: ['admin', 'cascade', id], queryFn: () => call(api.GET('/api/v1/admin/shares/{id}/cascade', { params: { path: { id } } })) });
  const data = cascade.data;
  const nameOf = (n: CascadeNode) => n.sharer.name || t('sharesx:unknown');
  const tree = useMemo(() => {
    if (!data) return null;
    const byId = new Map<string, TreeNode>();
    for (const n of data.nodes) byId.set(n.id, { id: n.id, name: n.sharer.name || t('sharesx:unknown'), value: t('shares.nodeLabel', { clicks: n.clicks, signups: n.signups, orders: n.orders }), children: [] });
    let root: TreeNode | null = null;
    for (const n of data.nodes) {
      const node = byId.get(n.id)!;
      const parent = n.parentId ? byId.get(n.parentId) : undefined;
      if (parent) parent.children.push(node);
      else if (!root || n.id === data.root.id) root = node;
    }
    return root;
  }, [data, t]);
  const option: ChartOption | null = tree
    ? {
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: string }) => `${p.name}<br/>${p.value}` },
        series: [
          {
            type: 'tree',
            data: [tree],
            top: 20,
            left: 150,
            bottom: 20,
            right: 160,
            symbolSize: 10,
            orient: 'LR',
            initialTreeDepth: -1,
            expandAndCollapse: true,
            roam: true,
            itemStyle: { color: '#d5281f', borderColor: '#a81d16' },
            label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 12, formatter: (p: { name: string; value: string }) => `${p.name}\n{sub|${p.value}}`, rich: { sub: { color: '#5c5c5c', fontSize: 11 } } },
            leaves: { label: { position: 'right', align: 'left' } },
            animationDuration: 300,
          },
        ],
      }
    : null;
  const n = (v: number) => v.toLocaleString();
  const columns: ColumnsType<CascadeNode> = [
    {
      title: t('shares.sharer'),
      key: 'sharer',
      render: (_, node) => (
        <span style={{ paddingLeft: Math.min(node.depth, 8) * 12 }}>
          <Link to={`/customers/${node.sharerId}`}>{nameOf(node)}</Link>
          {node.sharer.phone && <Typography.Text type="secondary"> · {node.sharer.phone}</Typography.Text>}
        </span>
      ),
    },
    { title: t('shares.depth'), dataIndex: 'depth', align: 'right' },
    { title: t('shares.channel'), dataIndex: 'channel', render: (c: string) => channel(c) },
    { title: t('kpi.clicks'), dataIndex: 'clicks', align: 'right', render: n },
    { title: t('shares.visitors'), dataIndex: 'visitors', align: 'right', render: n },
    { title: t('shares.signups'), dataIndex: 'signups', align: 'right', render: n },
    { title: t('kpi.orders'), dataIndex: 'orders', align: 'right', render: n },
    { title: t('kpi.paidOrders'), dataIndex: 'paidOrders', align: 'right', render: n },
    { title: t('shares.created'), dataIndex: 'createdAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
  ];
  if (cascade.error) return <Typography.Paragraph type="danger">{errorText(cascade.error)}</Typography.Paragraph>;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const rootNode = data.nodes.find((x) => x.id === data.root.id);
  const height = Math.min(900, Math.max(260, data.nodes.length * 26));
  return (
    <>
      <PageHead title={t('shares.cascadeTitle')} actions={<BackLink to="/shares" />}>
        <Space size={16} wrap style={{ marginTop: 4 }}>
          <TargetLabel target={data.targetCard} />
          {rootNode && <span>{t('sharesx:sharedBy', { name: nameOf(rootNode) })}</span>}
          {data.campaign && <span>{t('sharesx:campaign')}: {data.campaign.name ?? t('sharesx:gone')}</span>}
          <span className="muted">{channel(data.root.channel)} · {formatDateTime(data.root.createdAt)}</span>
        </Space>
      </PageHead>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}><Card size="small"><Statistic title={t('shares.size')} value={data.stats.size} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('shares.depth')} value={data.stats.depth} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('shares.maxBreadth')} value={data.stats.maxBreadth} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('shares.virality')} value={data.stats.structuralVirality} precision={2} /></Card></Col>
      </Row>
      <section className="card section" aria-labelledby="tree-title">
        <h2 id="tree-title">{t('shares.tree')}</h2>
        {option && <Chart option={option} height={height} label={t('shares.treeLabel', { size: data.stats.size, depth: data.stats.depth })} />}
      </section>
      <section className="section" aria-labelledby="nodes-title">
        <h2 id="nodes-title">{t('shares.nodes')}</h2>
        <Table<CascadeNode> rowKey="id" size="small" columns={columns} dataSource={[...data.nodes].sort((a, b) => a.depth - b.depth || a.createdAt.localeCompare(b.createdAt))} pagination={data.nodes.length > 50 ? { pageSize: 50 } : false} />
      </section>
    </>
  );
}

export function Component() {
  return (
    <AntdProvider>
      <CascadePage />
    </AntdProvider>
  );
}
