// Order detail (lines, payments, refunds and history; ship, complete, cancel, refund)
// and the after-sales queue (approve refunds through the gateway, or reject with a note).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, idempotencyKey, type paths } from '../../shared/api';
import { formatDateTime, formatMoney, type Money } from '../../shared/format';
import { QueryView, SelectField, TextField } from '../../shared/ui';
import { RevealAction } from './reveal';
import { ActionButton, ActionsHead, BackLink, CursorList, NoteDecision, PageHead, StatusBadge, StatusFilter, Table, parseYuan, shortId, useCursorList, useDebounced, useRefresh, useSearchParam } from '../kit';

export const ORDER_STATUSES = ['pending_payment', 'paid', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'cancelled', 'refunding', 'refunded'] as const;
type OrderStatus = (typeof ORDER_STATUSES)[number];
const PAID_STATES = ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'refunding'];

/** An order's status, and its kind (group buy, flash sale, …) unless it is a normal order. */
function OrderStatus({ order }: { order: { status: string; kind: string } }) {
  const { t } = useTranslation('admin');
  return (
    <>
      <StatusBadge status={order.status} />
      {order.kind !== 'normal' && <span className="badge kind">{t(`orderKind.${order.kind}`, { defaultValue: order.kind })}</span>}
    </>
  );
}

interface Payment {
  id: string;
  gateway: string;
  status: string;
  amount: Money;
  refunded: Money;
  providerRef: string | null;
  createdAt: string;
  succeededAt: string | null;
}
interface Refund {
  id: string;
  kind: string;
  status: string;
  amount: Money;
  reason: string;
  failureMessage: string | null;
  createdAt: string;
  completedAt: string | null;
}

/** The contract types `finance` as unknown: read the payments and refunds lists defensively. */
type RevealedAddress = paths['/api/v1/admin/orders/{id}/address/reveal']['post']['responses'][200]['content']['application/json'];

