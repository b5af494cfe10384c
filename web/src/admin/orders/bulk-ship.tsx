// Ship the selected orders: one carrier for all (the usual case at a packing table) and a
// tracking number per parcel. Orders that cannot ship (refunded a minute ago) are named with the
// reason; the rest ship.
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../shared/api';
import { useErrorText } from '../../shared/ui';
import type { AdminOrder } from './workbench';

interface ShipForm {
  carrier: string;
  tracking: Record<string, string>;
}

export function BulkShipDialog({ open, orders, onClose }: { open: boolean; orders: AdminOrder[]; onClose: (shippedIds: string[]) => void }) {
  const { t, i18n } = useTranslation(['admin', 'workbench']);
  const errorText = useErrorText();
  const [form] = Form.useForm<ShipForm>();
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<{ number: string; message: string }[]>([]);
  const carriers = useQuery({ queryKey: ['admin', 'carriers'], queryFn: () => call(api.GET('/api/v1/admin/orders/carriers')), staleTime: Infinity, enabled: open });

  async function submit(values: ShipForm) {
    setBusy(true);
    setFailures([]);
    try {
      const res = await call(api.POST('/api/v1/admin/orders/ship', { body: { items: orders.map((o) => ({ orderId: o.id, carrier: values.carrier, trackingNo: values.tracking[o.id]!.trim() })) } }));
      const failed = res.results.filter((r) => !r.ok);
      const shipped = res.results.filter((r) => r.ok).map((r) => r.orderId);
      if (failed.length === 0) {
        form.resetFields();
        onClose(shipped);
        return;
      }
      setFailures(failed.map((r) => ({ number: orders.find((o) => o.id === r.orderId)?.number ?? r.orderId, message: errorText(new ApiError(409, r.error?.code ?? 'UNKNOWN', r.error?.message ?? '')) })));
      if (shipped.length) onClose(shipped);
    } catch (err) {
      setFailures([{ number: '', message: errorText(err) }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      centered
      title={t('workbench:bulkShipTitle', { count: orders.length })}
      okText={t('workbench:shipNow')}
      cancelText={t('workbench:cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose([])}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="carrier" label={t('workbench:carrier')} rules={[{ required: true, message: t('workbench:carrierRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={carriers.isLoading} options={(carriers.data?.items ?? []).map((c) => ({ value: c.code, label: i18n.language === 'en' ? c.en : c.zh }))} />
        </Form.Item>
        {orders.map((o) => (
          <Form.Item
            key={o.id}
            name={['tracking', o.id]}
            label={<Typography.Text className="mono">{o.number}</Typography.Text>}
            rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('workbench:trackingInvalid') }]}
          >
            <Input placeholder={t('workbench:trackingNo')} maxLength={40} />
          </Form.Item>
        ))}
      </Form>
      {failures.length > 0 && (
        <Alert type="error" showIcon title={t('workbench:someFailed')} description={failures.map((f) => `${f.number} ${f.message}`.trim()).join('\n')} style={{ whiteSpace: 'pre-line' }} />
      )}
    </Modal>
  );
}
