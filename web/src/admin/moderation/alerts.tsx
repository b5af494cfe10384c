// Negative-spike alerts: products whose share of negative content today is far above their usual share.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { QueryView } from '../../shared/ui';
import { PageHead, shortId, Table } from '../kit';
import { ALERTS, percent } from './common';
import './i18n';

export function AlertsPage() {
  const { t } = useTranslation('moderation');
  const alerts = useQuery({ queryKey: ALERTS, queryFn: () => call(api.GET('/api/v1/admin/moderation/alerts')), refetchInterval: 60_000 });
  return (
    <>
      <PageHead title={t('alerts.title')}>
        <p className="muted small">{t('alerts.hint')}</p>
        {alerts.data && <p className="muted small">{t('alerts.storeRate', { rate: percent(alerts.data.storeRate) })}</p>}
      </PageHead>
      <QueryView query={alerts} isEmpty={(d) => d.items.length === 0} empty={t('alerts.empty')}>
        {(d) => (
          <Table label={t('alerts.title')}>
            <thead><tr><th>{t('alerts.product')}</th><th>{t('alerts.recent')}</th><th>{t('alerts.now')}</th><th>{t('alerts.usual')}</th></tr></thead>
            <tbody>
              {d.items.map((a) => (
                <tr key={a.productId} data-alert={a.productId}>
                  <td><Link className="mono" to={`/moderation/reviews?productId=${a.productId}`}>{shortId(a.productId)}</Link></td>
                  <td>{a.recentNegative} / {a.recentTotal}</td>
                  <td><span className="status status-bad">{percent(a.recentRate)}</span></td>
                  <td>{percent(a.usualRate)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
