// Pieces the commerce pages share: product cards and the infinite product grid, the quantity
// stepper and countdowns.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatCountdown, formatDiscount, formatMoney, localText, useCountdown, type Money } from '../../../shared/format';
import { Button, Empty, ErrorState, Loading } from '../../../shared/ui';

export type ProductSummary = {
  id: string;
  title: string;
  titleEn?: string | null;
  subtitle: string;
  subtitleEn?: string | null;
  image: string | null;
  price: { min: Money; max: Money } | null;
};

export function Price({ money, className }: { money: Money | null | undefined; className?: string }) {
  return <span className={`price ${className ?? ''}`}>{formatMoney(money)}</span>;
}

export function ProductCard({ product }: { product: ProductSummary }) {
  const { t } = useTranslation('shop');
  const title = localText(product.title, product.titleEn);
  const subtitle = localText(product.subtitle, product.subtitleEn);
  return (
    <li className="shop-card">
      <Link to={`/product/${product.id}`} className="shop-card-link">
        {product.image ? <img src={product.image} alt={title} loading="lazy" className="shop-card-img" /> : <div className="shop-card-img shop-noimg" aria-hidden="true" />}
        <span className="shop-card-title">{title}</span>
        {subtitle && <span className="shop-card-sub">{subtitle}</span>}
        {product.price ? <Price money={product.price.min} className="shop-card-price" /> : <span className="shop-muted">{t('product.unavailable')}</span>}
      </Link>
    </li>
  );
}

/** Products from the catalogue in a 2-column grid with "Load more". */
export function ProductGrid({ q, categoryId, sort, empty }: { q?: string; categoryId?: string; sort?: 'newest' | 'price_asc' | 'price_desc'; empty?: string }) {
  const { t } = useTranslation('shop');
  const query = useInfiniteQuery({
    queryKey: ['catalog', 'products', { q, categoryId, sort }],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/catalog/products', { params: { query: { q: q || undefined, categoryId, sort, cursor: pageParam, limit: 20 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (query.isPending) return <Loading />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = (query.data?.pages ?? []).flatMap((p) => p.items);
  if (items.length === 0) return <Empty>{empty ?? t('product.none')}</Empty>;
  return (
    <>
      <ul className="shop-grid">
        {items.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <div className="shop-more">
          <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('common:more')}
          </Button>
        </div>
      ) : (
        <p className="shop-end">{t('product.end')}</p>
      )}
      {query.isFetchNextPageError && <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />}
    </>
  );
}

export function Countdown({ iso, label }: { iso: string | null | undefined; label: string }) {
  const left = useCountdown(iso);
  return (
    <span className="shop-countdown" role="timer" aria-label={`${label} ${formatCountdown(left)}`}>
      <span aria-hidden="true">{label} </span>
      <span aria-hidden="true" className="shop-countdown-digits">
        {formatCountdown(left)}
      </span>
    </span>
  );
}

export function Stepper({ value, onChange, min = 1, max, label, disabled }: { value: number; onChange: (n: number) => void; min?: number; max: number; label: string; disabled?: boolean }) {
  const { t } = useTranslation('shop');
  const clamp = (n: number) => Math.max(min, Math.min(max, Number.isFinite(n) ? Math.trunc(n) : min));
  return (
    <div className="shop-stepper">
      <button type="button" className="shop-step" aria-label={t('qty.less')} disabled={disabled || value <= min} onClick={() => onChange(clamp(value - 1))}>
        −
      </button>
      <input type="number" inputMode="numeric" aria-label={label} min={min} max={max} value={value} disabled={disabled} onChange={(e) => onChange(clamp(Number(e.target.value)))} />
      <button type="button" className="shop-step" aria-label={t('qty.more')} disabled={disabled || value >= max} onClick={() => onChange(clamp(value + 1))}>
        +
      </button>
    </div>
  );
}

/** The label of a price adjustment returned by the quote or the order. */
export function adjustmentLabel(a: { step: string; code: string; label: string }, t: (k: string) => string) {
  if (a.step === 'coupons') return a.code === 'COUPON_FREE_SHIPPING' ? t('totals.freeShippingCoupon') : t('totals.coupon');
  if (a.step === 'points') return t('totals.points');
  if (a.step === 'tier') return t('totals.tier');
  if (a.step === 'campaign') {
    const code = a.code.toLowerCase();
    if (code === 'groupbuy') return a.label.includes('团长') ? t('totals.groupLeader') : t('totals.group');
    if (code === 'bargain') return t('totals.bargain');
    if (code === 'flashsale') return t('totals.flash');
  }
  return a.label;
}

type Totals = {
  goods: Money;
  discount: Money;
  shipping: Money;
  total: Money;
  adjustments: { step: string; code: string; label: string; amount: Money }[];
};

export function TotalsTable({ totals, totalLabel }: { totals: Totals; totalLabel?: string }) {
  const { t } = useTranslation('shop');
  return (
    <dl className="shop-totals">
      <div>
        <dt>{t('totals.goods')}</dt>
        <dd>{formatMoney(totals.goods)}</dd>
      </div>
      {totals.adjustments.filter((a) => a.step !== 'shipping').map((a, i) => (
        <div key={`${a.code}-${i}`} className="shop-adj">
          <dt>{adjustmentLabel(a, t)}</dt>
          <dd>{a.amount.amount < 0 ? `−${formatMoney({ ...a.amount, amount: -a.amount.amount })}` : formatMoney(a.amount)}</dd>
        </div>
      ))}
      <div>
        <dt>{t('totals.shipping')}</dt>
        <dd>{totals.shipping.amount === 0 ? t('totals.freeShipping') : formatMoney(totals.shipping)}</dd>
      </div>
      {totals.discount.amount > 0 && (
        <div>
          <dt>{t('totals.discount')}</dt>
          <dd className="price">−{formatMoney(totals.discount)}</dd>
        </div>
      )}
      <div className="shop-total-row">
        <dt>{totalLabel ?? t('totals.total')}</dt>
        <dd className="price">{formatMoney(totals.total)}</dd>
      </div>
    </dl>
  );
}

export const ORDER_STATUSES = ['pending_payment', 'paid', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'cancelled', 'refunding', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

type CouponLike = { kind: string; amount: Money | null; percentBp: number | null; maxDiscount: Money | null; minSpend: Money };

/** "¥10 off", "15% off", "Free shipping", and the spending threshold if there is one. */
export function couponValue(c: CouponLike, t: TFunction<'shop'>): { value: string; condition: string } {
  const value =
    c.kind === 'percent'
      ? formatDiscount({ bp: c.percentBp ?? 0 })
      : c.kind === 'free_shipping'
        ? t('coupon.freeShipping')
        : t('coupon.amountOff', { amount: formatMoney(c.amount) });
  const condition = c.minSpend.amount > 0 ? t('coupon.minSpend', { amount: formatMoney(c.minSpend) }) : t('coupon.noMin');
  return { value: c.maxDiscount ? `${value} (${t('coupon.upTo', { amount: formatMoney(c.maxDiscount) })})` : value, condition };
}
