// The two account actions the customer page keeps from the old console: changing roles (admins
// only; at least one role stays) and adjusting points by hand with a reason (booked in the points
// ledger as an adjustment). Each is a dialog; a server refusal is shown in the operator's language.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { useErrorText } from '../../shared/ui';
import { useMe } from '../auth';

const ROLES = ['shopper', 'promoter', 'operator', 'admin'] as const;
type Role = (typeof ROLES)[number];

export function RolesAction({ userId, roles }: { userId: string; roles: string[] }) {
  const { t } = useTranslation('admin');
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ roles: Role[] }>();
  if (!me.data?.roles.includes('admin')) return null;
  const save = async ({ roles: next }: { roles: Role[] }) => {
    setSaving(true);
    try {
      await call(api.PUT('/api/v1/admin/customers/{id}/roles', { params: { path: { id: userId } }, body: { roles: next } }));
      message.success(t('customers.rolesSaved'));
      setOpen(false);
      await queries.invalidateQueries({ queryKey: ['admin', 'customers'] });
    } catch (err) {
      form.setFields([{ name: 'roles', errors: [errorText(err)] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button onClick={() => (form.setFieldsValue({ roles: roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) }), setOpen(true))}>{t('customers.editRoles')}</Button>
      <Modal open={open} title={t('customers.editRoles')} okText={t('common:save')} cancelText={t('common:cancel')} confirmLoading={saving} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="roles" label={t('customers.roles')} rules={[{ type: 'array', min: 1, message: t('customers.rolesRequired') }]}>
            <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`, { defaultValue: r }) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PointsAdjustAction({ userId }: { userId: string }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ delta: number; reason: string }>();
  const save = async ({ delta, reason }: { delta: number; reason: string }) => {
    setSaving(true);
    try {
      await call(api.POST('/api/v1/admin/loyalty/accounts/{userId}/adjustments', { params: { path: { userId } }, body: { delta, reason: reason.trim() } }));
      message.success(t('customers.pointsAdjusted'));
      setOpen(false);
      await queries.invalidateQueries({ queryKey: ['admin', 'customers'] });
    } catch (err) {
      form.setFields([{ name: 'delta', errors: [errorText(err)] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button onClick={() => (form.resetFields(), setOpen(true))}>{t('customers.adjustPoints')}</Button>
      <Modal open={open} title={t('customers.adjustPoints')} okText={t('common:save')} cancelText={t('common:cancel')} confirmLoading={saving} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="delta"
            label={t('customers.pointsDelta')}
            extra={t('stock.deltaHint')}
            rules={[{ required: true, message: t('customers.pointsInvalid') }, { validator: (_, v: number | null) => (v === null || v === undefined || (Number.isInteger(v) && v !== 0 && Math.abs(v) <= 100_000_000) ? Promise.resolve() : Promise.reject(new Error(t('customers.pointsInvalid')))) }]}
          >
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('stock.reason')} rules={[{ required: true, whitespace: true, message: t('stock.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
