// The operator's order page (Ant Design): the order, its buyer and what brought it, its lines and
// amounts that add up, delivery, history in words, payments and refunds. A refund shows its real
// outcome: while one is pending the page polls, and the refund's row and the banner update in
// place when it settles or fails (a failure explained from the error catalog).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Row, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, idempotencyKey, type paths } from '../../shared/api';
import { formatDateTime, formatMoney, type Money } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { RevealAction } from '../pages/reveal';
import { historyReason, refundReason } from './detail-i18n';

export type OrderDetail = paths['/api/v1/admin/orders/{id}']['get']['responses'][200]['content']['application/json'];
type RevealedAddress = paths['/api/v1/admin/orders/{id}/address/reveal']['post']['responses'][200]['content']['application/json'];
type Refund = OrderDetail['finance']['refunds'][number];

const PAID_STATES = ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'refunding'];
const statusColor = (s: string) => (s === 'to_ship' ? 'orange' : s === 'completed' || s === 'succeeded' ? 'green' : s === 'failed' ? 'red' : s === 'pending' || s === 'refunding' ? 'gold' : s === 'cancelled' || s === 'refunded' ? 'default' : 'blue');

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(['orderdetail', 'admin']);
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['admin', 'order', id];
  // While a refund is with the payment provider, ask again every 2 s: its outcome arrives by webhook.
  const detail = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/admin/orders/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.finance.refunds.some((r) => r.status === 'pending') ? 2000 : false),
  });
  const carriers = useQuery({ queryKey: ['admin', 'carriers'], queryFn: () => call(api.GET('/api/v1/admin/orders/carriers')), staleTime: Infinity });
  const [dialog, setDialog] = useState<'ship' | 'refund' | null>(null);
  const [watched, setWatched] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<RevealedAddress | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: key }), queryClient.invalidateQueries({ queryKey: ['admin', 'orders'] })]);

  if (detail.isLoading) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon title={errorText(detail.error)} action={<Button onClick={() => detail.refetch()}>{t('admin:retry', { defaultValue: 'Retry' })}</Button>} />;
  const d = detail.data;
  const o = d.order;
  const en = i18n.language === 'en';
  const carrierName = (code: string) => {
    const c = carriers.data?.items.find((x) => x.code === code);
    return c ? (en ? c.en : c.zh) : code;
  };
  const pendingRefund = d.finance.refunds.find((r) => r.status === 'pending');
  const canRefund = PAID_STATES.includes(o.status) && d.amounts.refundable.amount > 0;

  const confirmThen = (content: string, okText: string, run: () => Promise<unknown>, done: string, danger = false) =>
    modal.confirm({
      title: okText,
      content,
      okText,
      cancelText: danger ? t('keep') : t('close'),
      okButtonProps: danger ? { danger: true } : undefined,
      onOk: async () => {
        try {
          await run();
          message.success(done);
          await refresh();
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  const address = revealed ?? o.address;
  const watchedRefund = watched ? d.finance.refunds.find((r) => r.id === watched) : undefined;

  return (
    <>
      <PageHead
        title={t('title', { number: o.number })}
        actions={
          <Space wrap>
            {o.status === 'to_ship' && <Button type="primary" onClick={() => setDialog('ship')}>{t('ship')}</Button>}
            {o.status === 'shipped' && (
              <Button onClick={() => confirmThen(t('completeConfirm'), t('complete'), () => call(api.POST('/api/v1/admin/orders/{id}/complete', { params: { path: { id: o.id } } })), t('completed'))}>{t('complete')}</Button>
            )}
            {o.status === 'pending_payment' && (
              <Button danger onClick={() => confirmThen(t('cancelConfirm'), t('cancel'), () => call(api.POST('/api/v1/admin/orders/{id}/cancel', { params: { path: { id: o.id } } })), t('cancelled'), true)}>{t('cancel')}</Button>
            )}
            {canRefund && (
              <Button danger disabled={!!pendingRefund} title={pendingRefund ? t('refundBusy') : undefined} onClick={() => setDialog('refund')}>
                {t('refund')}
              </Button>
            )}
            <Link to="/orders">{t('back')}</Link>
          </Space>
        }
      />
      {watchedRefund && <RefundOutcome refund={watchedRefund} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('overview')} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('number')}>
                <Typography.Text copyable className="mono">{o.number}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('status')}>
                <Tag color={statusColor(o.status)}>{t(`admin:status.${o.status}`, { defaultValue: o.status })}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('kind')}>{t(`admin:orderKind.${o.kind}`, { defaultValue: o.kind })}</Descriptions.Item>
              <Descriptions.Item label={t('placed')}>{formatDateTime(o.placedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('buyer')}>
                {d.buyer ? (
                  <Link to={`/customers/${d.buyer.id}`} data-testid="order-buyer">
                    {d.buyer.name}
                    {d.buyer.phone && <Typography.Text type="secondary"> · {d.buyer.phone}</Typography.Text>}
                  </Link>
                ) : (
                  t('buyerGone')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('paidAt')}>{o.paidAt ? formatDateTime(o.paidAt) : t('none')}</Descriptions.Item>
              <Descriptions.Item label={t('attribution')} span={2}>
                <Attribution attribution={d.attribution} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('lines')} size="small" style={{ marginTop: 16 }}>
            <Lines lines={o.lines} />
            <Amounts amounts={d.amounts} />
          </Card>
          <Card title={t('payments')} size="small" style={{ marginTop: 16 }}>
            <Payments payments={d.finance.payments} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('refunds')}</Typography.Title>
            <Refunds refunds={d.finance.refunds} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('delivery')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('delivery')}>
                <span data-testid="order-address">
                  {address.recipient} {address.phone}{' '}
                  {!revealed && (
                    <RevealAction what={t('admin:reveal.delivery')} reveal={(reason) => call(api.POST('/api/v1/admin/orders/{id}/address/reveal', { params: { path: { id: o.id } }, body: { reason } }))} onRevealed={setRevealed} />
                  )}
                  <br />
                  {address.province} {address.city} {address.district} {address.line1}
                </span>
              </Descriptions.Item>
              {o.note && <Descriptions.Item label={t('note')}>{o.note}</Descriptions.Item>}
              <Descriptions.Item label={t('tracking')}>
                {o.tracking ? (
                  <>
                    {carrierName(o.tracking.carrier)} <Typography.Text copyable className="mono">{o.tracking.trackingNo}</Typography.Text>
                    {o.shippedAt && <div><Typography.Text type="secondary">{formatDateTime(o.shippedAt)}</Typography.Text></div>}
                  </>
                ) : (
                  t('none')
                )}
              </Descriptions.Item>
              {o.cancelReason && <Descriptions.Item label={t('cancelReason')}>{historyReason(t, o.cancelReason, 'cancelled')}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('history')} size="small" style={{ marginTop: 16 }}>
            <Timeline
              data-testid="order-history"
              items={d.history.map((h) => ({
                color: statusColor(h.to),
                content: (
                  <>
                    <Typography.Text type="secondary" className="nowrap">{formatDateTime(h.at)}</Typography.Text>
                    <div>
                      <strong>{t(`admin:status.${h.to}`, { defaultValue: h.to })}</strong>
                      {h.reason && <span> · {historyReason(t, h.reason, h.to)}</span>}
                    </div>
                    {h.actorName && <Typography.Text type="secondary">{t('by', { name: h.actorName })}</Typography.Text>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <ShipDialog open={dialog === 'ship'} order={o} onClose={async (shipped) => { setDialog(null); if (shipped) { message.success(t('shipped')); await refresh(); } }} />
      <RefundDialog
        open={dialog === 'refund'}
        order={o}
        refundable={d.amounts.refundable}
        onClose={async (refund) => {
          setDialog(null);
          if (refund) {
            setWatched(refund.id);
            await refresh();
          }
        }}
      />
    </>
  );
}

/** The banner for the refund just made on this page: pending, then its real outcome. */
function RefundOutcome({ refund }: { refund: Refund }) {
  const { t } = useTranslation('orderdetail');
  const amount = formatMoney(refund.amount);
  if (refund.status === 'pending') return <Alert data-testid="refund-outcome" type="info" showIcon title={t('refundPending', { amount })} style={{ marginBottom: 16 }} />;
  if (refund.status === 'succeeded') return <Alert data-testid="refund-outcome" type="success" showIcon title={t('refundSucceeded', { amount })} style={{ marginBottom: 16 }} />;
  return <Alert data-testid="refund-outcome" type="error" showIcon title={t('refundFailed', { amount })} description={<FailureText refund={refund} />} style={{ marginBottom: 16 }} />;
}

function FailureText({ refund }: { refund: Refund }) {
  const { t } = useTranslation();
  if (!refund.failure) return null;
  return <>{t(`errors:${refund.failure.code}`, { ...refund.failure.details, defaultValue: refund.failure.details.gatewayMessage })}</>;
}

function Attribution({ attribution }: { attribution: OrderDetail['attribution'] }) {
  const { t } = useTranslation('orderdetail');
  const { share, promoters } = attribution;
  if (!share && promoters.length === 0) return <Typography.Text type="secondary">{t('direct')}</Typography.Text>;
  return (
    <Space direction="vertical" size={2} data-testid="order-attribution">
      {share && (
        <span>
          <Link to={`/shares/${share.id}`}>{t('viaShare', { sharer: share.sharer?.name || t('buyerGone'), channel: t(`channels.${share.channel}`, { defaultValue: share.channel ?? '' }) })}</Link>
          <Typography.Text type="secondary"> · {formatDateTime(share.attributedAt)}</Typography.Text>
          {share.campaign && (
            <div>
              {t('shareCampaign')}: {share.campaign.name ? <Link to={`/campaigns/${share.campaign.id}`}>{share.campaign.name}</Link> : t('campaignTag', { tag: share.campaign.id })}
            </div>
          )}
        </span>
      )}
      {promoters.map((p) => (
        <span key={p.id}>
          {t('promoterLevel', { level: p.level })}: <Link to={`/customers/${p.id}`}>{p.name || t('buyerGone')}</Link>
        </span>
      ))}
    </Space>
  );
}

function Lines({ lines }: { lines: OrderDetail['order']['lines'] }) {
  const { t } = useTranslation('orderdetail');
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={lines}
      columns={[
        {
          title: t('product'),
          render: (_, l) => (
            <Space>
              {l.image ? <img src={l.image} alt="" width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} /> : <span style={{ display: 'inline-block', width: 40 }} />}
              <Link to={`/products/${l.productId}`}>{l.title}</Link>
            </Space>
          ),
        },
        { title: t('spec'), dataIndex: 'skuLabel' },
        {
          title: t('unitPrice'),
          align: 'right',
          render: (_, l) => (
            <>
              {formatMoney(l.unitPrice)}
              {l.listUnitPrice.amount > l.unitPrice.amount && (
                <div><Typography.Text delete type="secondary">{formatMoney(l.listUnitPrice)}</Typography.Text></div>
              )}
            </>
          ),
        },
        { title: t('quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('discount'), align: 'right', render: (_, l) => (l.discount.amount ? `−${formatMoney(l.discount)}` : '') },
        { title: t('lineTotal'), align: 'right', render: (_, l) => formatMoney(l.total) },
        { title: t('refunded'), align: 'right', render: (_, l) => (l.refunded.amount > 0 || l.refundedQuantity > 0 ? `${l.refundedQuantity > 0 ? `×${l.refundedQuantity} · ` : ''}${formatMoney(l.refunded)}` : '') },
      ]}
    />
  );
}

function Amounts({ amounts }: { amounts: OrderDetail['amounts'] }) {
  const { t } = useTranslation('orderdetail');
  const neg = (m: { amount: number; currency: string }) => `−${formatMoney({ ...m, amount: Math.abs(m.amount) })}`;
  return (
    <Descriptions column={1} size="small" style={{ maxWidth: 420, marginLeft: 'auto', marginTop: 12 }} data-testid="order-amounts" styles={{ content: { justifyContent: 'flex-end' } }}>
      <Descriptions.Item label={t('goods')}>{formatMoney(amounts.goods)}</Descriptions.Item>
      {amounts.discounts.map((x) => (
        <Descriptions.Item key={x.kind} label={`${t(`discountKind.${x.kind}`, { defaultValue: x.kind })}${x.labels.length ? ` · ${x.labels.join('、')}` : ''}`}>
          {x.amount.amount < 0 ? neg(x.amount) : formatMoney(x.amount)}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('shipping')}>
        {formatMoney(amounts.shipping.amount)}
        {amounts.shipping.free && <Typography.Text type="secondary">（{t(`shippingFree.${amounts.shipping.free}`)}）</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={<strong>{t('total')}</strong>}>
        <strong>{formatMoney(amounts.total)}</strong>
      </Descriptions.Item>
      <Descriptions.Item label={t('paid')}>{formatMoney(amounts.paid)}</Descriptions.Item>
      <Descriptions.Item label={t('refundedTotal')}>
        <span data-testid="order-refunded">{formatMoney(amounts.refunded)}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}

function Payments({ payments }: { payments: OrderDetail['finance']['payments'] }) {
  const { t } = useTranslation(['orderdetail', 'admin']);
  if (payments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noPayments')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={payments}
      columns={[
        { title: t('gateway'), render: (_, p) => t(`gateways.${p.gateway}`, { defaultValue: p.gateway }) },
        { title: t('refundStatus'), render: (_, p) => <Tag color={statusColor(p.status)}>{t(`admin:status.${p.status}`, { defaultValue: p.status })}</Tag> },
        { title: t('amount'), align: 'right', render: (_, p) => formatMoney(p.amount) },
        { title: t('refundedTotal'), align: 'right', render: (_, p) => formatMoney(p.refunded) },
        { title: t('at'), render: (_, p) => <span className="nowrap">{formatDateTime(p.succeededAt ?? p.createdAt)}</span> },
      ]}
    />
  );
}

function Refunds({ refunds }: { refunds: Refund[] }) {
  const { t } = useTranslation(['orderdetail', 'admin']);
  if (refunds.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noRefunds')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={refunds}
      data-testid="order-refunds"
      columns={[
        { title: t('at'), render: (_, r) => <span className="nowrap">{formatDateTime(r.completedAt ?? r.createdAt)}</span> },
        { title: t('amount'), align: 'right', render: (_, r) => formatMoney(r.amount) },
        { title: t('reason'), render: (_, r) => refundReason(t, r.reason) },
        {
          title: t('refundStatus'),
          render: (_, r) => (
            <>
              <Tag color={statusColor(r.status)}>{t(`admin:status.${r.status}`, { defaultValue: r.status })}</Tag>
              {r.failure && (
                <div>
                  <Typography.Text type="danger">
                    <FailureText refund={r} />
                  </Typography.Text>
                </div>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

type Order = OrderDetail['order'];

/** Ship one order: a carrier from the maintained list and the parcel's tracking number. */
function ShipDialog({ open, order, onClose }: { open: boolean; order: Order; onClose: (shipped: boolean) => void }) {
  const { t, i18n } = useTranslation('orderdetail');
  const errorText = useErrorText();
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const carriers = useQuery({ queryKey: ['admin', 'carriers'], queryFn: () => call(api.GET('/api/v1/admin/orders/carriers')), staleTime: Infinity, enabled: open });
  async function submit(v: { carrier: string; trackingNo: string }) {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/admin/orders/{id}/ship', { params: { path: { id: order.id } }, body: { carrier: v.carrier, trackingNo: v.trackingNo.trim() } }));
      form.resetFields();
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={open} centered title={t('shipTitle', { number: order.number })} okText={t('ship')} cancelText={t('close')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="carrier" label={t('carrier')} rules={[{ required: true, message: t('carrierRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={carriers.isLoading} options={(carriers.data?.items ?? []).map((c) => ({ value: c.code, label: i18n.language === 'en' ? c.en : c.zh }))} />
        </Form.Item>
        <Form.Item name="trackingNo" label={t('trackingNo')} rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('trackingInvalid') }]}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

interface RefundForm {
  mode: 'full' | 'amount';
  yuan?: number;
  reason: string;
  restock: boolean;
}

/** Refund all or part of what was paid; the page then follows the refund to its outcome. */
function RefundDialog({ open, order, refundable, onClose }: { open: boolean; order: Order; refundable: Money; onClose: (refund: { id: string } | null) => void }) {
  const { t } = useTranslation('orderdetail');
  const errorText = useErrorText();
  const [form] = Form.useForm<RefundForm>();
  const mode = Form.useWatch('mode', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => idempotencyKey());
  async function submit(v: RefundForm) {
    setBusy(true);
    setError(null);
    try {
      const body = v.mode === 'full' ? { full: true, reason: v.reason.trim(), restock: v.restock } : { amount: Math.round((v.yuan ?? 0) * 100), reason: v.reason.trim(), restock: v.restock };
      const refund = await call(api.POST('/api/v1/admin/orders/{id}/refunds', { params: { path: { id: order.id } }, body, headers: { 'Idempotency-Key': key } }));
      form.resetFields();
      onClose(refund);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const max = refundable.amount / 100;
  return (
    <Modal open={open} centered title={t('refundTitle', { number: order.number })} okText={t('refundSubmit')} okButtonProps={{ danger: true }} cancelText={t('close')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(null)} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('refundableHint', { amount: formatMoney(refundable) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ mode: 'full', restock: false }}>
        <Form.Item name="mode" label={t('refundMode')}>
          <Radio.Group options={[{ value: 'full', label: t('refundFull') }, { value: 'amount', label: t('refundAmount') }]} />
        </Form.Item>
        {mode === 'amount' && (
          <Form.Item
            name="yuan"
            label={t('amountYuan')}
            rules={[
              { required: true, message: t('amountRequired') },
              { type: 'number', min: 0.01, message: t('amountTooLow') },
              { type: 'number', max, message: t('amountTooHigh', { amount: formatMoney(refundable) }) },
            ]}
          >
            <InputNumber<number> prefix="¥" precision={2} step={1} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('reasonLabel')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="restock" valuePropName="checked">
          <Checkbox>{t('restock')}</Checkbox>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
