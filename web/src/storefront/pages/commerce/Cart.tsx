// The cart: lines with quantities and remove, unavailable items, totals from the server's quote.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatMoney, localText } from '../../../shared/format';
import { Button, Empty, QueryView, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn } from '../../auth';
import { PageHeader } from '../../layout';
import { Price, Stepper, TotalsTable } from './components';
import { Recommended } from '../recommend/Recommended';

function CartBody() {
  const { t } = useTranslation('shop');
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const cart = useQuery({ queryKey: ['cart'], queryFn: () => call(api.GET('/api/v1/cart')) });
  const setQty = useMutation({
    mutationFn: ({ skuId, quantity }: { skuId: string; quantity: number }) => call(api.PUT('/api/v1/cart/items/{skuId}', { params: { path: { skuId } }, body: { quantity } })),
    onSuccess: (data) => client.setQueryData(['cart'], data),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const remove = useMutation({
    mutationFn: (skuId: string) => call(api.DELETE('/api/v1/cart/items/{skuId}', { params: { path: { skuId } } })),
    onSuccess: (data) => client.setQueryData(['cart'], data),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const [confirmClear, setConfirmClear] = useState(false);
  const clear = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/cart')),
    onSuccess: () => {
      setConfirmClear(false);
      void client.invalidateQueries({ queryKey: ['cart'] });
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  return (
    <QueryView query={cart}>
      {(data) => {
        const lines = data.quote?.lines ?? [];
        if (lines.length === 0 && data.unavailable.length === 0)
          return (
            <Empty
              action={
                <Link to="/" className="btn btn-primary">
                  {t('cart.shop')}
                </Link>
              }
            >
              {t('cart.empty')}
            </Empty>
          );
        return (
          <>
            <ul className="shop-lines card">
              {lines.map((l) => (
                <li key={l.skuId} className="shop-line">
                  <Link to={`/product/${l.productId}`} className="shop-line-img">
                    {l.image ? <img src={l.image} alt={localText(l.title, l.titleEn)} /> : <div className="shop-noimg" aria-hidden="true" />}
                  </Link>
                  <div className="shop-line-body">
                    <Link to={`/product/${l.productId}`} className="shop-line-title">
                      {localText(l.title, l.titleEn)}
                    </Link>
                    <span className="shop-muted">{localText(l.skuLabel, l.skuLabelEn)}</span>
                    <div className="shop-line-foot">
                      <Price money={l.unitPrice} />
                      {l.listUnitPrice.amount > l.unitPrice.amount && <span className="strike">{formatMoney(l.listUnitPrice)}</span>}
                    </div>
                    <div className="shop-line-foot">
                      <Stepper value={l.quantity} max={999} label={t('cart.quantityOf', { title: localText(l.title, l.titleEn) })} disabled={setQty.isPending} onChange={(quantity) => setQty.mutate({ skuId: l.skuId, quantity })} />
                      <Button variant="ghost" className="shop-remove" aria-label={t('cart.removeOf', { title: localText(l.title, l.titleEn) })} onClick={() => remove.mutate(l.skuId)}>
                        {t('cart.remove')}
                      </Button>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            {data.unavailable.length > 0 && (
              <section className="card" aria-labelledby="cart-unavail">
                <h2 id="cart-unavail" className="section-title">
                  {t('cart.unavailable')}
                </h2>
                <ul className="shop-plain-list">
                  {data.unavailable.map((u) => (
                    <li key={u.skuId} className="row">
                      <span className="shop-muted">{t('cart.unavailableItem', { n: u.quantity })}</span>
                      <Button variant="ghost" onClick={() => remove.mutate(u.skuId)}>
                        {t('cart.remove')}
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {data.quote && (
              <section className="card" aria-label={t('cart.totals')}>
                <TotalsTable totals={data.quote} />
              </section>
            )}
            <div className="shop-more row">
              {confirmClear ? (
                <>
                  <span>{t('cart.clearSure')}</span>
                  <Button variant="danger" busy={clear.isPending} onClick={() => clear.mutate()}>
                    {t('cart.clearYes')}
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirmClear(false)}>
                    {t('common:cancel')}
                  </Button>
                </>
              ) : (
                <Button variant="ghost" onClick={() => setConfirmClear(true)}>
                  {t('cart.clear')}
                </Button>
              )}
            </div>
            {data.quote && lines.length > 0 && (
              <div className="shop-actionbar">
                <span className="shop-actionbar-total">
                  {t('totals.total')} <Price money={data.quote.total} className="shop-big" />
                </span>
                <Link to="/checkout" className="btn btn-primary shop-action-main">
                  {t('cart.checkout', { n: lines.reduce((s, l) => s + l.quantity, 0) })}
                </Link>
              </div>
            )}
          </>
        );
      }}
    </QueryView>
  );
}

export function CartPage() {
  const { t } = useTranslation('shop');
  return (
    <>
      <PageHeader title={t('cart.title')} back={false} />
      <RequireSignIn>
        <CartBody />
        <Recommended context="cart" />
      </RequireSignIn>
    </>
  );
}
