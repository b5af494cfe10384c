// Catalog: products (list, create, edit with SKUs and images) and categories.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { Button, QueryView, SelectField, TextArea, TextField, useToast } from '../../shared/ui';
import { ActionButton, ActionsHead, BackLink, CursorList, FormError, PageHead, StatusBadge, StatusFilter, Table, fenToYuanText, parseInteger, parseYuan, useCursorList, useDebounced, useLocalName, useRefresh, useSubmit } from '../kit';

type ProductStatus = 'draft' | 'active' | 'archived';

export function useCategories() {
  return useQuery({ queryKey: ['admin', 'categories'], queryFn: () => call(api.GET('/api/v1/admin/catalog/categories')), staleTime: 60_000 });
}

function useCategoryName() {
  const localName = useLocalName();
  const cats = useCategories();
  return (id: string | null) => {
    const c = cats.data?.items.find((x) => x.id === id);
    return c ? localName(c) : '';
  };
}

/** Every category as an <option>, named in the current language; `except` leaves one out. */
function CategoryOptions({ except }: { except?: string }) {
  const localName = useLocalName();
  const cats = useCategories();
  return (
    <>
      {cats.data?.items
        .filter((c) => c.id !== except)
        .map((c) => (
          <option key={c.id} value={c.id}>
            {localName(c)}
          </option>
        ))}
    </>
  );
}

const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;

