// A campaign purchase tap (发起拼团, 立即参团, 立即抢购) that survives sign-in. Signed in, the tap
// places the order and goes to the cashier as before. Signed out, it goes to sign in (or sign up)
// with the action in the return URL (intent.ts); back on the page, the action resumes by itself —
// and since sign-in, sign-up and a first address came in between, it stops at a confirm step that
// shows what will be charged (goods, shipping, 到手价) and where it goes before the order exists.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { idempotencyKey } from '../../../shared/api';
import { formatMoney } from '../../../shared/format';
import { meQuery } from '../../../shared/session';
import { Button, Sheet, useErrorText } from '../../../shared/ui';
import { addressLine, useAddresses, useAddressGate } from '../../address';
import { useSignInFor } from '../../intent';
import { payUrl } from '../../navigation';
import { Thumb } from './common';

type Money = { amount: number; currency: string };

/** What a tap would buy, as the confirm step shows it, and how to place it. */
export interface OrderOffer {
  title: string;
  image: string | null;
  /** What kind of seat or price this is (2人团 · 参团价, 限时秒杀价). */
  label: string;
  price: Money;
  shipping: Money;
  deliveredPrice: Money;
  /** Places the order; answers the order and where the cashier returns to. */
  place: (addressId: string, idempotencyKey: string) => Promise<{ orderId: string; next: string }>;
}

type AddressGate = (run: (addressId: string) => unknown) => Promise<void>;

/**
 * `tap(action, arg, offer)`: the order now (signed in) or sign-in and back (signed out);
 * `resume(offer)`: the carried action on return, through the confirm sheet. Render `sheet`.
 * Pass the page's own address gate when it already renders one (the product page).
 */
export function useCampaignPurchase(gate?: { withAddress: AddressGate }) {
  const own = useAddressGate();
  const withAddress = gate?.withAddress ?? own.withAddress;
  const client = useQueryClient();
  const navigate = useNavigate();
  const signInFor = useSignInFor();
  const key = useRef(idempotencyKey());
  const [pending, setPending] = useState<{ offer: OrderOffer; addressId: string } | null>(null);
  const place = useMutation({
    mutationFn: ({ offer, addressId }: { offer: OrderOffer; addressId: string }) => offer.place(addressId, key.current),
    onSuccess: (r) => {
      setPending(null);
      navigate(payUrl(r.orderId, r.next));
    },
    // a new attempt is a new order request
    onError: () => {
      key.current = idempotencyKey();
    },
  });

  async function tap(action: string, arg: string | undefined, offer: () => OrderOffer) {
    const user = await client.ensureQueryData(meQuery);
    if (!user) return signInFor(action, arg);
    key.current = idempotencyKey();
    place.reset();
    await withAddress((addressId) => place.mutate({ offer: offer(), addressId }));
  }

  function resume(offer: OrderOffer) {
    key.current = idempotencyKey();
    place.reset();
    void withAddress((addressId) => setPending({ offer, addressId }));
  }

  const sheet = (
    <>
      {!gate && own.sheet}
      <ConfirmSheet pending={pending} busy={place.isPending} error={pending ? place.error : null} onClose={() => setPending(null)} onConfirm={() => pending && place.mutate(pending)} />
    </>
  );
  return { tap, resume, sheet, busy: place.isPending, error: pending ? null : place.error };
}

function ConfirmSheet({ pending, busy, error, onClose, onConfirm }: { pending: { offer: OrderOffer; addressId: string } | null; busy: boolean; error: unknown; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation('fission');
  const errorText = useErrorText();
  const addresses = useAddresses(pending !== null);
  const address = addresses.data?.items.find((a) => a.id === pending?.addressId);
  const offer = pending?.offer;
  return (
    <Sheet open={pending !== null} onClose={onClose} title={t('teams.confirm.title')}>
      {offer && (
        <div className="fx-confirm">
          <div className="fx-product-row">
            <Thumb src={offer.image} alt={offer.title} />
            <div>
              <p className="fx-product-title">{offer.title}</p>
              <p className="fx-small fx-accent">{offer.label}</p>
            </div>
          </div>
          <dl className="fx-confirm-sum">
            <div>
              <dt>{t('teams.confirm.goods')}</dt>
              <dd>{formatMoney(offer.price)}</dd>
            </div>
            <div>
              <dt>{t('teams.confirm.shipping')}</dt>
              <dd>{offer.shipping.amount > 0 ? formatMoney(offer.shipping) : t('teams.confirm.free')}</dd>
            </div>
            <div className="fx-confirm-total">
              <dt>{t('teams.confirm.delivered')}</dt>
              <dd className="price" data-testid="confirm-delivered">
                {formatMoney(offer.deliveredPrice)}
              </dd>
            </div>
          </dl>
          <div className="fx-confirm-address">
            <p className="fx-small fx-muted">{t('teams.confirm.address')}</p>
            {address ? (
              <p data-testid="confirm-address">
                <strong>
                  {address.recipient} {address.phone}
                </strong>
                <br />
                {addressLine(address)}
              </p>
            ) : (
              <p className="fx-muted" aria-busy="true">
                …
              </p>
            )}
            <Link to="/me/addresses" className="fx-small">
              {t('teams.confirm.manageAddresses')}
            </Link>
          </div>
          {error != null && (
            <p className="field-error" role="alert">
              {errorText(error)}
            </p>
          )}
          <Button className="btn-block" busy={busy} onClick={onConfirm}>
            {t('teams.confirm.place', { price: formatMoney(offer.deliveredPrice) })}
          </Button>
        </div>
      )}
    </Sheet>
  );
}
