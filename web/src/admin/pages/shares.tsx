// Shares & cascades: root shares with their cascade reach, share stats by channel, and one cascade drawn as a tree.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { QueryView, SelectField } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { BackLink, CursorList, PageHead, Stat, Table, shortId, useCursorList, useSearchParam } from '../kit';

export function useTargetLabel() {
  const { t } = useTranslation('admin');
  return (target: { type: string; id: string }) => `${t(`targetType.${target.type}`, { defaultValue: target.type })} · ${shortId(target.id)}`;
}

/** A share channel (wechat, link, …) by its name in the current language. */
function useChannelLabel() {
  const { t } = useTranslation('admin');
  return (channel: string) => t(`common:share.channels.${channel}`, { defaultValue: channel });
}

/** Who shared: their name, or the start of their id when the share does not name them. */
const sharerLabel = (s: { sharerName?: string | null; sharerId: string }) => s.sharerName ?? shortId(s.sharerId);

export function ChannelStatsTable({ stats }: { stats: Awaited<ReturnType<typeof fetchShareStats>> }) {
  const { t } = useTranslation('admin');
  const channelLabel = useChannelLabel();
  const rows = [...stats.byChannel].sort((a, b) => b.shares - a.shares);
  return (
    <Table label={t('shares.byChannel')}>
      <thead>
        <tr>
          <th>{t('shares.channel')}</th>
          <th>{t('kpi.shares')}</th>
          <th>{t('kpi.clicks')}</th>
          <th>{t('shares.visitors')}</th>
          <th>{t('shares.newVisitors')}</th>
          <th>{t('kpi.attributedSignups')}</th>
          <th>{t('kpi.orders')}</th>
          <th>{t('kpi.paidOrders')}</th>
          <th>{t('kpi.gmv')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.channel}>
            <td>{channelLabel(c.channel)}</td>
            <td className="num">{c.shares}</td>
            <td className="num">{c.clicks}</td>
            <td className="num">{c.uniqueVisitors}</td>
            <td className="num">{c.newVisitors}</td>
            <td className="num">{c.attributedSignups}</td>
            <td className="num">{c.attributedOrders}</td>
            <td className="num">{c.attributedPaidOrders}</td>
            <td className="num">{formatMoney(c.gmv)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('shares.total')}</th>
          <td className="num">{stats.shares}</td>
          <td className="num">{stats.clicks}</td>
          <td className="num">{stats.uniqueVisitors}</td>
          <td className="num">{stats.newVisitors}</td>
          <td className="num">{stats.attributedSignups}</td>
          <td className="num">{stats.attributedOrders}</td>
          <td className="num">{stats.attributedPaidOrders}</td>
          <td className="num">{formatMoney(stats.gmv)}</td>
        </tr>
      </tfoot>
    </Table>
  );
}

export const fetchShareStats = (query: { campaignId?: string; from?: string; to?: string }) => call(api.GET('/api/v1/admin/shares/stats', { params: { query } }));

