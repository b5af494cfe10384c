// Pieces every fission page shares: countdowns, avatars, progress bars, tabs and the action bar.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { paths } from '../../../shared/api';
import { formatCountdown, formatMoney, useCountdown } from '../../../shared/format';
import { useMe } from '../../auth';
import { PageHeader } from '../../layout';
import { QueryView } from '../../../shared/ui';
import './fission.css';

/** The JSON body a GET route answers with. */
export type GetData<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer D } } } } } ? D : never;

type Money = { amount: number; currency: string };

/** What a campaign price costs all in (到手价): the price plus shipping, or 包邮, as checkout will charge it. */
export function DeliveredLine({ offer }: { offer: { deliveredPrice: Money; shipping: Money } }) {
  const { t } = useTranslation('fission');
  return (
    <p className="fx-small fx-delivered">
      <strong>{t('delivered.price', { price: formatMoney(offer.deliveredPrice) })}</strong>
      {' · '}
      {offer.shipping.amount > 0 ? t('delivered.withShipping', { fee: formatMoney(offer.shipping) }) : t('delivered.freeShipping')}
    </p>
  );
}

/** "Ends in 01:02:03", ticking. */
export function Countdown({ to, label, endedLabel }: { to: string | null | undefined; label?: string; endedLabel?: string }) {
  const { t } = useTranslation('fission');
  const ms = useCountdown(to);
  if (!to) return null;
  if (ms <= 0) return <span className="fx-countdown fx-countdown-ended">{endedLabel ?? t('ended')}</span>;
  return (
    <span className="fx-countdown">
      {label ?? t('endsIn')} <time dateTime={to}>{formatCountdown(ms)}</time>
    </span>
  );
}

export function Avatar({ initial, name, badge, muted }: { initial: string; name?: string; badge?: string; muted?: boolean }) {
  return (
    <span className={`fx-avatar ${muted ? 'fx-avatar-muted' : ''}`} title={name}>
      <span aria-hidden="true">{initial}</span>
      {badge && <span className="fx-avatar-badge">{badge}</span>}
    </span>
  );
}

export function ProgressBar({ value, max, label, text }: { value: number; max: number; label: string; text?: string }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div className="fx-progress-wrap">
      <div className="fx-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={text}>
        <div className="fx-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {text && <span className="fx-progress-text">{text}</span>}
    </div>
  );
}

export function Thumb({ src, alt }: { src: string | null | undefined; alt: string }) {
  return src ? <img className="fx-thumb" src={src} alt={alt} loading="lazy" /> : <div className="fx-thumb fx-thumb-empty" aria-hidden="true" />;
}

/** The sticky bar above the tab bar with the page's main actions. */
export function ActionBar({ children }: { children: ReactNode }) {
  return <div className="fx-actionbar">{children}</div>;
}

export function Tabs<K extends string>({ tabs, value, onChange, label }: { tabs: { key: K; label: string }[]; value: K; onChange: (k: K) => void; label: string }) {
  return (
    <div className="fx-tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button key={tab.key} type="button" role="tab" aria-selected={value === tab.key} className={`fx-tab ${value === tab.key ? 'fx-tab-active' : ''}`} onClick={() => onChange(tab.key)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** The landing page of a campaign kind: banner, the shopper's own (when signed in), the running campaigns. */
export function CampaignHub<T extends { id: string }>({ kind, query, mine, card }: { kind: 'groupbuy' | 'bargain'; query: UseQueryResult<{ items: T[] }>; mine: ReactNode; card: (item: T) => ReactNode }) {
  const { t } = useTranslation('fission');
  const me = useMe();
  const headingId = `${kind}-running`;
  return (
    <>
      <PageHeader title={t(`${kind}.title`)} />
      <div className="fx-banner fx-banner-red">
        <strong>{t(`${kind}.bannerTitle`)}</strong>
        <span>{t(`${kind}.bannerText`)}</span>
      </div>
      {me.data && mine}
      <section aria-labelledby={headingId} className="fx-section">
        <h2 id={headingId} className="fx-section-title">
          {t(`${kind}.running`)}
        </h2>
        <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={t(`${kind}.none`)}>
          {(d) => (
            <ul className="fx-list">
              {d.items.map((c) => (
                <li key={c.id}>{card(c)}</li>
              ))}
            </ul>
          )}
        </QueryView>
      </section>
    </>
  );
}

export interface MyLine {
  key: string;
  to: string;
  title: ReactNode;
  detail: ReactNode;
  status: string;
  statusLabel: string;
}

/** "My teams", "My price-cuts": the shopper's own campaign entries as linked lines with a status. */
export function MyLines<T>({ id, title, empty, query, line }: { id: string; title: string; empty: string; query: UseQueryResult<{ items: T[] }>; line: (item: T) => MyLine }) {
  return (
    <section aria-labelledby={id} className="fx-section">
      <h2 id={id} className="fx-section-title">
        {title}
      </h2>
      <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={empty}>
        {(d) => (
          <ul className="fx-list card">
            {d.items.map(line).map((l) => (
              <li key={l.key} className="fx-line">
                <Link to={l.to} className="fx-line-link">
                  <span className="fx-line-main">
                    {l.title}
                    <span className="fx-small fx-muted">{l.detail}</span>
                  </span>
                  <span className={`fx-status fx-status-${l.status}`}>{l.statusLabel}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
