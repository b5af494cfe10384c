// My orders (tabs by status, load more) and one order: lines, amounts, history, pay / cancel /
// confirm receipt, and after-sales (request form and the status of requests).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OrderReviews } from '../../reviews/OrderReviews';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { Button, Empty, ErrorState, Loading, QueryView, SelectField, TextArea, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn } from '../../auth';
import { PageHeader } from '../../layout';
import { addressLine } from '../../address';
import { Price, TotalsTable, type OrderStatus } from './components';

const TABS: { key: string; status?: OrderStatus }[] = [
  { key: 'all' },
  { key: 'pending_payment', status: 'pending_payment' },
  { key: 'awaiting_team', status: 'awaiting_team' },
  { key: 'to_ship', status: 'to_ship' },
  { key: 'shipped', status: 'shipped' },
  { key: 'completed', status: 'completed' },
  { key: 'refunding', status: 'refunding' },
  { key: 'cancelled', status: 'cancelled' },
];

type Order = Awaited<ReturnType<typeof fetchOrder>>;
const fetchOrder = (id: string) => call(api.GET('/api/v1/orders/{id}', { params: { path: { id } } }));

// A paid order can be shown off in a 晒单 note (community), its products tagged.
const SHOWABLE: string[] = ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed'];

function OrderCard({ order }: { order: Order }) {
  const { t } = useTranslation('shop');
  const first = order.lines[0];
  const count = order.lines.reduce((s, l) => s + l.quantity, 0);
  return (
    <li className="card shop-order-card">
      <Link to={`/orders/${order.id}`} className="shop-order-link">
        <span className="shop-order-head">
          <span className="shop-muted">{t('orders.number', { number: order.number })}</span>
          <span className={`shop-status shop-status-${order.status}`}>{t(`status.${order.status}`, { defaultValue: order.status })}</span>
        </span>
        <span className="shop-order-main">
          {first?.image ? <img src={first.image} alt="" className="shop-line-thumb" /> : <span className="shop-line-thumb shop-noimg" aria-hidden="true" />}
          <span className="shop-line-body">
            <span className="shop-line-title">{first?.title}</span>
            <span className="shop-muted">{order.lines.length > 1 ? t('orders.moreItems', { n: order.lines.length - 1 }) : first?.skuLabel}</span>
          </span>
        </span>
        <span className="shop-order-foot">
          {t('orders.countTotal', { n: count })} <Price money={order.total} />
        </span>
      </Link>
      {order.status === 'pending_payment' && (
        <div className="shop-order-actions">
          <Link to={`/orders/${order.id}/pay`} className="btn btn-primary shop-btn-small" aria-label={t('orders.payOrder', { number: order.number })}>
            {t('pay.payNow')}
          </Link>
        </div>
      )}
      {SHOWABLE.includes(order.status) && (
        <div className="shop-order-actions">
          <Link to={`/notes/new?order=${order.id}`} className="btn btn-secondary shop-btn-small" data-testid="show-order">
            {t('community:order')}
          </Link>
        </div>
      )}
    </li>
  );
}

function OrderList() {
  const { t } = useTranslation('shop');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x.key === params.get('status')) ?? TABS[0];
  const query = useInfiniteQuery({
    queryKey: ['orders', 'list', tab.status ?? 'all'],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/orders', { params: { query: { status: tab.status, cursor: pageParam, limit: 10 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <nav className="shop-tabs" aria-label={t('orders.filter')}>
        {TABS.map((x) => (
          <button key={x.key} type="button" className={`shop-tab ${x.key === tab.key ? 'active' : ''}`} aria-pressed={x.key === tab.key} onClick={() => setParams(x.status ? { status: x.key } : {}, { replace: true })}>
            {t(`orders.tab.${x.key}`)}
          </button>
        ))}
      </nav>
      {query.isPending ? (
        <Loading />
      ) : query.isError && items.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          action={
            <Link to="/" className="btn btn-primary">
              {t('cart.shop')}
            </Link>
          }
        >
          {t('orders.empty')}
        </Empty>
      ) : (
        <>
          <ul className="shop-plain-list">
            {items.map((o) => (
              <OrderCard key={o.id} order={o} />
            ))}
          </ul>
          {query.hasNextPage && (
            <div className="shop-more">
              <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('common:more')}
              </Button>
            </div>
          )}
          {query.isFetchNextPageError && <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />}
        </>
      )}
    </>
  );
}

