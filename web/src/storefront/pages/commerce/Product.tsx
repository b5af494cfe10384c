// Product detail: gallery, SKU picker, quantity, campaign entries (group buy, price-cut, flash
// sale), coupons to claim, and the fixed action bar (ProductBar.tsx: campaign first, sold out).
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, call, isApiError } from '../../../shared/api';
import { formatMoney, localText } from '../../../shared/format';
import { optionText, skuLabelText, valueText } from './skuText';
import { Button, QueryView, useErrorText, useToast } from '../../../shared/ui';
import { PageHeader } from '../../layout';
import { useAddressGate } from '../../address';
import { track } from '../../track';
import { Countdown, couponValue, Price, Stepper } from './components';
import { Recommended } from '../recommend/Recommended';
import { ProductReviews } from '../../reviews/ProductReviews';
import { useLoginRedirect } from '../../navigation';
import { NoPicture, ProductBar, SoldOutStamp, useProductGroupbuys, useRestockAlert, useStartTeam, type StartTeam } from './ProductBar';

type ProductDetail = NonNullable<Awaited<ReturnType<typeof fetchProduct>>>;
type Sku = ProductDetail['skus'][number];
const fetchProduct = (id: string) => call(api.GET('/api/v1/catalog/products/{id}', { params: { path: { id } } }));

const inStock = (s: Sku) => s.purchasable && s.available > 0;

function Gallery({ product, soldOut }: { product: ProductDetail; soldOut: boolean }) {
  const { t } = useTranslation('shop');
  const images = product.images.length ? product.images : product.image ? [product.image] : [];
  const [index, setIndex] = useState(0);
  if (images.length === 0)
    return (
      <div className="shop-gallery-wrap">
        <NoPicture className={`shop-gallery ${soldOut ? 'shop-nopic-soldout' : ''}`} />
        {soldOut && <SoldOutStamp />}
      </div>
    );
  return (
    <div className={`shop-gallery-wrap ${soldOut ? 'shop-gallery-soldout' : ''}`}>
      <div
        className="shop-gallery"
        tabIndex={0}
        role="region"
        aria-label={t('product.gallery')}
        onScroll={(e) => {
          const el = e.currentTarget;
          setIndex(Math.round(el.scrollLeft / Math.max(1, el.clientWidth)));
        }}
      >
        {images.map((src, i) => (
          <img key={src + i} src={src} alt={t('product.imageAlt', { title: localText(product.title, product.titleEn), n: i + 1, total: images.length })} loading={i === 0 ? 'eager' : 'lazy'} />
        ))}
      </div>
      {images.length > 1 && (
        <span className="shop-gallery-count" aria-hidden="true">
          {index + 1}/{images.length}
        </span>
      )}
      {soldOut && <SoldOutStamp />}
    </div>
  );
}

