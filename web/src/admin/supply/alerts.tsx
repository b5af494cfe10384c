// Reorder alerts: the options to reorder from the last recompute, soonest stock-out first, with
// a Recompute button (the nightly job does the same at 02:00 China time).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { ALERTS, REPORT, units } from './common';
import './i18n';

export function SupplyAlertsPage() {
  const { t } = useTranslation('supply');
  const toast = useToast();
  const refresh = useRefresh(ALERTS, REPORT);
  const alerts = useQuery({ queryKey: ALERTS, queryFn: () => call(api.GET('/api/v1/admin/supply/alerts', { params: { query: { limit: 200 } } })) });
  const { busy, error, submit } = useSubmit();
  const recompute = () =>
    void submit(async () => {
      const r = await call(api.POST('/api/v1/admin/supply/recompute', { body: {} }));
      toast(t('alerts.recomputed', { skus: r.skus, alerts: r.alerts, ms: r.tookMs }));
      await refresh();
    });
  return (
    <>
      <PageHead title={t('alerts.title')} actions={<Button onClick={recompute} busy={busy}>{t('alerts.recompute')}</Button>}>
        <p className="muted small">{t('alerts.hint')}</p>
        {alerts.data && <p className="muted small">{alerts.data.computedAt ? t('alerts.computedAt', { at: formatDateTime(alerts.data.computedAt) }) : t('alerts.never')}</p>}
      </PageHead>
      <FormError>{error}</FormError>
      <QueryView query={alerts} isEmpty={(d) => d.items.length === 0} empty={t('alerts.empty')}>
        {(d) => (
          <Table label={t('alerts.title')}>
            <thead>
              <tr>
                <th>{t('alerts.sku')}</th><th>{t('alerts.available')}</th><th>{t('alerts.daily')}</th><th>{t('alerts.stockOut')}</th><th>{t('alerts.leadTime')}</th>
                <th>{t('alerts.safety')}</th><th>{t('alerts.reorderPoint')}</th><th>{t('alerts.suggested')}</th><th>{t('alerts.alerts')}</th><th>{t('alerts.chart')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((a) => (
                <tr key={a.skuId} data-sku={a.skuId}>
                  <td>{a.productTitle} <span className="muted small">{a.skuLabel}</span></td>
                  <td>{a.available}</td>
                  <td>{units(a.dailyForecast)}</td>
                  <td className="nowrap">{a.stockOutDay ?? t('alerts.none')}</td>
                  <td>{t('alerts.days', { count: a.leadTimeDays })}</td>
                  <td>{units(a.safetyStock)}</td>
                  <td>{units(a.reorderPoint)}</td>
                  <td><strong>{a.suggestedOrder}</strong></td>
                  <td>{a.alerts.map((k) => <span key={k} className={`status status-${k === 'stockout_before_lead_time' ? 'bad' : 'warn'}`}>{t(`alert.${k}`)}</span>)}</td>
                  <td><Link to={`/supply/skus/${a.skuId}`}>{t('alerts.chart')}</Link></td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
