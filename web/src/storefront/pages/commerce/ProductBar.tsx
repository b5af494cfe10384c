// The product page's fixed action bar, campaign first as in Pinduoduo and Taobao: 单独购买 |
// 发起拼团 for a product with a group buy, the flash price and its countdown during a live flash
// sale, and for a sold-out option a clear sold-out state with 到货提醒 (back-in-stock alert)
// instead of buy buttons. Also the sold-out stamp and the no-picture placeholder of the gallery.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../../shared/api';
import { formatMoney } from '../../../shared/format';
import { Button, useErrorText, useToast } from '../../../shared/ui';
import { useMe } from '../../auth';
import { ShareButton } from '../../share/ShareSheet';
import { usePendingAction } from '../../intent';
import { startTeamOffer } from '../fission/groupbuy';
import { useCampaignPurchase } from '../fission/seat';
import { Countdown } from './components';

type Money = { amount: number; currency: string };
type GroupCampaign = NonNullable<Awaited<ReturnType<typeof fetchGroupbuys>>>['items'][number];
const fetchGroupbuys = () => call(api.GET('/api/v1/groupbuy/campaigns'));

/** Group-buy campaigns of this product, the selected SKU's first. */
export function useProductGroupbuys(productId: string, skuId: string | undefined) {
  const list = useQuery({ queryKey: ['groupbuy', 'campaigns'], queryFn: fetchGroupbuys });
  const mine = (list.data?.items ?? []).filter((c) => c.productId === productId);
  return [...mine.filter((c) => c.skuId === skuId), ...mine.filter((c) => c.skuId !== skuId)];
}

/** The live flash-sale item of this product, if a slot is running now. */
export function useLiveFlash(productId: string) {
  const live = useQuery({ queryKey: ['flashsale', 'slots', 'live'], queryFn: () => call(api.GET('/api/v1/flashsale/slots', { params: { query: { state: 'live' } } })) });
  for (const slot of live.data?.items ?? []) {
    const item = slot.items.find((it) => it.productId === productId && !it.soldOut);
    if (item) return { slot, item };
  }
  return null;
}

/**
 * Starting a team (the leader pays first): shared by the bar and the group-buy section. A signed-out
 * tap goes to sign in and comes back here with ?do=startTeam&arg=<campaign>, which resumes at the
 * confirm step (fission/seat.tsx); render `sheet`.
 */
export function useStartTeam(withAddress: (run: (id: string) => unknown) => Promise<void>) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const purchase = useCampaignPurchase({ withAddress });
  const list = useQuery({ queryKey: ['groupbuy', 'campaigns'], queryFn: fetchGroupbuys });
  const [busyId, setBusyId] = useState<string | null>(null);
  const offer = (c: GroupCampaign) => startTeamOffer(c, t('teams.confirm.leaderSeat', { count: c.teamSize }));
  const resume = (id: string | undefined) => {
    const c = list.data?.items.find((x) => x.id === id);
    if (c && !c.soldOut) purchase.resume(offer(c));
  };
  usePendingAction('startTeam', resume, !!list.data);
  async function start(campaignId: string) {
    const c = (await client.fetchQuery({ queryKey: ['groupbuy', 'campaigns'], queryFn: fetchGroupbuys })).items.find((x) => x.id === campaignId);
    if (!c) return;
    setBusyId(campaignId);
    await purchase.tap('startTeam', campaignId, () => offer(c));
  }
  return { start, busy: purchase.busy ? busyId : null, error: purchase.error, sheet: purchase.sheet };
}
export type StartTeam = ReturnType<typeof useStartTeam>;

/** A two-line bar button: the price on top, what it does below. */
function PriceButton({ price, label, variant = 'primary', busy, disabled, onClick, className }: { price: Money; label: string; variant?: 'primary' | 'secondary'; busy?: boolean; disabled?: boolean; onClick: () => void; className?: string }) {
  return (
    <Button variant={variant} className={`shop-action-main shop-action-priced ${className ?? ''}`} busy={busy} disabled={disabled} onClick={onClick}>
      <span className="shop-action-price">{formatMoney(price)}</span>
      <span className="shop-action-label">{label}</span>
    </Button>
  );
}

/** The alert of this product's SKU, for a signed-in shopper; `null` while none is set. */
export function useRestockAlert(productId: string, skuId: string | undefined) {
  const me = useMe();
  const signedIn = !!me.data;
  const alerts = useQuery({
    queryKey: ['restock', productId],
    queryFn: () => call(api.GET('/api/v1/me/restock-alerts', { params: { query: { productId } } })),
    enabled: signedIn,
  });
  return { alert: alerts.data?.items.find((a) => a.skuId === skuId) ?? null, signedIn };
}

