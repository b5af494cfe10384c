// Creating a product: its details, images, and a spec matrix (颜色: 红 / 蓝 × 尺码: M / L) that
// makes one SKU per combination, each with its own code, price in yuan and opening stock; all of it
// saved in one request. Leaving with unsaved input asks first.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { toFen } from './data';
import { useLeaveGuard } from './leave-guard';
import { filesToImages, ProductBasics } from './product-fields';

const SPECS_MAX = 5; // attributes a SKU may have
const COMBOS_MAX = 200; // SKUs a product may have
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface Spec {
  name?: string;
  values?: string[];
}

interface Combination {
  key: string;
  attributes: Record<string, string>;
  label: string;
}

/** Every combination of the filled-in specs, in the order given; one plain combination without any. */
export function combinationsOf(specs: readonly Spec[] | undefined): Combination[] {
  const usable = (specs ?? []).filter((s): s is Required<Spec> => !!s?.name?.trim() && !!s.values?.length).map((s) => ({ name: s.name.trim(), values: s.values.map((v) => v.trim()).filter(Boolean) }));
  let combos: Combination[] = [{ key: '', attributes: {}, label: '' }];
  for (const spec of usable) {
    combos = combos.flatMap((c) => spec.values.map((v) => ({ key: c.key ? `${c.key}\u0001${v}` : v, attributes: { ...c.attributes, [spec.name]: v }, label: c.label ? `${c.label} / ${v}` : v })));
  }
  return combos;
}

interface SkuRow {
  code?: string;
  price?: number;
  stock?: number;
}

interface NewProductForm {
  title: string;
  subtitle?: string;
  description?: string;
  categoryId: string;
  images?: import('antd').UploadFile[];
  status: 'draft' | 'active';
  specs?: Spec[];
  skus?: Record<string, SkuRow>;
}

