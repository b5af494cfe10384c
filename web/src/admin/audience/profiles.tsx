// Customer profiles: RFM, predicted 90-day value and churn risk, acquisition, share propensity and
// tags, sortable, with the operator's own tags editable; and the model fit panel (BG/NBD and
// Gamma-Gamma parameters, log-likelihood, and the holdout check of predicted against actual).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { Button, QueryView, SelectField, TextField, useToast } from '../../shared/ui';
import { Chart } from '../charts';
import { ActionButton, CursorList, FormError, PageHead, Stat, Table, useCursorList, useRefresh, useSubmit } from '../kit';
import { useAudienceT } from './i18n';

type Profile = paths['/api/v1/admin/audience/profiles']['get']['responses'][200]['content']['application/json']['items'][number];
type Fit = NonNullable<paths['/api/v1/admin/audience/model']['get']['responses'][200]['content']['application/json']['fit']>;
const SORTS = ['predicted_value', 'churn_risk', 'monetary', 'recency', 'frequency'] as const;
type Sort = (typeof SORTS)[number];
const KEY = ['admin', 'audience'];

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const num = (v: number, digits = 3) => Number(v.toPrecision(digits)).toString();

export function AudienceProfilesPage() {
  const { t } = useAudienceT();
  const toast = useToast();
  const refresh = useRefresh(KEY);
  const [sort, setSort] = useState<Sort>('predicted_value');
  const list = useCursorList([...KEY, 'profiles', sort], (cursor) => call(api.GET('/api/v1/admin/audience/profiles', { params: { query: { sort, cursor, limit: 50 } } })));
  const { busy, error, submit } = useSubmit();
  const recompute = () =>
    submit(async () => {
      const report = await call(api.POST('/api/v1/admin/audience/profiles/recompute', { body: {} }));
      toast(t('profiles.recomputed', { count: report.customers }));
      await refresh();
    });
  return (
    <>
      <PageHead title={t('profiles.title')} actions={<Button busy={busy} onClick={() => void recompute()}>{t('profiles.recompute')}</Button>}>
        <p className="muted small">{t('profiles.hint')}</p>
      </PageHead>
      <FormError>{error}</FormError>
      <ModelPanel />
      <div className="row card">
        <SelectField label={t('profiles.sort')} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          {SORTS.map((s) => <option key={s} value={s}>{t(`profiles.sorts.${s}`)}</option>)}
        </SelectField>
      </div>
      <CursorList query={list} empty={t('profiles.empty')}>
        {(items) => (
          <Table label={t('profiles.title')}>
            <thead>
              <tr>
                <th>{t('profiles.customer')}</th><th>{t('profiles.rfm')}</th><th>{t('profiles.orders')}</th><th>{t('profiles.spent')}</th>
                <th>{t('profiles.value')}</th><th>{t('profiles.churn')}</th><th>{t('profiles.channel')}</th><th>{t('profiles.shares')}</th><th>{t('profiles.tags')}</th><th>{t('profiles.active')}</th><th />
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.userId}>
                  <td>{p.displayName ?? p.userId.slice(0, 8)}</td>
                  <td className="mono">{p.frequency ? `${p.rfm.r}${p.rfm.f}${p.rfm.m}` : '—'}</td>
                  <td>{p.frequency}</td>
                  <td className="nowrap">{formatMoney(p.monetary)}</td>
                  <td className="nowrap">{p.predictedValue ? formatMoney(p.predictedValue) : '—'}</td>
                  <td>{pct(p.churnRisk)}</td>
                  <td>{p.channel ?? '—'}</td>
                  <td>{p.shares} / {p.shareSignups}</td>
                  <td className="small">{p.tags.join(' ')}</td>
                  <td className="nowrap">{formatDateTime(p.lastActiveAt)}</td>
                  <td><TagsEditor profile={p} onSaved={refresh} /></td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

function TagsEditor({ profile, onSaved }: { profile: Profile; onSaved: () => Promise<void> }) {
  const { t } = useAudienceT();
  const own = profile.tags.filter((x) => !profile.ruleTags.includes(x));
  const [text, setText] = useState(own.join(' '));
  return (
    <ActionButton label={t('profiles.editTags')} variant="ghost" done={t('profiles.tagsSaved')} onOpen={() => setText(own.join(' '))}
      run={async () => {
        const tags = text.split(/\s+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
        await call(api.PUT('/api/v1/admin/audience/profiles/{userId}/tags', { params: { path: { userId: profile.userId } }, body: { tags } }));
        await onSaved();
      }}>
      <TextField label={t('profiles.tagsLabel')} value={text} onChange={(e) => setText(e.target.value)} />
    </ActionButton>
  );
}

function ModelPanel() {
  const { t } = useAudienceT();
  const model = useQuery({ queryKey: [...KEY, 'model'], queryFn: () => call(api.GET('/api/v1/admin/audience/model', {})) });
  return (
    <section className="card" aria-label={t('model.title')}>
      <h2>{t('model.title')}</h2>
      <QueryView query={model}>
        {(d) => (d.fit ? <FitView fit={d.fit} /> : <p className="muted">{t('model.none')}</p>)}
      </QueryView>
    </section>
  );
}

function FitView({ fit }: { fit: Fit }) {
  const { t } = useAudienceT();
  const h = fit.holdout;
  return (
    <>
      <p className="muted small">{t('model.fitted', { at: formatDateTime(fit.fittedAt), customers: fit.buyers, repeaters: fit.repeaters, ms: fit.elapsedMs })}</p>
      {fit.reason && <p>{t('model.reason', { reason: fit.reason })}</p>}
      {fit.bgnbd && (
        <div className="row">
          <Stat label={t('model.bgnbd')} value={`r=${num(fit.bgnbd.r)} α=${num(fit.bgnbd.alpha)} a=${num(fit.bgnbd.a)} b=${num(fit.bgnbd.b)}`} hint={`${t('model.ll')} ${fit.bgnbd.logLikelihood.toFixed(1)}`} />
          {fit.gammaGamma && <Stat label={t('model.gg')} value={`p=${num(fit.gammaGamma.p)} q=${num(fit.gammaGamma.q)} γ=${num(fit.gammaGamma.gamma)}`} hint={`${t('model.ll')} ${fit.gammaGamma.logLikelihood.toFixed(1)}`} />}
          {h && <Stat label={t('model.holdout', { weeks: h.weeks })} value={t('model.total', { predicted: h.predicted.toFixed(1), actual: h.actual })} hint={`${t('model.mae')} ${h.meanAbsoluteError.toFixed(3)}`} />}
        </div>
      )}
      {h && (
        <Chart
          label={t('model.holdout', { weeks: h.weeks })}
          height={240}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { data: [t('model.predicted'), t('model.actual')] },
            xAxis: { type: 'category', name: t('model.bucket'), nameLocation: 'middle', nameGap: 28, data: h.byRepeatPurchases.map((b) => `${b.x} (${b.customers})`) },
            yAxis: { type: 'value' },
            series: [
              { name: t('model.predicted'), type: 'bar', data: h.byRepeatPurchases.map((b) => b.predicted) },
              { name: t('model.actual'), type: 'bar', data: h.byRepeatPurchases.map((b) => b.actual) },
            ],
          }}
        />
      )}
    </>
  );
}
