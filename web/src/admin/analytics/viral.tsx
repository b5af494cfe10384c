// Viral metrics: K-factor and observed K with their coefficients, the viral cycle time, and the
// distributions of cascade size, depth and structural virality, with the largest cascades.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Empty, QueryView } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { PageHead, Section, Stats } from '../campaigns/common';
import { RowLink } from '../campaigns/list';
import { AXIS_LABEL, count, CsvLink, duration, FilterBar, percent, pick, ratio, ReportTable, useReportFilters } from './common';

function distribution(buckets: { bucket: string; cascades: number }[], name: string, color: string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: buckets.map((b) => b.bucket), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: [{ type: 'bar', name, data: buckets.map((b) => b.cascades), itemStyle: { color }, barMaxWidth: 32 }],
  };
}

export function ViralPage() {
  const { t, i18n } = useTranslation('analytics');
  const { filters } = useReportFilters();
  const query = pick(filters, ['from', 'to', 'campaignId', 'mechanic', 'channel'] as const);
  const report = useQuery({ queryKey: ['admin', 'analytics', 'viral', query], queryFn: () => call(api.GET('/api/v1/admin/analytics/viral', { params: { query } })) });
  return (
    <div className="cc-page">
      <PageHead title={t('viral.title')} />
      <FilterBar show={['mechanic', 'campaignId', 'channel']} />
      <QueryView query={report}>
        {(r) => {
          const k = r.coefficients;
          const c = r.cascades;
          return (
            <>
              <p className="an-range">{t('range', { from: r.from, to: r.to })}</p>
              <Stats
                items={[
                  { label: t('viral.kFactor'), value: <span title={`${t('viral.note.kFactor')} — ${r.kFactor.formula}`}>{ratio(r.kFactor.value)}</span> },
                  { label: t('viral.observedK'), value: <span title={`${t('viral.note.observedK')} — ${r.observedK.formula}`}>{ratio(r.observedK.value)}</span> },
                  { label: t('viral.cycle'), value: <span title={`${t('viral.note.cycle')} — ${r.cycleTime.formula}`}>{duration(r.cycleTime.medianSeconds, i18n.language)}</span> },
                  { label: t('viral.sharers'), value: count(k.sharers) },
                  { label: t('viral.invitations'), value: count(k.invitations) },
                  { label: t('viral.perSharer'), value: ratio(k.invitationsPerSharer) },
                  { label: t('viral.conversion'), value: percent(k.invitationConversion) },
                ]}
              />
              <ul className="an-notes">
                <li>{t('viral.kFactor')}: {t('viral.note.kFactor')} ({r.kFactor.formula})</li>
                <li>{t('viral.observedK')}: {t('viral.note.observedK')} ({r.observedK.formula})</li>
                <li>{t('viral.cycle')}: {t('viral.note.cycle')} ({t('viral.samples', { count: r.cycleTime.samples })})</li>
                <li>{t('viral.sv')}: {t('viral.note.sv')}</li>
              </ul>
              <Stats
                items={[
                  { label: t('viral.cascades'), value: count(c.cascades) },
                  { label: t('viral.singleShare'), value: percent(c.singleShareShare) },
                  { label: t('viral.largest'), value: count(c.largest) },
                  { label: t('viral.medianSize'), value: ratio(c.medianSize) },
                  { label: t('viral.maxDepth'), value: count(c.maxDepth) },
                  { label: t('viral.meanSv'), value: ratio(c.meanStructuralVirality) },
                ]}
              />
              {c.cascades === 0 ? (
                <Empty>{t('viral.empty')}</Empty>
              ) : (
                <>
                  <div className="an-charts">
                    <Section title={t('viral.sizes')}>
                      <Chart option={distribution(c.sizes, t('viral.cascadeCount'), '#d5281f')} height={220} label={t('viral.sizes')} />
                    </Section>
                    <Section title={t('viral.depths')}>
                      <Chart option={distribution(c.depths, t('viral.cascadeCount'), '#1a73e8')} height={220} label={t('viral.depths')} />
                    </Section>
                    <Section title={t('viral.sv')}>
                      <Chart option={distribution(c.structuralVirality, t('viral.cascadeCount'), '#1a7f37')} height={220} label={t('viral.sv')} />
                    </Section>
                  </div>
                  <Section title={t('viral.largestTitle')} actions={<CsvLink report="viral" query={query} />}>
                    <ReportTable
                      caption={t('viral.largestTitle')}
                      columns={[{ label: t('viral.col.root') }, { label: t('viral.col.size'), numeric: true }, { label: t('viral.col.depth'), numeric: true }, { label: t('viral.col.sv'), numeric: true, note: t('viral.note.sv') }]}
                    >
                      {r.largestCascades.map((x) => (
                        <tr key={x.rootShareId}>
                          <th scope="row">
                            <RowLink to={`/shares/${x.rootShareId}`}>{x.rootShareId}</RowLink>
                          </th>
                          <td className="an-num">{count(x.size)}</td>
                          <td className="an-num">{count(x.depth)}</td>
                          <td className="an-num">{ratio(x.structuralVirality)}</td>
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
