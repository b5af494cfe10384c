// Experiments: the list, newest first, and a form to define one on a campaign: the rules its
// mechanic lets vary as labelled inputs (variant-keys.tsx), and the variants as editable JSON.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, SelectField, TextArea, TextField, useToast } from '../../shared/ui';
import { FormError, PageHead, shortId, Table, useRefresh, useSubmit } from '../kit';
import { EXPERIMENTS, METRICS, type Metric } from './common';
import './i18n';
import { twoVariants, VariantKeys } from './variant-keys';

// The campaign as it is against itself: valid on any campaign; the rule inputs below fill in a treatment.
const TEMPLATE = twoVariants({}, { control: 'control', treatment: 'treatment' });

function CreateForm() {
  const { t } = useTranslation('experiments');
  const toast = useToast();
  const navigate = useNavigate();
  const refresh = useRefresh(EXPERIMENTS);
  const [campaignId, setCampaignId] = useState('');
  const [name, setName] = useState('');
  const [goal, setGoal] = useState<Metric>('conversion');
  const [secondary, setSecondary] = useState<Metric[]>(['revenue']);
  const [variants, setVariants] = useState(TEMPLATE);
  const { busy, error, setError, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(variants);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed)) return setError(t('list.badJson'));
    void submit(async () => {
      const made = await call(api.POST('/api/v1/admin/experiments', { body: { campaignId: campaignId.trim(), name, goalMetric: goal, secondaryMetrics: secondary.filter((m) => m !== goal), variants: parsed as never } }));
      toast(t('list.done'));
      await refresh();
      navigate(`/experiments/${made.id}`);
    });
  };
  return (
    <section className="card">
      <h2>{t('list.create')}</h2>
      <form className="stack" onSubmit={save} aria-label={t('list.create')}>
        <div className="row">
          <TextField label={t('list.campaignId')} name="campaignId" required value={campaignId} onChange={(e) => setCampaignId(e.target.value)} />
          <TextField label={t('list.name')} name="name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
          <SelectField label={t('list.goalMetric')} name="goalMetric" value={goal} onChange={(e) => setGoal(e.target.value as Metric)}>
            {METRICS.map((m) => <option key={m} value={m}>{t(`metric.${m}`)}</option>)}
          </SelectField>
        </div>
        <fieldset className="row">
          <legend>{t('list.secondary')}</legend>
          {METRICS.filter((m) => m !== goal).map((m) => (
            <label key={m} className="row">
              <input type="checkbox" checked={secondary.includes(m)} onChange={(e) => setSecondary(e.target.checked ? [...secondary, m] : secondary.filter((x) => x !== m))} />
              {t(`metric.${m}`)}
            </label>
          ))}
        </fieldset>
        <VariantKeys campaignId={campaignId} onUse={setVariants} />
        <TextArea label={t('list.variantsJson')} hint={t('list.variantsHint')} name="variants" rows={10} value={variants} onChange={(e) => setVariants(e.target.value)} />
        <div className="row"><Button type="submit" busy={busy}>{t('list.create')}</Button></div>
        <FormError>{error}</FormError>
      </form>
    </section>
  );
}

export function ExperimentsListPage() {
  const { t } = useTranslation('experiments');
  const list = useQuery({ queryKey: EXPERIMENTS, queryFn: () => call(api.GET('/api/v1/admin/experiments', { params: { query: { limit: 200 } } })) });
  return (
    <>
      <PageHead title={t('list.title')}>
        <p className="muted small">{t('list.hint')}</p>
      </PageHead>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('list.empty')}>
        {(d) => (
          <Table label={t('list.title')}>
            <thead>
              <tr><th>{t('list.name')}</th><th>{t('list.campaign')}</th><th>{t('list.status')}</th><th>{t('list.goal')}</th><th>{t('list.variants')}</th><th>{t('list.created')}</th></tr>
            </thead>
            <tbody>
              {d.items.map((e) => (
                <tr key={e.id} data-experiment={e.id}>
                  <td><Link to={`/experiments/${e.id}`}>{e.name}</Link></td>
                  <td className="mono">{shortId(e.campaignId)}</td>
                  <td><span className={`status status-${e.status === 'running' ? 'ok' : 'muted'}`}>{t(`status.${e.status}`)}</span></td>
                  <td>{t(`metric.${e.goalMetric}`)}</td>
                  <td>{e.variants.map((v) => `${v.name} ${v.weight}%`).join(' · ')}</td>
                  <td className="nowrap">{formatDateTime(e.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
      <CreateForm />
    </>
  );
}
