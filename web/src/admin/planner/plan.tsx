// One plan: what it holds, the simulator's forecast (per day, with its 80% band, and when the
// budget runs out), the pre-launch checks, and the one-step launch; once launched, links to the
// campaign's experiment and the report.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, useToast } from '../../shared/ui';
import { BackLink, FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { band, goalValue, percent, planKey, PLANS, yuanOf } from './common';
import './i18n';
import './planner.css';

function Forecast({ id, launched }: { id: string; launched: boolean }) {
  const { t } = useTranslation('planner');
  // A launched plan answers its stored forecast at once; a draft's runs when asked.
  const run = useMutation({ mutationFn: () => call(api.POST('/api/v1/admin/plans/{id}/forecast', { params: { path: { id } } })) });
  const stored = useQuery({ queryKey: [...planKey(id), 'forecast'], queryFn: () => call(api.POST('/api/v1/admin/plans/{id}/forecast', { params: { path: { id } } })), enabled: launched });
  const f = run.data ?? stored.data;
  return (
    <section className="card">
      <h2>{t('detail.forecast')}</h2>
      <p className="muted small">{t('detail.forecastHint')}</p>
      {!launched && <Button variant="secondary" busy={run.isPending} onClick={() => run.mutate()}>{t('detail.runForecast')}</Button>}
      {run.error && <FormError>{String((run.error as Error).message)}</FormError>}
      {f && (
        <div data-forecast="ready">
          <p role="status">{f.budgetExhaustedDay ? t('detail.budgetOut', { share: percent(f.budgetExhaustedShare), p10: f.budgetExhaustedDay.p10, p50: f.budgetExhaustedDay.p50, p90: f.budgetExhaustedDay.p90 }) : t('detail.budgetSafe')}</p>
          <Table label={t('detail.forecast')}>
            <thead>
              <tr><th>{t('detail.day')}</th><th>{t('detail.reach')}</th><th>{t('detail.newCustomers')}</th><th>{t('detail.orders')}</th><th>{t('detail.cost')}</th></tr>
            </thead>
            <tbody>
              {f.days.map((d) => (
                <tr key={d.day} data-day={d.day}>
                  <td className="nowrap">{d.date}</td><td>{band(d.reach)}</td><td>{band(d.newCustomers)}</td><td>{band(d.orders)}</td><td>{band(d.rewardCost, true)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

function Checks({ id }: { id: string }) {
  const { t } = useTranslation('planner');
  const checks = useQuery({ queryKey: [...planKey(id), 'checks'], queryFn: () => call(api.GET('/api/v1/admin/plans/{id}/checks', { params: { path: { id } } })) });
  return (
    <section className="card" aria-label={t('detail.checks')}>
      <h2>{t('detail.checks')}</h2>
      <QueryView query={checks}>
        {(c) => (
          <>
            {c.source === 'plan' && <p className="muted small">{t('detail.checksFromPlan')}</p>}
            {c.findings.length === 0 ? <p>{t('detail.noFindings')}</p> : (
              <ul className="stack">
                {c.findings.map((x, i) => (
                  <li key={i} data-check={x.check}><span className={`status status-${x.severity === 'block' ? 'bad' : x.severity === 'warn' ? 'warn' : 'info'}`}>{t(`detail.${x.severity}`)}</span> {x.message}</li>
                ))}
              </ul>
            )}
            <Button variant="ghost" onClick={() => void checks.refetch()}>{t('detail.recheck')}</Button>
          </>
        )}
      </QueryView>
    </section>
  );
}

export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('planner');
  const toast = useToast();
  const refresh = useRefresh(PLANS);
  const plan = useQuery({ queryKey: planKey(id), queryFn: () => call(api.GET('/api/v1/admin/plans/{id}', { params: { path: { id } } })) });
  const { busy, error, submit } = useSubmit();
  const launch = () =>
    void submit(async () => {
      await call(api.POST('/api/v1/admin/plans/{id}/launch', { params: { path: { id } } }));
      toast(t('detail.launched'));
      await refresh();
    });
  return (
    <>
      <BackLink to="/plans" />
      <QueryView query={plan}>
        {(p) => (
          <>
            <PageHead title={p.name} actions={p.status === 'launched' ? <Link className="btn btn-secondary" to={`/plans/${p.id}/report`}>{t('detail.report')}</Link> : undefined}>
              <p className="muted small">
                <span className={`status status-${p.status === 'launched' ? 'ok' : 'muted'}`} data-plan-status={p.status}>{t(`status.${p.status}`)}</span> {t(`mechanic.${p.mechanic.kind}`)} · {t(`goal.${p.goal.metric}`)} {goalValue(p.goal.metric, p.goal.target)}
              </p>
            </PageHead>
            <section className="card" aria-label={t('detail.summary')}>
              <dl className="plan-facts">
                <dt>{t('detail.audience')}</dt><dd>{p.segmentId ?? t('form.everyone')}</dd>
                <dt>{t('detail.budget')}</dt><dd>{p.budget ? yuanOf(p.budget.amount) : t('detail.none')}</dd>
                <dt>{t('form.startsAt')}</dt><dd>{formatDateTime(p.startsAt)} → {formatDateTime(p.endsAt)} ({t('detail.days', { n: p.days })})</dd>
                <dt>{t('form.channels')}</dt><dd>{p.channels.map((c) => t(`channel.${c}`)).join(' · ') || '—'}</dd>
                {p.variants.length > 0 && <><dt>{t('detail.variants')}</dt><dd>{p.variants.map((v) => `${v.name} ${v.weight}%${v.isControl ? ` (${t('detail.control')})` : ''}`).join(' · ')}</dd></>}
              </dl>
            </section>
            <Forecast id={p.id} launched={p.status === 'launched'} />
            <Checks id={p.id} />
            <section className="card">
              {p.status === 'launched' ? (
                <p className="row">
                  <span>{t('detail.launchedAt', { at: formatDateTime(p.launchedAt ?? p.updatedAt) })}</span>
                  {p.experimentId && <Link to={`/experiments/${p.experimentId}`}>{t('detail.experiment')}</Link>}
                  <Link to={`/plans/${p.id}/report`}>{t('detail.report')}</Link>
                </p>
              ) : (
                <Button busy={busy} onClick={launch}>{t('detail.launch')}</Button>
              )}
              <FormError>{error}</FormError>
            </section>
          </>
        )}
      </QueryView>
    </>
  );
}
