// The post-campaign report, printable: planned vs actual, the outcome with cost, CAC, ROI and K,
// the cascades, each variant's incremental effect against the control with its intervals, and the
// forecast stored at launch beside what happened. Print hides the console around it (planner.css);
// the CSV is the server's export.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView } from '../../shared/ui';
import { BackLink, PageHead, Table } from '../kit';
import { goalValue, percent, planKey, ratio, whole, yuanOf } from './common';
import './i18n';
import './planner.css';

const signed = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`);
const range = (lo: number | null | undefined, hi: number | null | undefined, digits = 4) => `[${signed(lo, digits)}, ${signed(hi, digits)}]`;

export function PlanReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('planner');
  const report = useQuery({ queryKey: [...planKey(id), 'report'], queryFn: () => call(api.GET('/api/v1/admin/plans/{id}/report', { params: { path: { id } } })) });
  return (
    <div className="plan-report">
      <div className="no-print"><BackLink to={`/plans/${id}`} /></div>
      <QueryView query={report}>
        {(r) => {
          const g = r.plannedVsActual.goal;
          const moneyMetric = (m: string) => m === 'rewardCost';
          return (
            <>
              <PageHead
                title={`${t('report.title')}: ${r.plan.name}`}
                actions={
                  <span className="row no-print">
                    <Button variant="secondary" onClick={() => window.print()}>{t('report.print')}</Button>
                    <a className="btn btn-secondary" href={`/api/v1/admin/plans/${id}/report.csv`} download>{t('report.csv')}</a>
                  </span>
                }
              >
                <p className="muted small">{t('report.period', { from: r.from, to: r.to })} · {t(`mechanic.${r.plan.mechanic.kind}`)} · {formatDateTime(r.computedAt)}</p>
              </PageHead>

              <section className="card">
                <Table label={t('report.planned')}>
                  <thead><tr><th /><th>{t('report.planned')}</th><th>{t('report.actual')}</th><th>{t('report.attainment')}</th></tr></thead>
                  <tbody>
                    <tr data-row="goal"><th scope="row">{t('report.goal')}: {t(`goal.${g.metric}`)}</th><td>{goalValue(g.metric, g.planned)}</td><td>{goalValue(g.metric, g.actual)}</td><td>{percent(g.attainment)}</td></tr>
                    <tr data-row="budget"><th scope="row">{t('report.budget')}</th><td>{yuanOf(r.plannedVsActual.budget.planned)}</td><td>{yuanOf(r.plannedVsActual.budget.actual)}</td><td>{percent(r.plannedVsActual.budget.used)}</td></tr>
                    <tr data-row="days"><th scope="row">{t('report.days')}</th><td>{r.plannedVsActual.days.planned}</td><td>{r.plannedVsActual.days.actual}</td><td /></tr>
                  </tbody>
                </Table>
              </section>

              <section className="card">
                <h2>{t('report.outcome')}</h2>
                <dl className="plan-facts">
                  <dt>{t('report.reach')}</dt><dd>{whole(r.outcome.reach)}</dd>
                  <dt>{t('report.shares')}</dt><dd>{whole(r.outcome.shares)}</dd>
                  <dt>{t('report.clicks')}</dt><dd>{whole(r.outcome.clicks)}</dd>
                  <dt>{t('report.newCustomers')}</dt><dd>{whole(r.outcome.newCustomers)}</dd>
                  <dt>{t('report.paidOrders')}</dt><dd>{whole(r.outcome.paidOrders)}</dd>
                  <dt>{t('report.gmv')}</dt><dd>{yuanOf(r.outcome.gmvAmount)}</dd>
                  <dt>{t('report.cost')}</dt><dd>{yuanOf(r.cost)}</dd>
                  <dt>{t('report.cac')}</dt><dd>{yuanOf(r.cac)}</dd>
                  <dt>{t('report.roi')}</dt><dd>{ratio(r.roi)}</dd>
                  <dt>{t('report.kFactor')}</dt><dd>{ratio(r.k.kFactor)}</dd>
                  <dt>{t('report.observedK')}</dt><dd>{ratio(r.k.observedK)}</dd>
                  <dt>{t('report.cycle')}</dt><dd>{r.k.cycleMedianSeconds === null ? '—' : `${(r.k.cycleMedianSeconds / 3600).toFixed(1)} h`}</dd>
                </dl>
                <h3>{t('report.cascades')}</h3>
                <dl className="plan-facts">
                  <dt>{t('report.cascadeCount')}</dt><dd>{whole(r.cascades.count)}</dd>
                  <dt>{t('report.largest')}</dt><dd>{whole(r.cascades.largest)}</dd>
                  <dt>{t('report.maxDepth')}</dt><dd>{whole(r.cascades.maxDepth)}</dd>
                  <dt>{t('report.virality')}</dt><dd>{ratio(r.cascades.meanStructuralVirality)}</dd>
                </dl>
              </section>

              <section className="card">
                <h2>{t('report.incremental')}</h2>
                {!r.experiment ? <p className="muted">{t('report.noExperiment')}</p> : (
                  <>
                    {r.experiment.srm.mismatch && <p role="alert" className="status status-bad">{t('report.srmBad')}</p>}
                    {r.experiment.effects.length === 0 && <p className="muted">{t('report.noEffects')}</p>}
                    <Table label={t('report.incremental')}>
                      <thead><tr><th>{t('report.variant')}</th><th>{t('report.n')}</th><th>{t('report.controlMean')}</th><th>{t('report.mean')}</th><th>{t('report.diff')}</th><th>{t('report.sequential')}</th><th>{t('report.relative')}</th><th>{t('report.total')}</th><th>{t('report.p')}</th></tr></thead>
                      <tbody>
                        {r.experiment.effects.map((e) => (
                          <tr key={e.key} data-variant={e.key}>
                            <th scope="row">{e.name}</th>
                            <td>{e.n}</td>
                            <td>{ratio(e.controlMean)}</td>
                            <td>{ratio(e.mean)}</td>
                            <td className="nowrap">{signed(e.absolute.estimate)} {range(e.absolute.lo, e.absolute.hi)}</td>
                            <td className="nowrap">{range(e.sequential.lo, e.sequential.hi)}</td>
                            <td>{e.relative.estimate === null ? '—' : percent(e.relative.estimate)}</td>
                            <td className="nowrap">{signed(e.incrementalTotal.estimate, 1)} {range(e.incrementalTotal.lo, e.incrementalTotal.hi, 1)}</td>
                            <td>{e.adjustedPValue === null ? '—' : e.adjustedPValue.toFixed(4)} {e.significant && <span className="status status-ok">{t('report.significant')}</span>}</td>
                          </tr>
                        ))}
                      </tbody>
                    </Table>
                  </>
                )}
              </section>

              <section className="card">
                <h2>{t('report.forecastVs')}</h2>
                {r.forecastVsActual && <p className="muted small">{t('report.asOfDay', { day: r.forecastVsActual[0]?.asOfDay ?? 0, days: r.plannedVsActual.days.planned })}</p>}
                {!r.forecastVsActual ? <p className="muted">{t('report.noForecast')}</p> : (
                  <Table label={t('report.forecastVs')}>
                    <thead><tr><th>{t('report.metric')}</th><th>{t('report.band')}</th><th>{t('report.median')}</th><th>{t('report.actual')}</th><th /></tr></thead>
                    <tbody>
                      {r.forecastVsActual.map((f) => {
                        const show = moneyMetric(f.metric) ? yuanOf : whole;
                        return (
                          <tr key={f.metric} data-forecast-metric={f.metric}>
                            <th scope="row">{t(`detail.${f.metric === 'rewardCost' ? 'cost' : f.metric}`)}</th>
                            <td className="nowrap">{show(f.p10)}–{show(f.p90)}</td>
                            <td>{show(f.p50)}</td>
                            <td>{show(f.actual)}</td>
                            <td><span className={`status status-${f.withinBand ? 'ok' : 'warn'}`}>{t(f.withinBand ? 'report.within' : 'report.outside')}</span></td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </Table>
                )}
              </section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
