// A product's page: its details and images as a form that says 保存 and warns before unsaved edits
// are lost, its status moves, and its SKUs with stock, each edited in a centred dialog, plus one
// more SKU added with the product's own options.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { formatMoney, formatNumber } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { toFen, type ProductDetail, type ProductStatus } from './data';
import { useLeaveGuard } from './leave-guard';
import { filesToImages, imagesToFiles, ProductBasics } from './product-fields';

/** Where a product may go from each status (the server's transition table). */
const NEXT: Record<ProductStatus, ProductStatus[]> = { draft: ['draft', 'active', 'archived'], active: ['active', 'archived'], archived: ['archived', 'active', 'draft'] };
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
type Sku = ProductDetail['skus'][number];

export function ProductEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('catalog');
  const errorText = useErrorText();
  const product = useQuery({ queryKey: ['admin', 'product', id], queryFn: () => call(api.GET('/api/v1/admin/catalog/products/{id}', { params: { path: { id } } })) });
  return (
    <>
      <PageHead title={product.data?.title ?? t('products')} actions={<Link to="/products">{t('backToList')}</Link>}>
        {product.data && <Tag color={product.data.status === 'active' ? 'green' : product.data.status === 'archived' ? 'orange' : 'default'}>{t(`statusName.${product.data.status}`)}</Tag>}
      </PageHead>
      {product.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {product.error && <Alert type="error" showIcon title={errorText(product.error)} />}
      {product.data && <ProductEditor key={product.data.updatedAt} product={product.data} />}
    </>
  );
}

interface EditForm {
  title: string;
  subtitle: string;
  description: string;
  categoryId: string;
  images: import('antd').UploadFile[];
  status: ProductStatus;
}

function ProductEditor({ product }: { product: ProductDetail }) {
  const { t } = useTranslation('catalog');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<EditForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = useLeaveGuard();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['admin', 'product', product.id] });
    await client.invalidateQueries({ queryKey: ['admin', 'products'] });
  };

  async function save(values: EditForm) {
    setError(null);
    const images = filesToImages(values.images);
    if (images === null) return setError(t('imageUploading'));
    setBusy(true);
    try {
      await call(
        api.PATCH('/api/v1/admin/catalog/products/{id}', {
          params: { path: { id: product.id } },
          body: { title: values.title.trim(), subtitle: values.subtitle?.trim() ?? '', description: values.description ?? '', categoryId: values.categoryId, images, ...(values.status !== product.status ? { status: values.status } : {}) },
        }),
      );
      dirty.current = false;
      void message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['admin', 'categories'] });
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const status = product.status as ProductStatus;
  return (
    <>
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{ title: product.title, subtitle: product.subtitle, description: product.description, categoryId: product.categoryId, images: imagesToFiles(product.images), status }}
        onValuesChange={() => (dirty.current = true)}
        onFinish={(v) => void save(v)}
        scrollToFirstError
        style={{ maxWidth: 980 }}
      >
        <Card title={t('basics')} style={{ marginBottom: 16 }}>
          <ProductBasics />
          <Form.Item name="status" label={t('status')}>
            <Select style={{ width: 200 }} options={NEXT[status].map((s) => ({ value: s, label: t(`statusName.${s}`) }))} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('save')}
          </Button>
        </Card>
      </Form>
      <SkuTable product={product} onChanged={refresh} />
    </>
  );
}

function SkuTable({ product, onChanged }: { product: ProductDetail; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('catalog');
  const [editing, setEditing] = useState<Sku | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <Card title={t('skuTitle')} extra={<Button onClick={() => setAdding(true)}>{t('addSku')}</Button>} style={{ maxWidth: 980 }}>
      <Table<Sku>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={product.skus}
        columns={[
          { title: t('skuCode'), dataIndex: 'code', render: (c: string) => <span className="mono">{c}</span> },
          { title: t('skuLabel'), dataIndex: 'label', render: (l: string) => l || t('single') },
          { title: t('price'), dataIndex: 'price', align: 'right', render: (m: Sku['price']) => formatMoney(m) },
          { title: t('listPrice'), dataIndex: 'listPrice', align: 'right', render: (m: Sku['listPrice']) => (m ? formatMoney(m) : '–') },
          { title: t('onHand'), dataIndex: 'onHand', align: 'right', render: (n?: number) => formatNumber(n ?? 0) },
          { title: t('available'), dataIndex: 'available', align: 'right', render: (n: number) => formatNumber(n) },
          { title: t('skuStatus'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{s === 'active' ? t('skuActive') : t('skuInactive')}</Tag> },
          {
            title: '',
            key: 'actions',
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => setEditing(s)}>{t('edit')}</Button>
                <Link to={`/inventory/${s.id}`}>{t('adjustStock')}</Link>
              </Space>
            ),
          },
        ]}
      />
      {editing && <SkuDialog product={product} sku={editing} onClose={async (changed) => { setEditing(null); if (changed) await onChanged(); }} />}
      {adding && <SkuDialog product={product} onClose={async (changed) => { setAdding(false); if (changed) await onChanged(); }} />}
    </Card>
  );
}