export function SharesPage() {
  const { t } = useTranslation('admin');
  const [campaignId, applyCampaign] = useSearchParam('campaign');
  const targetLabel = useTargetLabel();
  const channelLabel = useChannelLabel();
  const list = useCursorList(['admin', 'shares', campaignId], (cursor) => call(api.GET('/api/v1/admin/shares', { params: { query: { campaignId: campaignId || undefined, cursor, limit: 30 } } })));
  const stats = useQuery({ queryKey: ['admin', 'shareStats', campaignId], queryFn: () => fetchShareStats({ campaignId: campaignId || undefined }) });
  return (
    <>
      <PageHead title={t('shares.title')} />
      <div className="filters">
        <CampaignPicker value={campaignId} onChange={applyCampaign} />
      </div>
      <section aria-labelledby="channel-title" className="section">
        <h2 id="channel-title">{t('shares.byChannel')}</h2>
        <QueryView query={stats} isEmpty={(s) => s.byChannel.length === 0} empty={t('shares.noStats')}>
          {(s) => <ChannelStatsTable stats={s} />}
        </QueryView>
      </section>
      <section aria-labelledby="roots-title" className="section">
        <h2 id="roots-title">{t('shares.roots')}</h2>
        <CursorList query={list} empty={t('shares.empty')}>
          {(items) => (
            <Table label={t('shares.roots')}>
              <thead>
                <tr>
                  <th>{t('shares.sharer')}</th>
                  <th>{t('shares.target')}</th>
                  <th>{t('shares.channel')}</th>
                  <th>{t('shares.created')}</th>
                  <th>{t('shares.size')}</th>
                  <th>{t('shares.depth')}</th>
                  <th>{t('shares.signups')}</th>
                  <th>{t('kpi.orders')}</th>
                  <th>{t('kpi.paidOrders')}</th>
                  <th>{t('kpi.gmv')}</th>
                  <th>{t('shares.campaign')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/shares/${s.id}`} aria-label={t('shares.openCascade', { name: sharerLabel(s) })}>
                        {sharerLabel(s)}
                      </Link>
                    </td>
                    <td>{targetLabel(s.target)}</td>
                    <td>{channelLabel(s.channel)}</td>
                    <td className="nowrap">{formatDateTime(s.createdAt)}</td>
                    <td className="num strong">{s.size}</td>
                    <td className="num">{s.depth}</td>
                    <td className="num">{s.signups}</td>
                    <td className="num">{s.orders}</td>
                    <td className="num">{s.paidOrders}</td>
                    <td className="num">{formatMoney(s.gmv)}</td>
                    <td>
                      {s.campaignId ? (
                        <button type="button" className="link-button mono" onClick={() => applyCampaign(s.campaignId!)} aria-label={t('shares.filterBy', { id: s.campaignId })}>
                          {shortId(s.campaignId)}
                        </button>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CursorList>
      </section>
    </>
  );
}

interface TreeNode {
  name: string;
  value: string;
  id: string;
  children: TreeNode[];
}

export function CascadePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const targetLabel = useTargetLabel();
  const channelLabel = useChannelLabel();
  const cascade = useQuery({ queryKey: ['admin', 'cascade', id], queryFn: () => call(api.GET('/api/v1/admin/shares/{id}/cascade', { params: { path: { id } } })) });
  const data = cascade.data;
  const tree = useMemo(() => {
    if (!data) return null;
    const byId = new Map<string, TreeNode>();
    for (const n of data.nodes) {
      byId.set(n.id, {
        id: n.id,
        name: sharerLabel(n),
        value: t('shares.nodeLabel', { clicks: n.clicks, signups: n.signups, orders: n.orders }),
        children: [],
      });
    }
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
  const height = data ? Math.min(900, Math.max(260, data.nodes.length * 26)) : 260;
  return (
    <QueryView query={cascade}>
      {(c) => (
        <>
          <PageHead title={t('shares.cascadeTitle')} actions={<BackLink to="/shares" />}>
            <p className="muted">
              {targetLabel(c.root.target)} · {channelLabel(c.root.channel)} · {formatDateTime(c.root.createdAt)}
            </p>
          </PageHead>
          <div className="stats">
            <Stat label={t('shares.size')} value={c.stats.size} />
            <Stat label={t('shares.depth')} value={c.stats.depth} />
            <Stat label={t('shares.maxBreadth')} value={c.stats.maxBreadth} />
            <Stat label={t('shares.virality')} value={c.stats.structuralVirality.toFixed(2)} hint={t('shares.viralityHint')} />
          </div>
          <section className="card section" aria-labelledby="tree-title">
            <h2 id="tree-title">{t('shares.tree')}</h2>
            {option && <Chart option={option} height={height} label={t('shares.treeLabel', { size: c.stats.size, depth: c.stats.depth })} />}
          </section>
          <section className="section" aria-labelledby="nodes-title">
            <h2 id="nodes-title">{t('shares.nodes')}</h2>
            <Table label={t('shares.nodes')}>
              <thead>
                <tr>
                  <th>{t('shares.sharer')}</th>
                  <th>{t('shares.depth')}</th>
                  <th>{t('shares.channel')}</th>
                  <th>{t('kpi.clicks')}</th>
                  <th>{t('shares.visitors')}</th>
                  <th>{t('shares.signups')}</th>
                  <th>{t('kpi.orders')}</th>
                  <th>{t('kpi.paidOrders')}</th>
                  <th>{t('shares.created')}</th>
                </tr>
              </thead>
              <tbody>
                {[...c.nodes]
                  .sort((a, b) => a.depth - b.depth || a.createdAt.localeCompare(b.createdAt))
                  .map((n) => (
                    <tr key={n.id}>
                      <td>
                        <span className="depth-indent" style={{ paddingLeft: `${Math.min(n.depth, 8) * 12}px` }}>
                          <Link to={`/customers/${n.sharerId}`}>{sharerLabel(n)}</Link>
                        </span>
                      </td>
                      <td className="num">{n.depth}</td>
                      <td>{channelLabel(n.channel)}</td>
                      <td className="num">{n.clicks}</td>
                      <td className="num">{n.visitors}</td>
                      <td className="num">{n.signups}</td>
                      <td className="num">{n.orders}</td>
                      <td className="num">{n.paidOrders}</td>
                      <td className="nowrap">{formatDateTime(n.createdAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </Table>
          </section>
        </>
      )}
    </QueryView>
  );
}

/** Every campaign a share can belong to, grouped by engine; shares of campaigns not listed here can still be reached by a row's campaign link. */
function CampaignPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation('admin');
  const sources = [
    { key: 'groupbuy', label: t('orderKind.groupbuy'), fetch: () => call(api.GET('/api/v1/admin/groupbuy/campaigns')) },
    { key: 'bargain', label: t('orderKind.bargain'), fetch: () => call(api.GET('/api/v1/admin/bargain/campaigns')) },
    { key: 'lottery', label: t('orderKind.lottery'), fetch: () => call(api.GET('/api/v1/admin/lottery/draws')) },
    { key: 'referral', label: t('shares.referral'), fetch: () => call(api.GET('/api/v1/admin/referral/campaigns')) },
    { key: 'flashsale', label: t('orderKind.flashsale'), fetch: () => call(api.GET('/api/v1/admin/flashsale/slots', { params: { query: { limit: 100 } } })) },
  ];
  const results = useQueries({
    queries: sources.map((src) => ({ queryKey: ['admin', 'campaignOptions', src.key], queryFn: async () => (await src.fetch()).items.map((c) => ({ id: c.id, name: c.name })), staleTime: 60_000 })),
  });
  const loading = results.some((r) => r.isPending);
  const failed = results.some((r) => r.isError);
  const known = results.some((r) => r.data?.some((c) => c.id === value));
  return (
    <SelectField label={t('shares.campaign')} value={value} onChange={(e) => onChange(e.target.value)} hint={loading ? t('common:loading') : failed ? t('shares.campaignsPartial') : undefined}>
      <option value="">{t('shares.allCampaigns')}</option>
      {value && !known && <option value={value}>{shortId(value)}</option>}
      {sources.map((src, i) =>
        results[i].data && results[i].data.length > 0 ? (
          <optgroup key={src.key} label={src.label}>
            {results[i].data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </optgroup>
        ) : null,
      )}
    </SelectField>
  );
}
