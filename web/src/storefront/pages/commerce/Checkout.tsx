// Checkout: the whole cart, or one sku for "Buy now" (?sku=&qty=). Address, coupon, points,
// the server's quote, and "Place order" with one Idempotency-Key per attempt.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../../shared/api';
import { formatMoney, localText } from '../../../shared/format';
import { Button, ErrorState, Loading, SelectField, TextField, useErrorText } from '../../../shared/ui';
import { RequireSignIn } from '../../auth';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { AddressForm, addressLine, useAddresses, type AddressInput } from '../../address';
import { couponValue, Price, TotalsTable } from './components';
import { CartIcon } from './ProductBar';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function CheckoutBody() {
  const { t } = useTranslation('shop');
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const skuParam = params.get('sku');
  const qtyParam = Math.max(1, Math.min(999, Math.trunc(Number(params.get('qty') ?? '1')) || 1));
  const items = useMemo(() => (skuParam && UUID.test(skuParam) ? [{ skuId: skuParam, quantity: qtyParam }] : null), [skuParam, qtyParam]);
  const source = items ? { items } : { fromCart: true as const };

  const addresses = useAddresses();
  const [chosenAddress, setChosenAddress] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const addressList = addresses.data?.items ?? [];
  const addressId = chosenAddress ?? (addressList.find((a) => a.isDefault) ?? addressList[0])?.id ?? null;

  const coupons = useQuery({ queryKey: ['me', 'coupons', 'available'], queryFn: () => call(api.GET('/api/v1/me/coupons', { params: { query: { status: 'available', limit: 50 } } })) });
  const points = useQuery({ queryKey: ['me', 'points'], queryFn: () => call(api.GET('/api/v1/me/points', { params: { query: { limit: 1 } } })) });
  const [couponId, setCouponId] = useState('');
  const [usePoints, setUsePoints] = useState(false);
  const [note, setNote] = useState('');
  const balance = points.data?.balance ?? 0;
  const pricing = { ...source, couponIds: couponId ? [couponId] : [], ...(usePoints && balance > 0 ? { usePoints: balance } : {}) };

  const quote = useQuery({
    queryKey: ['checkout', 'quote', pricing],
    queryFn: () => call(api.POST('/api/v1/checkout/quote', { body: pricing })),
    placeholderData: (prev) => prev,
  });

  // One key per checkout attempt: the same body retried reuses it; a changed order gets a new one.
  const attempt = JSON.stringify({ pricing, addressId, note });
  const key = useMemo(() => idempotencyKey(), [attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  const [noteError, setNoteError] = useState<string | null>(null);
  const [addressError, setAddressError] = useState<string | null>(null);

  // "Place order" with the inline address form filled in saves the address first, then places.
  const placeAfterAddress = useRef(false);
  const place = useMutation({
    mutationFn: (to: string) => call(api.POST('/api/v1/orders', { body: { ...pricing, addressId: to, ...(note.trim() ? { note: note.trim() } : {}) }, headers: { 'Idempotency-Key': key } })),
    onSuccess: (order) => {
      void client.invalidateQueries({ queryKey: ['cart'] });
      void client.invalidateQueries({ queryKey: ['orders'] });
      void client.invalidateQueries({ queryKey: ['me', 'coupons'] });
      navigate(`/orders/${order.id}/pay`, { replace: true });
    },
  });

  const inlineForm = adding || (addresses.isSuccess && addressList.length === 0);
  function submit() {
    const noteProblem = note.trim().length > 200 ? t('validation.tooLong', { max: 200 }) : null;
    setNoteError(noteProblem);
    if (!addressId && inlineForm && !noteProblem) {
      const form = document.getElementById('checkout-address-form') as HTMLFormElement | null;
      if (form) {
        placeAfterAddress.current = true;
        form.requestSubmit();
        return;
      }
    }
    const addressProblem = addressId ? null : t('checkout.needAddress');
    setAddressError(addressProblem);
    if (noteProblem || !addressId) return;
    place.mutate(addressId);
  }

  async function createAddress(input: AddressInput) {
    const created = await call(api.POST('/api/v1/me/addresses', { body: { ...input, isDefault: input.isDefault || addressList.length === 0 } }));
    await client.invalidateQueries({ queryKey: ['addresses'] });
    setChosenAddress(created.id);
    setAdding(false);
    setAddressError(null);
    if (placeAfterAddress.current) {
      placeAfterAddress.current = false;
      place.mutate(created.id);
    }
  }

  const couponList = coupons.data?.items ?? [];
  const q = quote.data;
  return (
    <div className="shop-checkout">
      <section className="card" aria-labelledby="co-address">
        <h2 id="co-address" className="section-title">
          {t('checkout.address')}
        </h2>
        {addresses.isPending ? (
          <Loading />
        ) : addresses.isError ? (
          <ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} />
        ) : (
          <>
            {addressList.length > 0 && (
              <fieldset className="shop-address-choice">
                <legend className="visually-hidden">{t('checkout.address')}</legend>
                {addressList.map((a) => (
                  <label key={a.id} className={`shop-address-option ${a.id === addressId ? 'active' : ''}`}>
                    <input type="radio" name="address" value={a.id} checked={a.id === addressId} onChange={() => setChosenAddress(a.id)} />
                    <span>
                      <strong>
                        {a.recipient} {a.phone}
                      </strong>
                      {a.isDefault && <span className="badge"> {t('address.default')}</span>}
                      <br />
                      <span className="shop-muted">{addressLine(a)}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            {addressList.length === 0 && !adding && <p className="shop-muted">{t('checkout.noAddress')}</p>}
            {adding || addressList.length === 0 ? (
              <AddressForm
                id="checkout-address-form"
                onSubmit={createAddress}
                onInvalid={() => {
                  placeAfterAddress.current = false;
                }}
                onCancel={addressList.length ? () => setAdding(false) : undefined}
                submitLabel={t('address.saveUse')}
              />
            ) : (
              <Button variant="secondary" onClick={() => setAdding(true)}>
                {t('address.add')}
              </Button>
            )}
            {addressError && !addressId && (
              <p role="alert" className="shop-error">
                {addressError}
              </p>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="co-items">
        <h2 id="co-items" className="section-title">
          {t('checkout.items')}
        </h2>
        {quote.isPending ? (
          <Loading />
        ) : quote.isError && !q ? (
          <ErrorState error={quote.error} onRetry={() => void quote.refetch()} />
        ) : q ? (
          <ul className="shop-plain-list">
            {q.lines.map((l) => (
              <li key={l.skuId} className="shop-line shop-line-compact">
                {l.image ? <img src={l.image} alt={localText(l.title, l.titleEn)} className="shop-line-thumb" /> : <div className="shop-line-thumb shop-noimg" aria-hidden="true" />}
                <div className="shop-line-body">
                  <span className="shop-line-title">{localText(l.title, l.titleEn)}</span>
                  <span className="shop-muted">
                    {localText(l.skuLabel, l.skuLabelEn)} × {l.quantity}
                  </span>
                </div>
                <Price money={l.total} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="card" aria-labelledby="co-offers">
        <h2 id="co-offers" className="section-title">
          {t('checkout.offers')}
        </h2>
        <SelectField label={t('checkout.coupon')} value={couponId} onChange={(e) => setCouponId(e.target.value)} hint={coupons.isError ? errorText(coupons.error) : undefined}>
          <option value="">{couponList.length ? t('checkout.noCoupon') : t('checkout.noCoupons')}</option>
          {couponList.map((c) => {
            const { value, condition } = couponValue(c, t);
            return (
              <option key={c.id} value={c.id}>
                {c.name} · {value} · {condition}
              </option>
            );
          })}
        </SelectField>
        <label className="shop-check">
          <input type="checkbox" checked={usePoints} disabled={balance <= 0} onChange={(e) => setUsePoints(e.target.checked)} />
          {t('checkout.usePoints', { n: balance })}
        </label>
        <TextField label={t('checkout.note')} value={note} onChange={(e) => setNote(e.target.value)} error={noteError} maxLength={220} />
      </section>

      <section className="card" aria-labelledby="co-totals" aria-busy={quote.isFetching || undefined}>
        <h2 id="co-totals" className="section-title">
          {t('checkout.summary')}
        </h2>
        {quote.isError && q && (
          <p role="alert" className="shop-error">
            {errorText(quote.error)}
          </p>
        )}
        {q ? <TotalsTable totals={q} /> : quote.isPending ? <Loading /> : null}
      </section>

      {place.isError && (
        <div className="card">
          <ErrorState error={place.error} />
        </div>
      )}
      <div className="shop-actionbar">
        <span className="shop-actionbar-total">
          {t('totals.total')} <span className="price shop-big">{q ? formatMoney(q.total) : '—'}</span>
        </span>
        <Button className="shop-action-main" busy={place.isPending} disabled={!q || quote.isError || addresses.isPending} onClick={submit}>
          {t('checkout.place')}
        </Button>
      </div>
    </div>
  );
}

/** Checking out the cart with nothing in it: say so and offer the way on, not an address form. */
function NothingToCheckOut() {
  const { t } = useTranslation('shop');
  return (
    <section className="card shop-co-empty" aria-labelledby="co-empty">
      <CartIcon className="shop-co-empty-icon" />
      <h2 id="co-empty">{t('coEmpty.title')}</h2>
      <p className="shop-muted">{t('coEmpty.hint')}</p>
      <div className="row">
        <Link to="/" className="btn btn-primary">
          {t('coEmpty.shop')}
        </Link>
        <Link to="/cart" className="btn btn-secondary">
          {t('coEmpty.cart')}
        </Link>
      </div>
    </section>
  );
}

/** "Buy now" (?sku=) goes straight on; the cart is checked first, so an empty one never shows the form. */
function CheckoutGate() {
  const [params] = useSearchParams();
  const buyNow = UUID.test(params.get('sku') ?? '');
  const cart = useQuery({ queryKey: ['cart'], queryFn: () => call(api.GET('/api/v1/cart')), enabled: !buyNow });
  if (buyNow) return <CheckoutBody />;
  if (cart.isPending) return <Loading />;
  if (cart.isError) return <ErrorState error={cart.error} onRetry={() => void cart.refetch()} />;
  if ((cart.data.quote?.lines ?? []).length === 0) return <NothingToCheckOut />;
  return <CheckoutBody />;
}

export function CheckoutPage() {
  const { t } = useTranslation('shop');
  useEffect(() => track('checkout_started'), []);
  return (
    <>
      <PageHeader title={t('checkout.title')} />
      <RequireSignIn>
        <CheckoutGate />
      </RequireSignIn>
    </>
  );
}
