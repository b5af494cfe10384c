// Dashboard: today so far against yesterday, the last 7, 30 or 90 China days against as many days
// before (▲ 12.3% / ▼ 4.0%), daily charts over the range, and share stats by channel.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatChange, formatMoney, formatNumber, formatPercent, type Locale } from '../../shared/format';
import { ErrorState, QueryView } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { ListSkeleton, PageHead, Stat } from '../kit';
import '../shell.i18n';
import { ChannelStatsTable, fetchShareStats } from './channel-stats';

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

const fetchDaily = (from: string, to: string) => call(api.GET('/api/v1/admin/analytics/daily', { params: { query: { from, to } } }));
type Daily = Awaited<ReturnType<typeof fetchDaily>>;
type Totals = Daily['totals'];
type Figure = 'gmv' | 'orders' | 'paidOrders' | 'newCustomers' | 'shares' | 'clicks' | 'attributedSignups';

const valueOf = (totals: Totals, figure: Figure) => (figure === 'gmv' ? totals.gmv.amount : totals[figure]);

/** A KPI tile: the figure, and how it moved against the period before (the earlier figure on hover). */
function Kpi({ data, figure, against, lang, hint }: { data: Daily; figure: Figure; against: string; lang: Locale; hint?: string }) {
  const { t } = useTranslation('admin');
  const show = (totals: Totals) => (figure === 'gmv' ? formatMoney(totals.gmv, lang) : formatNumber(totals[figure], lang));
  const change = formatChange(valueOf(data.totals, figure), valueOf(data.previous.totals, figure), lang);
  return (
    <Stat
      label={t(`kpi.${figure}`)}
      value={show(data.totals)}
      hint={hint}
      change={{ ...change, against, title: t('shell:compare.previousValue', { value: show(data.previous.totals) }) }}
    />
  );
}

function TodayBand({ lang }: { lang: Locale }) {
  const { t } = useTranslation('admin');
  const today = chinaDay(new Date());
  const query = useQuery({ queryKey: ['admin', 'analytics', today, today], queryFn: () => fetchDaily(today, today), refetchInterval: 60_000 });
  const against = t('shell:compare.vsYesterday');
  return (
    <section className="kpi-band" aria-labelledby="kpi-today">
      <h2 id="kpi-today">
        {t('shell:compare.today')} <small className="muted">{t('shell:compare.todayNote')}</small>
      </h2>
      {query.isPending ? (
        <SkeletonStats count={5} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className="stats kpis" role="group" aria-labelledby="kpi-today">
          {(['gmv', 'orders', 'paidOrders', 'newCustomers', 'attributedSignups'] as const).map((f) => (
            <Kpi key={f} data={query.data} figure={f} against={against} lang={lang} />
          ))}
        </div>
      )}
    </section>
  );
}

function SkeletonStats({ count }: { count: number }) {
  return (
    <div className="skeleton-stats" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="skeleton-bar" />
      ))}
    </div>
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation('admin');
  const lang: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [days, setDays] = useState<Range>(7);
  const range = rangeOf(days);
  const daily = useQuery({ queryKey: ['admin', 'analytics', range.from, range.to], queryFn: () => fetchDaily(range.from, range.to) });
  const shareStats = useQuery({ queryKey: ['admin', 'shareStats', 'range', range.from, range.to], queryFn: () => fetchShareStats({ from: range.fromIso, to: range.toIso }) });
  const shortDate = (d: string) => d.slice(5);
  const axisLabel = { color: '#5c5c5c' };
  const count = (n: number) => formatNumber(n, lang);

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
      <TodayBand lang={lang} />
      <QueryView
        query={daily}
        loading={
          <>
            <SkeletonStats count={6} />
            <ListSkeleton rows={5} columns={4} />
          </>
        }
      >
        {(d) => {
          const dates = d.days.map((x) => shortDate(x.date));
          const money: ChartOption = {
            color: COLORS,
            tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => count(Number(v)) },
            legend: { bottom: 0 },
            grid: { left: 64, right: 48, top: 36, bottom: 56 },
            xAxis: { type: 'category', data: dates, axisLabel },
            yAxis: [
              { type: 'value', name: t('dashboard.yuan'), axisLabel: { ...axisLabel, formatter: (v: number) => count(v) } },
              { type: 'value', name: t('kpi.orders'), axisLabel: { ...axisLabel, formatter: (v: number) => count(v) }, splitLine: { show: false } },
            ],
            series: [
              { name: t('kpi.gmv'), type: 'line', smooth: true, areaStyle: { opacity: 0.12 }, data: d.days.map((x) => x.gmv.amount / 100), tooltip: { valueFormatter: (v: unknown) => formatMoney({ amount: Math.round(Number(v) * 100), currency: d.totals.gmv.currency }, lang) } },
              { name: t('kpi.orders'), type: 'bar', yAxisIndex: 1, data: d.days.map((x) => x.orders), barMaxWidth: 14 },
              { name: t('kpi.paidOrders'), type: 'bar', yAxisIndex: 1, data: d.days.map((x) => x.paidOrders), barMaxWidth: 14 },
            ],
          };
          const growth: ChartOption = {
            color: COLORS.slice(1),
            tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => count(Number(v)) },
            legend: { bottom: 0 },
            grid: { left: 48, right: 16, top: 20, bottom: 56 },
            xAxis: { type: 'category', data: dates, axisLabel },
            yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => count(v) } },
            series: [
              { name: t('kpi.shares'), type: 'line', smooth: true, data: d.days.map((x) => x.shares) },
              { name: t('kpi.clicks'), type: 'line', smooth: true, data: d.days.map((x) => x.clicks) },
              { name: t('kpi.attributedSignups'), type: 'bar', data: d.days.map((x) => x.attributedSignups), barMaxWidth: 14 },
              { name: t('kpi.newCustomers'), type: 'bar', data: d.days.map((x) => x.newCustomers), barMaxWidth: 14 },
            ],
          };
          const k = d.totals;
          const rate = (a: number, b: number) => (b > 0 ? formatPercent(a / b, lang) : '–');
          const against = t('shell:compare.vsPrevious', { count: days });
          return (
            <>
              <section className="kpi-band" aria-labelledby="kpi-range">
                <h2 id="kpi-range">
                  {t('shell:compare.range', { count: days })}{' '}
                  <small className="muted">{t('shell:compare.rangeNote', { count: days, from: d.from, to: d.to, prevFrom: d.previous.from, prevTo: d.previous.to })}</small>
                </h2>
                <div className="stats kpis" aria-label={t('dashboard.kpis')} role="group">
                  <Kpi data={d} figure="gmv" against={against} lang={lang} />
                  <Kpi data={d} figure="orders" against={against} lang={lang} hint={t('shell:compare.paid', { value: count(k.paidOrders) })} />
                  <Kpi data={d} figure="newCustomers" against={against} lang={lang} />
                  <Kpi data={d} figure="shares" against={against} lang={lang} />
                  <Kpi data={d} figure="clicks" against={against} lang={lang} hint={t('dashboard.perShare', { value: k.shares > 0 ? formatNumber(k.clicks / k.shares, lang, 2) : '–' })} />
                  <Kpi data={d} figure="attributedSignups" against={against} lang={lang} hint={t('dashboard.conversion', { value: rate(k.attributedSignups, k.clicks) })} />
                </div>
              </section>
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
        <QueryView query={shareStats} isEmpty={(s) => s.byChannel.length === 0} empty={t('shares.noStats')} loading={<ListSkeleton rows={4} columns={6} />}>
          {(s) => <ChannelStatsTable stats={s} />}
        </QueryView>
      </section>
    </>
  );
}
