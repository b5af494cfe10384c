// Reorder settings: the store's lead time, service level and cover days, and options with their own.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Button, QueryView, TextField, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { SETTINGS } from './common';
import './i18n';

interface Values {
  leadTimeDays: number;
  serviceLevel: number;
  coverDays: number;
}

/** Lead time, service level and cover days as a form; `scope` is 'default' or an option's id (typed in when new). */
function SettingsForm({ initial, scope, onSaved, askSku }: { initial: Values; scope?: string; onSaved: () => Promise<void>; askSku?: boolean }) {
  const { t } = useTranslation('supply');
  const toast = useToast();
  const [skuId, setSkuId] = useState(scope ?? '');
  const [lead, setLead] = useState(String(initial.leadTimeDays));
  const [level, setLevel] = useState(String(initial.serviceLevel));
  const [cover, setCover] = useState(String(initial.coverDays));
  const { busy, error, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const body = { leadTimeDays: Number(lead), serviceLevel: Number(level), coverDays: Number(cover) };
      const target = skuId.trim();
      if (target === 'default' || !target) await call(api.PUT('/api/v1/admin/supply/settings/default', { body }));
      else await call(api.PUT('/api/v1/admin/supply/settings/{skuId}', { params: { path: { skuId: target } }, body }));
      toast(t('settings.saved'));
      await onSaved();
    });
  };
  return (
    <form className="row" onSubmit={save} aria-label={askSku ? t('settings.add') : t('settings.defaults')}>
      {askSku && <TextField label={t('settings.skuId')} name="skuId" required value={skuId} onChange={(e) => setSkuId(e.target.value)} />}
      <TextField label={t('settings.leadTime')} name="leadTimeDays" type="number" min={1} max={180} step={1} required value={lead} onChange={(e) => setLead(e.target.value)} />
      <TextField label={t('settings.serviceLevel')} name="serviceLevel" type="number" min={0.5} max={0.999} step={0.001} required value={level} onChange={(e) => setLevel(e.target.value)} />
      <TextField label={t('settings.coverDays')} name="coverDays" type="number" min={0} max={180} step={1} required value={cover} onChange={(e) => setCover(e.target.value)} />
      <Button type="submit" busy={busy}>{t('settings.save')}</Button>
      <FormError>{error}</FormError>
    </form>
  );
}

export function SupplySettingsPage() {
  const { t } = useTranslation('supply');
  const toast = useToast();
  const refresh = useRefresh(SETTINGS);
  const settings = useQuery({ queryKey: SETTINGS, queryFn: () => call(api.GET('/api/v1/admin/supply/settings', {})) });
  const { error, submit } = useSubmit();
  const clear = (skuId: string) =>
    void submit(async () => {
      await call(api.DELETE('/api/v1/admin/supply/settings/{skuId}', { params: { path: { skuId } } }));
      toast(t('settings.removed'));
      await refresh();
    });
  return (
    <>
      <PageHead title={t('settings.title')}>
        <p className="muted small">{t('settings.hint')}</p>
      </PageHead>
      <QueryView query={settings}>
        {(s) => (
          <>
            <section className="card">
              <h2>{t('settings.defaults')}</h2>
              <SettingsForm key={JSON.stringify(s.defaults)} initial={s.defaults} scope="default" onSaved={refresh} />
            </section>
            <section className="card">
              <h2>{t('settings.perSku')}</h2>
              <FormError>{error}</FormError>
              {s.items.length === 0 ? <p className="muted small">{t('settings.empty')}</p> : (
                <Table label={t('settings.perSku')}>
                  <thead><tr><th>{t('alerts.sku', { defaultValue: '' })}</th><th>{t('settings.leadTime')}</th><th>{t('settings.serviceLevel')}</th><th>{t('settings.coverDays')}</th><th /></tr></thead>
                  <tbody>
                    {s.items.map((i) => (
                      <tr key={i.skuId}>
                        <td>{i.productTitle} <span className="muted small">{i.skuLabel}</span> <span className="mono small">{i.skuId.slice(0, 8)}</span></td>
                        <td>{i.leadTimeDays}</td><td>{i.serviceLevel}</td><td>{i.coverDays}</td>
                        <td><Button variant="ghost" onClick={() => clear(i.skuId)}>{t('settings.remove')}</Button></td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
              <h3>{t('settings.add')}</h3>
              <SettingsForm initial={s.defaults} askSku onSaved={refresh} />
            </section>
          </>
        )}
      </QueryView>
    </>
  );
}
