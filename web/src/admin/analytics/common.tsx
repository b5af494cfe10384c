// What every analytics screen shares: the report filters (kept in the URL, so a report can be
// linked and its CSV link carries the same query), the CSV download link, number formatters,
// and a table whose column headers carry their formula as a tooltip, with the formulas as footnotes.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatMoney, formatNumber } from '../../shared/format';
import { SelectField, TextField } from '../../shared/ui';
import '../campaigns/campaigns.css';
import './analytics.css';

export const MECHANICS = ['groupbuy', 'bargain', 'flashsale', 'lottery', 'referral', 'coupon', 'coupon_pack'] as const;
export type Mechanic = (typeof MECHANICS)[number];
/** The share channels the storefront's share sheet offers (the API accepts any lower-case word). */
export const CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;

/** Where each mechanic's own page lives in the console. */
export const MECHANIC_PAGE: Record<string, string> = { groupbuy: 'campaigns/groupbuy', bargain: 'campaigns/bargain', flashsale: 'campaigns/flashsale', lottery: 'campaigns/lottery', referral: 'campaigns/referral', coupon: 'campaigns/coupons', coupon_pack: 'campaigns/coupon-packs' };

/** YYYY-MM-DD of a day in China time: the analytics API counts China days, as the dashboard does. */
export function chinaDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The API's default range: the 30 China days ending today. */
export function defaultRange(now = new Date()) {
  return { from: chinaDay(new Date(now.getTime() - 29 * 86_400_000)), to: chinaDay(now) };
}

export interface ReportFilters {
  from: string;
  to: string;
  campaignId?: string;
  mechanic?: Mechanic;
  channel?: string;
}

const FILTER_KEYS = ['from', 'to', 'campaignId', 'mechanic', 'channel'] as const;

/** The filters in the page's query string (defaults filled in), and a setter that keeps the other parameters. */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const range = defaultRange();
  const mechanic = params.get('mechanic');
  const filters: ReportFilters = {
    from: params.get('from') || range.from,
    to: params.get('to') || range.to,
    campaignId: params.get('campaignId') || undefined,
    mechanic: MECHANICS.includes(mechanic as Mechanic) ? (mechanic as Mechanic) : undefined,
    channel: params.get('channel') || undefined,
  };
  const set = (patch: Partial<ReportFilters>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, set };
}

/** Only the filters a report understands, without empty ones. */
export function pick<K extends keyof ReportFilters>(f: ReportFilters, keys: readonly K[]): Pick<ReportFilters, K> {
  const out: Partial<ReportFilters> = {};
  for (const k of keys) if (f[k]) (out as Record<string, unknown>)[k] = f[k];
  return out as Pick<ReportFilters, K>;
}

/** The query string of a filter set, for links between reports. */
export function filterQuery(f: Partial<ReportFilters>, keys: readonly (keyof ReportFilters)[] = FILTER_KEYS): string {
  const q = new URLSearchParams();
  for (const k of keys) if (f[k]) q.set(k, String(f[k]));
  return q.toString();
}

/**
 * The same report as CSV. A plain link works because the console signs in with a session cookie,
 * which the browser sends with the download as with every API call.
 */
export function CsvLink({ report, query }: { report: string; query: Record<string, string | number | undefined> }) {
  const { t } = useTranslation('analytics');
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  q.set('format', 'csv');
  return (
    <a className="btn btn-secondary cc-btn-small an-csv" href={`/api/v1/admin/analytics/${report}?${q.toString()}`} download={`${report}-${String(query.from ?? '')}-${String(query.to ?? '')}.csv`}>
      {t('csv')}
    </a>
  );
}

/** Campaigns to filter by: the kernel's list, newest first. */
export function useCampaignOptions() {
  return useQuery({
    queryKey: ['admin', 'campaigns', 'all', 'options'],
    queryFn: () => call(api.GET('/api/v1/admin/campaigns', { params: { query: { limit: 100 } } })),
    select: (d) => d.items.map((c) => ({ id: c.id, name: c.name, mechanic: c.mechanic })),
    staleTime: 60_000,
  });
}

