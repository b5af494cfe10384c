// Building blocks shared by the campaign screens: money and date-time inputs, status badges,
// confirmed actions, the live-number tiles and the SKU picker on the catalog admin API.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, call, type paths } from '../../shared/api';
import { formatMoney, formatDateTime, type Money } from '../../shared/format';
import { Button, ErrorState, Loading, Sheet, useErrorText, useToast } from '../../shared/ui';
import './campaigns.css';

/** The JSON request body of an API operation, from the generated contract. */
export type JsonBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

// ---- parsing and validation -----------------------------------------------------------------

/** "12.5" yuan → 1250 fen; null when it is not a money amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const fenToYuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : (fen / 100).toFixed(2).replace(/\.00$/, ''));

export function parseIntIn(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** ISO → the value of an <input type="datetime-local"> in local time. */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value → ISO, or null when empty/invalid. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const inHours = (hours: number) => isoToLocal(new Date(Date.now() + hours * 3_600_000).toISOString());

export type Errors<K extends string> = Partial<Record<K, string>>;
export const hasErrors = (e: Record<string, string | undefined>) => Object.values(e).some(Boolean);

/** A required name of at most 60 characters: its error, if any. */
export const nameError = (name: string, t: TFunction) => (!name.trim() ? t('common:required') : name.trim().length > 60 ? t('v.tooLong', { max: 60 }) : undefined);

/**
 * Reads a from–until pair of datetime-local fields as ISO, noting in `e` a missing one (when
 * `required`) or an end not after the start.
 */
export function readDates<K extends string>(f: Record<K, string>, from: K, until: K, e: Errors<K>, t: TFunction, required = false): [string | null, string | null] {
  const start = localToIso(f[from]);
  const end = localToIso(f[until]);
  if (required && !start) e[from] = t('common:required');
  if (required && !end) e[until] = t('common:required');
  else if (start && end && end <= start) e[until] = t('v.endAfterStart');
  return [start, end];
}

/** Focus the first invalid field after a failed submit, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

// ---- display ----------------------------------------------------------------------------------

export function StatusBadge({ status, startsAt }: { status: string; startsAt?: string | null }) {
  const { t } = useTranslation('campaigns');
  // Started with a later start time, a campaign is not running yet: it reads 未开始, never 进行中.
  const shown = (status === 'active' || status === 'live') && startsAt && Date.parse(startsAt) > Date.now() ? 'scheduled' : status;
  return <span className={`cc-status cc-status-${shown}`}>{t(`status.${shown}`, { defaultValue: shown })}</span>;
}

export const money = (m: Money | null | undefined) => (m ? formatMoney(m) : '—');
export const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '—');

export function Stats({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="cc-stats">
      {items.map((x) => (
        <div key={x.label} className="cc-stat">
          <dt>{x.label}</dt>
          <dd>{x.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="cc-facts">
      {items.map((x) => (
        <div key={x.label}>
          <dt>{x.label}</dt>
          <dd>{x.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PageHead({ title, back, actions }: { title: string; back?: string; actions?: ReactNode }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  return (
    <header className="cc-head">
      <div className="cc-head-title">
        {back && (
          <button type="button" className="btn btn-ghost" onClick={() => navigate(back)}>
            ← {t('backToList')}
          </button>
        )}
        <h1>{title}</h1>
      </div>
      {actions && <div className="row">{actions}</div>}
    </header>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="card cc-section" aria-labelledby={id}>
      <div className="cc-section-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warn' }) {
  return <p className={`cc-notice cc-notice-${tone}`}>{children}</p>;
}

// ---- actions --------------------------------------------------------------------------------

/** A mutation that refreshes the given queries and toasts its success or its human error. */
export function useAction<A, R>(fn: (arg: A) => Promise<R>, opts: { invalidate: QueryKey[]; success?: string; onDone?: (r: R) => void; onError?: (err: unknown) => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      for (const key of opts.invalidate) void client.invalidateQueries({ queryKey: key });
      if (opts.success) toast(opts.success);
      opts.onDone?.(r);
    },
    onError: (err) => {
      toast(errorText(err), 'error');
      opts.onError?.(err);
    },
  });
}

/** The form field an API validation error points at (details.field / details.index), if any. */
export function errorField(err: unknown): { field?: string; index?: number; skuId?: string } {
  if (!(err instanceof ApiError) || !err.details) return {};
  const d = err.details;
  return { field: typeof d.field === 'string' ? d.field : undefined, index: typeof d.index === 'number' ? d.index : undefined, skuId: typeof d.skuId === 'string' ? d.skuId : undefined };
}

