// Per-campaign risk: burst alerts, held value, blocked attempts and review outcomes over 30 days,
// the levels set per mechanic or per campaign, and the rules' thresholds.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Button, QueryView, SelectField, TextField, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, shortId, useRefresh, useSubmit } from '../kit';
import { RiskTuning } from './tuning';

const SUMMARY = ['admin', 'risk', 'summary'];
const LEVELS = ['admin', 'risk', 'levels'];
const ALERTS = ['admin', 'risk', 'alerts'];
const cny = (amount: number) => formatMoney({ amount, currency: 'CNY' });

export function RiskSummaryPage() {
  const { t } = useTranslation('admin');
  const summary = useQuery({ queryKey: SUMMARY, queryFn: () => call(api.GET('/api/v1/admin/risk/summary', { params: { query: { days: 30 } } })) });
  return (
    <>
      <PageHead title={t('risk.summary.title')}>
        <p className="muted small">{t('risk.summary.hint')}</p>
      </PageHead>
      <Alerts />
      <QueryView query={summary} isEmpty={(d) => d.items.length === 0} empty={t('risk.summary.empty')}>
        {(d) => (
          <Table label={t('risk.summary.title')}>
            <thead>
              <tr>
                <th>{t('risk.summary.campaign')}</th><th>{t('risk.summary.kind')}</th><th>{t('risk.summary.held')}</th><th>{t('risk.summary.heldAmount')}</th>
                <th>{t('risk.summary.blocked')}</th><th>{t('risk.summary.blockedAmount')}</th><th>{t('risk.summary.released')}</th><th>{t('risk.summary.cancelled')}</th><th>{t('risk.summary.cancelledAmount')}</th><th>{t('risk.summary.allowed')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((s) => (
                <tr key={`${s.campaignId}-${s.actionKind}`}>
                  <td className="mono small" title={s.campaignId ?? ''}>{s.campaignId ? shortId(s.campaignId) : t('risk.summary.none')}</td>
                  <td className="mono small">{s.actionKind}</td>
                  <td>{s.held}</td><td className="nowrap">{cny(s.heldAmount)}</td>
                  <td>{s.blocked}</td><td className="nowrap">{cny(s.blockedAmount)}</td>
                  <td>{s.released}</td><td>{s.cancelled}</td><td className="nowrap">{cny(s.cancelledAmount)}</td><td>{s.allowed}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
      <Levels />
      <RiskTuning />
    </>
  );
}

/** Bursts of holds and blocks on one campaign or from one network: one row each, newest first. */
function Alerts() {
  const { t } = useTranslation('admin');
  const alerts = useQuery({ queryKey: ALERTS, queryFn: () => call(api.GET('/api/v1/admin/risk/alerts', { params: { query: { hours: 24 } } })), refetchInterval: 60_000 });
  const time = (iso: string) => new Date(iso).toLocaleString();
  return (
    <section className="card" aria-label={t('risk.alerts.title')}>
      <h2>{t('risk.alerts.title')}</h2>
      <p className="muted small">{t('risk.alerts.hint')}</p>
      <QueryView query={alerts} isEmpty={(d) => d.items.length === 0} empty={t('risk.alerts.none')}>
        {(d) => (
          <ul role="list">
            {d.items.map((a) => (
              <li key={`${a.scope}-${a.key}`} role="alert">
                <strong className="mono">{t(`risk.alerts.${a.scope}`, { key: a.scope === 'campaign' ? shortId(a.key) : a.key })}</strong>{' '}
                {t('risk.alerts.line', { count: a.count, money: formatMoney(a.atStake), kinds: a.kinds.join(', '), from: time(a.from), to: time(a.to) })}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function Levels() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const refresh = useRefresh(LEVELS);
  const levels = useQuery({ queryKey: LEVELS, queryFn: () => call(api.GET('/api/v1/admin/risk/levels', {})) });
  const [scope, setScope] = useState<'mechanic' | 'campaign'>('mechanic');
  const [key, setKey] = useState('');
  const [level, setLevel] = useState<'' | 'strict' | 'moderate' | 'relaxed' | 'off'>('strict');
  const { busy, error, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await call(api.PUT('/api/v1/admin/risk/levels', { body: { scope, key: key.trim(), level: level || null } }));
      toast(t('risk.levels.saved'));
      await refresh();
    });
  };
  return (
    <section className="card">
      <h2>{t('risk.levels.title')}</h2>
      <p className="muted small">{t('risk.levels.hint')}</p>
      <form className="row" onSubmit={save} aria-label={t('risk.levels.title')}>
        <SelectField label={t('risk.levels.scope')} name="scope" value={scope} onChange={(e) => setScope(e.target.value as 'mechanic' | 'campaign')}>
          <option value="mechanic">{t('risk.levels.mechanic')}</option>
          <option value="campaign">{t('risk.levels.campaignScope')}</option>
        </SelectField>
        <TextField label={t('risk.levels.key')} name="key" required value={key} onChange={(e) => setKey(e.target.value)} placeholder="referral / coupon / bargain / groupbuy / lottery / affiliate / share" />
        <SelectField label={t('risk.levels.level')} name="level" value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
          <option value="strict">{t('risk.levels.strict')}</option>
          <option value="moderate">{t('risk.levels.moderate')}</option>
          <option value="relaxed">{t('risk.levels.relaxed')}</option>
          <option value="off">{t('risk.levels.off')}</option>
          <option value="">{t('risk.levels.clear')}</option>
        </SelectField>
        <Button type="submit" busy={busy}>{t('risk.levels.save')}</Button>
      </form>
      <FormError>{error}</FormError>
      <QueryView query={levels}>
        {(d) => (
          <ul className="small">
            {d.items.map((l) => <li key={`${l.scope}-${l.key}`}>{l.scope === 'mechanic' ? t('risk.levels.mechanic') : t('risk.levels.campaignScope')} <span className="mono">{l.key}</span>: {t(`risk.levels.${l.level}`, { defaultValue: l.level })}</li>)}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
