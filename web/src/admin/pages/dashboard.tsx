// Dashboard: KPIs and daily charts for the last 7, 30 or 90 China days, plus share stats by channel.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { QueryView } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { PageHead, Stat } from '../kit';
import { ChannelStatsTable, fetchShareStats } from './shares';

const RANGES = [7, 30, 90] as const;
type Range = (typeof RANGES)[number];

/** YYYY-MM-DD of a day in China time (the analytics API counts China days). */
function chinaDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function rangeOf(days: Range) {
  const now = new Date();
  const to = chinaDay(now);
  const from = chinaDay(new Date(now.getTime() - (days - 1) * 86_400_000));
  return { from, to, fromIso: new Date(`${from}T00:00:00+08:00`).toISOString(), toIso: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000 - 1).toISOString() };
}

const COLORS = ['#d5281f', '#1a73e8', '#b35c00', '#1a7f37', '#7b3fb5', '#5c5c5c'];

export function DashboardPage() {
  const { t, i18n } = useTranslation('admin');
  const [days, setDays] = useState<Range>(30);
  const range = rangeOf(days);
  const daily = useQuery({
    queryKey: ['admin', 'analytics', range.from, range.to],
    queryFn: () => call(api.GET('/api/v1/admin/analytics/daily', { params: { query: { from: range.from, to: range.to } } })),
  });
  const shareStats = useQuery({ queryKey: ['admin', 'shareStats', 'range', range.from, range.to], queryFn: () => fetchShareStats({ from: range.fromIso, to: range.toIso }) });
  const shortDate = (d: string) => d.slice(5);
  const axisLabel = { color: '#5c5c5c' };

  return (
    <>
      <PageHead
        title={t('dashboard.title')}
        actions={
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('dashboard.range')}</legend>
            {RANGES.map((r) => (
              <label key={r} className={`chip ${days === r ? 'chip-active' : ''}`}>
                <input type="radio" name="range" value={r} checked={days === r} onChange={() => setDays(r)} />
                {t('dashboard.lastDays', { count: r })}
              </label>
            ))}
          </fieldset>
        }
      >
        <p className="muted small">{t('dashboard.rangeNote', { from: range.from, to: range.to })}</p>
      </PageHead>
      <QueryView query={daily}>
        {(d) => {
          const dates = d.days.map((x) => shortDate(x.date));
          const money: ChartOption = {
            color: COLORS,
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 56, right: 48, top: 36, bottom: 56 },
            xAxis: { type: 'category', data: dates, axisLabel },
            yAxis: [
              { type: 'value', name: t('dashboard.yuan'), axisLabel },
              { type: 'value', name: t('kpi.orders'), axisLabel, splitLine: { show: false } },
            ],
            series: [
              { name: t('kpi.gmv'), type: 'line', smooth: true, areaStyle: { opacity: 0.12 }, data: d.days.map((x) => x.gmv.amount / 100) },
              { name: t('kpi.orders'), type: 'bar', yAxisIndex: 1, data: d.days.map((x) => x.orders), barMaxWidth: 14 },
              { name: t('kpi.paidOrders'), type: 'bar', yAxisIndex: 1, data: d.days.map((x) => x.paidOrders), barMaxWidth: 14 },
            ],
          };
          const growth: ChartOption = {
            color: COLORS.slice(1),
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 48, right: 16, top: 20, bottom: 56 },
            xAxis: { type: 'category', data: dates, axisLabel },
            yAxis: { type: 'value', axisLabel },
            series: [
              { name: t('kpi.shares'), type: 'line', smooth: true, data: d.days.map((x) => x.shares) },
              { name: t('kpi.clicks'), type: 'line', smooth: true, data: d.days.map((x) => x.clicks) },
              { name: t('kpi.attributedSignups'), type: 'bar', data: d.days.map((x) => x.attributedSignups), barMaxWidth: 14 },
              { name: t('kpi.newCustomers'), type: 'bar', data: d.days.map((x) => x.newCustomers), barMaxWidth: 14 },
            ],
          };
          const k = d.totals;
          const rate = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)}%` : '–');
          return (
            <>
              <div className="stats kpis" aria-label={t('dashboard.kpis')} role="group">
                <Stat label={t('kpi.gmv')} value={formatMoney(k.gmv)} />
                <Stat label={t('kpi.orders')} value={k.orders.toLocaleString(i18n.language)} hint={t('dashboard.paidHint', { count: k.paidOrders })} />
                <Stat label={t('kpi.newCustomers')} value={k.newCustomers.toLocaleString(i18n.language)} />
                <Stat label={t('kpi.shares')} value={k.shares.toLocaleString(i18n.language)} />
                <Stat label={t('kpi.clicks')} value={k.clicks.toLocaleString(i18n.language)} hint={t('dashboard.perShare', { value: k.shares > 0 ? (k.clicks / k.shares).toFixed(2) : '–' })} />
                <Stat label={t('kpi.attributedSignups')} value={k.attributedSignups.toLocaleString(i18n.language)} hint={t('dashboard.conversion', { value: rate(k.attributedSignups, k.clicks) })} />
              </div>
              <div className="chart-grid">
                <section className="card" aria-labelledby="chart-sales">
                  <h2 id="chart-sales">{t('dashboard.sales')}</h2>
                  <Chart option={money} label={t('dashboard.salesChart', { from: d.from, to: d.to })} />
                </section>
                <section className="card" aria-labelledby="chart-growth">
                  <h2 id="chart-growth">{t('dashboard.growth')}</h2>
                  <Chart option={growth} label={t('dashboard.growthChart', { from: d.from, to: d.to })} />
                </section>
              </div>
            </>
          );
        }}
      </QueryView>
      <section className="section" aria-labelledby="dash-channels">
        <h2 id="dash-channels">{t('shares.byChannel')}</h2>
        <QueryView query={shareStats} isEmpty={(s) => s.byChannel.length === 0} empty={t('shares.noStats')}>
          {(s) => <ChannelStatsTable stats={s} />}
        </QueryView>
      </section>
    </>
  );
}