/** A button that asks before doing something that cannot be undone (stop, end). */
export function ConfirmButton({ label, title, message, confirmLabel, onConfirm, busy, variant = 'danger', small }: { label: string; title: string; message: string; confirmLabel: string; onConfirm: () => Promise<unknown>; busy?: boolean; variant?: 'primary' | 'danger' | 'secondary'; small?: boolean }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  return (
    <>
      <Button variant={variant} className={small ? 'cc-btn-small' : ''} busy={busy} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Sheet open={open} onClose={() => setOpen(false)} title={title}>
        <p>{message}</p>
        <div className="row cc-form-actions">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('cancel')}
          </Button>
          <Button
            variant={variant === 'danger' ? 'danger' : 'primary'}
            busy={busy}
            onClick={() => {
              void onConfirm().finally(() => setOpen(false));
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </Sheet>
    </>
  );
}

export function SmallButton(props: Parameters<typeof Button>[0]) {
  return <Button {...props} className={`cc-btn-small ${props.className ?? ''}`} />;
}

// ---- form bits ------------------------------------------------------------------------------

export function CheckField({ label, checked, onChange, hint, disabled }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field cc-check">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <span>{label}</span>
      </label>
      {hint && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A fieldset of repeatable items (flash-sale items, prizes, milestones), its error, and "add" while more are allowed. */
export function ItemsFieldset({ legend, error, intro, addLabel, onAdd, children }: { legend: string; error?: string; intro?: ReactNode; addLabel: string; onAdd?: () => void; children: ReactNode }) {
  return (
    <fieldset className={`cc-fieldset ${error ? 'cc-invalid' : ''}`}>
      <legend>{legend}</legend>
      {intro}
      <div className="cc-rows">{children}</div>
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
      {onAdd && (
        <SmallButton variant="secondary" onClick={onAdd}>
          {addLabel}
        </SmallButton>
      )}
    </fieldset>
  );
}

/** One repeatable item: its heading with "remove" (named by `removeLabel`) when it may go, then its fields. */
export function ItemCard({ title, removeLabel, onRemove, children }: { title: ReactNode; removeLabel: string; onRemove?: () => void; children: ReactNode }) {
  const { t } = useTranslation('campaigns');
  return (
    <div className="cc-item">
      <div className="cc-item-head">
        <h3>{title}</h3>
        {onRemove && (
          <SmallButton variant="ghost" onClick={onRemove} aria-label={removeLabel}>
            {t('remove')}
          </SmallButton>
        )}
      </div>
      {children}
    </div>
  );
}

export function FormActions({ busy, submitLabel, cancelTo }: { busy: boolean; submitLabel: string; cancelTo: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="row cc-form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>
        {busy && <span className="spinner spinner-small" aria-hidden="true" />}
        {submitLabel}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => navigate(cancelTo)}>
        {t('cancel')}
      </button>
    </div>
  );
}

/** A create/edit form's values and per-field errors; `set` changes one value and clears its error. */
export function useFormState<S extends object>(initial: S) {
  const formRef = useRef<HTMLFormElement>(null);
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Errors<Extract<keyof S, string>>>({});
  const set = <K extends Extract<keyof S, string>>(k: K, v: S[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };
  return { formRef, f, setF, errors, setErrors, set };
}

/** A create/edit screen: title and back link, any notices, then the form ending in save (or create) and cancel. */
export function FormPage({ title, base, existingId, busy, formRef, onSubmit, notice, children }: { title: string; base: string; existingId?: string; busy: boolean; formRef: RefObject<HTMLFormElement | null>; onSubmit: (ev: FormEvent) => void; notice?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('campaigns');
  const back = existingId ? `${base}/${existingId}` : base;
  return (
    <div className="cc-page">
      <PageHead title={title} back={back} />
      {notice}
      <form ref={formRef} className="card cc-form" onSubmit={onSubmit} noValidate>
        {children}
        <FormActions busy={busy} submitLabel={existingId ? t('save') : t('create')} cancelTo={back} />
      </form>
    </div>
  );
}

/** Loading / error wrapper for a screen whose data is required (edit, detail). */
export function Required<T>({ data, error, refetch, children }: { data: T | undefined; error: unknown; refetch: () => void; children: (d: T) => ReactNode }) {
  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (data === undefined) return <Loading />;
  return <>{children(data)}</>;
}

// ---- coupon templates (for rewards, prizes and packs) -----------------------------------------

/** Every coupon template's name by id, to show what a reward or pack hands out. */
export function useTemplateNames() {
  return useQuery({
    queryKey: ['admin', 'coupons', 'templates', 'names'],
    queryFn: () => call(api.GET('/api/v1/admin/coupons/templates', { params: { query: { limit: 100 } } })),
    select: (d) => new Map(d.items.map((x) => [x.id, x.name])),
  });
}

/** The active coupon templates, to choose a coupon prize or reward from. */
export function useActiveTemplates() {
  return useQuery({ queryKey: ['admin', 'coupons', 'templates', 'active-for-prizes'], queryFn: () => call(api.GET('/api/v1/admin/coupons/templates', { params: { query: { status: 'active', limit: 100 } } })) });
}

/** The <option>s of a coupon-template select: a "choose" prompt (or loading), then the templates. */
export function TemplateOptions({ pending, items, withStatus }: { pending: boolean; items: { id: string; name: string; status: string }[] | undefined; withStatus?: boolean }) {
  const { t } = useTranslation('campaigns');
  return (
    <>
      <option value="">{pending ? t('common:loading') : t('lottery.chooseTemplate')}</option>
      {(items ?? []).map((x) => (
        <option key={x.id} value={x.id}>
          {withStatus ? `${x.name} (${t(`status.${x.status}`)})` : x.name}
        </option>
      ))}
    </>
  );
}

// ---- SKU picker -----------------------------------------------------------------------------

export interface PickedSku {
  skuId: string;
  productId: string;
  title: string;
  label: string;
  price: Money;
  listPrice: Money | null;
  /** Units on hand minus reserved; unknown when rebuilt from a campaign. */
  available?: number;
}

/** Shows what a campaign's SKU is, from the catalog admin API. */
export function useSku(skuId: string | null | undefined, productId: string | null | undefined) {
  return useQuery({
    queryKey: ['admin', 'catalog', 'product', productId],
    enabled: Boolean(productId),
    queryFn: () => call(api.GET('/api/v1/admin/catalog/products/{id}', { params: { path: { id: productId! } } })),
    select: (p): PickedSku | null => {
      const s = p.skus.find((x) => x.id === skuId);
      return s ? { skuId: s.id, productId: p.id, title: p.title, label: s.label, price: s.price, listPrice: s.listPrice, available: s.available } : null;
    },
  });
}

export function SkuSummary({ sku }: { sku: PickedSku }) {
  const { t } = useTranslation('campaigns');
  return (
    <span className="cc-sku">
      <strong>{sku.title}</strong>
      {sku.label && <span> · {sku.label}</span>}
      <span className="cc-muted">
        {' '}
        · {formatMoney(sku.price)}
        {sku.available !== undefined && <> · {t('sku.available', { count: sku.available })}</>}
      </span>
    </span>
  );
}

/** Search products, open one, choose a SKU. `value` is the chosen SKU (or null). */
export function SkuPicker({ label, value, onChange, error, disabled }: { label: string; value: PickedSku | null; onChange: (sku: PickedSku | null) => void; error?: string; disabled?: boolean }) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const [productId, setProductId] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setTerm(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const products = useQuery({
    queryKey: ['admin', 'catalog', 'products', term],
    enabled: !value && !disabled,
    queryFn: () => call(api.GET('/api/v1/admin/catalog/products', { params: { query: { q: term || undefined, status: 'active', limit: 8 } } })),
  });
  const product = useQuery({
    queryKey: ['admin', 'catalog', 'product', productId],
    enabled: Boolean(productId),
    queryFn: () => call(api.GET('/api/v1/admin/catalog/products/{id}', { params: { path: { id: productId! } } })),
  });
  return (
    <fieldset className={`cc-picker field ${error ? 'field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {value ? (
        <div className="row">
          <SkuSummary sku={value} />
          {!disabled && (
            <SmallButton variant="ghost" onClick={() => onChange(null)}>
              {t('sku.change')}
            </SmallButton>
          )}
        </div>
      ) : productId ? (
        <div>
          {product.isPending ? (
            <Loading />
          ) : product.isError ? (
            <ErrorState error={product.error} onRetry={() => void product.refetch()} />
          ) : (
            <>
              <p className="cc-muted">
                {product.data.title} —{' '}
                <button type="button" className="btn btn-ghost cc-btn-small" onClick={() => setProductId(null)}>
                  {t('sku.otherProduct')}
                </button>
              </p>
              <ul className="cc-pick-list">
                {product.data.skus.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className="cc-pick"
                      disabled={s.status !== 'active'}
                      onClick={() => onChange({ skuId: s.id, productId: product.data.id, title: product.data.title, label: s.label, price: s.price, listPrice: s.listPrice, available: s.available })}
                    >
                      <span>{s.label || s.code}</span>
                      <span className="cc-muted">
                        {formatMoney(s.price)} · {t('sku.available', { count: s.available })}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <div>
          <label htmlFor={`${id}-q`} className="visually-hidden">
            {t('sku.search')}
          </label>
          <input id={`${id}-q`} type="search" className="cc-input" placeholder={t('sku.search')} value={q} onChange={(e) => setQ(e.target.value)} disabled={disabled} aria-invalid={error ? true : undefined} />
          {products.isPending ? (
            <Loading />
          ) : products.isError ? (
            <ErrorState error={products.error} onRetry={() => void products.refetch()} />
          ) : products.data.items.length === 0 ? (
            <p className="cc-muted">{t('sku.none')}</p>
          ) : (
            <ul className="cc-pick-list">
              {products.data.items.map((p) => (
                <li key={p.id}>
                  <button type="button" className="cc-pick" onClick={() => setProductId(p.id)}>
                    <span>{p.title}</span>
                    <span className="cc-muted">{money(p.price?.min)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/** The SKU of an existing campaign as a PickedSku (for edit forms), or null while it loads. */
export function useInitialSku(skuId: string, productId: string): PickedSku | null | undefined {
  const q = useSku(skuId, productId);
  return q.data;
}

export function ListTable({ head, children, caption }: { head: string[]; children: ReactNode; caption: string }) {
  return (
    <div className="cc-table-wrap">
      <table className="cc-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