/** Date range and, where the report takes them, campaign, mechanic and channel. */
export function FilterBar({ show, extra }: { show: readonly ('campaignId' | 'mechanic' | 'channel')[]; extra?: ReactNode }) {
  const { t } = useTranslation('analytics');
  const { filters, set } = useReportFilters();
  const campaigns = useCampaignOptions();
  return (
    <div className="cc-toolbar an-filters">
      <TextField label={t('f.from')} type="date" value={filters.from} max={filters.to} onChange={(e) => e.target.value && set({ from: e.target.value })} />
      <TextField label={t('f.to')} type="date" value={filters.to} min={filters.from} onChange={(e) => e.target.value && set({ to: e.target.value })} />
      {show.includes('mechanic') && (
        <SelectField label={t('f.mechanic')} value={filters.mechanic ?? ''} onChange={(e) => set({ mechanic: (e.target.value || undefined) as Mechanic | undefined })}>
          <option value="">{t('f.any')}</option>
          {MECHANICS.map((m) => (
            <option key={m} value={m}>
              {t(`mechanic.${m}`)}
            </option>
          ))}
        </SelectField>
      )}
      {show.includes('campaignId') && (
        <SelectField label={t('f.campaign')} value={filters.campaignId ?? ''} onChange={(e) => set({ campaignId: e.target.value || undefined })}>
          <option value="">{t('f.any')}</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {t(`mechanic.${c.mechanic}`, { defaultValue: c.mechanic })}
            </option>
          ))}
        </SelectField>
      )}
      {show.includes('channel') && (
        <SelectField label={t('f.channel')} value={filters.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
          <option value="">{t('f.any')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </SelectField>
      )}
      {extra}
    </div>
  );
}

// ---- formatting ---------------------------------------------------------------------------------

export const CNY = 'CNY';
export const count = (n: number) => formatNumber(n);
/** A ratio as a percentage with one decimal ("12.5%"), or — when it has no denominator. */
export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${formatNumber(Math.round(r * 1000) / 10)}%`);
/** A plain ratio with two decimals (K-factor), or —. */
export const ratio = (r: number | null | undefined) => (r === null || r === undefined ? '—' : formatNumber(Math.round(r * 100) / 100));
/** Fen (possibly fractional, as CAC is) as money, or —. */
export const fen = (amount: number | null | undefined, currency = CNY) => (amount === null || amount === undefined ? '—' : formatMoney({ amount: Math.round(amount), currency }));

/** Seconds as the largest sensible units: "45 s", "12 min", "3.5 h", "2.1 d". */
export function duration(seconds: number | null | undefined, lang: string): string {
  if (seconds === null || seconds === undefined) return '—';
  const zh = lang !== 'en';
  const units: [number, string, string][] = [
    [86_400, '天', 'd'],
    [3_600, '小时', 'h'],
    [60, '分钟', 'min'],
  ];
  for (const [size, zhUnit, enUnit] of units) {
    if (seconds >= size) return `${formatNumber(Math.round((seconds / size) * 10) / 10)}${zh ? ' ' + zhUnit : ' ' + enUnit}`;
  }
  return `${formatNumber(Math.round(seconds))}${zh ? ' 秒' : ' s'}`;
}

// ---- tables ---------------------------------------------------------------------------------------

export interface Column {
  label: string;
  /** How the figure is computed: the header's tooltip and a numbered footnote under the table. */
  note?: string;
  numeric?: boolean;
}

/** A report table: headers with their formulas as tooltips, the rows, then the formulas as footnotes. */
export function ReportTable({ caption, columns, children }: { caption: string; columns: Column[]; children: ReactNode }) {
  const { t } = useTranslation('analytics');
  const noted = columns.filter((c) => c.note);
  return (
    <>
      <div className="cc-table-wrap">
        <table className="cc-table an-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" title={c.note} className={c.numeric ? 'an-num' : undefined} data-note={c.note ? noted.indexOf(c) + 1 : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      {noted.length > 0 && (
        <details className="an-notes" open>
          <summary>{t('footnotes')}</summary>
          <ol>
            {noted.map((c) => (
              <li key={c.label}>
                <strong>{c.label}</strong>: {c.note}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

export const AXIS_LABEL = { color: '#5c5c5c' };
export const COLORS = ['#d5281f', '#1a73e8', '#b35c00', '#1a7f37', '#7b3fb5', '#5c5c5c'];
