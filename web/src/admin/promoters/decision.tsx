// Approve or reject with a note (antd Modal + Form): the reject reason is required, the approve
// note optional, as the API asks; the API's error shows in the operator's language.
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../shared/ui';

export function Decision({ approveLabel, approveTitle, rejectTitle, approve, reject, onDone }: {
  approveLabel: string;
  approveTitle: string;
  rejectTitle: string;
  approve: (body: { note?: string }) => Promise<unknown>;
  reject: (body: { note: string }) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation('promoters');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const submit = async ({ note }: { note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const trimmed = note?.trim();
      await (open === 'approve' ? approve(trimmed ? { note: trimmed } : {}) : reject({ note: trimmed ?? '' }));
      setOpen(null);
      form.resetFields();
      void message.success(t('done'));
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Space size={4}>
        <Button size="small" type="primary" onClick={() => setOpen('approve')}>{approveLabel}</Button>
        <Button size="small" onClick={() => setOpen('reject')}>{t('reject')}</Button>
      </Space>
      <Modal
        open={open !== null}
        title={open === 'approve' ? approveTitle : rejectTitle}
        okText={t('confirm')}
        cancelText={t('cancel')}
        okButtonProps={{ loading: busy, danger: open === 'reject' }}
        onOk={() => form.submit()}
        onCancel={() => { setOpen(null); setError(null); form.resetFields(); }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="note" label={open === 'approve' ? t('noteOptional') : t('reason')} rules={open === 'reject' ? [{ required: true, whitespace: true, message: t('reasonRequired') }] : []}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
        {error && <div role="alert" className="ant-form-item-explain-error">{error}</div>}
      </Modal>
    </>
  );
}

/** A person as lists show them: the name linking to the customer page, the masked phone beside it. */
export function PersonLink({ person }: { person: { id: string; name: string; phone: string | null } }) {
  const { t } = useTranslation('promoters');
  return (
    <span>
      <Link to={`/customers/${person.id}`}>{person.name || t('unknown')}</Link>
      {person.phone && <span className="muted small"> · {person.phone}</span>}
    </span>
  );
}
