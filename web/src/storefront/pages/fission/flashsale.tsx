// Flash sale (限时秒杀): live and upcoming slots as tabs, items with stock bars, buy or sold out.
// 立即抢购 while signed out survives sign-in and resumes at the confirm step (seat.tsx).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError, call } from '../../../shared/api';
import { formatCountdown, formatDiscount, formatMoney, localText, offFromRate, useCountdown } from '../../../shared/format';
import { Button, ErrorState, Loading, useErrorText, useToast } from '../../../shared/ui';
import { PageHeader } from '../../layout';
import { DeliveredLine, ProgressBar, Thumb, type GetData } from './common';
import { usePendingAction } from '../../intent';
import { useCampaignPurchase, type OrderOffer } from './seat';

type Slot = GetData<'/api/v1/flashsale/slots'>['items'][number];
type Item = Slot['items'][number];
type SlotState = 'live' | 'upcoming';

export function FlashsalePage() {
  const { t } = useTranslation('fission');
  const live = useQuery({ queryKey: ['flashsale', 'live'], queryFn: liveSlots, refetchInterval: 30_000 });
  const upcoming = useQuery({ queryKey: ['flashsale', 'upcoming'], queryFn: () => call(api.GET('/api/v1/flashsale/slots', { params: { query: { state: 'upcoming' } } })), refetchInterval: 60_000 });
  const slots: { slot: Slot; state: SlotState }[] = [...(live.data?.items ?? []).map((slot) => ({ slot, state: 'live' as const })), ...(upcoming.data?.items ?? []).map((slot) => ({ slot, state: 'upcoming' as const }))];
  const [selected, setSelected] = useState<string | null>(null);
  const current = slots.find((s) => s.slot.id === selected) ?? slots[0];

  let body;
  if (live.isPending || upcoming.isPending) body = <Loading />;
  else if (live.isError || upcoming.isError)
    body = (
      <ErrorState
        error={live.error ?? upcoming.error}
        onRetry={() => {
          void live.refetch();
          void upcoming.refetch();
        }}
      />
    );
  else if (!current)
    body = (
      <div className="state state-empty">
        <p>{t('flash.none')}</p>
        <Link to="/" className="btn btn-secondary">
          {t('goShopping')}
        </Link>
      </div>
    );
  else
    body = (
      <>
        <div className="fx-slot-tabs" role="tablist" aria-label={t('flash.slots')}>
          {slots.map(({ slot, state }) => (
            <button key={slot.id} type="button" role="tab" id={`slot-tab-${slot.id}`} aria-controls="slot-panel" aria-selected={slot.id === current.slot.id} className={`fx-slot-tab ${slot.id === current.slot.id ? 'fx-slot-tab-active' : ''}`} onClick={() => setSelected(slot.id)}>
              <span className="fx-slot-time">{timeOf(slot.startsAt)}</span>
              <span className="fx-slot-state">{state === 'live' ? t('flash.liveNow') : t('flash.upcoming')}</span>
            </button>
          ))}
        </div>
        <div id="slot-panel" role="tabpanel" aria-labelledby={`slot-tab-${current.slot.id}`}>
          <SlotPanel slot={current.slot} state={current.state} />
        </div>
      </>
    );

  return (
    <>
      <PageHeader title={t('flash.title')} />
      <div className="fx-banner fx-banner-flash">
        <strong>⚡ {t('flash.bannerTitle')}</strong>
        <span>{t('flash.bannerText')}</span>
      </div>
      {body}
    </>
  );
}

