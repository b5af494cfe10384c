// One customer (Ant Design): the account in Descriptions, and tabs for their orders (numbers linking
// to each order), masked addresses, who invited them and whom they invited, their promoter binding
// and promoter standing, the shares they made, and points with tier and history. Suspending and
// the audited reveal of the full phone and addresses stay as on the old page.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDate, formatDateTime, formatMoney, formatNumber, localText } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { BackLink, PageHead } from '../kit';
import { SuspensionAction } from '../pages/accounts';
import { RevealAction } from '../pages/reveal';
import { PointsAdjustAction, RolesAction } from './actions';
import { statusColor } from './list';

type Overview = paths['/api/v1/admin/customers/{id}/overview']['get']['responses'][200]['content']['application/json'];
type Revealed = paths['/api/v1/admin/customers/{id}/reveal']['post']['responses'][200]['content']['application/json'];

export function CustomerOverviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['customersPage', 'admin']);
  const errorText = useErrorText();
  const overview = useQuery({ queryKey: ['admin', 'customers', 'overview', id], queryFn: () => call(api.GET('/api/v1/admin/customers/{id}/overview', { params: { path: { id } } })) });
  // The full phone and addresses after an audited reveal, for this customer only, until leaving the page.
  const [revealed, setRevealed] = useState<{ id: string; value: Revealed } | null>(null);
  if (overview.isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (overview.error || !overview.data) return <Alert type="error" showIcon message={errorText(overview.error)} action={<BackLink to="/customers" />} />;
  const o = overview.data;
  const c = o.customer;
  const contact = revealed?.id === id ? revealed.value : null;

  return (
    <>
      <PageHead
        title={c.displayName}
        actions={
          <>
            <PointsAdjustAction userId={c.id} />
            <RolesAction userId={c.id} roles={c.roles} />
            <SuspensionAction account={c} />
            <BackLink to="/customers" />
          </>
        }
      >
        <Space>
          <Tag color={statusColor(c.status)}>{t(`accountStatus.${c.status}`, { defaultValue: c.status })}</Tag>
          {c.roles.map((r) => <Tag key={r}>{t(`admin:role.${r}`, { defaultValue: r })}</Tag>)}
        </Space>
      </PageHead>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('phone')}>
            <span data-testid="customer-phone">{(contact ? contact.phone : c.phone) ?? t('none')}</span>
            {!contact && (c.phone || o.addresses.length > 0) && (
              <span style={{ marginLeft: 8 }}>
                <RevealAction what={t('admin:reveal.contact')} reveal={(reason) => call(api.POST('/api/v1/admin/customers/{id}/reveal', { params: { path: { id } }, body: { reason } }))} onRevealed={(value) => setRevealed({ id, value })} />
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('email')}>{c.email ?? t('none')}</Descriptions.Item>
          <Descriptions.Item label={t('registeredAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('tier')}>{o.loyalty.tier ? localText(o.loyalty.tier.name, o.loyalty.tier.nameEn) : t('none')}</Descriptions.Item>
          <Descriptions.Item label={t('source')}><SourceText o={o} /></Descriptions.Item>
          <Descriptions.Item label={t('lastOrder')}>{o.stats.lastOrderAt ? formatDateTime(o.stats.lastOrderAt) : t('none')}</Descriptions.Item>
          {c.status === 'suspended' && <Descriptions.Item label={t('suspendedReason')}>{c.suspendedReason ?? t('none')}</Descriptions.Item>}
        </Descriptions>
        <Row gutter={16} style={{ marginTop: 8 }}>
          <Col xs={12} md={6}><Statistic title={t('orders')} value={formatNumber(o.stats.orders)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('paidOrders')} value={formatNumber(o.stats.paidOrders)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('spent')} value={formatMoney(o.stats.spent)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pointsBalance')} value={formatNumber(o.loyalty.balance)} /></Col>
        </Row>
      </Card>
      <Tabs
        items={[
          { key: 'orders', label: t('tabs.orders', { count: o.stats.orders }), children: <OrdersTab o={o} /> },
          { key: 'addresses', label: t('tabs.addresses', { count: o.addresses.length }), children: <AddressesTab o={o} revealed={contact} /> },
          { key: 'referral', label: t('tabs.referral'), children: <ReferralTab o={o} /> },
          { key: 'promoter', label: t('tabs.promoter'), children: <PromoterTab o={o} /> },
          { key: 'shares', label: t('tabs.shares'), children: <SharesTab o={o} /> },
          { key: 'points', label: t('tabs.points'), children: <PointsTab o={o} /> },
        ]}
      />
    </>
  );
}

function SourceText({ o }: { o: Overview }) {
  const { t } = useTranslation('customersPage');
  const kind = t(`sourceKind.${o.source.kind}`);
  const by = o.inviter ? { id: o.inviter.id, name: o.inviter.name } : o.signupShare ? o.signupShare.sharer : null;
  return (
    <span>
      {kind}
      {o.source.channel && ` (${t(`channel.${o.source.channel}`, { defaultValue: o.source.channel })})`}
      {by && <> · <Link to={`/customers/${by.id}`}>{by.name}</Link></>}
    </span>
  );
}

function OrdersTab({ o }: { o: Overview }) {
  const { t } = useTranslation(['customersPage', 'admin']);
  return (
    <>
      {o.stats.orders > o.orders.length && <Typography.Paragraph type="secondary">{t('recentOrders', { shown: o.orders.length, count: o.stats.orders })} · <Link to={`/orders?buyer=${o.customer.id}&buyerName=${encodeURIComponent(o.customer.displayName)}`}>{t('admin:nav.orders', { defaultValue: 'Orders' })}</Link></Typography.Paragraph>}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={o.orders}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: t('orderNumber'), dataIndex: 'number', render: (n: string, r) => <Link className="mono" to={`/orders/${r.id}`}>{n}</Link> },
          { title: t('orderStatus'), dataIndex: 'status', render: (s: string) => <Tag>{t(`admin:status.${s}`, { defaultValue: s })}</Tag> },
          { title: t('orderKind'), dataIndex: 'kind', render: (k: string) => t(`admin:orderKind.${k}`, { defaultValue: k }) },
          { title: t('orderTotal'), dataIndex: 'total', align: 'right', render: (m: Overview['orders'][number]['total']) => formatMoney(m) },
          { title: t('orderPaid'), dataIndex: 'paid', align: 'right', render: (m: Overview['orders'][number]['paid']) => formatMoney(m) },
          { title: t('placedAt'), dataIndex: 'placedAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
        ]}
      />
    </>
  );
}

function AddressesTab({ o, revealed }: { o: Overview; revealed: Revealed | null }) {
  const { t } = useTranslation('customersPage');
  const rows = revealed ? revealed.addresses : o.addresses;
  return (
    <>
      {!revealed && <Typography.Paragraph type="secondary">{t('addressesMasked')}</Typography.Paragraph>}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: t('recipient'), dataIndex: 'recipient', render: (r: string, a) => <Space>{r}{a.isDefault && <Tag color="blue">{t('defaultTag')}</Tag>}</Space> },
          { title: t('phone'), dataIndex: 'phone' },
          { title: t('region'), key: 'region', render: (_, a) => `${a.province} ${a.city} ${a.district}` },
          { title: t('line1'), dataIndex: 'line1' },
        ]}
      />
    </>
  );
}

