// The forecast's quality: WAPE against seasonal naive per option per day, per option over 7
// days and for the whole store; by days ahead; and the weekday index and event effects learnt.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, isApiError } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, Empty, QueryView, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { ALERTS, diff, pct, REPORT, signed } from './common';
import './i18n';

export function SupplyBacktestPage() {
  const { t } = useTranslation('supply');
  const toast = useToast();
  const refresh = useRefresh(REPORT, ALERTS);
  const report = useQuery({ queryKey: REPORT, queryFn: () => call(api.GET('/api/v1/admin/supply/report', {})) });
  const { busy, error, submit } = useSubmit();
  const run = () =>
    void submit(async () => {
      const r = await call(api.POST('/api/v1/admin/supply/recompute', { body: { backtest: true } }));
      toast(t('backtest.ran', { model: pct(r.backtest?.wapeModel), naive: pct(r.backtest?.wapeNaive) }));
      await refresh();
    });
  const notYet = report.isError && isApiError(report.error, 'SUPPLY_NO_RUN');
  const keyName = (key: string) => t(`backtest.keys.${key}`, { defaultValue: key });
  return (
    <>
      <PageHead title={t('backtest.title')} actions={<Button onClick={run} busy={busy}>{t('backtest.run')}</Button>}>
        <p className="muted small">{t('backtest.hint')}</p>
      </PageHead>
      <FormError>{error}</FormError>
      {notYet ? <Empty>{t('backtest.none')}</Empty> : (
        <QueryView query={report}>
          {(r) => (
            <>
              {r.backtest ? (
                <section className="card">
                  <p className="muted small">{t('backtest.at', { at: formatDateTime(r.backtestAt) })} · {t('backtest.history', { from: r.historyFrom, to: r.historyTo, skus: r.backtest.skus, origins: r.backtest.origins, horizon: r.backtest.horizon, units: r.backtest.actualUnits })}</p>
                  <Table label={t('backtest.title')}>
                    <thead><tr><th>{t('backtest.level')}</th><th>{t('backtest.model')}</th><th>{t('backtest.naive')}</th><th>{t('backtest.diff')}</th></tr></thead>
                    <tbody>
                      {([['perSkuDay', r.backtest], ['perSkuTotal', r.backtest.horizonTotal], ['storeDay', r.backtest.storeDaily]] as const).map(([label, p]) => (
                        <tr key={label}><td>{t(`backtest.${label}`)}</td><td>{pct(p.wapeModel)}</td><td>{pct(p.wapeNaive)}</td><td><strong>{diff(p.improvement)}</strong></td></tr>
                      ))}
                    </tbody>
                  </Table>
                  <p className="small">{t('backtest.bias', { model: signed(r.backtest.bias), naive: signed(r.backtest.biasNaive) })}</p>
                  <h2>{t('backtest.byHorizon')}</h2>
                  <Table label={t('backtest.byHorizon')}>
                    <thead><tr><th>{t('backtest.ahead')}</th><th>{t('backtest.model')}</th><th>{t('backtest.naive')}</th></tr></thead>
                    <tbody>{r.backtest.byHorizon.map((h) => <tr key={h.day}><td>{h.day}</td><td>{pct(h.wapeModel)}</td><td>{pct(h.wapeNaive)}</td></tr>)}</tbody>
                  </Table>
                </section>
              ) : <Empty>{t('backtest.none')}</Empty>}
              <section className="card">
                <h2>{t('backtest.effects')}</h2>
                <Table label={t('backtest.effects')}>
                  <thead><tr><th>{t('backtest.key')}</th><th>{t('backtest.factor')}</th><th>{t('backtest.effectDays')}</th><th>{t('backtest.actual')}</th><th>{t('backtest.expected')}</th></tr></thead>
                  <tbody>{r.effects.map((e) => <tr key={e.key}><td>{keyName(e.key)}</td><td>×{e.factor.toFixed(2)}</td><td>{e.days}</td><td>{e.actual}</td><td>{e.expected}</td></tr>)}</tbody>
                </Table>
                <h2>{t('backtest.season')}</h2>
                <Table label={t('backtest.season')}>
                  <thead><tr>{r.season.map((_, i) => <th key={i}>{t(`backtest.weekdays.${i}`)}</th>)}</tr></thead>
                  <tbody><tr>{r.season.map((s, i) => <td key={i}>{s.toFixed(2)}</td>)}</tr></tbody>
                </Table>
              </section>
            </>
          )}
        </QueryView>
      )}
    </>
  );
}