interface SkuForm {
  code: string;
  attributes: Record<string, string>;
  price: number;
  listPrice?: number | null;
  status: 'active' | 'inactive';
  stock?: number;
}

/** Edit a SKU, or add one (with its values for each of the product's options and opening stock): a centred dialog whose button says 保存. */
function SkuDialog({ product, sku, onClose }: { product: ProductDetail; sku?: Sku; onClose: (changed: boolean) => void | Promise<void> }) {
  const { t } = useTranslation('catalog');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<SkuForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = product.options.map((o) => o.name);

  async function submit(v: SkuForm) {
    setBusy(true);
    setError(null);
    const attributes = Object.fromEntries(options.map((name) => [name, (v.attributes?.[name] ?? '').trim()]));
    try {
      if (sku) {
        await call(api.PATCH('/api/v1/admin/catalog/skus/{id}', { params: { path: { id: sku.id } }, body: { code: v.code.trim(), price: { amount: toFen(v.price) }, listPrice: v.listPrice ? { amount: toFen(v.listPrice) } : null, status: v.status } }));
      } else {
        await call(
          api.POST('/api/v1/admin/catalog/products/{id}/skus', {
            params: { path: { id: product.id } },
            body: { code: v.code.trim(), attributes, price: { amount: toFen(v.price) }, ...(v.listPrice ? { listPrice: { amount: toFen(v.listPrice) } } : {}), status: v.status, initialStock: v.stock ?? 0 },
            headers: { 'Idempotency-Key': idempotencyKey() },
          }),
        );
      }
      void message.success(sku ? t('skuSaved') : t('skuAdded'));
      await onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      centered
      title={sku ? t('editSku', { code: sku.code }) : t('addSku')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => void onClose(false)}
      destroyOnHidden
    >
      <Form<SkuForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          sku
            ? { code: sku.code, price: sku.price.amount / 100, listPrice: sku.listPrice ? sku.listPrice.amount / 100 : null, status: sku.status === 'inactive' ? 'inactive' : 'active' }
            : { code: `${product.skus[0]?.code.replace(/-\d+$/, '') ?? 'SKU'}-${product.skus.length + 1}`, status: 'active', stock: 0 }
        }
      >
        {!sku &&
          options.map((name) => (
            <Form.Item key={name} name={['attributes', name]} label={name} rules={[{ required: true, whitespace: true, max: 40, message: t('attrRequired', { name }) }]}>
              <Input maxLength={40} />
            </Form.Item>
          ))}
        {sku && sku.label && <Typography.Paragraph type="secondary">{sku.label}</Typography.Paragraph>}
        <Form.Item name="code" label={t('skuCode')} rules={[{ required: true, pattern: CODE_PATTERN, max: 64, message: t('codeInvalid') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item name="price" label={t('priceYuan')} rules={[{ required: true, type: 'number', min: 0.01, message: t('priceRequired') }]}>
            <InputNumber min={0.01} max={99_999_999} precision={2} prefix="¥" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="listPrice" label={t('listPrice')} rules={[{ type: 'number', min: 0.01, message: t('listPriceInvalid') }]}>
            <InputNumber min={0.01} max={99_999_999} precision={2} prefix="¥" style={{ width: 160 }} />
          </Form.Item>
          {!sku && (
            <Form.Item name="stock" label={t('stockInitial')} rules={[{ required: true, type: 'integer', min: 0, max: 1_000_000, message: t('stockRequired') }]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 140 }} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="status" label={t('skuStatus')}>
          <Select style={{ width: 160 }} options={[{ value: 'active', label: t('skuActive') }, { value: 'inactive', label: t('skuInactive') }]} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
