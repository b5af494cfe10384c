// Recommendation quality: the latest training (size, time, the model serving), the offline
// leave-last-out figures of each model against the best-sellers baseline, "Train now", and a
// preview of what one customer's home page recommends, with the reasons.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../shared/api';
import { formatMoney, formatDateTime, formatNumber, localText } from '../../shared/format';
import { Button, QueryView, TextField } from '../../shared/ui';
import { Chart } from '../charts';
import { ActionButton, FormError, PageHead, Stat, Table, useRefresh, useSubmit } from '../kit';
import { useRecommendT } from './i18n';

const QUALITY = ['admin', 'recommend', 'quality'];
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const GOAL = 1.5;

export function RecommendQualityPage() {
  const { t } = useRecommendT();
  const refresh = useRefresh(QUALITY);
  const quality = useQuery({ queryKey: QUALITY, queryFn: () => call(api.GET('/api/v1/admin/recommend/quality')) });
  return (
    <>
      <PageHead
        title={t('quality.title')}
        actions={<ActionButton label={t('quality.train')} variant="primary" title={t('quality.trainTitle')} message={t('quality.trainMessage')} run={() => call(api.POST('/api/v1/admin/recommend/train')).then(refresh)} done={t('quality.trained')} />}
      >
        <p className="muted small">{t('quality.hint')}</p>
      </PageHead>
      <QueryView query={quality} isEmpty={(d) => !d.latest} empty={t('quality.none')}>
        {(d) => (
          <>
            {d.latest && d.latest.status === 'failed' && <FormError>{t('quality.failed', { error: d.latest.error ?? '' })}</FormError>}
            {d.lastDone && <RunFigures run={d.lastDone} />}
          </>
        )}
      </QueryView>
      <Preview />
    </>
  );
}

type Run = NonNullable<Awaited<ReturnType<typeof fetchQuality>>['lastDone']>;
const fetchQuality = () => call(api.GET('/api/v1/admin/recommend/quality'));

function RunFigures({ run }: { run: Run }) {
  const { t } = useRecommendT();
  const models = run.metrics?.models ?? [];
  const best = models.filter((m) => m.model !== 'popularity').sort((a, b) => b.recallAt10 - a.recallAt10)[0];
  const modelName = (m: string) => t(`quality.models.${m}`, { defaultValue: m });
  return (
    <>
      <section className="card" aria-label={t('quality.lastRun')}>
        <h2>{t('quality.lastRun')}</h2>
        <div className="stats">
          <Stat label={t('quality.interactions')} value={formatNumber(run.interactions)} />
          <Stat label={t('quality.users')} value={formatNumber(run.users)} />
          <Stat label={t('quality.items')} value={formatNumber(run.items)} />
          <Stat label={t('quality.time')} value={`${(run.trainMs / 1000).toFixed(1)} s`} />
          <Stat label={t('quality.model')} value={run.model ? modelName(run.model) : '—'} hint={`${t('quality.finished')}: ${formatDateTime(run.finishedAt)} · ${t('quality.trigger')}: ${t(`quality.triggers.${run.trigger}`, { defaultValue: run.trigger })}`} />
        </div>
      </section>
      {run.metrics && (
        <section className="card" aria-label={t('quality.metrics')}>
          <h2>{t('quality.metrics')}</h2>
          <p className="muted small">
            {t('quality.testUsers', { count: run.metrics.testUsers })} ·{' '}
            {run.metrics.testUsers === 0
              ? t('quality.noTest')
              : `${t('quality.goal')}: ${best && best.recallVsPopularity !== null ? t(best.recallVsPopularity >= GOAL ? 'quality.goalMet' : 'quality.goalNotMet', { model: modelName(best.model), ratio: best.recallVsPopularity.toFixed(2) }) : '—'}`}
          </p>
          <Table label={t('quality.metrics')}>
            <thead>
              <tr>
                <th>{t('quality.model_')}</th><th>{t('quality.recall')}</th><th>{t('quality.ndcg')}</th><th>{t('quality.vsPopular')}</th><th>{t('quality.modelTime')}</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.model}>
                  <td>{modelName(m.model)}</td>
                  <td>{pct(m.recallAt10)}</td>
                  <td>{pct(m.ndcgAt10)}</td>
                  <td>{m.recallVsPopularity === null ? '—' : `${m.recallVsPopularity.toFixed(2)}×`}</td>
                  <td>{`${(m.trainMs / 1000).toFixed(2)} s`}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Chart
            label={t('quality.chart')}
            height={240}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(2)}%` },
              legend: { data: [t('quality.recall'), t('quality.ndcg')] },
              xAxis: { type: 'category', data: models.map((m) => modelName(m.model)) },
              yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
              series: [
                { name: t('quality.recall'), type: 'bar', data: models.map((m) => +(m.recallAt10 * 100).toFixed(2)) },
                { name: t('quality.ndcg'), type: 'bar', data: models.map((m) => +(m.ndcgAt10 * 100).toFixed(2)) },
              ],
            }}
          />
        </section>
      )}
    </>
  );
}

function Preview() {
  const { t } = useRecommendT();
  const [customer, setCustomer] = useState('');
  const [result, setResult] = useState<Awaited<ReturnType<typeof fetchPreview>> | null>(null);
  const { busy, error, setError, submit } = useSubmit();
  const fetchPreview = (c: string) => call(api.GET('/api/v1/admin/recommend/preview', { params: { query: { customer: c } } }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!customer.trim()) return setError(t('preview.empty'));
    setError(null);
    void submit(async () => setResult(await fetchPreview(customer.trim())));
  };
  return (
    <section className="card" aria-label={t('preview.title')}>
      <h2>{t('preview.title')}</h2>
      <p className="muted small">{t('preview.hint')}</p>
      <form onSubmit={onSubmit} className="form-inline" noValidate>
        <TextField label={t('preview.customer')} value={customer} onChange={(e) => setCustomer(e.target.value)} maxLength={200} />
        <Button type="submit" busy={busy}>{t('preview.show')}</Button>
      </form>
      <FormError>{error}</FormError>
      {result && (
        <>
          <p className="small">
            <strong>{result.customer.displayName ?? result.customer.id}</strong> · {result.personalised ? t('preview.personalised') : t('preview.notPersonalised')}
          </p>
          <Table label={t('preview.title')}>
            <thead>
              <tr><th>{t('preview.product')}</th><th>{t('preview.price')}</th><th>{t('preview.reason')}</th></tr>
            </thead>
            <tbody>
              {result.items.map((i) => {
                const because = i.reason.productTitle ? localText(i.reason.productTitle, i.reason.productTitleEn) : null;
                const why =
                  i.reason.kind === 'friends_bought' ? t('preview.reasons.friends_bought', { count: i.reason.friends })
                  : i.reason.kind === 'popular' ? t('preview.reasons.popular')
                  : because ? t(`preview.reasons.${i.reason.kind}`, { title: because })
                  : t('preview.reasons.because_viewed_plain');
                return (
                  <tr key={i.productId}>
                    <td>{localText(i.title, i.titleEn)}</td>
                    <td className="nowrap">{formatMoney(i.price)}</td>
                    <td>{why}</td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </>
      )}
    </section>
  );
}
