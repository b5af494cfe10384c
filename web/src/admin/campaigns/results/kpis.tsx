// A campaign's results as KPI cards, read from the analytics campaign report
// (GET /admin/analytics/campaigns?campaignId=): participants, new customers, paid orders, paid
// amount, total discounts (the cost ledger) and the cost ratio (cost ÷ paid amount) with its
// formula in a tooltip. The period defaults to the 90 China days ending today.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Skeleton, Space, Statistic, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../../shared/api';
import { formatMoney, formatNumber, formatPercent, type Money } from '../../../shared/format';
import { useErrorText } from '../../../shared/ui';
import './i18n';

/** Today's date in China (the report's days are China days). */
const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const DEFAULT_DAYS = 90;

export function CampaignKpis({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('campaignResults');
  const errorText = useErrorText();
  const today = dayjs(chinaToday());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(DEFAULT_DAYS - 1, 'day'), today]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['admin', 'analytics', 'campaigns', campaignId, from, to],
    queryFn: () => call(api.GET('/api/v1/admin/analytics/campaigns', { params: { query: { campaignId, from, to } } })),
  });
  const row = q.data?.items[0];
  return (
    <Card
      title={t('title')}
      size="small"
      extra={
        <Space>
          <Typography.Text type="secondary">{t('range')}</Typography.Text>
          <DatePicker.RangePicker
            aria-label={t('range')}
            allowClear={false}
            value={range}
            disabledDate={(d) => d.isAfter(today, 'day')}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </Space>
      }
    >
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.isError ? (
        <Alert type="error" showIcon message={t('loadFailed')} description={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('retry')}</Button>} />
      ) : row ? (
        <Kpis row={row} />
      ) : null}
    </Card>
  );
}

type ReportRow = { reach: number; signups: number; paidOrders: number; gmv: Money; cost: { total: Money; byKind: { kind: string; amount: Money }[] }; shares: number; clicks: number; ctr: { value: number | null }; cac: { value: number | null }; roi: { value: number | null } };

function Kpis({ row }: { row: ReportRow }) {
  const { t } = useTranslation('campaignResults');
  const ratio = row.gmv.amount > 0 ? row.cost.total.amount / row.gmv.amount : null;
  const costTip = (
    <>
      <div>{t('kpi.costTip')}</div>
      {row.cost.byKind.map((k) => (
        <div key={k.kind}>
          {t(`costKind.${k.kind}`, { defaultValue: k.kind })}: {formatMoney(k.amount)}
        </div>
      ))}
    </>
  );
  const ratioTip = (
    <>
      <div>{t('kpi.ratioFormula', { cost: formatMoney(row.cost.total), gmv: formatMoney(row.gmv) })}</div>
      {ratio === null && <div>{t('kpi.ratioNone')}</div>}
    </>
  );
  const cards: { key: string; title: string; tip: ReactNode; value: string }[] = [
    { key: 'reach', title: t('kpi.reach'), tip: t('kpi.reachTip'), value: formatNumber(row.reach) },
    { key: 'signups', title: t('kpi.signups'), tip: t('kpi.signupsTip'), value: formatNumber(row.signups) },
    { key: 'paidOrders', title: t('kpi.paidOrders'), tip: t('kpi.paidOrdersTip'), value: formatNumber(row.paidOrders) },
    { key: 'gmv', title: t('kpi.gmv'), tip: t('kpi.gmvTip'), value: formatMoney(row.gmv) },
    { key: 'cost', title: t('kpi.cost'), tip: costTip, value: formatMoney(row.cost.total) },
    { key: 'ratio', title: t('kpi.ratio'), tip: ratioTip, value: ratio === null ? '—' : formatPercent(ratio) },
  ];
  return (
    <>
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Tooltip title={c.tip}>
              <Card size="small" data-kpi={c.key} aria-label={c.title} tabIndex={0}>
                <Statistic title={c.title} value={c.value} valueStyle={{ whiteSpace: 'nowrap', fontSize: 22 }} />
              </Card>
            </Tooltip>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {[
          t('more.shares', { n: formatNumber(row.shares) }),
          t('more.clicks', { n: formatNumber(row.clicks) }),
          row.ctr.value === null ? null : t('more.ctr', { v: formatPercent(row.ctr.value) }),
          row.cac.value === null ? null : t('more.cac', { v: formatMoney({ amount: Math.round(row.cac.value), currency: row.gmv.currency }) }),
          row.roi.value === null ? null : t('more.roi', { v: formatPercent(row.roi.value) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
    </>
  );
}
