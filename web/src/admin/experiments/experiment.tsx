// One experiment: its variants with exposures, start/stop, and the results: the sample-ratio
// check first (a mismatch is a red banner above everything), then per metric the lift with its
// interval, the CUPED and always-valid intervals, and the chance to beat control.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, SelectField, useToast } from '../../shared/ui';
import { BackLink, FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { experimentKey, interval, metricMean, pct, pValue, resultsKey, type Metric } from './common';
import './i18n';

type Correction = 'holm' | 'bh';

function Results({ id, correction }: { id: string; correction: Correction }) {
  const { t } = useTranslation('experiments');
  const results = useQuery({ queryKey: resultsKey(id, correction), queryFn: () => call(api.GET('/api/v1/admin/experiments/{id}/results', { params: { path: { id }, query: { correction } } })) });
  return (
    <QueryView query={results}>
      {(r) => (
        <>
          <p role={r.srm.mismatch ? 'alert' : 'status'} className={`status status-${r.srm.mismatch ? 'bad' : 'ok'}`} data-srm={r.srm.mismatch ? 'mismatch' : 'ok'}>
            {t(r.srm.mismatch ? 'detail.srmBad' : 'detail.srmOk', { chi: r.srm.chiSquare.toFixed(2), p: pValue(r.srm.pValue) })}
          </p>
          <p className="muted small">{t('detail.window', { at: formatDateTime(r.windowEnd) })}</p>
          {r.metrics.map((m) => (
            <section key={m.metric} className="card" data-metric={m.metric}>
              <h2>{t(`metric.${m.metric}`)} {m.isGoal && <span className="status status-info">{t('detail.goalTag')}</span>}</h2>
              <Table label={t(`metric.${m.metric}`)}>
                <thead>
                  <tr>
                    <th>{t('detail.variant')}</th><th>{t('detail.n')}</th><th>{t('detail.mean')}</th><th>{t('detail.lift')}</th><th>{t('detail.ci')}</th><th>{t('detail.p')}</th>
                    <th>{t('detail.cuped')}</th><th>{t('detail.sequential')}</th><th>{t('detail.chance')}</th><th>{t('detail.loss')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.variants.map((v) => {
                    const c = v.comparison;
                    return (
                      <tr key={v.key} data-variant={v.key}>
                        <td>{v.key}</td>
                        <td>{v.n}</td>
                        <td>{metricMean(m.metric as Metric, v.mean)}</td>
                        {c && c.relative.se > 0 ? (
                          <>
                            <td><strong>{pct(c.relative.estimate)}</strong> {c.significant && <span className="status status-ok">{t('detail.significant')}</span>}</td>
                            <td className="nowrap">{interval(c.relative.ci)}</td>
                            <td>{pValue(c.adjustedPValue)}</td>
                            <td className="nowrap">{c.cuped ? `${pct(c.cuped.relative.estimate)} ${interval(c.cuped.relative.ci)}` : '—'}</td>
                            <td className="nowrap">{interval(c.sequential.relative)}</td>
                            <td>{(c.bayesian.chanceToBeatControl * 100).toFixed(1)}%</td>
                            <td>{pct(c.bayesian.expectedLoss)}</td>
                          </>
                        ) : (
                          // No comparison for the control, nor a lift while the control's mean is 0 (undefined relative change).
                          <td colSpan={7} className="muted">{c ? t('detail.noLift') : t('detail.baseline')}</td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
            </section>
          ))}
        </>
      )}
    </QueryView>
  );
}

export function ExperimentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('experiments');
  const toast = useToast();
  const [correction, setCorrection] = useState<Correction>('holm');
  const experiment = useQuery({ queryKey: experimentKey(id), queryFn: () => call(api.GET('/api/v1/admin/experiments/{id}', { params: { path: { id } } })) });
  const exposures = useQuery({ queryKey: [...experimentKey(id), 'exposures'], queryFn: () => call(api.GET('/api/v1/admin/experiments/{id}/exposures', { params: { path: { id } } })) });
  const refresh = useRefresh(experimentKey(id));
  const { busy, error, submit } = useSubmit();
  const act = (action: 'start' | 'stop') =>
    void submit(async () => {
      await call(api.POST(action === 'start' ? '/api/v1/admin/experiments/{id}/start' : '/api/v1/admin/experiments/{id}/stop', { params: { path: { id } } }));
      toast(t(action === 'start' ? 'detail.started' : 'detail.stopped'));
      await refresh();
    });
  return (
    <QueryView query={experiment}>
      {(e) => (
        <>
          <BackLink to="/experiments" />
          <PageHead
            title={e.name}
            actions={
              e.status === 'draft' ? <Button busy={busy} onClick={() => act('start')}>{t('detail.start')}</Button>
              : e.status === 'running' ? <Button variant="secondary" busy={busy} onClick={() => act('stop')}>{t('detail.stop')}</Button>
              : null
            }
          >
            <p><span className={`status status-${e.status === 'running' ? 'ok' : 'muted'}`}>{t(`status.${e.status}`)}</span> {t(`metric.${e.goalMetric}`)}</p>
            {e.hypothesis && <p className="muted small">{t('detail.hypothesis')}: {e.hypothesis}</p>}
          </PageHead>
          <FormError>{error}</FormError>
          <section className="card">
            <h2>{t('detail.variants')}</h2>
            <Table label={t('detail.variants')}>
              <thead><tr><th>{t('detail.key')}</th><th>{t('list.name')}</th><th>{t('detail.weight')}</th><th>{t('detail.control')}</th><th>{t('detail.config')}</th><th>{t('detail.exposures')}</th></tr></thead>
              <tbody>
                {e.variants.map((v) => (
                  <tr key={v.key}>
                    <td className="mono">{v.key}</td>
                    <td>{v.name}</td>
                    <td>{v.weight}%</td>
                    <td>{v.isControl ? '✓' : ''}</td>
                    <td className="mono small">{JSON.stringify(v.config)}</td>
                    <td>{exposures.data?.variants.find((x) => x.key === v.key)?.exposures ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
          <section className="stack">
            <div className="row">
              <h2>{t('detail.results')}</h2>
              <SelectField label={t('detail.correction')} name="correction" value={correction} onChange={(ev) => setCorrection(ev.target.value as Correction)}>
                <option value="holm">{t('detail.holm')}</option>
                <option value="bh">{t('detail.bh')}</option>
              </SelectField>
            </div>
            {e.status === 'draft' ? <p className="muted">{t('detail.notStarted')}</p> : <Results id={id} correction={correction} />}
          </section>
        </>
      )}
    </QueryView>
  );
}
