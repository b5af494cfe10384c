// One live session in the console: go live and end it, pin a product, add and release live
// coupons, post announcements, and the session's record (peak viewers, chat, claims, orders, GMV).
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Button, QueryView, TextField, useToast } from '../../shared/ui';
import { BackLink, FormError, PageHead, parseYuan, Stat, useRefresh, useSubmit } from '../kit';
import { LIVE } from './list';
import './i18n';

type Session = Awaited<ReturnType<typeof loadSession>>;
const loadSession = (id: string) => call(api.GET('/api/v1/admin/live/sessions/{id}', { params: { path: { id } } }));

function Controls({ s }: { s: Session }) {
  const { t } = useTranslation('live');
  const toast = useToast();
  const refresh = useRefresh([...LIVE, s.id], LIVE);
  const { busy, error, submit } = useSubmit();
  const act = (action: 'start' | 'end') =>
    submit(async () => {
      await call(action === 'start' ? api.POST('/api/v1/admin/live/sessions/{id}/start', { params: { path: { id: s.id } } }) : api.POST('/api/v1/admin/live/sessions/{id}/end', { params: { path: { id: s.id } } }));
      toast(t(action === 'start' ? 'detail.started' : 'detail.ended'));
      await refresh();
    });
  return (
    <div className="row">
      {s.status === 'scheduled' && <Button busy={busy} onClick={() => void act('start')}>{t('detail.start')}</Button>}
      {s.status === 'live' && <Button variant="danger" busy={busy} onClick={() => void act('end')}>{t('detail.end')}</Button>}
      <a className="btn btn-ghost" href={`/live/${s.id}`} target="_blank" rel="noreferrer">{t('detail.openRoom')}</a>
      <FormError>{error}</FormError>
    </div>
  );
}

function Products({ s }: { s: Session }) {
  const { t } = useTranslation('live');
  const refresh = useRefresh([...LIVE, s.id]);
  const { busy, error, submit } = useSubmit();
  const products = useQueries({ queries: s.productIds.map((id) => ({ queryKey: ['catalog', 'product', id], queryFn: () => call(api.GET('/api/v1/catalog/products/{id}', { params: { path: { id } } })) })) });
  const pin = (productId: string | null) =>
    submit(async () => {
      await call(api.POST('/api/v1/admin/live/sessions/{id}/pin', { params: { path: { id: s.id } }, body: { productId } }));
      await refresh();
    });
  return (
    <section className="card stack">
      <h2>{t('detail.pinned')}</h2>
      {s.pinned && (
        <p data-pinned={s.pinned.productId}>
          <strong>{s.pinned.title}</strong> · {t(`detail.priceKind.${s.pinned.priceKind}`)} {formatMoney(s.pinned.livePrice)} <span className="muted">({t('detail.listPrice')} {formatMoney(s.pinned.listPrice)})</span>
        </p>
      )}
      <ul className="stack">
        {products.map((p, i) => (
          <li key={s.productIds[i]} className="row">
            <span>{p.data?.title ?? s.productIds[i]}</span>
            {s.status !== 'ended' && (s.pinnedProductId === s.productIds[i]
              ? <Button variant="secondary" busy={busy} onClick={() => void pin(null)}>{t('detail.unpin')}</Button>
              : <Button variant="secondary" busy={busy} onClick={() => void pin(s.productIds[i])} aria-label={`${t('detail.pin')} ${p.data?.title ?? ''}`}>{t('detail.pin')}</Button>)}
          </li>
        ))}
      </ul>
      <FormError>{error}</FormError>
    </section>
  );
}

