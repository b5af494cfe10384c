// Channels compared: shares, clicks, CTR, visitors, conversion, GMV and the cost per new customer,
// each campaign's cost spread over the channels by the new customers each brought.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Empty, QueryView } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { money, PageHead, Section } from '../campaigns/common';
import { AXIS_LABEL, COLORS, count, CsvLink, fen, FilterBar, percent, pick, ReportTable, useReportFilters } from './common';

export function ChannelsPage() {
  const { t } = useTranslation('analytics');
  const { filters } = useReportFilters();
  const query = pick(filters, ['from', 'to', 'campaignId', 'mechanic'] as const);
  const report = useQuery({ queryKey: ['admin', 'analytics', 'channels', query], queryFn: () => call(api.GET('/api/v1/admin/analytics/channels', { params: { query } })) });
  const channelName = (c: string) => t(`channel.${c}`, { defaultValue: c });
  return (
    <div className="cc-page">
      <PageHead title={t('channels.title')} />
      <FilterBar show={['mechanic', 'campaignId']} />
      <QueryView query={report}>
        {(r) => {
          const chart: ChartOption = {
            color: COLORS,
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { bottom: 0 },
            grid: { left: 48, right: 24, top: 24, bottom: 56 },
            xAxis: { type: 'category', data: r.items.map((c) => channelName(c.channel)), axisLabel: AXIS_LABEL },
            yAxis: { type: 'value', axisLabel: AXIS_LABEL },
            series: [
              { type: 'bar', name: t('channels.col.clicks'), data: r.items.map((c) => c.clicks), barMaxWidth: 24 },
              { type: 'bar', name: t('channels.col.signups'), data: r.items.map((c) => c.signups), barMaxWidth: 24 },
              { type: 'bar', name: t('channels.col.orders'), data: r.items.map((c) => c.orders), barMaxWidth: 24 },
            ],
          };
          return (
            <>
              <p className="an-range">{t('range', { from: r.from, to: r.to })}</p>
              {r.items.length === 0 ? (
                <Empty>{t('channels.empty')}</Empty>
              ) : (
                <>
                  <Section title={t('channels.chart')}>
                    <Chart option={chart} label={t('channels.chart')} />
                  </Section>
                  <Section title={t('channels.title')} actions={<CsvLink report="channels" query={query} />}>
                    <ReportTable
                      caption={t('channels.title')}
                      columns={[
                        { label: t('channels.col.channel') },
                        { label: t('channels.col.shares'), numeric: true },
                        { label: t('channels.col.clicks'), numeric: true },
                        { label: t('channels.col.ctr'), numeric: true, note: t('channels.note.ctr') },
                        { label: t('channels.col.visitors'), numeric: true },
                        { label: t('channels.col.newVisitors'), numeric: true },
                        { label: t('channels.col.signups'), numeric: true },
                        { label: t('channels.col.orders'), numeric: true },
                        { label: t('channels.col.conversion'), numeric: true, note: t('channels.note.conversion') },
                        { label: t('channels.col.gmv'), numeric: true },
                        { label: t('channels.col.cost'), numeric: true, note: t('channels.note.cost') },
                        { label: t('channels.col.costPerNew'), numeric: true, note: t('channels.note.costPerNew') },
                      ]}
                    >
                      {r.items.map((c) => (
                        <tr key={c.channel}>
                          <th scope="row">{channelName(c.channel)}</th>
                          <td className="an-num">{count(c.shares)}</td>
                          <td className="an-num">{count(c.clicks)}</td>
                          <td className="an-num" title={c.ctr.formula}>{percent(c.ctr.value)}</td>
                          <td className="an-num">{count(c.visitors)}</td>
                          <td className="an-num">{count(c.newVisitors)}</td>
                          <td className="an-num">{count(c.signups)}</td>
                          <td className="an-num">{count(c.orders)}</td>
                          <td className="an-num" title={c.conversion.formula}>{percent(c.conversion.value)}</td>
                          <td className="an-num">{money(c.gmv)}</td>
                          <td className="an-num">{money(c.allocatedCost)}</td>
                          <td className="an-num" title={c.costPerNewCustomer.formula}>{fen(c.costPerNewCustomer.value, c.gmv.currency)}</td>
                        </tr>
                      ))}
                    </ReportTable>
                  </Section>
                </>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
