// Loyalty (Ant Design): the points rules (earning per yuan, reviews, check-ins and streaks, share
// clicks; what a point is worth, how much of an order points may pay, expiry) as one form, each
// field with its allowed range from the API; and the membership tiers (threshold, member price,
// free shipping) with create and edit. Writes go through loyalty's API, which checks the same
// ranges and answers a coded 400 outside them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type paths } from '../../shared/api';
import { formatDiscount, formatNumber, localText, offFromRate } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { useMe } from '../auth';
import { PageHead } from '../kit';

type RulesAnswer = paths['/api/v1/admin/loyalty/rules']['get']['responses'][200]['content']['application/json'];
type Rule = keyof RulesAnswer['rules'];
type Tier = paths['/api/v1/admin/loyalty/tiers']['get']['responses'][200]['content']['application/json'][number];

const GROUPS: { key: 'earn' | 'spend' | 'share'; rules: Rule[] }[] = [
  { key: 'earn', rules: ['pointsPerYuan', 'reviewPoints', 'checkinPoints', 'checkinStreakBonusEvery', 'checkinStreakBonusPoints'] },
  { key: 'spend', rules: ['pointValueFen', 'maxDeductionPercent', 'expiryYears'] },
  { key: 'share', rules: ['shareClickPoints', 'shareClickDailyCap'] },
];

export function LoyaltyPage() {
  const { t } = useTranslation('loyaltyPage');
  return (
    <>
      <PageHead title={t('title')} />
      <PointsRulesCard />
      <TiersCard />
    </>
  );
}

