// The thresholds the risk rules count against: how many accounts on one device make a farm, how
// many new accounts from one network within the burst window make a burst, and how young an account
// counts as new. Saved together (audited on the server); a change applies to the next decision.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Button, QueryView, TextField, useToast } from '../../shared/ui';
import { FormError, useRefresh, useSubmit } from '../kit';

const KEY = ['admin', 'risk', 'tuning'];
const FIELDS = [
  { name: 'deviceFarmAccounts', min: 2, max: 100 },
  { name: 'networkBurstAccounts', min: 2, max: 10_000 },
  { name: 'newAccountHours', min: 0, max: 90 * 24 },
] as const;
type Form = Record<(typeof FIELDS)[number]['name'], string>;

export function RiskTuning() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const refresh = useRefresh(KEY);
  const tuning = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/risk/tuning', {})) });
  const [form, setForm] = useState<Form | null>(null);
  // The form starts from the saved values and follows them after a save.
  useEffect(() => {
    if (tuning.data) setForm({ deviceFarmAccounts: String(tuning.data.deviceFarmAccounts), networkBurstAccounts: String(tuning.data.networkBurstAccounts), newAccountHours: String(Math.round(tuning.data.newAccountSeconds / 360) / 10) });
  }, [tuning.data]);
  const { busy, error, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    void submit(async () => {
      await call(api.PUT('/api/v1/admin/risk/tuning', { body: { deviceFarmAccounts: Number(form.deviceFarmAccounts), networkBurstAccounts: Number(form.networkBurstAccounts), newAccountSeconds: Math.round(Number(form.newAccountHours) * 3600) } }));
      toast(t('risk.tuning.saved'));
      await refresh();
    });
  };
  return (
    <section className="card">
      <h2>{t('risk.tuning.title')}</h2>
      <p className="muted small">{t('risk.tuning.hint')}</p>
      <QueryView query={tuning}>
        {() =>
          form && (
            <form className="row" onSubmit={save} aria-label={t('risk.tuning.title')}>
              {FIELDS.map((f) => (
                <TextField key={f.name} label={t(`risk.tuning.${f.name}`)} hint={t('risk.tuning.range', { min: f.min, max: f.max })} name={f.name} type="number" required min={f.min} max={f.max} step={f.name === 'newAccountHours' ? 0.1 : 1}
                  value={form[f.name]} onChange={(e) => setForm({ ...form, [f.name]: e.target.value })} />
              ))}
              <Button type="submit" busy={busy}>{t('risk.tuning.save')}</Button>
            </form>
          )
        }
      </QueryView>
      <FormError>{error}</FormError>
    </section>
  );
}