const liveSlots = () => call(api.GET('/api/v1/flashsale/slots', { params: { query: { state: 'live' } } }));

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function SlotPanel({ slot, state }: { slot: Slot; state: SlotState }) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const to = state === 'live' ? slot.endsAt : slot.startsAt;
  const ms = useCountdown(to);
  const passed = ms <= 0;
  useEffect(() => {
    // the slot just started or ended: ask the server which state it is in now
    if (passed) void client.invalidateQueries({ queryKey: ['flashsale'] });
  }, [passed, client]);
  return (
    <section aria-label={localText(slot.name, slot.nameEn)}>
      <div className="fx-slot-head">
        <strong>{localText(slot.name, slot.nameEn)}</strong>
        <span className="fx-countdown">
          {state === 'live' ? t('flash.endsIn') : t('flash.startsIn')} <time dateTime={to}>{formatCountdown(ms)}</time>
        </span>
      </div>
      {slot.items.length === 0 ? (
        <div className="state state-empty">
          <p>{t('flash.noItems')}</p>
        </div>
      ) : (
        <ul className="fx-list">
          {slot.items.map((item) => (
            <li key={item.id}>
              <FlashItem slot={slot} item={item} state={state} countdown={ms} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FlashItem({ slot, item, state, countdown }: { slot: Slot; item: Item; state: SlotState; countdown: number }) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const toast = useToast();
  const fissionError = useErrorText();
  const purchase = useCampaignPurchase();
  const [soldOutNow, setSoldOutNow] = useState(false);
  // The purchase needs the slot's token as listed to this shopper; the listing may predate the
  // sign-in or the token may have lapsed, so ask for the list again and retry once.
  const freshToken = async () => (await client.fetchQuery({ queryKey: ['flashsale', 'live'], queryFn: liveSlots, staleTime: 0 })).items.find((s) => s.id === slot.id)?.purchaseToken;
  const attempt = (addressId: string, key: string, token: string | undefined) =>
    call(api.POST('/api/v1/flashsale/slots/{slotId}/items/{itemId}/purchase', { params: { path: { slotId: slot.id, itemId: item.id } }, body: { addressId, quantity: 1 }, headers: { 'Idempotency-Key': key, ...(token ? { 'X-Purchase-Token': token } : {}) } }));
  const offer = (): OrderOffer => ({
    title: localText(item.title, item.titleEn),
    image: item.image,
    label: t('teams.confirm.flashSeat'),
    price: item.flashPrice,
    shipping: item.shipping,
    deliveredPrice: item.deliveredPrice,
    place: async (addressId, key) => {
      try {
        let order;
        try {
          order = await attempt(addressId, key, slot.purchaseToken ?? (await freshToken()));
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'FLASHSALE_TOKEN_INVALID')) throw err;
          order = await attempt(addressId, key, await freshToken());
        }
        return { orderId: order.id, next: '/flashsale' };
      } catch (err) {
        if (err instanceof ApiError && err.code === 'FLASHSALE_SOLD_OUT') {
          setSoldOutNow(true);
          void client.invalidateQueries({ queryKey: ['flashsale'] });
        }
        toast(fissionError(err), 'error');
        throw err;
      }
    },
  });
  // Back from sign-in with ?do=flash:<item>: this item's confirm step, while it is still on sale.
  const action = `flash:${item.id}`;
  const resume = useCallback(() => {
    if (!item.soldOut && item.remaining > 0) purchase.resume(offer());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [item.id, item.soldOut, item.remaining, purchase]);
  usePendingAction(action, resume, state === 'live');
  const soldOut = soldOutNow || item.soldOut || item.remaining <= 0;
  const sold = Math.max(0, item.stock - item.remaining);
  const pct = item.stock > 0 ? Math.round((sold / item.stock) * 100) : 100;
  // The share of the list price paid, to whole percents (a 50% price is 5折 / 50% off).
  const rateBp = item.listPrice && item.listPrice.amount > 0 ? Math.round((item.flashPrice.amount / item.listPrice.amount) * 100) * 100 : null;

  return (
    <article className="card fx-product-card fx-flash-item" aria-labelledby={`fi-${item.id}`}>
      <div className="fx-product-media">
        {item.productId ? (
          <Link to={`/product/${item.productId}`}>
            <Thumb src={item.image} alt={localText(item.title, item.titleEn)} />
          </Link>
        ) : (
          <Thumb src={item.image} alt={localText(item.title, item.titleEn)} />
        )}
        {rateBp !== null && rateBp >= 1000 && rateBp < 10_000 && <span className="fx-corner">{formatDiscount(offFromRate(rateBp))}</span>}
      </div>
      <div className="fx-product-body">
        <h3 id={`fi-${item.id}`} className="fx-product-title">
          {localText(item.title, item.titleEn)}
        </h3>
        <p className="fx-small fx-muted">{localText(item.skuLabel, item.skuLabelEn)}</p>
        <p className="fx-price-line">
          <span className="price fx-price-big">{formatMoney(item.flashPrice)}</span>
          <span className="strike">{formatMoney(item.listPrice)}</span>
        </p>
        <DeliveredLine offer={item} />
        {state === 'live' ? (
          <ProgressBar value={sold} max={item.stock} label={t('flash.stockLabel', { title: localText(item.title, item.titleEn) })} text={soldOut ? t('flash.allGone') : t('flash.percentSold', { pct })} />
        ) : (
          <p className="fx-small fx-muted">{t('flash.units', { count: item.stock })}</p>
        )}
        {item.perUserLimit > 0 && <p className="fx-small fx-muted">{t('flash.limit', { count: item.perUserLimit })}</p>}
        {state === 'upcoming' ? (
          <button type="button" className="btn btn-secondary btn-block" disabled>
            {t('flash.startsInShort', { time: formatCountdown(countdown) })}
          </button>
        ) : soldOut ? (
          <button type="button" className="btn btn-primary btn-block fx-soldout" disabled>
            {t('soldOut')}
          </button>
        ) : (
          <Button className="btn-block" busy={purchase.busy} onClick={() => void purchase.tap(action, undefined, offer)}>
            {t('buyNow')}
          </Button>
        )}
      </div>
      {purchase.sheet}
    </article>
  );
}