function Coupons({ s }: { s: Session }) {
  const { t } = useTranslation('live');
  const refresh = useRefresh([...LIVE, s.id]);
  const [name, setName] = useState('');
  const [discount, setDiscount] = useState('');
  const [minSpend, setMinSpend] = useState('0');
  const [quota, setQuota] = useState('100');
  const { busy, error, setError, submit } = useSubmit();
  const add = (e: FormEvent) => {
    e.preventDefault();
    const off = parseYuan(discount);
    const min = parseYuan(minSpend);
    if (!off || min === null) return setError(t('detail.discount'));
    void submit(async () => {
      await call(api.POST('/api/v1/admin/live/sessions/{id}/coupons', { params: { path: { id: s.id } }, body: { name, discountAmount: off, minSpendAmount: min, totalQuota: Number(quota) || undefined } }));
      setName('');
      await refresh();
    });
  };
  const toggle = (templateId: string, release: boolean) =>
    submit(async () => {
      await call(release
        ? api.POST('/api/v1/admin/live/sessions/{id}/coupons/{templateId}/release', { params: { path: { id: s.id, templateId } } })
        : api.POST('/api/v1/admin/live/sessions/{id}/coupons/{templateId}/withdraw', { params: { path: { id: s.id, templateId } } }));
      await refresh();
    });
  return (
    <section className="card stack">
      <h2>{t('detail.coupons')}</h2>
      <ul className="stack">
        {s.coupons.map((c) => (
          <li key={c.templateId} className="row" data-coupon={c.templateId}>
            <strong>{c.name}</strong>
            <span>{formatMoney(c.amount)} · {c.remainingQuota === null ? t('detail.unlimited') : t('detail.remaining', { n: c.remainingQuota })}</span>
            <span className={`status status-${c.released ? 'ok' : 'muted'}`}>{t(c.released ? 'detail.released' : 'detail.notReleased')}</span>
            {s.status === 'live' && <Button variant="secondary" busy={busy} onClick={() => void toggle(c.templateId, !c.released)}>{t(c.released ? 'detail.withdraw' : 'detail.release')}</Button>}
          </li>
        ))}
      </ul>
      {s.status !== 'ended' && (
        <form className="row" onSubmit={add} aria-label={t('detail.addCoupon')}>
          <TextField label={t('detail.couponName')} name="couponName" required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
          <TextField label={t('detail.discount')} name="discount" required inputMode="decimal" value={discount} onChange={(e) => setDiscount(e.target.value)} />
          <TextField label={t('detail.minSpend')} name="minSpend" inputMode="decimal" value={minSpend} onChange={(e) => setMinSpend(e.target.value)} />
          <TextField label={t('detail.quota')} name="quota" inputMode="numeric" value={quota} onChange={(e) => setQuota(e.target.value)} />
          <Button type="submit" busy={busy}>{t('detail.addCoupon')}</Button>
        </form>
      )}
      <FormError>{error}</FormError>
    </section>
  );
}

function Announce({ s }: { s: Session }) {
  const { t } = useTranslation('live');
  const toast = useToast();
  const refresh = useRefresh([...LIVE, s.id]);
  const [text, setText] = useState('');
  const { busy, error, submit } = useSubmit();
  if (s.status === 'ended') return null;
  const post = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await call(api.POST('/api/v1/admin/live/sessions/{id}/announcements', { params: { path: { id: s.id } }, body: { text } }));
      setText('');
      toast(t('detail.announced'));
      await refresh();
    });
  };
  return (
    <section className="card">
      <form className="row" onSubmit={post} aria-label={t('detail.announce')}>
        <TextField label={t('detail.announcement')} name="announcement" required maxLength={300} value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" busy={busy}>{t('detail.announce')}</Button>
      </form>
      <FormError>{error}</FormError>
    </section>
  );
}

function Record({ s }: { s: Session }) {
  const { t } = useTranslation('live');
  const record = useQuery({ queryKey: [...LIVE, s.id, 'record'], queryFn: () => call(api.GET('/api/v1/admin/live/sessions/{id}/record', { params: { path: { id: s.id } } })), refetchInterval: s.status === 'live' ? 5000 : false });
  return (
    <section className="card" aria-label={t('detail.record')}>
      <h2>{t('detail.record')}</h2>
      <QueryView query={record}>
        {(r) => (
          <div className="stats">
            {s.status === 'live' && <Stat label={t('detail.viewers')} value={s.viewers ?? 0} />}
            <Stat label={t('detail.peak')} value={r.peakViewers} />
            <Stat label={t('detail.likes')} value={r.likes} />
            <Stat label={t('detail.messages')} value={r.messages} hint={`${t('detail.moderated')}: ${r.moderated}`} />
            <Stat label={t('detail.claims')} value={r.claims} />
            <Stat label={t('detail.ordersPlaced')} value={r.ordersPlaced} hint={`${t('detail.fromRoom')} ${r.fromRoom} · ${t('detail.fromShares')} ${r.fromShares}`} />
            <Stat label={t('detail.ordersPaid')} value={r.ordersPaid} />
            <Stat label={t('detail.gmv')} value={formatMoney(r.gmv)} />
          </div>
        )}
      </QueryView>
    </section>
  );
}

export function LiveSessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('live');
  const session = useQuery({ queryKey: [...LIVE, id], queryFn: () => loadSession(id), refetchInterval: 5000 });
  return (
    <QueryView query={session}>
      {(s) => (
        <>
          <PageHead title={s.title} actions={<BackLink to="/live" />}>
            <p className="muted small"><span className={`status status-${s.status === 'live' ? 'ok' : 'muted'}`}>{t(`status.${s.status}`)}</span></p>
          </PageHead>
          <Controls s={s} />
          <Products s={s} />
          <Coupons s={s} />
          <Announce s={s} />
          <Record s={s} />
        </>
      )}
    </QueryView>
  );
}