function SkuPicker({ product, sku, onPick }: { product: ProductDetail; sku: Sku | undefined; onPick: (s: Sku) => void }) {
  const { t } = useTranslation('shop');
  if (product.options.length === 0) {
    if (product.skus.length <= 1) return null;
    return (
      <fieldset className="shop-options">
        <legend>{t('product.spec')}</legend>
        <div className="row">
          {product.skus.map((s) => (
            <button key={s.id} type="button" className={`chip ${s.id === sku?.id ? 'chip-active' : ''} ${inStock(s) ? '' : 'chip-soldout'}`} aria-pressed={s.id === sku?.id} onClick={() => onPick(s)}>
              {skuLabelText(s)}
              {!inStock(s) && <span className="visually-hidden"> {t('product.soldOut')}</span>}
            </button>
          ))}
        </div>
      </fieldset>
    );
  }
  const current = sku?.attributes ?? {};
  return (
    <>
      {product.options.map((opt) => (
        <fieldset key={opt.name} className="shop-options">
          <legend>{optionText(product.skus, opt.name)}</legend>
          <div className="row">
            {opt.values.map((v) => {
              const wanted = { ...current, [opt.name]: v };
              const exact = product.skus.find((s) => product.options.every((o) => s.attributes[o.name] === wanted[o.name]));
              const any = product.skus.filter((s) => s.attributes[opt.name] === v && inStock(s));
              // A sold-out combination stays selectable (greyed), as in Taobao: the bar then offers 到货提醒.
              const target = exact && inStock(exact) ? exact : (any[0] ?? exact);
              const out = !target || !inStock(target);
              const active = current[opt.name] === v;
              return (
                <button key={v} type="button" className={`chip ${active ? 'chip-active' : ''} ${out ? 'chip-soldout' : ''}`} aria-pressed={active} disabled={!target} onClick={() => target && onPick(target)}>
                  {valueText(product.skus, opt.name, v)}
                  {out && <span className="visually-hidden"> {t('product.soldOut')}</span>}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </>
  );
}

function GroupBuy({ product, mine, team }: { product: ProductDetail; mine: ReturnType<typeof useProductGroupbuys>; team: StartTeam }) {
  const { t } = useTranslation('shop');
  const errorText = useErrorText();
  const details = useQueries({
    queries: mine.map((c) => ({ queryKey: ['groupbuy', 'campaign', c.id], queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns/{id}', { params: { path: { id: c.id } } })) })),
  });
  const { start, busy, error } = team;
  if (mine.length === 0 || product.skus.length === 0) return null;

  return (
    <section className="card shop-section shop-group" aria-labelledby="pd-group">
      <h2 id="pd-group" className="section-title">
        {t('product.groupTitle')}
      </h2>
      {mine.map((c, i) => {
        const d = details[i]?.data;
        return (
          <div key={c.id} className="shop-group-campaign">
            <p className="shop-group-price">
              <span className="badge">{t('product.teamOfN', { n: c.teamSize })}</span> <Price money={c.groupPrice} className="shop-big" /> <span className="strike">{formatMoney(c.listPrice)}</span>
              {c.skuLabel && <span className="shop-muted"> · {c.skuLabel}</span>}
            </p>
            {c.leaderPrice && c.leaderPrice.amount < c.groupPrice.amount && <p className="shop-muted">{t('product.leaderPrice', { amount: formatMoney(c.leaderPrice) })}</p>}
            {d && d.openTeams.length > 0 && (
              <>
                <h3 className="shop-sub-title">{t('product.openTeams')}</h3>
                <ul className="shop-teams">
                  {d.openTeams.map((team) => (
                    <li key={team.id} className="shop-team">
                      <span className="shop-avatar" aria-hidden="true">
                        {team.leaderInitial}
                      </span>
                      <span className="shop-team-text">
                        <span className="shop-team-title">{t('home.teamOf', { name: team.leaderName })}</span>
                        <span className="shop-muted">{t('home.seatsLeft', { n: team.seatsLeft })}</span>
                        <Countdown iso={team.expiresAt} label={t('home.endsIn')} />
                      </span>
                      <Link to={`/groupbuy/teams/${team.id}`} className="btn btn-secondary shop-btn-small" aria-label={t('product.joinTeamOf', { name: team.leaderName })}>
                        {t('home.join')}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Button className="btn-block" busy={busy === c.id} disabled={c.soldOut} onClick={() => void start(c.id)}>
              {c.soldOut ? t('product.soldOut') : t('product.startTeam')}
            </Button>
          </div>
        );
      })}
      {error != null && (
        <p role="alert" className="shop-error">
          {errorText(error)} {isApiError(error) && typeof error.details?.teamId === 'string' && <Link to={`/groupbuy/teams/${error.details.teamId}`}>{t('orders.viewTeam')}</Link>}
        </p>
      )}
    </section>
  );
}

function Bargain({ product, needSignIn }: { product: ProductDetail; needSignIn: () => Promise<boolean> }) {
  const { t } = useTranslation('shop');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['bargain', 'campaigns'], queryFn: () => call(api.GET('/api/v1/bargain/campaigns')) });
  const mine = (list.data?.items ?? []).filter((c) => c.productId === product.id);
  const start = useMutation({
    mutationFn: (campaignId: string) => call(api.POST('/api/v1/bargain/campaigns/{id}/cuts', { params: { path: { id: campaignId } } })),
    onSuccess: (cut) => navigate(`/bargain/${cut.id}`),
  });
  if (mine.length === 0) return null;
  const err = start.error;
  const existingCut = isApiError(err) && typeof err.details?.cutId === 'string' ? err.details.cutId : null;
  return (
    <section className="card shop-section shop-bargain" aria-labelledby="pd-bargain">
      <h2 id="pd-bargain" className="section-title">
        {t('product.bargainTitle')}
      </h2>
      {mine.map((c) => (
        <div key={c.id} className="shop-group-campaign">
          <p>
            {t('product.bargainPitch', { helpers: c.helpersNeeded })} <Price money={c.floorPrice} className="shop-big" /> <span className="strike">{formatMoney(c.originalPrice)}</span>
          </p>
          <Button variant="secondary" className="btn-block" busy={start.isPending && start.variables === c.id} disabled={c.stockLeft < 1} onClick={async () => !(await needSignIn()) && start.mutate(c.id)}>
            {c.stockLeft < 1 ? t('product.soldOut') : t('product.startCut')}
          </Button>
        </div>
      ))}
      {err != null && (
        <p role="alert" className="shop-error">
          {errorText(err)} {existingCut && <Link to={`/bargain/${existingCut}`}>{t('product.viewMyCut')}</Link>}
        </p>
      )}
    </section>
  );
}

function FlashBadge({ product }: { product: ProductDetail }) {
  const { t } = useTranslation('shop');
  const live = useQuery({ queryKey: ['flashsale', 'slots', 'live'], queryFn: () => call(api.GET('/api/v1/flashsale/slots', { params: { query: { state: 'live' } } })) });
  const upcoming = useQuery({ queryKey: ['flashsale', 'slots', 'upcoming'], queryFn: () => call(api.GET('/api/v1/flashsale/slots', { params: { query: { state: 'upcoming' } } })) });
  const hit = [...(live.data?.items ?? []), ...(upcoming.data?.items ?? [])].flatMap((slot) => slot.items.filter((it) => it.productId === product.id).map((it) => ({ slot, it })))[0];
  if (!hit) return null;
  const isLive = hit.slot.state === 'live';
  return (
    <Link to="/flashsale" className="shop-flash-badge">
      <span className="shop-flash-tag">{isLive ? t('product.flashLive') : t('product.flashSoon')}</span>
      <Price money={hit.it.flashPrice} />
      <Countdown iso={isLive ? hit.slot.endsAt : hit.slot.startsAt} label={isLive ? t('home.endsIn') : t('product.startsIn')} />
    </Link>
  );
}

function Coupons({ product, needSignIn }: { product: ProductDetail; needSignIn: () => Promise<boolean> }) {
  const { t } = useTranslation('shop');
  const errorText = useErrorText();
  const client = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: ['coupons', 'centre'], queryFn: () => call(api.GET('/api/v1/coupons/templates')) });
  const [claimed, setClaimed] = useState<Record<string, boolean>>({});
  const claim = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/coupons/templates/{id}/claim', { params: { path: { id } } })),
    onSuccess: (_c, id) => {
      setClaimed((m) => ({ ...m, [id]: true }));
      toast(t('coupon.claimedToast'));
      void client.invalidateQueries({ queryKey: ['coupons'] });
      void client.invalidateQueries({ queryKey: ['me', 'coupons'] });
    },
  });
  const usable = (list.data?.items ?? []).filter(
    (c) => c.claimable && (c.scope === 'store' || (c.scope === 'products' && c.scopeIds.includes(product.id)) || (c.scope === 'categories' && c.scopeIds.includes(product.categoryId))),
  );
  if (usable.length === 0) return null;
  return (
    <section className="card shop-section" aria-labelledby="pd-coupons">
      <h2 id="pd-coupons" className="section-title">
        <span>{t('coupon.title')}</span>
        <Link to="/coupons" className="shop-more-link">
          {t('home.seeAll')}
        </Link>
      </h2>
      <ul className="shop-coupons">
        {usable.slice(0, 6).map((c) => {
          const { value, condition } = couponValue(c, t);
          const done = claimed[c.id] || (c.held > 0 && !c.canClaim);
          return (
            <li key={c.id} className="shop-coupon">
              <span className="shop-coupon-value">{value}</span>
              <span className="shop-coupon-text">
                <span className="shop-coupon-name">{localText(c.name, c.nameEn)}</span>
                <span className="shop-muted">{condition}</span>
              </span>
              {done ? (
                <span className="shop-coupon-done">{t('coupon.claimed')}</span>
              ) : (
                <Button
                  className="shop-btn-small"
                  busy={claim.isPending && claim.variables === c.id}
                  disabled={!c.canClaim && (c.remainingQuota === 0)}
                  onClick={async () => !(await needSignIn()) && claim.mutate(c.id)}
                >
                  {t('coupon.claim')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {claim.isError && (
        <p role="alert" className="shop-error">
          {errorText(claim.error)}
        </p>
      )}
    </section>
  );
}

function ProductBody({ product }: { product: ProductDetail }) {
  const { t } = useTranslation('shop');
  const navigate = useNavigate();
  const toast = useToast();
  const errorText = useErrorText();
  const client = useQueryClient();
  const { withSignIn } = useLoginRedirect();
  const gate = useAddressGate();
  const initialSku = useMemo(() => product.skus.find(inStock) ?? product.skus[0], [product]);
  const [skuId, setSkuId] = useState(initialSku?.id);
  const sku = product.skus.find((s) => s.id === skuId);
  const [qty, setQty] = useState(1);
  const max = sku ? Math.max(1, Math.min(sku.available, 999)) : 1;
  const canBuy = !!sku && inStock(sku);
  const allSoldOut = !product.skus.some(inStock);
  useEffect(() => track('product_view', { productId: product.id }), [product.id]);
  // Resolves to true (and goes to sign-in) when nobody is signed in; waits for the session check.
  const needSignIn = async () => {
    let signedIn = false;
    await withSignIn(() => (signedIn = true));
    return !signedIn;
  };
  const addToCart = useMutation({
    mutationFn: async () => {
      if (!sku) throw new ApiError(0, 'CHECKOUT_SKU_NOT_FOUND', 'No SKU');
      const cart = await client.fetchQuery({ queryKey: ['cart'], queryFn: () => call(api.GET('/api/v1/cart')) });
      const existing = cart.items.find((i) => i.skuId === sku.id)?.quantity ?? 0;
      return call(api.PUT('/api/v1/cart/items/{skuId}', { params: { path: { skuId: sku.id } }, body: { quantity: Math.min(999, existing + qty) } }));
    },
    onSuccess: (cart) => {
      client.setQueryData(['cart'], cart);
      track('add_to_cart', { productId: product.id, amount: sku ? sku.price.amount * qty : undefined, props: { skuId: sku?.id ?? null, quantity: qty } });
      toast(t('product.added'));
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const groupbuys = useProductGroupbuys(product.id, sku?.id);
  const team = useStartTeam(gate.withAddress);
  const { alert } = useRestockAlert(product.id, sku?.id);
  const soldOut = !!sku && !canBuy;

  return (
    <div className="shop-pd">
      <Gallery product={product} soldOut={allSoldOut} />
      <section className="card shop-pd-main">
        <p className="shop-pd-price">
          <Price money={sku?.price ?? product.price?.min} className={`shop-huge ${soldOut ? 'shop-price-soldout' : ''}`} />
          {sku?.listPrice && sku.listPrice.amount > sku.price.amount && <span className="strike">{formatMoney(sku.listPrice)}</span>}
          {soldOut && <span className="shop-soldout-badge">{t('pdx.soldOut')}</span>}
        </p>
        {alert?.status === 'notified' && canBuy && (
          <p className="shop-restocked" role="status">
            {t('pdx.backInStock', { label: sku?.label || product.title })}
          </p>
        )}
        <FlashBadge product={product} />
        <h2 className="shop-pd-title">{localText(product.title, product.titleEn)}</h2>
        {product.subtitle && <p className="shop-muted">{localText(product.subtitle, product.subtitleEn)}</p>}
      </section>
      <GroupBuy product={product} mine={groupbuys} team={team} />
      <Bargain product={product} needSignIn={needSignIn} />
      <Coupons product={product} needSignIn={needSignIn} />
      <section className="card shop-section" aria-labelledby="pd-spec">
        <h2 id="pd-spec" className="section-title">
          {t('product.choose')}
        </h2>
        <SkuPicker
          product={product}
          sku={sku}
          onPick={(s) => {
            setSkuId(s.id);
            setQty((q) => Math.max(1, Math.min(q, s.available)));
          }}
        />
        <p className={canBuy ? 'shop-muted' : 'shop-soldout-hint'}>
          {!sku
            ? t('product.unavailable')
            : canBuy
              ? t('product.stock', { n: sku.available, label: skuLabelText(sku) })
              : allSoldOut || product.skus.length === 1
                ? t('pdx.allSoldOut')
                : t('product.skuSoldOut', { label: skuLabelText(sku) })}
        </p>
        <div className={`shop-qty-row ${canBuy ? '' : 'shop-qty-off'}`}>
          <span aria-hidden="true">{t('product.quantity')}</span>
          <Stepper value={qty} onChange={setQty} max={max} label={t('product.quantity')} disabled={!canBuy} />
        </div>
      </section>
      {product.description && (
        <section className="card shop-section" aria-labelledby="pd-desc">
          <h2 id="pd-desc" className="section-title">
            {t('product.details')}
          </h2>
          <p className="shop-desc">{localText(product.description, product.descriptionEn)}</p>
        </section>
      )}
      <ProductReviews productId={product.id} />
      <Recommended context="product" productId={product.id} />
      <ProductBar
        productId={product.id}
        sku={sku}
        canBuy={canBuy}
        soldOut={soldOut}
        groupbuy={groupbuys[0]}
        team={team}
        addToCart={{ busy: addToCart.isPending, run: async () => !(await needSignIn()) && addToCart.mutate() }}
        buyNow={async () => !(await needSignIn()) && sku && navigate(`/checkout?sku=${sku.id}&qty=${qty}`)}
        needSignIn={needSignIn}
      />
      {gate.sheet}
      {team.sheet}
    </div>
  );
}

export function ProductPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('shop');
  const product = useQuery({ queryKey: ['catalog', 'product', id], queryFn: () => fetchProduct(id) });
  return (
    <>
      <PageHeader title={product.data ? localText(product.data.title, product.data.titleEn) : t('product.title')} />
      <QueryView query={product}>{(p) => <ProductBody key={p.id} product={p} />}</QueryView>
    </>
  );
}