function PointsRulesCard() {
  const { t } = useTranslation('loyaltyPage');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const me = useMe();
  const isAdmin = !!me.data?.roles.includes('admin');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<Rule, number>>();
  const rules = useQuery({ queryKey: ['admin', 'loyalty', 'rules'], queryFn: () => call(api.GET('/api/v1/admin/loyalty/rules')) });
  useEffect(() => {
    if (rules.data) form.setFieldsValue(rules.data.rules);
  }, [rules.data, form]);
  const save = useMutation({
    mutationFn: (patch: Partial<Record<Rule, number>>) => call(api.PATCH('/api/v1/admin/loyalty/rules', { body: patch })),
    onSuccess: (answer) => {
      queryClient.setQueryData(['admin', 'loyalty', 'rules'], answer);
      message.success(t('saved'));
    },
    onError: (err) => message.error(errorText(err)),
  });
  if (rules.isLoading) return <Card title={t('rules')} style={{ marginBottom: 16 }}><Skeleton active /></Card>;
  if (!rules.data) return <Alert type="error" showIcon message={errorText(rules.error)} style={{ marginBottom: 16 }} />;
  const { limits } = rules.data;
  const submit = (values: Record<Rule, number>) => {
    const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== rules.data.rules[k as Rule])) as Partial<Record<Rule, number>>;
    if (Object.keys(patch).length === 0) return void message.info(t('unchanged'));
    save.mutate(patch);
  };
  return (
    <Card title={t('rules')} style={{ marginBottom: 16 }} extra={!isAdmin && <Typography.Text type="secondary">{t('adminOnly')}</Typography.Text>}>
      <Form form={form} layout="vertical" onFinish={submit} disabled={!isAdmin} aria-label={t('rules')}>
        <Row gutter={24}>
          {GROUPS.map((g) => (
            <Col key={g.key} xs={24} lg={8}>
              <Typography.Title level={5}>{t(`groups.${g.key}`)}</Typography.Title>
              {g.rules.map((r) => {
                const l = limits[r];
                return (
                  <Form.Item
                    key={r}
                    name={r}
                    label={t(`rule.${r}.label`)}
                    extra={t('range', { min: formatNumber(l.minimum), max: formatNumber(l.maximum), def: formatNumber(l.default) })}
                    rules={[
                      { required: true, message: t('required') },
                      { type: 'integer', min: l.minimum, max: l.maximum, message: t('outOfRange', { min: formatNumber(l.minimum), max: formatNumber(l.maximum) }) },
                    ]}
                  >
                    <InputNumber style={{ width: '100%' }} precision={0} addonAfter={t(`rule.${r}.unit`)} aria-label={t(`rule.${r}.label`)} />
                  </Form.Item>
                );
              })}
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('save')}</Button>
      </Form>
    </Card>
  );
}

function TiersCard() {
  const { t } = useTranslation('loyaltyPage');
  const errorText = useErrorText();
  const tiers = useQuery({ queryKey: ['admin', 'loyalty', 'tiers'], queryFn: () => call(api.GET('/api/v1/admin/loyalty/tiers')) });
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  const rows = [...(tiers.data ?? [])].sort((a, b) => a.minGrowth - b.minGrowth);
  return (
    <Card title={t('tiers')} extra={<Button onClick={() => setEditing('new')}>{t('newTier')}</Button>}>
      <Typography.Paragraph type="secondary">{t('tiersHelp')}</Typography.Paragraph>
      {tiers.error && <Alert type="error" showIcon message={errorText(tiers.error)} />}
      <Table<Tier>
        rowKey="code"
        size="middle"
        loading={tiers.isLoading}
        pagination={false}
        dataSource={rows}
        aria-label={t('tiers')}
        columns={[
          { title: t('tierName'), key: 'name', render: (_, tier) => <Space><strong>{localText(tier.name, tier.nameEn)}</strong><Typography.Text type="secondary" className="mono">{tier.code}</Typography.Text></Space> },
          { title: t('minGrowth'), dataIndex: 'minGrowth', align: 'right', render: (n: number) => formatNumber(n) },
          { title: t('discount'), dataIndex: 'discountBp', render: (bp: number) => (bp < 10_000 ? <Tag color="red">{formatDiscount(offFromRate(bp))}</Tag> : t('noDiscount')) },
          { title: t('freeShipping'), dataIndex: 'freeShipping', render: (b: boolean) => (b ? <Tag color="green">{t('yes')}</Tag> : t('no')) },
          { title: t('sort'), dataIndex: 'sort', align: 'right' },
          { title: '', key: 'edit', width: 90, render: (_, tier) => <Button size="small" onClick={() => setEditing(tier)} aria-label={`${t('edit')} ${tier.name}`}>{t('edit')}</Button> },
        ]}
      />
      {editing && <TierDialog tier={editing === 'new' ? null : editing} taken={rows.map((r) => r.code)} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface TierForm {
  code: string;
  name: string;
  nameEn: string;
  minGrowth: number;
  pricePercent: number;
  freeShipping: boolean;
  sort: number;
}

function TierDialog({ tier, taken, onClose }: { tier: Tier | null; taken: string[]; onClose: () => void }) {
  const { t } = useTranslation('loyaltyPage');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TierForm>();
  const save = useMutation({
    mutationFn: (v: TierForm) =>
      call(api.PUT('/api/v1/admin/loyalty/tiers/{code}', {
        params: { path: { code: v.code } },
        body: { name: v.name.trim(), nameEn: v.nameEn.trim(), minGrowth: v.minGrowth, discountBp: Math.round(v.pricePercent * 100), freeShipping: v.freeShipping, sort: v.sort },
      })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'loyalty', 'tiers'] });
      message.success(t('tierSaved'));
      onClose();
    },
    onError: (err) => message.error(errorText(err)),
  });
  const initial: TierForm = tier
    ? { code: tier.code, name: tier.name, nameEn: tier.nameEn, minGrowth: tier.minGrowth, pricePercent: tier.discountBp / 100, freeShipping: tier.freeShipping, sort: tier.sort }
    : { code: '', name: '', nameEn: '', minGrowth: 0, pricePercent: 100, freeShipping: false, sort: (taken.length + 1) * 10 };
  return (
    <Modal open centered title={tier ? t('editTier') : t('newTier')} okText={t('saveTier')} cancelText={t('cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="code" label={t('tierCode')} extra={t('codeHelp')} rules={[
          { required: true, message: t('required') },
          { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('codeInvalid') },
          ...(tier ? [] : [{ validator: (_: unknown, v: string) => (taken.includes(v) ? Promise.reject(new Error(t('codeTaken'))) : Promise.resolve()) }]),
        ]}>
          <Input disabled={!!tier} maxLength={32} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="name" label={t('tierName')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 20 }]}><Input maxLength={20} /></Form.Item></Col>
          <Col span={12}><Form.Item name="nameEn" label={t('tierNameEn')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}><Input maxLength={40} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="minGrowth" label={t('minGrowth')} rules={[{ required: true, message: t('required') }, { type: 'integer', min: 0, max: 1_000_000_000, message: t('growthInvalid') }]}><InputNumber style={{ width: '100%' }} precision={0} /></Form.Item></Col>
          <Col span={12}><Form.Item name="pricePercent" label={t('pricePercent')} extra={t('pricePercentHelp')} rules={[{ required: true, message: t('required') }, { type: 'number', min: 50, max: 100, message: t('pricePercentInvalid') }]}><InputNumber style={{ width: '100%' }} precision={2} step={1} addonAfter="%" /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="sort" label={t('sort')} rules={[{ required: true, message: t('required') }, { type: 'integer', min: 0, max: 1000, message: t('sortInvalid') }]}><InputNumber style={{ width: '100%' }} precision={0} /></Form.Item></Col>
          <Col span={12}><Form.Item name="freeShipping" valuePropName="checked" label=" "><Checkbox>{t('freeShipping')}</Checkbox></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