function ReferralTab({ o }: { o: Overview }) {
  const { t } = useTranslation('customersPage');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Descriptions title={t('inviter')} size="small" column={{ xs: 1, md: 3 }}>
        {o.inviter ? (
          <>
            <Descriptions.Item label={t('inviter')}><Link to={`/customers/${o.inviter.id}`} data-testid="customer-inviter">{o.inviter.name}</Link></Descriptions.Item>
            <Descriptions.Item label={t('source')}>{t(`invitedVia.${o.inviter.source}`, { defaultValue: o.inviter.source })} · {t(`referralStatus.${o.inviter.status}`, { defaultValue: o.inviter.status })}</Descriptions.Item>
            <Descriptions.Item label={t('invitedAt')}>{formatDateTime(o.inviter.at)}</Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item>{t('noInviter')}</Descriptions.Item>
        )}
      </Descriptions>
      {o.signupShare && (
        <Descriptions title={t('signupShare')} size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('sharer')}><Link to={`/customers/${o.signupShare.sharer.id}`}>{o.signupShare.sharer.name}</Link></Descriptions.Item>
          <Descriptions.Item label={t('channelLabel')}>{t(`channel.${o.signupShare.channel}`, { defaultValue: o.signupShare.channel })}</Descriptions.Item>
          <Descriptions.Item label={t('at')}>{formatDateTime(o.signupShare.at)}</Descriptions.Item>
        </Descriptions>
      )}
      <div>
        <Typography.Title level={5}>{t('invitees')}</Typography.Title>
        <Typography.Paragraph type="secondary">{o.invitees.total ? t('inviteesSummary', { total: o.invitees.total, qualified: o.invitees.qualified }) : t('noInvitees')}</Typography.Paragraph>
        {o.invitees.items.length > 0 && (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.invitees.items}
            columns={[
              { title: t('name'), dataIndex: 'name', render: (n: string, r) => <Link to={`/customers/${r.id}`}>{n}</Link> },
              { title: t('source'), dataIndex: 'source', render: (s: string) => t(`invitedVia.${s}`, { defaultValue: s }) },
              { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'qualified' ? 'green' : 'default'}>{t(`referralStatus.${s}`, { defaultValue: s })}</Tag> },
              { title: t('invitedAt'), dataIndex: 'at', render: (at: string) => formatDateTime(at) },
            ]}
          />
        )}
      </div>
    </Space>
  );
}