export function ProductNewPage() {
  const { t } = useTranslation('catalog');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<NewProductForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = useLeaveGuard();
  // Each combination gets its own code the first time it appears, so codes never repeat as specs change.
  const [prefix] = useState(() => `P${Date.now().toString(36).toUpperCase()}`);
  const codes = useRef(new Map<string, string>());
  const codeFor = (key: string) => {
    if (!codes.current.has(key)) codes.current.set(key, `${prefix}-${codes.current.size + 1}`);
    return codes.current.get(key)!;
  };
  const specs = Form.useWatch('specs', form);
  const combos = useMemo(() => combinationsOf(specs), [specs]);
  const tooMany = combos.length > COMBOS_MAX;

  async function submit(values: NewProductForm) {
    setError(null);
    const images = filesToImages(values.images);
    if (images === null) return setError(t('imageUploading'));
    if (tooMany) return;
    setBusy(true);
    try {
      const created = await call(
        api.POST('/api/v1/admin/catalog/products', {
          body: {
            title: values.title.trim(),
            subtitle: values.subtitle?.trim() || undefined,
            description: values.description?.trim() || undefined,
            categoryId: values.categoryId,
            images,
            status: values.status,
            skus: combos.map((c) => {
              const row = values.skus?.[c.key || '-'] ?? {};
              return { code: row.code!.trim(), attributes: c.attributes, price: { amount: toFen(row.price!) }, initialStock: row.stock ?? 0 };
            }),
          },
          headers: { 'Idempotency-Key': idempotencyKey() },
        }),
      );
      dirty.current = false;
      void client.invalidateQueries({ queryKey: ['admin', 'products'] });
      void client.invalidateQueries({ queryKey: ['admin', 'categories'] });
      void message.success(t('created'));
      navigate(`/products/${created.id}`, { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHead title={t('newProduct')} actions={<Link to="/products">{t('backToList')}</Link>} />
      <Form<NewProductForm>
        form={form}
        layout="vertical"
        initialValues={{ status: 'draft', specs: [], images: [] }}
        onValuesChange={() => (dirty.current = true)}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
        style={{ maxWidth: 980 }}
      >
        <Card title={t('basics')} style={{ marginBottom: 16 }}>
          <ProductBasics />
          <Form.Item name="status" label={t('initialStatus')}>
            <Radio.Group options={[{ value: 'draft', label: t('statusDraft') }, { value: 'active', label: t('statusActive') }]} />
          </Form.Item>
        </Card>
        <Card title={t('specs')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('specsHint')}</Typography.Paragraph>
          <SpecEditor />
          {tooMany && <Alert type="error" showIcon title={t('tooManyCombos', { max: COMBOS_MAX, count: combos.length })} style={{ marginBottom: 12 }} />}
          <Typography.Title level={5}>{t('skus', { count: combos.length })}</Typography.Title>
          <Table<Combination>
            rowKey={(c) => c.key || '-'}
            size="small"
            pagination={false}
            dataSource={tooMany ? [] : combos}
            columns={[
              { title: t('combination'), dataIndex: 'label', render: (label: string) => label || t('single') },
              {
                title: t('skuCode'),
                width: 220,
                render: (_, c) => (
                  <Form.Item name={['skus', c.key || '-', 'code']} initialValue={codeFor(c.key || '-')} rules={[{ required: true, pattern: CODE_PATTERN, max: 64, message: t('codeInvalid') }]} style={{ margin: 0 }}>
                    <Input maxLength={64} aria-label={`${c.label || t('single')} ${t('skuCode')}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('priceYuan'),
                width: 160,
                render: (_, c) => (
                  <Form.Item name={['skus', c.key || '-', 'price']} rules={[{ required: true, type: 'number', min: 0.01, max: 99_999_999, message: t('priceRequired') }]} style={{ margin: 0 }}>
                    <InputNumber min={0.01} max={99_999_999} precision={2} step={1} prefix="¥" style={{ width: '100%' }} aria-label={`${c.label || t('single')} ${t('priceYuan')}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('stockInitial'),
                width: 140,
                render: (_, c) => (
                  <Form.Item name={['skus', c.key || '-', 'stock']} initialValue={0} rules={[{ required: true, type: 'integer', min: 0, max: 1_000_000, message: t('stockRequired') }]} style={{ margin: 0 }}>
                    <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} aria-label={`${c.label || t('single')} ${t('stockInitial')}`} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={tooMany}>
            {t('save')}
          </Button>
          <Button onClick={() => navigate('/products')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** Spec rows: a name and its values (typed, Enter after each); names must differ. */
function SpecEditor() {
  const { t } = useTranslation('catalog');
  return (
    <Form.List name="specs">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item
                name={[field.name, 'name']}
                label={index === 0 ? t('specName') : undefined}
                rules={[
                  { required: true, whitespace: true, message: t('specNameRequired') },
                  { max: 20 },
                  ({ getFieldValue }) => ({
                    validator: (_, value?: string) => {
                      const names = ((getFieldValue('specs') as Spec[] | undefined) ?? []).map((s) => s?.name?.trim());
                      return value && names.filter((n) => n === value.trim()).length > 1 ? Promise.reject(new Error(t('specNameRepeated'))) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <Input placeholder={t('specNamePlaceholder')} maxLength={20} style={{ width: 160 }} aria-label={`${t('specName')} ${index + 1}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'values']} label={index === 0 ? t('specValues') : undefined} rules={[{ required: true, type: 'array', min: 1, message: t('specValuesRequired') }]}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} placeholder={t('specValuesPlaceholder')} style={{ width: 420 }} aria-label={`${t('specValues')} ${index + 1}`} maxTagTextLength={40} />
              </Form.Item>
              <Button onClick={() => remove(field.name)} style={index === 0 ? { marginTop: 30 } : undefined}>
                {t('removeSpec')}
              </Button>
            </Space>
          ))}
          {fields.length < SPECS_MAX && (
            <Button type="dashed" onClick={() => add({ name: '', values: [] })} style={{ marginBottom: 16 }}>
              {t('addSpec')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
