// Share outcomes by channel (the dashboard's table): shares, clicks, visitors, sign-ups, orders and
// GMV per channel with a total row.
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Table } from '../kit';

function useChannelLabel() {
  const { t } = useTranslation('admin');
  return (channel: string) => t(`common:share.channels.${channel}`, { defaultValue: channel });
}

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