function readFinance(finance: unknown): { payments: Payment[]; refunds: Refund[] } {
  const f = (finance ?? {}) as { payments?: unknown; refunds?: unknown };
  const isMoney = (m: unknown): m is Money => typeof m === 'object' && m !== null && typeof (m as Money).amount === 'number';
  const payments = Array.isArray(f.payments) ? (f.payments as Payment[]).filter((p) => typeof p?.id === 'string' && isMoney(p.amount)) : [];
  const refunds = Array.isArray(f.refunds) ? (f.refunds as Refund[]).filter((r) => typeof r?.id === 'string' && isMoney(r.amount)) : [];
  return { payments, refunds };
}

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const order = useQuery({ queryKey: ['admin', 'order', id], queryFn: () => call(api.GET('/api/v1/admin/orders/{id}', { params: { path: { id } } })) });
  const refresh = useRefresh(['admin', 'order', id], ['admin', 'orders']);
  // The full address after an audited reveal, for this order only (masked again on leaving the page).
  const [revealed, setRevealed] = useState<{ orderId: string; address: RevealedAddress } | null>(null);
  return (
    <QueryView query={order}>
      {({ order: o, history, finance }) => {
        const { payments, refunds } = readFinance(finance);
        const address = revealed?.orderId === o.id ? revealed.address : o.address;
        const refundable = o.paid.amount - o.refunded.amount;
        return (
          <>
            <PageHead
              title={t('orders.detailTitle', { number: o.number })}
              actions={
                <>
                  {o.status === 'to_ship' && <ShipAction orderId={o.id} onDone={refresh} />}
                  {o.status === 'shipped' && (
                    <ActionButton
                      label={t('orders.complete')}
                      message={t('orders.completeConfirm')}
                      run={async () => {
                        await call(api.POST('/api/v1/admin/orders/{id}/complete', { params: { path: { id: o.id } } }));
                        await refresh();
                      }}
                    />
                  )}
                  {o.status === 'pending_payment' && (
                    <ActionButton
                      label={t('orders.cancel')}
                      variant="danger"
                      message={t('orders.cancelConfirm')}
                      run={async () => {
                        await call(api.POST('/api/v1/admin/orders/{id}/cancel', { params: { path: { id: o.id } } }));
                        await refresh();
                      }}
                    />
                  )}
                  {PAID_STATES.includes(o.status) && refundable > 0 && <RefundAction orderId={o.id} refundable={{ amount: refundable, currency: o.paid.currency }} onDone={refresh} />}
                  <BackLink to="/orders" />
                </>
              }
            >
              <div className="row">
                <OrderStatus order={o} />
                <span className="muted small">{formatDateTime(o.placedAt)}</span>
              </div>
            </PageHead>
            <div className="detail-grid">
              <section className="card span-2" aria-labelledby="lines-title">
                <h2 id="lines-title">{t('orders.lines')}</h2>
                <Table label={t('orders.lines')}>
                  <thead>
                    <tr>
                      <th>{t('products.product')}</th>
                      <th>{t('orders.unitPrice')}</th>
                      <th>{t('orders.quantity')}</th>
                      <th>{t('orders.discount')}</th>
                      <th>{t('orders.lineTotal')}</th>
                      <th>{t('orders.refunded')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.lines.map((l) => (
                      <tr key={l.id}>
                        <td>
                          <Link to={`/products/${l.productId}`}>{l.title}</Link>
                          <div className="muted small">{l.skuLabel}</div>
                        </td>
                        <td className="num">{formatMoney(l.unitPrice)}</td>
                        <td className="num">{l.quantity}</td>
                        <td className="num">{l.discount.amount ? `−${formatMoney(l.discount)}` : ''}</td>
                        <td className="num">{formatMoney(l.total)}</td>
                        <td className="num">{l.refundedQuantity > 0 || l.refunded.amount > 0 ? `${l.refundedQuantity} · ${formatMoney(l.refunded)}` : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <dl className="totals">
                  <dt>{t('orders.goods')}</dt>
                  <dd>{formatMoney(o.goods)}</dd>
                  {o.adjustments.map((a, i) => (
                    <div key={i} className="totals-row">
                      <dt>{a.label}</dt>
                      <dd>{formatMoney(a.amount)}</dd>
                    </div>
                  ))}
                  <dt>{t('orders.shipping')}</dt>
                  <dd>{formatMoney(o.shipping)}</dd>
                  <dt className="strong">{t('orders.total')}</dt>
                  <dd className="strong price">{formatMoney(o.total)}</dd>
                  <dt>{t('orders.paid')}</dt>
                  <dd>{formatMoney(o.paid)}</dd>
                  <dt>{t('orders.refunded')}</dt>
                  <dd>{formatMoney(o.refunded)}</dd>
                </dl>
              </section>
              <section className="card" aria-labelledby="ship-title">
                <h2 id="ship-title">{t('orders.delivery')}</h2>
                <p data-testid="order-address">
                  <strong>{address.recipient}</strong> {address.phone}{' '}
                  {address === o.address && (
                    <RevealAction
                      what={t('reveal.delivery')}
                      reveal={(reason) => call(api.POST('/api/v1/admin/orders/{id}/address/reveal', { params: { path: { id: o.id } }, body: { reason } }))}
                      onRevealed={(full) => setRevealed({ orderId: o.id, address: full })}
                    />
                  )}
                  <br />
                  {address.province} {address.city} {address.district} {address.line1}
                </p>
                {o.note && (
                  <p>
                    <span className="muted">{t('orders.note')}: </span>
                    {o.note}
                  </p>
                )}
                {o.tracking?.trackingNo && (
                  <p>
                    <span className="muted">{t('orders.tracking')}: </span>
                    {o.tracking.carrier} <span className="mono">{o.tracking.trackingNo}</span>
                  </p>
                )}
                {o.cancelReason && (
                  <p>
                    <span className="muted">{t('orders.cancelReason')}: </span>
                    {o.cancelReason}
                  </p>
                )}
              </section>
              <section className="card" aria-labelledby="history-title">
                <h2 id="history-title">{t('orders.history')}</h2>
                <ol className="timeline">
                  {history.map((h, i) => (
                    <li key={i}>
                      <span className="nowrap muted small">{formatDateTime(h.at)}</span>{' '}
                      {h.from ? `${t(`status.${h.from}`, { defaultValue: h.from })} → ` : ''}
                      <strong>{t(`status.${h.to}`, { defaultValue: h.to })}</strong>
                      {h.reason && <span className="muted"> · {h.reason}</span>}
                    </li>
                  ))}
                </ol>
              </section>
              <section className="card span-2" aria-labelledby="payments-title">
                <h2 id="payments-title">{t('orders.payments')}</h2>
                {payments.length === 0 ? (
                  <p className="muted">{t('orders.noPayments')}</p>
                ) : (
                  <Table label={t('orders.payments')}>
                    <thead>
                      <tr>
                        <th>{t('orders.paymentId')}</th>
                        <th>{t('orders.gateway')}</th>
                        <th>{t('orders.status')}</th>
                        <th>{t('orders.amount')}</th>
                        <th>{t('orders.refunded')}</th>
                        <th>{t('orders.at')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {payments.map((p) => (
                        <tr key={p.id}>
                          <td className="mono" title={p.providerRef ?? undefined}>
                            {shortId(p.id)}
                          </td>
                          <td>{p.gateway}</td>
                          <td>
                            <StatusBadge status={p.status} />
                          </td>
                          <td className="num">{formatMoney(p.amount)}</td>
                          <td className="num">{formatMoney(p.refunded)}</td>
                          <td className="nowrap">{formatDateTime(p.succeededAt ?? p.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
                <h2 className="sub-title">{t('orders.refunds')}</h2>
                {refunds.length === 0 ? (
                  <p className="muted">{t('orders.noRefunds')}</p>
                ) : (
                  <Table label={t('orders.refunds')}>
                    <thead>
                      <tr>
                        <th>{t('orders.refundId')}</th>
                        <th>{t('orders.kind')}</th>
                        <th>{t('orders.status')}</th>
                        <th>{t('orders.amount')}</th>
                        <th>{t('orders.reason')}</th>
                        <th>{t('orders.at')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {refunds.map((r) => (
                        <tr key={r.id}>
                          <td className="mono">{shortId(r.id)}</td>
                          <td>{t(`refundKind.${r.kind}`, { defaultValue: r.kind })}</td>
                          <td>
                            <StatusBadge status={r.status} />
                            {r.failureMessage && <div className="small field-error">{r.failureMessage}</div>}
                          </td>
                          <td className="num">{formatMoney(r.amount)}</td>
                          <td>{r.reason}</td>
                          <td className="nowrap">{formatDateTime(r.completedAt ?? r.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </section>
            </div>
          </>
        );
      }}
    </QueryView>
  );
}

function ShipAction({ orderId, onDone }: { orderId: string; onDone: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation('admin');
  const carriers = useQuery({ queryKey: ['admin', 'carriers'], queryFn: () => call(api.GET('/api/v1/admin/orders/carriers')), staleTime: Infinity });
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [errors, setErrors] = useState<{ carrier?: string; trackingNo?: string }>({});
  return (
    <ActionButton
      label={t('orders.ship')}
      variant="primary"
      onOpen={() => setErrors({})}
      validate={() => {
        const e: typeof errors = {};
        if (!carrier.trim()) e.carrier = t('orders.carrierRequired');
        if (!trackingNo.trim()) e.trackingNo = t('orders.trackingRequired');
        setErrors(e);
        return Object.keys(e).length === 0;
      }}
      run={async () => {
        await call(api.POST('/api/v1/admin/orders/{id}/ship', { params: { path: { id: orderId } }, body: { carrier: carrier.trim(), trackingNo: trackingNo.trim() } }));
        await onDone();
      }}
      done={t('orders.shipped')}
    >
      <SelectField label={t('orders.carrier')} value={carrier} onChange={(e) => setCarrier(e.target.value)} error={errors.carrier}>
        <option value="" />
        {(carriers.data?.items ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {i18n.language === 'en' ? c.en : c.zh}
          </option>
        ))}
      </SelectField>
      <TextField label={t('orders.trackingNo')} value={trackingNo} onChange={(e) => setTrackingNo(e.target.value)} error={errors.trackingNo} maxLength={60} />
    </ActionButton>
  );
}

function RefundAction({ orderId, refundable, onDone }: { orderId: string; refundable: Money; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation('admin');
  const [mode, setMode] = useState<'full' | 'amount'>('full');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [restock, setRestock] = useState(false);
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  return (
    <ActionButton
      label={t('orders.refund')}
      variant="danger"
      confirmLabel={t('orders.refundSubmit')}
      message={t('orders.refundable', { amount: formatMoney(refundable) })}
      onOpen={() => {
        setMode('full');
        setAmount('');
        setReason('');
        setRestock(false);
        setErrors({});
      }}
      validate={() => {
        const e: typeof errors = {};
        if (mode === 'amount') {
          const fen = parseYuan(amount);
          if (fen === null) e.amount = t('orders.amountInvalid');
          else if (fen > refundable.amount) e.amount = t('orders.amountTooHigh', { amount: formatMoney(refundable) });
        }
        if (!reason.trim()) e.reason = t('orders.reasonRequired');
        setErrors(e);
        return Object.keys(e).length === 0;
      }}
      run={async () => {
        await call(
          api.POST('/api/v1/admin/orders/{id}/refunds', {
            params: { path: { id: orderId } },
            body: mode === 'full' ? { full: true, reason: reason.trim(), restock } : { amount: parseYuan(amount)!, reason: reason.trim(), restock },
            headers: { 'Idempotency-Key': idempotencyKey() },
          }),
        );
        await onDone();
      }}
      done={t('orders.refundStarted')}
    >
      <fieldset className="radios">
        <legend>{t('orders.refundMode')}</legend>
        <label className="check">
          <input type="radio" name="refund-mode" checked={mode === 'full'} onChange={() => setMode('full')} />
          {t('orders.refundFull')}
        </label>
        <label className="check">
          <input type="radio" name="refund-mode" checked={mode === 'amount'} onChange={() => setMode('amount')} />
          {t('orders.refundAmount')}
        </label>
      </fieldset>
      {mode === 'amount' && <TextField label={t('orders.amountYuan')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.amount} />}
      <TextField label={t('orders.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={200} />
      <label className="check">
        <input type="checkbox" checked={restock} onChange={(e) => setRestock(e.target.checked)} />
        {t('orders.restock')}
      </label>
    </ActionButton>
  );
}

const AFTERSALES_STATUSES = ['pending', 'approved', 'rejected', 'refunded', 'cancelled'] as const;

export function AftersalesPage() {
  const { t } = useTranslation('admin');
  const [status, setStatus] = useState<'' | (typeof AFTERSALES_STATUSES)[number]>('pending');
  const list = useCursorList(['admin', 'aftersales', status], (cursor) => call(api.GET('/api/v1/admin/aftersales', { params: { query: { status: status || undefined, cursor, limit: 30 } } })));
  const refresh = useRefresh(['admin', 'aftersales']);
  return (
    <>
      <PageHead title={t('aftersales.title')} />
      <div className="filters">
        <StatusFilter label={t('orders.status')} statuses={AFTERSALES_STATUSES} value={status} onChange={setStatus} />
      </div>
      <CursorList query={list} empty={t('aftersales.empty')}>
        {(items) => (
          <Table label={t('aftersales.title')}>
            <thead>
              <tr>
                <th>{t('aftersales.order')}</th>
                <th>{t('aftersales.type')}</th>
                <th>{t('aftersales.reason')}</th>
                <th>{t('orders.amount')}</th>
                <th>{t('orders.status')}</th>
                <th>{t('aftersales.requested')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td className="mono">
                    <Link to={`/orders/${a.orderId}`}>{shortId(a.orderId)}</Link>
                  </td>
                  <td>{t(`aftersalesType.${a.type}`, { defaultValue: a.type })}</td>
                  <td className="clip">
                    {a.reason}
                    {a.description && <div className="muted small">{a.description}</div>}
                    {a.operatorNote && (
                      <div className="small">
                        {t('aftersales.operatorNote')}: {a.operatorNote}
                      </div>
                    )}
                  </td>
                  <td className="num">{formatMoney(a.amount)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(a.createdAt)}</td>
                  <td className="row nowrap">
                    {a.status === 'pending' && (
                      <NoteDecision
                        approveLabel={t('aftersales.approve')}
                        approveMessage={t('aftersales.approveConfirm', { amount: formatMoney(a.amount) })}
                        rejectLabel={t('aftersales.reject')}
                        approve={(body) => call(api.POST('/api/v1/admin/aftersales/{id}/approve', { params: { path: { id: a.id } }, body }))}
                        reject={(body) => call(api.POST('/api/v1/admin/aftersales/{id}/reject', { params: { path: { id: a.id } }, body }))}
                        onDone={refresh}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}