export function ProductsPage() {
  const { t } = useTranslation('admin');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'' | ProductStatus>('');
  const [categoryId, setCategoryId] = useState('');
  const search = useDebounced(q.trim());
  const categoryName = useCategoryName();
  const list = useCursorList(['admin', 'products', search, status, categoryId], (cursor) =>
    call(api.GET('/api/v1/admin/catalog/products', { params: { query: { q: search || undefined, status: status || undefined, categoryId: categoryId || undefined, cursor, limit: 30 } } })),
  );
  return (
    <>
      <PageHead
        title={t('products.title')}
        actions={
          <Link className="btn btn-primary btn-small" to="/products/new">
            {t('products.create')}
          </Link>
        }
      />
      <div className="filters">
        <TextField label={t('products.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
        <StatusFilter label={t('products.status')} statuses={PRODUCT_STATUSES} value={status} onChange={setStatus} />
        <SelectField label={t('products.category')} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          <option value="">{t('filter.all')}</option>
          <CategoryOptions />
        </SelectField>
      </div>
      <CursorList query={list} empty={t('products.empty')}>
        {(items) => (
          <Table label={t('products.title')}>
            <thead>
              <tr>
                <th>{t('products.product')}</th>
                <th>{t('products.category')}</th>
                <th>{t('products.price')}</th>
                <th>{t('products.status')}</th>
                <th>{t('products.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td className="wrap">
                    <div className="cell-product">
                      {p.image ? <img src={p.image} alt="" width={40} height={40} loading="lazy" /> : <span className="thumb-empty" aria-hidden="true" />}
                      <div>
                        <Link to={`/products/${p.id}`}>{p.title}</Link>
                        {p.subtitle && <div className="muted small">{p.subtitle}</div>}
                      </div>
                    </div>
                  </td>
                  <td>{categoryName(p.categoryId)}</td>
                  <td className="num">{!p.price ? '–' : p.price.min.amount === p.price.max.amount ? formatMoney(p.price.min) : `${formatMoney(p.price.min)} – ${formatMoney(p.price.max)}`}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

interface ProductForm {
  title: string;
  subtitle: string;
  description: string;
  categoryId: string;
  status: ProductStatus;
}

function validateProduct(f: ProductForm, t: (k: string) => string) {
  const e: Partial<Record<keyof ProductForm, string>> = {};
  if (!f.title.trim()) e.title = t('products.titleRequired');
  else if (f.title.trim().length > 80) e.title = t('products.titleTooLong');
  if (f.subtitle.length > 120) e.subtitle = t('products.subtitleTooLong');
  if (f.description.length > 5000) e.description = t('products.descriptionTooLong');
  if (!f.categoryId) e.categoryId = t('products.categoryRequired');
  return e;
}

function ProductFields({ form, set, errors, statuses }: { form: ProductForm; set: (f: ProductForm) => void; errors: Partial<Record<keyof ProductForm, string>>; statuses: ProductStatus[] }) {
  const { t } = useTranslation('admin');
  const cats = useCategories();
  return (
    <>
      <TextField label={t('products.fieldTitle')} value={form.title} onChange={(e) => set({ ...form, title: e.target.value })} error={errors.title} maxLength={80} required />
      <TextField label={t('products.fieldSubtitle')} value={form.subtitle} onChange={(e) => set({ ...form, subtitle: e.target.value })} error={errors.subtitle} maxLength={120} />
      <TextArea label={t('products.fieldDescription')} value={form.description} onChange={(e) => set({ ...form, description: e.target.value })} error={errors.description} rows={5} maxLength={5000} />
      <div className="grid-2">
        <SelectField label={t('products.category')} value={form.categoryId} onChange={(e) => set({ ...form, categoryId: e.target.value })} error={errors.categoryId} required>
          <option value="">{cats.isPending ? t('common:loading') : t('products.chooseCategory')}</option>
          <CategoryOptions />
        </SelectField>
        <SelectField label={t('products.status')} value={form.status} onChange={(e) => set({ ...form, status: e.target.value as ProductStatus })}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}

interface SkuForm {
  code: string;
  attributes: string;
  price: string;
  listPrice: string;
  stock: string;
  status: 'active' | 'inactive';
}
const emptySku: SkuForm = { code: '', attributes: '', price: '', listPrice: '', stock: '0', status: 'active' };

/** "颜色=红, 尺码=M" → { 颜色: '红', 尺码: 'M' }; null when malformed. */
function parseAttributes(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  const parts = text.split(/[,，;；]/).map((s) => s.trim()).filter(Boolean);
  for (const part of parts) {
    const [k, v, ...rest] = part.split(/[=:：]/).map((s) => s.trim());
    if (!k || !v || rest.length > 0 || k.length > 40 || v.length > 40) return null;
    out[k] = v;
  }
  return Object.keys(out).length > 5 ? null : out;
}

/** The body of a new SKU (with its opening stock), for a new product or one more on an existing product. */
function newSkuBody(f: SkuForm) {
  const listPrice = parseYuan(f.listPrice);
  return {
    code: f.code.trim(),
    attributes: parseAttributes(f.attributes) ?? {},
    price: { amount: parseYuan(f.price)! },
    listPrice: listPrice ? { amount: listPrice } : undefined,
    status: f.status,
    initialStock: parseInteger(f.stock) ?? 0,
  };
}

function validateSku(f: SkuForm, t: (k: string) => string, withStock: boolean) {
  const e: Partial<Record<keyof SkuForm, string>> = {};
  if (!f.code.trim()) e.code = t('sku.codeRequired');
  if (parseYuan(f.price) === null) e.price = t('sku.priceInvalid');
  if (f.listPrice.trim() && parseYuan(f.listPrice) === null) e.listPrice = t('sku.priceInvalid');
  if (parseAttributes(f.attributes) === null) e.attributes = t('sku.attributesInvalid');
  if (withStock) {
    const n = parseInteger(f.stock);
    if (n === null || n < 0 || n > 1_000_000) e.stock = t('sku.stockInvalid');
  }
  return e;
}

function SkuFields({ form, set, errors, withStock }: { form: SkuForm; set: (f: SkuForm) => void; errors: Partial<Record<keyof SkuForm, string>>; withStock: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <>
      <div className="grid-2">
        <TextField label={t('sku.code')} value={form.code} onChange={(e) => set({ ...form, code: e.target.value })} error={errors.code} maxLength={64} />
        <TextField label={t('sku.attributes')} value={form.attributes} onChange={(e) => set({ ...form, attributes: e.target.value })} error={errors.attributes} hint={t('sku.attributesHint')} />
        <TextField label={t('sku.price')} inputMode="decimal" value={form.price} onChange={(e) => set({ ...form, price: e.target.value })} error={errors.price} hint={t('sku.yuanHint')} />
        <TextField label={t('sku.listPrice')} inputMode="decimal" value={form.listPrice} onChange={(e) => set({ ...form, listPrice: e.target.value })} error={errors.listPrice} />
        {withStock && <TextField label={t('sku.initialStock')} inputMode="numeric" value={form.stock} onChange={(e) => set({ ...form, stock: e.target.value })} error={errors.stock} />}
        <SelectField label={t('sku.status')} value={form.status} onChange={(e) => set({ ...form, status: e.target.value as SkuForm['status'] })}>
          <option value="active">{t('status.active')}</option>
          <option value="inactive">{t('status.inactive')}</option>
        </SelectField>
      </div>
    </>
  );
}

export function ProductCreatePage() {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const client = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState<ProductForm>({ title: '', subtitle: '', description: '', categoryId: '', status: 'draft' });
  const [sku, setSku] = useState<SkuForm>(emptySku);
  const [errors, setErrors] = useState<ReturnType<typeof validateProduct>>({});
  const [skuErrors, setSkuErrors] = useState<ReturnType<typeof validateSku>>({});
  const { busy, error: formError, setError: setFormError, submit: run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const pe = validateProduct(form, t);
    const se = validateSku(sku, t, true);
    setErrors(pe);
    setSkuErrors(se);
    setFormError(null);
    if (Object.keys(pe).length || Object.keys(se).length) return;
    await run(async () => {
      const created = await call(
        api.POST('/api/v1/admin/catalog/products', {
          body: {
            title: form.title.trim(),
            subtitle: form.subtitle.trim() || undefined,
            description: form.description || undefined,
            categoryId: form.categoryId,
            status: form.status === 'archived' ? 'draft' : form.status,
            skus: [newSkuBody(sku)],
          },
          headers: { 'Idempotency-Key': idempotencyKey() },
        }),
      );
      void client.invalidateQueries({ queryKey: ['admin', 'products'] });
      toast(t('products.created'));
      navigate(`/products/${created.id}`, { replace: true });
    });
  };

  return (
    <>
      <PageHead title={t('products.create')} actions={<BackLink to="/products" />} />
      <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate>
        <ProductFields form={form} set={setForm} errors={errors} statuses={['draft', 'active']} />
        <h2>{t('sku.first')}</h2>
        <SkuFields form={sku} set={setSku} errors={skuErrors} withStock />
        <FormError>{formError}</FormError>
        <div className="row row-end">
          <Button type="submit" busy={busy}>
            {t('products.createSubmit')}
          </Button>
        </div>
      </form>
    </>
  );
}

export function ProductDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const product = useQuery({ queryKey: ['admin', 'product', id], queryFn: () => call(api.GET('/api/v1/admin/catalog/products/{id}', { params: { path: { id } } })) });
  return (
    <>
      <PageHead title={product.data?.title ?? t('products.detail')} actions={<BackLink to="/products" />}>
        {product.data && <StatusBadge status={product.data.status} />}
      </PageHead>
      <QueryView query={product}>{(p) => <ProductEditor key={p.updatedAt} product={p} />}</QueryView>
    </>
  );
}

type ProductDetail = Awaited<ReturnType<typeof fetchProduct>>;
const fetchProduct = (id: string) => call(api.GET('/api/v1/admin/catalog/products/{id}', { params: { path: { id } } }));

function ProductEditor({ product }: { product: ProductDetail }) {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const [form, setForm] = useState<ProductForm>({
    title: product.title,
    subtitle: product.subtitle,
    description: product.description,
    categoryId: product.categoryId,
    status: product.status as ProductStatus,
  });
  const [errors, setErrors] = useState<ReturnType<typeof validateProduct>>({});
  const { busy, error: formError, setError: setFormError, submit: run } = useSubmit();
  const refresh = useRefresh(['admin', 'product', product.id], ['admin', 'products']);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const pe = validateProduct(form, t);
    setErrors(pe);
    setFormError(null);
    if (Object.keys(pe).length) return;
    await run(async () => {
      await call(
        api.PATCH('/api/v1/admin/catalog/products/{id}', {
          params: { path: { id: product.id } },
          body: { title: form.title.trim(), subtitle: form.subtitle.trim(), description: form.description, categoryId: form.categoryId, status: form.status },
        }),
      );
      toast(t('products.saved'));
      await refresh();
    });
  };

  return (
    <div className="detail-grid">
      <form className="card form-card" onSubmit={(e) => void save(e)} noValidate aria-label={t('products.edit')}>
        <h2>{t('products.edit')}</h2>
        <ProductFields form={form} set={setForm} errors={errors} statuses={['draft', 'active', 'archived']} />
        <FormError>{formError}</FormError>
        <div className="row row-end">
          <Button type="submit" busy={busy}>
            {t('common:save')}
          </Button>
        </div>
      </form>
      <ImagesCard product={product} onChanged={refresh} />
      <section className="card span-2" aria-labelledby="skus-title">
        <div className="card-head">
          <h2 id="skus-title">{t('sku.title')}</h2>
          <AddSku productId={product.id} onDone={refresh} />
        </div>
        <Table label={t('sku.title')}>
          <thead>
            <tr>
              <th>{t('sku.code')}</th>
              <th>{t('sku.label')}</th>
              <th>{t('sku.price')}</th>
              <th>{t('sku.listPrice')}</th>
              <th>{t('stock.onHand')}</th>
              <th>{t('stock.reserved')}</th>
              <th>{t('stock.available')}</th>
              <th>{t('sku.status')}</th>
              <ActionsHead />
            </tr>
          </thead>
          <tbody>
            {product.skus.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  {t('sku.none')}
                </td>
              </tr>
            )}
            {product.skus.map((s) => (
              <tr key={s.id}>
                <td className="mono">{s.code}</td>
                <td>{s.label}</td>
                <td className="num">{formatMoney(s.price)}</td>
                <td className="num">{formatMoney(s.listPrice)}</td>
                <td className="num">{s.onHand ?? '–'}</td>
                <td className="num">{s.reserved ?? '–'}</td>
                <td className="num">{s.available}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="row nowrap">
                  <EditSku sku={s} onDone={refresh} />
                  <Link className="btn btn-ghost btn-small" to={`/inventory/${s.id}`}>
                    {t('stock.adjust')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}

function AddSku({ productId, onDone }: { productId: string; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState<SkuForm>(emptySku);
  const [errors, setErrors] = useState<ReturnType<typeof validateSku>>({});
  return (
    <ActionButton
      label={t('sku.add')}
      variant="primary"
      onOpen={() => {
        setForm(emptySku);
        setErrors({});
      }}
      validate={() => {
        const e = validateSku(form, t, true);
        setErrors(e);
        return Object.keys(e).length === 0;
      }}
      run={async () => {
        await call(
          api.POST('/api/v1/admin/catalog/products/{id}/skus', {
            params: { path: { id: productId } },
            body: newSkuBody(form),
            headers: { 'Idempotency-Key': idempotencyKey() },
          }),
        );
        await onDone();
      }}
      done={t('sku.added')}
    >
      <SkuFields form={form} set={setForm} errors={errors} withStock />
    </ActionButton>
  );
}

function EditSku({ sku, onDone }: { sku: ProductDetail['skus'][number]; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation('admin');
  const initial = (): SkuForm => ({
    code: sku.code,
    attributes: Object.entries(sku.attributes as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    price: fenToYuanText(sku.price.amount),
    listPrice: sku.listPrice && sku.listPrice.amount > 0 ? fenToYuanText(sku.listPrice.amount) : '',
    stock: '0',
    status: sku.status === 'inactive' ? 'inactive' : 'active',
  });
  const [form, setForm] = useState<SkuForm>(initial);
  const [errors, setErrors] = useState<ReturnType<typeof validateSku>>({});
  return (
    <ActionButton
      label={t('sku.edit')}
      title={t('sku.editTitle', { code: sku.code })}
      variant="ghost"
      onOpen={() => {
        setForm(initial());
        setErrors({});
      }}
      validate={() => {
        const e = validateSku(form, t, false);
        setErrors(e);
        return Object.keys(e).length === 0;
      }}
      run={async () => {
        const listPrice = parseYuan(form.listPrice);
        await call(
          api.PATCH('/api/v1/admin/catalog/skus/{id}', {
            params: { path: { id: sku.id } },
            body: { code: form.code.trim(), attributes: parseAttributes(form.attributes) ?? {}, price: { amount: parseYuan(form.price)! }, listPrice: listPrice ? { amount: listPrice } : null, status: form.status },
          }),
        );
        await onDone();
      }}
      done={t('sku.saved')}
    >
      <SkuFields form={form} set={setForm} errors={errors} withStock={false} />
    </ActionButton>
  );
}

const MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function ImagesCard({ product, onChanged }: { product: ProductDetail; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const { busy, error, setError, submit: run } = useSubmit();
  const saveImages = async (images: string[]) => {
    await call(api.PATCH('/api/v1/admin/catalog/products/{id}', { params: { path: { id: product.id } }, body: { images } }));
    await onChanged();
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (!MEDIA_TYPES.includes(file.type as MediaType)) return setError(t('images.badType'));
    if (file.size > 2 * 1024 * 1024) return setError(t('images.tooBig'));
    if (product.images.length >= 9) return setError(t('images.tooMany'));
    await run(async () => {
      const media = await call(api.POST('/api/v1/admin/media', { body: { contentType: file.type as MediaType, dataBase64: await readBase64(file) } }));
      await saveImages([...product.images, media.url]);
      toast(t('images.added'));
    });
  };
  const remove = async (src: string) => {
    setError(null);
    await run(() => saveImages(product.images.filter((x) => x !== src)));
  };
  return (
    <section className="card" aria-labelledby="images-title">
      <h2 id="images-title">{t('images.title')}</h2>
      {product.images.length === 0 && <p className="muted">{t('images.none')}</p>}
      <ul className="image-grid">
        {product.images.map((src, i) => (
          <li key={src}>
            <img src={src} alt={t('images.alt', { n: i + 1 })} width={88} height={88} />
            {i === 0 && <span className="badge">{t('images.cover')}</span>}
            <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void remove(src)} aria-label={t('images.remove', { n: i + 1 })}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <label className="btn btn-secondary btn-small file-btn">
        {busy ? t('common:loading') : t('images.add')}
        <input type="file" accept={MEDIA_TYPES.join(',')} disabled={busy} onChange={(e) => void upload(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
      </label>
      <FormError>{error}</FormError>
    </section>
  );
}

export function CategoriesPage() {
  const { t } = useTranslation('admin');
  const cats = useCategories();
  const refresh = useRefresh(['admin', 'categories']);
  const nameOf = useCategoryName();
  return (
    <>
      <PageHead title={t('categories.title')} actions={<CategoryEditor onDone={refresh} />} />
      <QueryView query={cats} isEmpty={(d) => d.items.length === 0} empty={t('categories.empty')}>
        {(data) => (
          <Table label={t('categories.title')}>
            <thead>
              <tr>
                <th>{t('categories.name')}</th>
                <th>{t('categories.nameEn')}</th>
                <th>{t('categories.slug')}</th>
                <th>{t('categories.parent')}</th>
                <th>{t('categories.sort')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {[...data.items]
                .sort((a, b) => a.sort - b.sort)
                .map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.nameEn}</td>
                    <td className="mono">{c.slug}</td>
                    <td>{nameOf(c.parentId)}</td>
                    <td className="num">{c.sort}</td>
                    <td className="row nowrap">
                      <CategoryEditor category={c} onDone={refresh} />
                      <ActionButton
                        label={t('categories.delete')}
                        variant="danger"
                        title={t('categories.deleteTitle', { name: c.name })}
                        message={t('categories.deleteConfirm')}
                        run={async () => {
                          await call(api.DELETE('/api/v1/admin/catalog/categories/{id}', { params: { path: { id: c.id } } }));
                          await refresh();
                        }}
                        done={t('categories.deleted')}
                      />
                    </td>
                  </tr>
                ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}

type Category = { id: string; parentId: string | null; name: string; nameEn: string; slug: string; sort: number };

function CategoryEditor({ category, onDone }: { category?: Category; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation('admin');
  const initial = () => ({ name: category?.name ?? '', nameEn: category?.nameEn ?? '', slug: category?.slug ?? '', parentId: category?.parentId ?? '', sort: String(category?.sort ?? 0) });
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof ReturnType<typeof initial>, string>>>({});
  const validate = () => {
    const e: typeof errors = {};
    if (!form.name.trim() || form.name.trim().length > 40) e.name = t('categories.nameInvalid');
    if (!form.nameEn.trim() || form.nameEn.trim().length > 40) e.nameEn = t('categories.nameInvalid');
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(form.slug.trim()) || form.slug.length > 60) e.slug = t('categories.slugInvalid');
    const sort = parseInteger(form.sort);
    if (sort === null || Math.abs(sort) > 1_000_000) e.sort = t('categories.sortInvalid');
    setErrors(e);
    return Object.keys(e).length === 0;
  };
  const body = () => ({ name: form.name.trim(), nameEn: form.nameEn.trim(), slug: form.slug.trim(), parentId: form.parentId || null, sort: parseInteger(form.sort) ?? 0 });
  return (
    <ActionButton
      label={category ? t('categories.edit') : t('categories.create')}
      title={category ? t('categories.editTitle', { name: category.name }) : t('categories.create')}
      variant={category ? 'ghost' : 'primary'}
      onOpen={() => {
        setForm(initial());
        setErrors({});
      }}
      validate={validate}
      run={async () => {
        if (category) await call(api.PATCH('/api/v1/admin/catalog/categories/{id}', { params: { path: { id: category.id } }, body: body() }));
        else await call(api.POST('/api/v1/admin/catalog/categories', { body: body() }));
        await onDone();
      }}
      done={t('categories.saved')}
    >
      <div className="grid-2">
        <TextField label={t('categories.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} maxLength={40} />
        <TextField label={t('categories.nameEn')} value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} error={errors.nameEn} maxLength={40} />
        <TextField label={t('categories.slug')} value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} error={errors.slug} hint={t('categories.slugHint')} maxLength={60} />
        <TextField label={t('categories.sort')} inputMode="numeric" value={form.sort} onChange={(e) => setForm({ ...form, sort: e.target.value })} error={errors.sort} />
        <SelectField label={t('categories.parent')} value={form.parentId} onChange={(e) => setForm({ ...form, parentId: e.target.value })}>
          <option value="">{t('categories.noParent')}</option>
          <CategoryOptions except={category?.id} />
        </SelectField>
      </div>
    </ActionButton>
  );
}