export function OrdersPage() {
  const { t } = useTranslation('shop');
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <RequireSignIn>
        <OrderList />
      </RequireSignIn>
    </>
  );
}

// ---- one order ----------------------------------------------------------------------------

const AFTERSALES_TYPES = ['refund', 'return_refund'] as const;
const REASONS = ['not_as_described', 'damaged', 'wrong_item', 'not_received', 'changed_mind', 'quality', 'other'] as const;
const AFTERSALES_OPEN: string[] = ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed'];

function AftersalesForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useTranslation('shop');
  const client = useQueryClient();
  const toast = useToast();
  const [type, setType] = useState<'' | (typeof AFTERSALES_TYPES)[number]>('');
  const [reason, setReason] = useState<'' | (typeof REASONS)[number]>('');
  const [description, setDescription] = useState('');
  const refundable = order.lines.filter((l) => l.quantity - l.refundedQuantity > 0);
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<{ type?: string; reason?: string; description?: string; lines?: string }>({});
  const open = useMutation({
    mutationFn: (body: { type: (typeof AFTERSALES_TYPES)[number]; reason: (typeof REASONS)[number]; description?: string; lines?: { lineId: string; quantity: number }[] }) =>
      call(api.POST('/api/v1/orders/{id}/aftersales', { params: { path: { id: order.id } }, body })),
    onSuccess: () => {
      toast(t('aftersales.sent'));
      void client.invalidateQueries({ queryKey: ['aftersales'] });
      void client.invalidateQueries({ queryKey: ['orders'] });
      onDone();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!type) found.type = t('validation.choose');
    if (!reason) found.reason = t('validation.choose');
    if (description.trim().length > 500) found.description = t('validation.tooLong', { max: 500 });
    if (reason === 'other' && !description.trim()) found.description = t('aftersales.describeOther');
    const lines = Object.entries(picked)
      .filter(([, q]) => q > 0)
      .map(([lineId, quantity]) => ({ lineId, quantity }));
    for (const l of lines) {
      const line = order.lines.find((x) => x.id === l.lineId);
      if (!line || l.quantity > line.quantity - line.refundedQuantity) found.lines = t('aftersales.tooMany');
    }
    setErrors(found);
    if (Object.keys(found).length || !type || !reason) return;
    open.mutate({ type, reason, ...(description.trim() ? { description: description.trim() } : {}), ...(lines.length ? { lines } : {}) });
  }

  return (
    <form onSubmit={submit} noValidate className="shop-aftersales-form">
      <SelectField label={t('aftersales.type')} value={type} error={errors.type} onChange={(e) => setType(e.target.value as typeof type)}>
        <option value="">{t('aftersales.choose')}</option>
        {AFTERSALES_TYPES.map((x) => (
          <option key={x} value={x}>
            {t(`aftersales.types.${x}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('aftersales.reason')} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
        <option value="">{t('aftersales.choose')}</option>
        {REASONS.map((x) => (
          <option key={x} value={x}>
            {t(`aftersales.reasons.${x}`)}
          </option>
        ))}
      </SelectField>
      <fieldset className="shop-options">
        <legend>{t('aftersales.items')}</legend>
        <p className="shop-muted">{t('aftersales.itemsHint')}</p>
        {refundable.map((l) => {
          const max = l.quantity - l.refundedQuantity;
          return (
            <label key={l.id} className="shop-aftersales-line">
              <span>
                {l.title} <span className="shop-muted">{l.skuLabel}</span>
              </span>
              <select aria-label={t('aftersales.qtyOf', { title: l.title })} value={picked[l.id] ?? 0} onChange={(e) => setPicked((p) => ({ ...p, [l.id]: Number(e.target.value) }))}>
                {Array.from({ length: Math.min(max, 99) + 1 }, (_, n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        {errors.lines && (
          <p role="alert" className="shop-error">
            {errors.lines}
          </p>
        )}
      </fieldset>
      <TextArea label={t('aftersales.description')} value={description} error={errors.description} rows={3} maxLength={520} onChange={(e) => setDescription(e.target.value)} />
      {open.isError && <ErrorState error={open.error} />}
      <div className="row shop-form-actions">
        <Button type="submit" busy={open.isPending}>
          {t('aftersales.submit')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('common:cancel')}
        </Button>
      </div>
    </form>
  );
}

function Aftersales({ order }: { order: Order }) {
  const { t } = useTranslation('shop');
  const errorText = useErrorText();
  const client = useQueryClient();
  const [formOpen, setFormOpen] = useState(false);
  const list = useQuery({ queryKey: ['aftersales', 'list'], queryFn: () => call(api.GET('/api/v1/aftersales', { params: { query: { limit: 100 } } })) });
  const cancel = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/aftersales/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['aftersales'] }),
  });
  const mine = (list.data?.items ?? []).filter((r) => r.orderId === order.id);
  const hasPending = mine.some((r) => r.status === 'pending');
  const canOpen = AFTERSALES_OPEN.includes(order.status) && !hasPending;
  if (!canOpen && mine.length === 0) return null;
  return (
    <section className="card" aria-labelledby="od-aftersales">
      <h2 id="od-aftersales" className="section-title">
        {t('aftersales.title')}
      </h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        mine.length > 0 && (
          <ul className="shop-plain-list">
            {mine.map((r) => (
              <li key={r.id} className="shop-aftersales-item">
                <span className="shop-order-head">
                  <strong>
                    {t(`aftersales.types.${r.type}`, { defaultValue: r.type })} · {t(`aftersales.reasons.${r.reason}`, { defaultValue: r.reason })}
                  </strong>
                  <span className={`shop-status shop-as-${r.status}`}>{t(`aftersales.status.${r.status}`, { defaultValue: r.status })}</span>
                </span>
                <span className="shop-muted">
                  {formatDateTime(r.createdAt)} · {t('aftersales.amount')} {formatMoney(r.amount)}
                </span>
                {r.description && <span>{r.description}</span>}
                {r.operatorNote && <span className="shop-muted">{t('aftersales.note', { note: r.operatorNote })}</span>}
                {r.status === 'pending' && (
                  <Button variant="ghost" busy={cancel.isPending && cancel.variables === r.id} onClick={() => cancel.mutate(r.id)}>
                    {t('aftersales.cancel')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )
      )}
      {cancel.isError && (
        <p role="alert" className="shop-error">
          {errorText(cancel.error)}
        </p>
      )}
      {canOpen &&
        (formOpen ? (
          <AftersalesForm order={order} onDone={() => setFormOpen(false)} />
        ) : (
          <Button variant="secondary" onClick={() => setFormOpen(true)}>
            {t('aftersales.request')}
          </Button>
        ))}
    </section>
  );
}

function History({ order }: { order: Order }) {
  const { t } = useTranslation('shop');
  const steps = (
    [
      ['placed', order.placedAt],
      ['paid', order.paidAt],
      ['shipped', order.shippedAt],
      ['completed', order.completedAt],
      ['cancelled', order.cancelledAt],
      ['refunded', order.refundedAt],
    ] as const
  ).filter(([, at]) => !!at);
  return (
    <ol className="shop-history">
      {steps.map(([key, at]) => (
        <li key={key}>
          <span>{t(`orders.history.${key}`)}</span>
          <time dateTime={at ?? undefined} className="shop-muted">
            {formatDateTime(at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/** A group-buy order links to its team page (from my teams, matched by order). */
function TeamLink({ orderId }: { orderId: string }) {
  const { t } = useTranslation('shop');
  const teams = useQuery({ queryKey: ['me', 'groupbuy', 'teams'], queryFn: () => call(api.GET('/api/v1/me/groupbuy/teams')) });
  const team = teams.data?.items.find((x) => x.orderId === orderId);
  if (!team) return null;
  return (
    <p>
      <Link to={`/groupbuy/teams/${team.teamId}`} className="btn btn-secondary shop-btn-small">
        {t('orders.viewTeam')}
      </Link>
    </p>
  );
}

function OrderDetail({ id }: { id: string }) {
  const { t } = useTranslation('shop');
  const client = useQueryClient();
  const errorText = useErrorText();
  const order = useQuery({ queryKey: ['orders', id], queryFn: () => fetchOrder(id) });
  const update = (o: Order) => {
    client.setQueryData(['orders', id], o);
    void client.invalidateQueries({ queryKey: ['orders', 'list'] });
  };
  const cancel = useMutation({ mutationFn: () => call(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id } } })), onSuccess: update });
  const receive = useMutation({ mutationFn: () => call(api.POST('/api/v1/orders/{id}/confirm-receipt', { params: { path: { id } } })), onSuccess: update });
  const [confirmCancel, setConfirmCancel] = useState(false);
  return (
    <QueryView query={order}>
      {(o) => (
        <>
          <section className={`shop-order-banner shop-status-${o.status}`}>
            <h2>{t(`status.${o.status}`, { defaultValue: o.status })}</h2>
            <p>{t(`orders.statusHint.${o.status}`, { defaultValue: '' })}</p>
            {o.kind === 'groupbuy' && <TeamLink orderId={o.id} />}
            {o.cancelReason && <p>{t('orders.cancelReason', { reason: t(`orders.cancelReasons.${o.cancelReason}`, { defaultValue: o.cancelReason }) })}</p>}
          </section>
          {o.address && (
            <section className="card" aria-labelledby="od-address">
              <h2 id="od-address" className="section-title">
                {t('checkout.address')}
              </h2>
              <p>
                <strong>
                  {o.address.recipient} {o.address.phone}
                </strong>
                <br />
                <span className="shop-muted">{addressLine(o.address)}</span>
              </p>
              {o.tracking && (
                <p>
                  {t('orders.tracking', { carrier: o.tracking.carrier, number: o.tracking.trackingNo })}
                </p>
              )}
            </section>
          )}
          <section className="card" aria-labelledby="od-lines">
            <h2 id="od-lines" className="section-title">
              {t('checkout.items')}
            </h2>
            <ul className="shop-plain-list">
              {o.lines.map((l) => (
                <li key={l.id} className="shop-line shop-line-compact">
                  <Link to={`/product/${l.productId}`}>{l.image ? <img src={l.image} alt={l.title} className="shop-line-thumb" /> : <span className="shop-line-thumb shop-noimg" aria-hidden="true" />}</Link>
                  <div className="shop-line-body">
                    <Link to={`/product/${l.productId}`} className="shop-line-title">
                      {l.title}
                    </Link>
                    <span className="shop-muted">
                      {l.skuLabel} · {formatMoney(l.unitPrice)} × {l.quantity}
                    </span>
                    {l.refundedQuantity > 0 && <span className="badge">{t('orders.refundedQty', { n: l.refundedQuantity })}</span>}
                  </div>
                  <Price money={l.total} />
                </li>
              ))}
            </ul>
            <TotalsTable totals={o} totalLabel={o.status === 'pending_payment' ? t('pay.due') : o.paidAt ? t('orders.paidTotal') : t('totals.total')} />
            {o.refunded.amount > 0 && (
              <p className="shop-muted">
                {t('orders.refunded')} {formatMoney(o.refunded)}
              </p>
            )}
          </section>
          <section className="card" aria-labelledby="od-history">
            <h2 id="od-history" className="section-title">
              {t('orders.historyTitle')}
            </h2>
            <p className="shop-muted">{t('orders.number', { number: o.number })}</p>
            <History order={o} />
            {o.note && <p>{t('orders.noteIs', { note: o.note })}</p>}
          </section>
          {o.status === 'completed' && <OrderReviews orderId={o.id} />}
          <Aftersales order={o} />
          {(cancel.isError || receive.isError) && (
            <p role="alert" className="shop-error card">
              {errorText(cancel.error ?? receive.error)}
            </p>
          )}
          {(o.status === 'pending_payment' || o.status === 'shipped') && (
            <div className="shop-actionbar">
              {o.nextActions.includes('cancel') &&
                (confirmCancel ? (
                  <>
                    <span className="shop-actionbar-total">{t('orders.cancelSure')}</span>
                    <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
                      {t('orders.cancelYes')}
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirmCancel(false)}>
                      {t('orders.cancelNo')}
                    </Button>
                  </>
                ) : (
                  <Button variant="secondary" onClick={() => setConfirmCancel(true)}>
                    {t('orders.cancel')}
                  </Button>
                ))}
              {o.status === 'pending_payment' && !confirmCancel && (
                <Link to={`/orders/${o.id}/pay`} className="btn btn-primary shop-action-main">
                  {t('pay.payNow')}
                </Link>
              )}
              {o.status === 'shipped' && (
                <Button className="shop-action-main" busy={receive.isPending} onClick={() => receive.mutate()}>
                  {t('orders.confirmReceipt')}
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </QueryView>
  );
}

export function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('shop');
  return (
    <>
      <PageHeader title={t('orders.detailTitle')} />
      <RequireSignIn>
        <OrderDetail id={id} />
      </RequireSignIn>
    </>
  );
}
