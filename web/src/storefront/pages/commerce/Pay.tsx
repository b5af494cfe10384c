// The one payment page every flow uses: /orders/:id/pay?next=<path>. Starts a payment (with an
// Idempotency-Key per click), confirms it with the chosen sandbox test card, and, as the gateway
// answers "processing", polls the order until the webhook marks it paid.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../../shared/api';
import { formatMoney } from '../../../shared/format';
import { Button, ErrorState, Loading, QueryView, SelectField, useErrorText } from '../../../shared/ui';
import { RequireSignIn } from '../../auth';
import { PageHeader } from '../../layout';
import { Countdown, Price } from './components';
import { safeNext } from '../../navigation';

const KNOWN_CARDS: Record<string, string> = {
  '4242424242424242': 'succeeds',
  '4000000000003220': 'delayed',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient',
};
const groupDigits = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');
const PAID_STATES = ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'refunding', 'refunded'];

type Phase = { kind: 'form' } | { kind: 'paying' } | { kind: 'waiting'; paymentId: string } | { kind: 'done' };
type Failure = { code: string; message: string | null } | { error: unknown };

function PayBody({ orderId }: { orderId: string }) {
  const { t } = useTranslation('shop');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), `/orders/${orderId}`);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [failure, setFailure] = useState<Failure | null>(null);
  const cards = useQuery({ queryKey: ['payments', 'test-cards'], queryFn: () => call(api.GET('/api/v1/payments/sandbox/test-cards')), staleTime: Infinity });
  const [card, setCard] = useState('4242424242424242');
  const order = useQuery({
    queryKey: ['orders', orderId],
    queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })),
    refetchInterval: phase.kind === 'waiting' ? 2000 : false,
  });
  const payment = useQuery({
    queryKey: ['payments', phase.kind === 'waiting' ? phase.paymentId : ''],
    queryFn: () => call(api.GET('/api/v1/payments/{id}', { params: { path: { id: (phase as { paymentId: string }).paymentId } } })),
    enabled: phase.kind === 'waiting',
    refetchInterval: 2000,
  });

  // The webhook landed: the order is paid (or the gateway reported a late decline).
  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    if (order.data && PAID_STATES.includes(order.data.status)) {
      setPhase({ kind: 'done' });
      void client.invalidateQueries({ queryKey: ['orders'] });
    } else if (payment.data?.status === 'failed') {
      setFailure({ code: payment.data.failureCode ?? 'failed', message: payment.data.failureMessage });
      setPhase({ kind: 'form' });
    }
  }, [phase, order.data, payment.data, client]);

  // After a success, move on by itself after a moment.
  useEffect(() => {
    if (phase.kind !== 'done') return;
    const timer = setTimeout(() => navigate(next, { replace: true }), 2500);
    return () => clearTimeout(timer);
  }, [phase, navigate, next]);

  async function pay() {
    setFailure(null);
    setPhase({ kind: 'paying' });
    try {
      let p = await call(api.POST('/api/v1/orders/{id}/payments', { params: { path: { id: orderId } }, headers: { 'Idempotency-Key': idempotencyKey() } }));
      if (p.status === 'pending') p = await call(api.POST('/api/v1/payments/{id}/confirm', { params: { path: { id: p.id } }, body: { card: { number: card } } }));
      if (p.status === 'failed') {
        setFailure({ code: p.failureCode ?? 'failed', message: p.failureMessage });
        setPhase({ kind: 'form' });
      } else if (p.status === 'succeeded') {
        await order.refetch();
        setPhase({ kind: 'done' });
      } else {
        setPhase({ kind: 'waiting', paymentId: p.id });
      }
    } catch (err) {
      setFailure({ error: err });
      setPhase({ kind: 'form' });
      void order.refetch();
    }
  }

  if (phase.kind === 'done') {
    return (
      <section className="card shop-pay-result" role="status" aria-live="polite">
        <span className="shop-pay-ok" aria-hidden="true">
          ✓
        </span>
        <h2>{t('pay.success')}</h2>
        {order.data && <p className="price shop-big">{formatMoney(order.data.total)}</p>}
        <p className="shop-muted">{t('pay.redirecting')}</p>
        <Link to={next} replace className="btn btn-primary">
          {t('pay.continue')}
        </Link>
      </section>
    );
  }

  return (
    <QueryView query={order}>
      {(o) => {
        if (o.status !== 'pending_payment') {
          const paid = PAID_STATES.includes(o.status);
          return (
            <section className="card shop-pay-result">
              <h2>{paid ? t('pay.alreadyPaid') : t('pay.notPayable', { status: t(`status.${o.status}`, { defaultValue: o.status }) })}</h2>
              <p className="shop-muted">{t('pay.orderNo', { number: o.number })}</p>
              <div className="row">
                {paid && next !== `/orders/${orderId}` && (
                  <Link to={next} className="btn btn-primary">
                    {t('pay.continue')}
                  </Link>
                )}
                <Link to={`/orders/${orderId}`} className="btn btn-secondary">
                  {t('pay.viewOrder')}
                </Link>
              </div>
            </section>
          );
        }
        const cardItems = cards.data?.items ?? [];
        return (
          <>
            <section className="card shop-pay-summary" aria-labelledby="pay-due">
              <p className="shop-muted">{t('pay.orderNo', { number: o.number })}</p>
              <h2 id="pay-due" className="shop-pay-due">
                <span>{t('pay.due')}</span> <Price money={o.total} className="shop-huge" />
              </h2>
              {o.expiresAt && (
                <p className="shop-muted">
                  <Countdown iso={o.expiresAt} label={t('pay.within')} />
                </p>
              )}
              <ul className="shop-plain-list">
                {o.lines.map((l) => (
                  <li key={l.id} className="shop-pay-line">
                    <span>
                      {l.title} <span className="shop-muted">{l.skuLabel}</span> × {l.quantity}
                    </span>
                    <span>{formatMoney(l.total)}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card" aria-labelledby="pay-method">
              <h2 id="pay-method" className="section-title">
                {t('pay.method')}
              </h2>
              <p className="shop-muted">{t('pay.sandboxNote')}</p>
              {cards.isError ? (
                <ErrorState error={cards.error} onRetry={() => void cards.refetch()} />
              ) : cards.isPending ? (
                <Loading />
              ) : (
                <SelectField label={t('pay.testCard')} value={card} onChange={(e) => setCard(e.target.value)} disabled={phase.kind !== 'form'}>
                  {cardItems.map((c) => (
                    <option key={c.number} value={c.number}>
                      {groupDigits(c.number)} — {KNOWN_CARDS[c.number] ? t(`pay.card.${KNOWN_CARDS[c.number]}`) : c.behaviour}
                    </option>
                  ))}
                </SelectField>
              )}
              {failure && (
                <p role="alert" className="shop-error">
                  {'error' in failure ? errorText(failure.error) : t(`pay.failure.${failure.code}`, { defaultValue: failure.message ?? t('pay.failure.failed') })}
                </p>
              )}
              {phase.kind === 'waiting' && (
                <div role="status" aria-live="polite" className="shop-waiting">
                  <span className="spinner" aria-hidden="true" /> {t('pay.waiting')}
                </div>
              )}
            </section>
            <div className="shop-actionbar">
              <span className="shop-actionbar-total">
                {t('pay.due')} <Price money={o.total} className="shop-big" />
              </span>
              <Button className="shop-action-main" busy={phase.kind === 'paying' || phase.kind === 'waiting'} disabled={cards.isPending || cardItems.length === 0} onClick={() => void pay()}>
                {t('pay.payNow')}
              </Button>
            </div>
          </>
        );
      }}
    </QueryView>
  );
}

export function PayPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('shop');
  return (
    <>
      <PageHeader title={t('pay.title')} />
      <RequireSignIn>
        <PayBody orderId={id} />
      </RequireSignIn>
    </>
  );
}