function PromoterTab({ o }: { o: Overview }) {
  const { t } = useTranslation('customersPage');
  const b = o.promoter.binding;
  const own = o.promoter.own;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Descriptions title={t('binding')} size="small" column={{ xs: 1, md: 4 }}>
        {b ? (
          <>
            <Descriptions.Item label={t('binding')}><Link to={`/customers/${b.promoter.id}`}>{b.promoter.name}</Link>{!b.active && <Tag style={{ marginLeft: 8 }}>{t('lapsed')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('source')}>{t(`bindingSource.${b.source}`, { defaultValue: b.source })}</Descriptions.Item>
            <Descriptions.Item label={t('boundAt')}>{formatDateTime(b.boundAt)}</Descriptions.Item>
            <Descriptions.Item label={t('expiresAt')}>{b.expiresAt ? formatDate(b.expiresAt) : t('forever')}</Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item>{t('noBinding')}</Descriptions.Item>
        )}
      </Descriptions>
      <Descriptions title={t('ownPromoter')} size="small" column={{ xs: 1, md: 3 }}>
        {own ? (
          <>
            <Descriptions.Item label={t('status')}>{t(`promoterStatus.${own.status}`, { defaultValue: own.status })}</Descriptions.Item>
            <Descriptions.Item label={t('appliedAt')}>{formatDate(own.appliedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('boundCustomers')}>{formatNumber(own.boundCustomers)}</Descriptions.Item>
            <Descriptions.Item label={t('commission')}>{formatMoney(own.commission)}</Descriptions.Item>
            <Descriptions.Item label={t('balance')}>{formatMoney(own.balance)}</Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item>{t('notPromoter')}</Descriptions.Item>
        )}
      </Descriptions>
    </Space>
  );
}

function SharesTab({ o }: { o: Overview }) {
  const { t } = useTranslation('customersPage');
  const s = o.shares;
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={4}><Statistic title={t('sharesMade')} value={formatNumber(s.shares)} /></Col>
        <Col xs={12} md={5}><Statistic title={t('clicks')} value={formatNumber(s.clicks)} /></Col>
        <Col xs={12} md={5}><Statistic title={t('signups')} value={formatNumber(s.signups)} /></Col>
        <Col xs={12} md={5}><Statistic title={t('sharedOrders')} value={formatNumber(s.orders)} /></Col>
        <Col xs={12} md={5}><Statistic title={t('sharedPaid')} value={formatNumber(s.paidOrders)} /></Col>
      </Row>
      {s.byChannel.length > 0 && (
        <Descriptions title={t('byChannel')} size="small" style={{ marginTop: 16 }} column={{ xs: 2, md: 4 }}>
          {s.byChannel.map((c) => <Descriptions.Item key={c.channel} label={t(`channel.${c.channel}`, { defaultValue: c.channel })}>{formatNumber(c.shares)}</Descriptions.Item>)}
        </Descriptions>
      )}
    </>
  );
}

function PointsTab({ o }: { o: Overview }) {
  const { t } = useTranslation(['customersPage', 'admin']);
  const l = o.loyalty;
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Statistic title={t('pointsBalance')} value={formatNumber(l.balance)} /></Col>
        <Col xs={12} md={6}><Statistic title={t('growth')} value={formatNumber(l.growthValue)} /></Col>
        <Col xs={24} md={12}>
          <Statistic title={t('tier')} value={l.tier ? localText(l.tier.name, l.tier.nameEn) : t('none')} />
          {l.nextTier && <Typography.Text type="secondary">{t('nextTier', { name: localText(l.nextTier.name, l.nextTier.nameEn), n: formatNumber(l.nextTier.growthNeeded) })}</Typography.Text>}
        </Col>
      </Row>
      {l.expiring && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('expiring', { points: formatNumber(l.expiring.points), at: formatDate(l.expiring.at) })} />}
      <Typography.Title level={5}>{t('history')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={l.history}
        locale={{ emptyText: t('noHistory') }}
        columns={[
          { title: t('at'), dataIndex: 'createdAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
          { title: t('reason'), dataIndex: 'reason', render: (r: string, e) => <span>{t(`admin:pointsReason.${r}`, { defaultValue: r })}{e.note && <Typography.Text type="secondary"> · {e.note}</Typography.Text>}</span> },
          { title: t('delta'), dataIndex: 'delta', align: 'right', render: (d: number) => <Typography.Text type={d < 0 ? 'danger' : 'success'}>{d > 0 ? '+' : ''}{formatNumber(d)}</Typography.Text> },
          { title: t('balanceAfter'), dataIndex: 'balanceAfter', align: 'right', render: (n: number) => formatNumber(n) },
        ]}
      />
    </>
  );
}
