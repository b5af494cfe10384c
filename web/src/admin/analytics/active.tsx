// Active users: DAU, trailing WAU and MAU and stickiness per China day, new customers and their
// growth against the period of the same length just before.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { QueryView } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { PageHead, Section, Stats } from '../campaigns/common';
import { AXIS_LABEL, COLORS, count, CsvLink, FilterBar, percent, pick, ratio, ReportTable, useReportFilters } from './common';

export function ActiveUsersPage() {
  const { t } = useTranslation('analytics');
  const { filters } = useReportFilters();
  const query = pick(filters, ['from', 'to'] as const);
  const report = useQuery({ queryKey: ['admin', 'analytics', 'active-users', query], queryFn: () => call(api.GET('/api/v1/admin/analytics/active-users', { params: { query } })) });
  return (
    <div className="cc-page">
      <PageHead title={t('active.title')} />
      <FilterBar show={[]} />
      <QueryView query={report}>
        {(r) => {
          const chart: ChartOption = {
            color: COLORS,
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 48, right: 56, top: 36, bottom: 56 },
            xAxis: { type: 'category', data: r.days.map((d) => d.date.slice(5)), axisLabel: AXIS_LABEL },
            yAxis: [
              { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
              { type: 'value', name: t('active.stickiness'), min: 0, max: 1, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
            ],
            series: [
              { type: 'line', name: t('active.dau'), data: r.days.map((d) => d.dau), smooth: true },
              { type: 'line', name: t('active.wau'), data: r.days.map((d) => d.wau), smooth: true },
              { type: 'line', name: t('active.mau'), data: r.days.map((d) => d.mau), smooth: true },
              { type: 'line', name: t('active.stickiness'), yAxisIndex: 1, data: r.days.map((d) => d.stickiness), lineStyle: { type: 'dashed' } },
              { type: 'bar', name: t('active.newCustomers'), data: r.days.map((d) => d.newCustomers), barMaxWidth: 12 },
            ],
          };
          return (
            <>
              <p className="an-range">{t('range', { from: r.from, to: r.to })}</p>
              <Stats
                items={[
                  { label: t('active.avgDau'), value: ratio(r.totals.averageDau) },
                  { label: t('active.avgStickiness'), value: percent(r.totals.averageStickiness) },
                  { label: t('active.newCustomers'), value: count(r.totals.newCustomers) },
                  { label: t('active.previous'), value: count(r.totals.previousNewCustomers) },
                  { label: t('active.growth'), value: <span title={`${t('active.note.growth')} — ${r.totals.growthRate.formula}`}>{percent(r.totals.growthRate.value)}</span> },
                ]}
              />
              <Section title={t('active.chart')}>
                <Chart option={chart} height={300} label={t('active.chart')} />
              </Section>
              <Section title={t('active.title')} actions={<CsvLink report="active-users" query={query} />}>
                <ReportTable
                  caption={t('active.title')}
                  columns={[
                    { label: t('active.col.date') },
                    { label: t('active.dau'), numeric: true },
                    { label: t('active.wau'), numeric: true, note: t('active.note.wau') },
                    { label: t('active.mau'), numeric: true },
                    { label: t('active.stickiness'), numeric: true, note: t('active.note.stickiness') },
                    { label: t('active.newCustomers'), numeric: true },
                  ]}
                >
                  {[...r.days].reverse().map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{d.date}</th>
                      <td className="an-num">{count(d.dau)}</td>
                      <td className="an-num">{count(d.wau)}</td>
                      <td className="an-num">{count(d.mau)}</td>
                      <td className="an-num">{percent(d.stickiness)}</td>
                      <td className="an-num">{count(d.newCustomers)}</td>
                    </tr>
                  ))}
                </ReportTable>
                <p className="an-notes">{t('active.note.growth')}</p>
              </Section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
