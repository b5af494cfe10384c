// Retention: cohorts by the week of first visit, sign-up or first paid order, with D1/D7/D30 and
// weekly columns as a heat map (a table coloured by rate, so it reads with a screen reader too).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { Empty, QueryView, SelectField } from '../../shared/ui';
import { PageHead, Section } from '../campaigns/common';
import { count, CsvLink, FilterBar, percent, pick, ReportTable, useReportFilters } from './common';

const COHORTS = ['first_visit', 'signup', 'first_order'] as const;
type Cohort = (typeof COHORTS)[number];
const WEEKS = [4, 8, 12, 26];

type Cell = { eligible: number; retained: number; rate: number | null } | null;

function HeatCell({ cell, notYet }: { cell: Cell; notYet: string }) {
  if (!cell || cell.rate === null) return <td className="an-heat-empty" title={notYet}>·</td>;
  const alpha = Math.min(1, 0.08 + cell.rate * 0.92);
  return (
    <td style={{ background: `rgba(213, 40, 31, ${alpha})`, color: alpha > 0.55 ? '#fff' : undefined }} title={`${cell.retained} / ${cell.eligible}`}>
      {percent(cell.rate)}
    </td>
  );
}

export function RetentionPage() {
  const { t } = useTranslation('analytics');
  const { filters } = useReportFilters();
  const [params, setParams] = useSearchParams();
  const cohort: Cohort = COHORTS.includes(params.get('cohort') as Cohort) ? (params.get('cohort') as Cohort) : 'first_visit';
  const weeks = WEEKS.includes(Number(params.get('weeks'))) ? Number(params.get('weeks')) : 8;
  const setParam = (k: string, v: string) => setParams((p) => (p.set(k, v), p), { replace: true });
  const query = { ...pick(filters, ['from', 'to', 'campaignId', 'mechanic', 'channel'] as const), cohort, weeks };
  const report = useQuery({ queryKey: ['admin', 'analytics', 'retention', query], queryFn: () => call(api.GET('/api/v1/admin/analytics/retention', { params: { query } })) });
  return (
    <div className="cc-page">
      <PageHead title={t('retention.title')} />
      <FilterBar
        show={['mechanic', 'campaignId', 'channel']}
        extra={
          <>
            <SelectField label={t('retention.cohort')} value={cohort} onChange={(e) => setParam('cohort', e.target.value)}>
              {COHORTS.map((c) => (
                <option key={c} value={c}>
                  {t(`retention.cohortKind.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('retention.weeks')} value={String(weeks)} onChange={(e) => setParam('weeks', e.target.value)}>
              {WEEKS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </SelectField>
          </>
        }
      />
      <QueryView query={report}>
        {(r) => {
          const columns = Math.max(0, ...r.cohorts.map((c) => c.weeks.length));
          const notYet = t('retention.notYet');
          return (
            <Section title={t(`retention.cohortKind.${cohort}`)} actions={<CsvLink report="retention" query={query} />}>
              <p className="an-range">
                {t('range', { from: r.from, to: r.to })} · {t('retention.observed', { day: r.observedUntil })}
              </p>
              {r.cohorts.length === 0 ? (
                <Empty>{t('retention.empty')}</Empty>
              ) : (
                <div className="an-heat">
                  <ReportTable
                    caption={t('retention.title')}
                    columns={[
                      { label: t('retention.col.week') },
                      { label: t('retention.col.size'), numeric: true },
                      { label: t('retention.col.d1'), note: t('retention.note.d') },
                      { label: t('retention.col.d7') },
                      { label: t('retention.col.d30') },
                      ...Array.from({ length: columns }, (_, w) => ({ label: t('retention.col.w', { n: w }), note: w === 0 ? t('retention.note.w') : undefined })),
                    ]}
                  >
                    {r.cohorts.map((c) => (
                      <tr key={c.week}>
                        <th scope="row">{c.week}</th>
                        <td className="an-num">{count(c.size)}</td>
                        <HeatCell cell={c.day1} notYet={notYet} />
                        <HeatCell cell={c.day7} notYet={notYet} />
                        <HeatCell cell={c.day30} notYet={notYet} />
                        {Array.from({ length: columns }, (_, w) => (
                          <HeatCell key={w} cell={c.weeks[w] ?? null} notYet={notYet} />
                        ))}
                      </tr>
                    ))}
                  </ReportTable>
                </div>
              )}
            </Section>
          );
        }}
      </QueryView>
    </div>
  );
}
