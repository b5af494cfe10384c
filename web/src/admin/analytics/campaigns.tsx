// The campaign report: every campaign of every mechanic with reach, shares, CTR, attributed
// sign-ups and orders, GMV, cost, CAC and ROI (each figure's formula beside it), and one
// campaign's report with its cost by kind.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { money, PageHead, Section, StatusBadge } from '../campaigns/common';
import { RowLink } from '../campaigns/list';
import { Empty, QueryView } from '../../shared/ui';
import { count, CsvLink, fen, FilterBar, filterQuery, MECHANIC_PAGE, percent, pick, ReportTable, useReportFilters } from './common';

type CampaignRow = Awaited<ReturnType<typeof fetchReport>>['items'][number];

function fetchReport(query: { from: string; to: string; campaignId?: string; mechanic?: 'groupbuy' | 'bargain' | 'flashsale' | 'lottery' | 'referral' | 'coupon' | 'coupon_pack'; channel?: string }) {
  return call(api.GET('/api/v1/admin/analytics/campaigns', { params: { query } }));
}

/** The columns shared by the list and the detail, with their formulas. */
function useColumns() {
  const { t } = useTranslation('analytics');
  return {
    reach: { label: t('campaigns.col.reach'), note: t('campaigns.note.reach'), numeric: true },
    shares: { label: t('campaigns.col.shares'), numeric: true },
    ctr: { label: t('campaigns.col.ctr'), note: t('campaigns.note.ctr'), numeric: true },
    signups: { label: t('campaigns.col.signups'), note: t('campaigns.note.signups'), numeric: true },
    orders: { label: t('campaigns.col.orders'), note: t('campaigns.note.orders'), numeric: true },
    gmv: { label: t('campaigns.col.gmv'), note: t('campaigns.note.gmv'), numeric: true },
    cost: { label: t('campaigns.col.cost'), note: t('campaigns.note.cost'), numeric: true },
    cac: { label: t('campaigns.col.cac'), note: t('campaigns.note.cac'), numeric: true },
    roi: { label: t('campaigns.col.roi'), note: t('campaigns.note.roi'), numeric: true },
  };
}

/** The figures of one campaign as table cells; each ratio's cell carries the API's formula with its numbers. */
function FigureCells({ c }: { c: CampaignRow }) {
  return (
    <>
      <td className="an-num">{count(c.reach)}</td>
      <td className="an-num">{count(c.shares)}</td>
      <td className="an-num" title={c.ctr.formula}>
        {percent(c.ctr.value)}
      </td>
      <td className="an-num">{count(c.signups)}</td>
      <td className="an-num">{count(c.orders)}</td>
      <td className="an-num">{money(c.gmv)}</td>
      <td className="an-num">{money(c.cost.total)}</td>
      <td className="an-num" title={c.cac.formula}>
        {fen(c.cac.value, c.cost.total.currency)}
      </td>
      <td className="an-num" title={c.roi.formula}>
        {percent(c.roi.value)}
      </td>
    </>
  );
}

export function CampaignReportPage() {
  const { t } = useTranslation('analytics');
  const { filters } = useReportFilters();
  const cols = useColumns();
  const query = pick(filters, ['from', 'to', 'mechanic', 'channel'] as const);
  const report = useQuery({ queryKey: ['admin', 'analytics', 'campaigns', query], queryFn: () => fetchReport(query) });
  const linkQuery = filterQuery(filters, ['from', 'to', 'channel']);
  return (
    <div className="cc-page">
      <PageHead title={t('campaigns.title')} />
      <FilterBar show={['mechanic', 'channel']} />
      <QueryView query={report}>
        {(r) => (
          <Section title={t('campaigns.title')} actions={<CsvLink report="campaigns" query={query} />}>
            <p className="an-range">{t('range', { from: r.from, to: r.to })}</p>
            {r.items.length === 0 ? (
              <Empty>{t('campaigns.empty')}</Empty>
            ) : (
              <ReportTable
                caption={t('campaigns.title')}
                columns={[{ label: t('campaigns.col.name') }, { label: t('campaigns.col.mechanic') }, { label: t('campaigns.col.status') }, cols.reach, cols.shares, cols.ctr, cols.signups, cols.orders, cols.gmv, cols.cost, cols.cac, cols.roi]}
              >
                {r.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <RowLink to={`/analytics/campaigns/${c.id}${linkQuery ? `?${linkQuery}` : ''}`}>{c.name}</RowLink>
                    </th>
                    <td>{t(`mechanic.${c.mechanic}`, { defaultValue: c.mechanic })}</td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <FigureCells c={c} />
                  </tr>
                ))}
              </ReportTable>
            )}
          </Section>
        )}
      </QueryView>
    </div>
  );
}

