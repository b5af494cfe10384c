// One option's demand: daily paid units, the forecast with its 80% band, campaign days marked,
// and its reorder plan.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { QueryView } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { BackLink, PageHead, Stat, Table } from '../kit';
import { forecastKey, pct, units } from './common';
import './i18n';

export function SupplySkuPage() {
  const { t } = useTranslation('supply');
  const { skuId = '' } = useParams();
  const query = useQuery({ queryKey: forecastKey(skuId), queryFn: () => call(api.GET('/api/v1/admin/supply/skus/{skuId}/forecast', { params: { path: { skuId } } })) });
  return (
    <QueryView query={query}>
      {(f) => {
        const days = [...f.history.map((h) => h.day), ...f.forecast.map((d) => d.day)];
        const at = new Map(days.map((d, i) => [d, i]));
        const blank = () => days.map(() => null as number | null);
        const sold = blank();
        f.history.forEach((h) => (sold[at.get(h.day)!] = h.units));
        const mean = blank();
        const lo = blank();
        const width = blank();
        f.forecast.forEach((d) => {
          const i = at.get(d.day)!;
          mean[i] = d.mean;
          lo[i] = d.lo;
          width[i] = d.hi - d.lo;
        });
        const top = Math.max(1, ...f.history.map((h) => h.units), ...f.forecast.map((d) => d.hi));
        const onCampaign = days.map((d) => (f.campaigns.some((c) => c.from <= d && d <= c.to) ? top : null));
        const chart: ChartOption = {
          tooltip: { trigger: 'axis' },
          legend: { bottom: 0, data: [t('sku.history'), t('sku.forecast'), t('sku.band'), t('sku.campaignDays')] },
          grid: { left: 48, right: 24, top: 24, bottom: 56 },
          xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
          yAxis: { type: 'value', min: 0 },
          dataZoom: [{ type: 'inside' }],
          series: [
            { type: 'bar', name: t('sku.campaignDays'), data: onCampaign, barCategoryGap: '0%', itemStyle: { color: 'rgba(250, 173, 20, 0.18)' }, tooltip: { show: false } },
            { type: 'line', name: 'lo', data: lo, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
            { type: 'line', name: t('sku.band'), data: width, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(64, 128, 255, 0.18)' } },
            { type: 'line', name: t('sku.history'), data: sold, symbol: 'none', lineStyle: { width: 1.5 } },
            { type: 'line', name: t('sku.forecast'), data: mean, symbol: 'none', lineStyle: { type: 'dashed', width: 2 } },
          ],
        };
        return (
          <>
            <BackLink to="/supply/alerts" />
            <PageHead title={t('sku.title', { name: `${f.productTitle} ${f.skuLabel}`.trim() })}>
              <p className="muted small">{t('sku.hint')}</p>
            </PageHead>
            <section className="card">
              <Chart option={chart} height={340} label={t('sku.title', { name: f.productTitle })} />
            </section>
            <section className="card">
              <h2>{t('sku.plan')}</h2>
              <div className="row">
                <Stat label={t('alerts.available')} value={f.available} />
                <Stat label={t('alerts.daily')} value={units(f.dailyForecast)} />
                <Stat label={t('sku.sigma')} value={units(f.sigma)} />
                <Stat label={t('alerts.leadTime')} value={t('alerts.days', { count: f.leadTimeDays })} />
                <Stat label={t('sku.serviceLevel')} value={pct(f.serviceLevel)} />
                <Stat label={t('alerts.safety')} value={units(f.safetyStock)} />
                <Stat label={t('alerts.reorderPoint')} value={units(f.reorderPoint)} />
                <Stat label={t('alerts.stockOut')} value={f.stockOutDay ?? t('alerts.none')} />
                <Stat label={t('alerts.suggested')} value={f.suggestedOrder} />
                <Stat label={t('sku.historyUnits')} value={f.historyUnits} />
              </div>
              {f.alerts.length > 0 && <p>{f.alerts.map((k) => <span key={k} className="status status-warn">{t(`alert.${k}`)}</span>)}</p>}
            </section>
            <section className="card">
              <h2>{t('sku.campaigns')}</h2>
              {f.campaigns.length === 0 ? <p className="muted small">{t('sku.noCampaigns')}</p> : (
                <Table label={t('sku.campaigns')}>
                  <thead><tr><th>{t('sku.mechanic')}</th><th>{t('sku.window')}</th><th>{t('sku.status')}</th></tr></thead>
                  <tbody>{f.campaigns.map((c) => <tr key={c.id}><td>{c.mechanic}</td><td className="nowrap">{c.from} – {c.to}</td><td>{c.status}</td></tr>)}</tbody>
                </Table>
              )}
            </section>
          </>
        );
      }}
    </QueryView>
  );
}