function RestockButton({ productId, skuId, needSignIn }: { productId: string; skuId: string; needSignIn: () => Promise<boolean> }) {
  const { t } = useTranslation('shop');
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const { alert } = useRestockAlert(productId, skuId);
  const refresh = () => client.invalidateQueries({ queryKey: ['restock', productId] });
  const subscribe = useMutation({
    mutationFn: () => call(api.POST('/api/v1/restock-alerts', { body: { skuId } })),
    onSuccess: () => {
      toast(t('pdx.notifySet'));
      void refresh();
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const cancel = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/restock-alerts/{skuId}', { params: { path: { skuId } } })),
    onSuccess: () => void refresh(),
    onError: (err) => toast(errorText(err), 'error'),
  });
  if (alert?.status === 'waiting') {
    return (
      <Button variant="secondary" className="shop-action-main" busy={cancel.isPending} aria-label={t('pdx.notifyCancel')} onClick={() => cancel.mutate()}>
        ✓ {t('pdx.notifyOn')}
      </Button>
    );
  }
  return (
    <Button className="shop-action-main" busy={subscribe.isPending} onClick={async () => !(await needSignIn()) && subscribe.mutate()}>
      {t('pdx.notify')}
    </Button>
  );
}

export interface ProductBarProps {
  productId: string;
  sku: { id: string; price: Money } | undefined;
  canBuy: boolean;
  soldOut: boolean;
  groupbuy: GroupCampaign | undefined;
  team: StartTeam;
  addToCart: { busy: boolean; run: () => void };
  buyNow: () => void;
  needSignIn: () => Promise<boolean>;
}

export function ProductBar({ productId, sku, canBuy, soldOut, groupbuy, team, addToCart, buyNow, needSignIn }: ProductBarProps) {
  const { t } = useTranslation('shop');
  const flash = useLiveFlash(productId);
  let main;
  if (soldOut && sku) {
    main = (
      <>
        <span className="shop-action-soldout" role="status">
          {t('pdx.soldOut')}
        </span>
        <RestockButton productId={productId} skuId={sku.id} needSignIn={needSignIn} />
      </>
    );
  } else if (flash) {
    main = (
      <>
        <Button variant="secondary" className="shop-action-main" busy={addToCart.busy} disabled={!canBuy} onClick={addToCart.run}>
          {t('product.addToCart')}
        </Button>
        <Link to="/flashsale" className="btn btn-primary shop-action-main shop-action-priced shop-action-flash">
          <span className="shop-action-price">
            {formatMoney(flash.item.flashPrice)} {t('pdx.grab')}
          </span>
          <Countdown iso={flash.slot.endsAt} label={t('home.endsIn')} />
        </Link>
      </>
    );
  } else if (groupbuy && sku && !groupbuy.soldOut) {
    main = (
      <>
        <PriceButton variant="secondary" className="shop-action-single" price={sku.price} label={t('pdx.single')} disabled={!canBuy} onClick={buyNow} />
        <PriceButton price={groupbuy.groupPrice} label={t('product.startTeam')} busy={team.busy === groupbuy.id} onClick={() => void team.start(groupbuy.id)} />
      </>
    );
  } else {
    main = (
      <>
        <Button variant="secondary" className="shop-action-main" busy={addToCart.busy} disabled={!canBuy} onClick={addToCart.run}>
          {t('product.addToCart')}
        </Button>
        <Button className="shop-action-main" disabled={!canBuy} onClick={buyNow}>
          {t('product.buyNow')}
        </Button>
      </>
    );
  }
  return (
    <div className="shop-actionbar" role="group" aria-label={t('product.actions')}>
      <Link to="/cart" className="shop-action-icon" aria-label={t('product.cart')}>
        <CartIcon />
        <span className="shop-action-icon-text">{t('product.cart')}</span>
      </Link>
      <ShareButton target={{ type: 'product', id: productId }} label={t('product.share')} className="shop-share" />
      {main}
    </div>
  );
}

// Drawn, not an emoji: phones without a colour-emoji font showed a box for 🛒.
export function CartIcon({ className = 'shop-action-svg' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 4h2.2l2.1 10.2a1.5 1.5 0 0 0 1.5 1.2h8.4a1.5 1.5 0 0 0 1.5-1.1L20.5 8H6.2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="9.5" cy="19.5" r="1.5" fill="currentColor" />
      <circle cx="17" cy="19.5" r="1.5" fill="currentColor" />
    </svg>
  );
}

/** The gallery's stand-in for a product without a picture: an icon and words, not a grey box. */
export function NoPicture({ className }: { className?: string }) {
  const { t } = useTranslation('shop');
  return (
    <div className={`shop-nopic ${className ?? ''}`} role="img" aria-label={t('pdx.noImage')}>
      <svg className="shop-nopic-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <rect x="6" y="10" width="36" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <circle cx="17" cy="20" r="3.5" fill="currentColor" />
        <path d="M8 35l11-11 8 8 5-5 9 9" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
      </svg>
      <span className="shop-nopic-text" aria-hidden="true">
        {t('pdx.noImage')}
      </span>
    </div>
  );
}

/** The round 已售罄 stamp over the gallery when nothing of the product can be bought. */
export function SoldOutStamp() {
  const { t } = useTranslation('shop');
  return (
    <span className="shop-soldout-stamp" aria-hidden="true">
      {t('pdx.soldOut')}
    </span>
  );
}