export function CampaignReportDetail() {
  const { t } = useTranslation('analytics');
  const { id = '' } = useParams();
  const { filters } = useReportFilters();
  const cols = useColumns();
  const query = { ...pick(filters, ['from', 'to', 'channel'] as const), campaignId: id };
  const report = useQuery({ queryKey: ['admin', 'analytics', 'campaigns', query], queryFn: () => fetchReport(query) });
  const back = `/analytics/campaigns${filterQuery(filters, ['from', 'to', 'channel']) ? `?${filterQuery(filters, ['from', 'to', 'channel'])}` : ''}`;
  const c = report.data?.items[0];
  return (
    <div className="cc-page">
      <PageHead title={c ? t('campaigns.detail', { name: c.name }) : t('campaigns.title')} back={back} />
      <FilterBar show={['channel']} />
      <QueryView query={report}>
        {(r) =>
          !c ? (
            <Empty>{t('campaigns.empty')}</Empty>
          ) : (
            <>
              <p className="an-range">
                {t('range', { from: r.from, to: r.to })} · {t(`mechanic.${c.mechanic}`, { defaultValue: c.mechanic })} · <StatusBadge status={c.status} />
                {MECHANIC_PAGE[c.mechanic] && (
                  <>
                    {' '}
                    · <RowLink to={`/${MECHANIC_PAGE[c.mechanic]}/${c.id}`}>{t('campaigns.open')}</RowLink>
                  </>
                )}
              </p>
              <Section title={t('campaigns.figures')} actions={<CsvLink report="campaigns" query={query} />}>
                <ReportTable caption={t('campaigns.figures')} columns={[cols.reach, cols.shares, cols.ctr, cols.signups, cols.orders, cols.gmv, cols.cost, cols.cac, cols.roi]}>
                  <tr>
                    <FigureCells c={c} />
                  </tr>
                </ReportTable>
                <ul className="an-notes">
                  <li>
                    {t('campaigns.col.clicks')}: {count(c.clicks)} · {t('campaigns.col.paidOrders')}: {count(c.paidOrders)} · {t('campaigns.col.newCustomers')}: {count(c.newCustomers)}
                  </li>
                  <li>
                    {t('campaigns.col.ctr')}: {c.ctr.formula}
                  </li>
                  <li>
                    {t('campaigns.col.cac')}: {c.cac.formula}
                  </li>
                  <li>
                    {t('campaigns.col.roi')}: {c.roi.formula}
                  </li>
                </ul>
              </Section>
              <Section title={t('campaigns.byKind')}>
                {c.cost.byKind.length === 0 ? (
                  <Empty>{t('campaigns.noCost')}</Empty>
                ) : (
                  <ReportTable caption={t('campaigns.byKind')} columns={[{ label: t('campaigns.kind') }, { label: t('campaigns.amount'), numeric: true }]}>
                    {c.cost.byKind.map((k) => (
                      <tr key={k.kind}>
                        <th scope="row">{t(`campaigns.costKind.${k.kind}`, { defaultValue: k.kind })}</th>
                        <td className="an-num">{money(k.amount)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">{t('campaigns.col.cost')}</th>
                      <td className="an-num">
                        <strong>{money(c.cost.total)}</strong>
                      </td>
                    </tr>
                  </ReportTable>
                )}
              </Section>
            </>
          )
        }
      </QueryView>
    </div>
  );
}
