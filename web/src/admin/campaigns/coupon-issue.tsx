// Targeted issue of a coupon (loaded lazily, with antd): to customers picked by name, email or
// phone, or to an audience segment (through audience's dispatch, which skips members who have not
// allowed marketing and reaches each member once).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, idempotencyKey } from '../../shared/api';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { CustomersPicker } from '../antd/customers-picker';
import type { PickedCustomer } from '../antd/customer-picker';

type Issued = { issued: number; skipped: number; unknownUsers: number; overLimit: number; overQuota: number };

export default function CouponIssue({ id, name }: { id: string; name: string }) {
  return (
    <AntdProvider>
      <IssueForm id={id} name={name} />
    </AntdProvider>
  );
}

function IssueForm({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('campaigns');
  const errorText = useErrorText();
  const client = useQueryClient();
  const [to, setTo] = useState<'customers' | 'segment'>('customers');
  const [people, setPeople] = useState<PickedCustomer[]>([]);
  const [segmentId, setSegmentId] = useState<string | undefined>();
  const [title, setTitle] = useState(() => t('coupons.issueMessageTitle', { name }));
  const [result, setResult] = useState<string | null>(null);
  const segments = useQuery({ queryKey: ['admin', 'audience', 'segments'], queryFn: () => call(api.GET('/api/v1/admin/audience/segments')), enabled: to === 'segment' });
  const issue = useMutation({
    mutationFn: async (): Promise<string> => {
      if (to === 'customers') {
        const r: Issued = await call(api.POST('/api/v1/admin/coupons/templates/{id}/issue', { params: { path: { id } }, body: { userIds: people.map((p) => p.id) }, headers: { 'Idempotency-Key': idempotencyKey() } }));
        return t('coupons.issued', r);
      }
      await call(api.POST('/api/v1/admin/audience/dispatches', { body: { segmentId: segmentId!, kind: 'coupon', couponTemplateId: id, title: title.trim(), body: t('coupons.issueMessageBody', { name }) } }));
      return t('coupons.dispatched');
    },
    onSuccess: (text) => {
      setResult(text);
      setPeople([]);
      for (const key of [['admin', 'coupons', 'templates'], ['admin', 'coupons', 'template', id], ['admin', 'coupons', 'handed', id]]) void client.invalidateQueries({ queryKey: key });
    },
  });
  const ready = to === 'customers' ? people.length > 0 : !!segmentId && title.trim().length > 0;
  return (
    <Form layout="vertical" onFinish={() => issue.mutate()} style={{ maxWidth: 640 }}>
      <Form.Item label={t('coupons.issueTo')}>
        <Radio.Group value={to} onChange={(e) => setTo(e.target.value)} optionType="button" options={[{ value: 'customers', label: t('coupons.issueToCustomers') }, { value: 'segment', label: t('coupons.issueToSegment') }]} />
      </Form.Item>
      {to === 'customers' ? (
        <Form.Item label={t('coupons.f.customers')} htmlFor="issue-customers" extra={t('coupons.customersHint')}>
          <CustomersPicker id="issue-customers" value={people} onChange={setPeople} label={t('coupons.f.customers')} />
        </Form.Item>
      ) : (
        <>
          <Form.Item label={t('coupons.f.segment')} htmlFor="issue-segment" extra={t('coupons.segmentHint')}>
            <Select id="issue-segment" aria-label={t('coupons.f.segment')} loading={segments.isPending} value={segmentId} onChange={setSegmentId} options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} notFoundContent={t('coupons.noSegments')} />
          </Form.Item>
          <Form.Item label={t('coupons.f.messageTitle')} htmlFor="issue-title">
            <Input id="issue-title" value={title} maxLength={60} onChange={(e) => setTitle(e.target.value)} />
          </Form.Item>
        </>
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button type="primary" htmlType="submit" loading={issue.isPending} disabled={!ready}>
          {t('coupons.issue')}
        </Button>
        {issue.isError && <Alert type="error" showIcon title={errorText(issue.error)} />}
        {result && <Alert type="success" showIcon title={result} />}
      </Space>
    </Form>
  );
}
