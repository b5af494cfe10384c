// Coupon templates: list with live claim/use numbers, create and edit (published terms lock),
// activate / pause / end, a detail view with the handed-out coupons and issuing to customers.
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey, isApiError } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Button, ErrorState, Loading, SelectField, TextArea, TextField, useErrorText } from '../../shared/ui';
import {
  CheckField,
  Facts,
  FormPage,
  Notice,
  PageHead,
  Required,
  Section,
  Stats,
  StatusBadge,
  errorField,
  fenToYuan,
  focusFirstError,
  hasErrors,
  inHours,
  isoToLocal,
  nameError,
  readDates,
  money,
  parseIntIn,
  useAction,
  useFormState,
  when,
  yuanToFen,
  type Errors,
} from './common';
import { CampaignResults } from './results';
import { StatusActions } from './actions';
import { ListPage, ListView, RowLink, useCursorList } from './list';

type Template = NonNullable<Awaited<ReturnType<typeof fetchTemplate>>>;
type Kind = 'fixed' | 'percent' | 'threshold' | 'free_shipping';
type Scope = 'store' | 'categories' | 'products';
const KINDS: Kind[] = ['fixed', 'threshold', 'percent', 'free_shipping'];
const BASE = '/campaigns/coupons';
const KEY = ['admin', 'coupons', 'templates'];

const fetchTemplate = (id: string) => call(api.GET('/api/v1/admin/coupons/templates/{id}', { params: { path: { id } } }));

// ---- list -----------------------------------------------------------------------------------

export function CouponList() {
  const { t } = useTranslation('campaigns');
  const [status, setStatus] = useState<'' | 'draft' | 'active' | 'paused' | 'ended'>('');
  const { query, items } = useCursorList([...KEY, status], (cursor) => call(api.GET('/api/v1/admin/coupons/templates', { params: { query: { status: status || undefined, cursor, limit: 20 } } })));
  return (
    <ListPage
      title={t('coupons.title')}
      base={BASE}
      newLabel={t('coupons.new')}
      toolbar={
        <SelectField label={t('filterStatus')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">{t('allStatuses')}</option>
          {(['draft', 'active', 'paused', 'ended'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      }
      query={query}
      items={items}
      more={query}
      empty={t('coupons.empty')}
      head={[t('col.name'), t('col.status'), t('coupons.col.terms'), t('col.validity'), t('coupons.col.claimed'), t('coupons.col.used'), t('col.actions')]}
      row={(tpl) => (
        <tr key={tpl.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${tpl.id}`}>{tpl.name}</RowLink>
            {!tpl.claimable && <span className="cc-muted cc-sub">{t('coupons.issueOnly')}</span>}
          </th>
          <td>
            <StatusBadge status={tpl.status} />
          </td>
          <td>{termsText(tpl, t)}</td>
          <td className="cc-nowrap">{validityText(tpl, t)}</td>
          <td>
            {tpl.claimedCount}
            {tpl.totalQuota !== null && <span className="cc-muted"> / {tpl.totalQuota}</span>}
          </td>
          <td>{tpl.stats ? tpl.stats.used : '—'}</td>
          <td>
            <TemplateActions tpl={tpl} />
          </td>
        </tr>
      )}
    />
  );
}

type TFn = ReturnType<typeof useTranslation>['t'];

function termsText(tpl: Pick<Template, 'kind' | 'amount' | 'percentBp' | 'maxDiscount' | 'minSpend'>, t: TFn): string {
  const min = tpl.minSpend.amount > 0 ? t('coupons.terms.minSpend', { amount: formatMoney(tpl.minSpend) }) : '';
  switch (tpl.kind) {
    case 'fixed':
    case 'threshold':
      return [t('coupons.terms.off', { amount: money(tpl.amount) }), min].filter(Boolean).join(' · ');
    case 'percent':
      return [t('coupons.terms.percent', { percent: (tpl.percentBp ?? 0) / 100 }), tpl.maxDiscount ? t('coupons.terms.cap', { amount: money(tpl.maxDiscount) }) : '', min].filter(Boolean).join(' · ');
    case 'free_shipping':
      return [t('coupons.kind.free_shipping'), min].filter(Boolean).join(' · ');
    default:
      return tpl.kind;
  }
}

function validityText(tpl: Pick<Template, 'validFrom' | 'validUntil' | 'validDaysAfterClaim'>, t: TFn): string {
  if (tpl.validDaysAfterClaim) return t('coupons.daysAfterClaim', { count: tpl.validDaysAfterClaim });
  return `${when(tpl.validFrom)} – ${when(tpl.validUntil)}`;
}

/** Activate / edit / pause / end, as the template's status allows. */
function TemplateActions({ tpl }: { tpl: Pick<Template, 'id' | 'name' | 'status'> }) {
  const { t } = useTranslation('campaigns');
  return (
    <StatusActions
      item={tpl}
      base={BASE}
      invalidate={[KEY, ['admin', 'coupons', 'template', tpl.id]]}
      act={(action) => call(api.POST(`/api/v1/admin/coupons/templates/{id}/${action}`, { params: { path: { id: tpl.id } } }))}
      endMessage={t('coupons.endMessage')}
    />
  );
}

// ---- form -----------------------------------------------------------------------------------

interface FormState {
  name: string;
  description: string;
  kind: Kind;
  amount: string;
  percent: string;
  maxDiscount: string;
  minSpend: string;
  scope: Scope;
  scopeIds: string[];
  validity: 'window' | 'days';
  validFrom: string;
  validUntil: string;
  validDays: string;
  totalQuota: string;
  perUserLimit: string;
  budget: string;
  claimable: boolean;
}
type Field = keyof FormState;

const emptyForm = (): FormState => ({
  name: '',
  description: '',
  kind: 'fixed',
  amount: '',
  percent: '',
  maxDiscount: '',
  minSpend: '0',
  scope: 'store',
  scopeIds: [],
  validity: 'window',
  validFrom: inHours(0),
  validUntil: inHours(24 * 30),
  validDays: '7',
  totalQuota: '',
  perUserLimit: '1',
  budget: '',
  claimable: true,
});

const fromTemplate = (x: Template): FormState => ({
  name: x.name,
  description: x.description,
  kind: x.kind as Kind,
  amount: fenToYuan(x.amount?.amount),
  percent: x.percentBp === null ? '' : String(x.percentBp / 100),
  maxDiscount: fenToYuan(x.maxDiscount?.amount),
  minSpend: fenToYuan(x.minSpend.amount),
  scope: x.scope as Scope,
  scopeIds: x.scopeIds,
  validity: x.validDaysAfterClaim ? 'days' : 'window',
  validFrom: isoToLocal(x.validFrom),
  validUntil: isoToLocal(x.validUntil),
  validDays: x.validDaysAfterClaim ? String(x.validDaysAfterClaim) : '7',
  totalQuota: x.totalQuota === null ? '' : String(x.totalQuota),
  perUserLimit: String(x.perUserLimit),
  budget: fenToYuan(x.budget?.amount),
  claimable: x.claimable,
});

/** Checks the form the way the API does; returns field errors and, if none, the request body. */
function validate(f: FormState, t: TFn) {
  const e: Errors<Field> = {};
  e.name = nameError(f.name, t);
  if (f.description.length > 500) e.description = t('v.tooLong', { max: 500 });
  const amount = yuanToFen(f.amount);
  const minSpend = f.minSpend.trim() === '' ? 0 : yuanToFen(f.minSpend);
  if (minSpend === null) e.minSpend = t('v.money');
  if (f.kind === 'fixed' || f.kind === 'threshold') {
    if (amount === null || amount < 1) e.amount = t('v.moneyPositive');
  }
  if (f.kind === 'threshold' && !e.minSpend) {
    if (!minSpend) e.minSpend = t('coupons.v.thresholdNeedsMin');
    else if (amount !== null && amount > minSpend) e.amount = t('coupons.v.amountOverMin');
  }
  let percentBp: number | null = null;
  let maxDiscount: number | null = null;
  if (f.kind === 'percent') {
    const p = Number(f.percent);
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(f.percent.trim()) || p <= 0 || p > 100) e.percent = t('coupons.v.percent');
    else percentBp = Math.round(p * 100);
    if (f.maxDiscount.trim()) {
      maxDiscount = yuanToFen(f.maxDiscount);
      if (maxDiscount === null || maxDiscount < 1) e.maxDiscount = t('v.moneyPositive');
    }
  }
  if (f.scope !== 'store' && f.scopeIds.length === 0) e.scopeIds = t('coupons.v.scopeIds');
  let validFrom: string | null = null;
  let validUntil: string | null = null;
  let validDays: number | null = null;
  if (f.validity === 'window') {
    [validFrom, validUntil] = readDates(f, 'validFrom', 'validUntil', e, t, true);
  } else {
    validDays = parseIntIn(f.validDays, 1, 365);
    if (validDays === null) e.validDays = t('v.intRange', { min: 1, max: 365 });
  }
  let totalQuota: number | null = null;
  if (f.totalQuota.trim()) {
    totalQuota = parseIntIn(f.totalQuota, 1, 10_000_000);
    if (totalQuota === null) e.totalQuota = t('v.intRange', { min: 1, max: 10_000_000 });
  }
  const perUserLimit = parseIntIn(f.perUserLimit, 1, 100);
  if (perUserLimit === null) e.perUserLimit = t('v.intRange', { min: 1, max: 100 });
  let budget: number | null = null;
  if (f.budget.trim()) {
    budget = yuanToFen(f.budget);
    if (budget === null || budget < 1) e.budget = t('v.moneyPositive');
  }
  const body = {
    name: f.name.trim(),
    description: f.description.trim(),
    kind: f.kind,
    discountAmount: f.kind === 'fixed' || f.kind === 'threshold' ? amount : null,
    percentBp: f.kind === 'percent' ? percentBp : null,
    maxDiscountAmount: f.kind === 'percent' ? maxDiscount : null,
    minSpendAmount: minSpend ?? 0,
    scope: f.scope,
    scopeIds: f.scope === 'store' ? [] : f.scopeIds,
    validFrom,
    validUntil,
    validDaysAfterClaim: validDays,
    perUserLimit: perUserLimit ?? 1,
    totalQuota,
    budgetAmount: budget,
    claimable: f.claimable,
  };
  return { errors: e, body };
}

const TERMS: Field[] = ['kind', 'amount', 'percent', 'maxDiscount', 'minSpend', 'scope', 'scopeIds', 'validity', 'validFrom', 'validUntil', 'validDays'];

export function CouponNew() {
  return <CouponForm initial={emptyForm()} />;
}

export function CouponEdit() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['admin', 'coupons', 'template', id], queryFn: () => fetchTemplate(id) });
  const { t } = useTranslation('campaigns');
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(tpl) => (tpl.status === 'ended' ? <Notice tone="warn">{t('coupons.endedNoEdit')}</Notice> : <CouponForm initial={fromTemplate(tpl)} existing={tpl} />)}
    </Required>
  );
}

function CouponForm({ initial, existing }: { initial: FormState; existing?: Template }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const { formRef, f, setF, errors, setErrors, set } = useFormState(initial);
  const errorText = useErrorText();
  const locked = Boolean(existing && existing.status !== 'draft');
  const save = useAction(
    async (body: ReturnType<typeof validate>['body']) => {
      if (!existing) return call(api.POST('/api/v1/admin/coupons/templates', { body, headers: { 'Idempotency-Key': idempotencyKey() } }));
      const patch = locked
        ? { name: body.name, description: body.description, perUserLimit: body.perUserLimit, totalQuota: body.totalQuota, budgetAmount: body.budgetAmount, claimable: body.claimable }
        : body;
      return call(api.PATCH('/api/v1/admin/coupons/templates/{id}', { params: { path: { id: existing.id } }, body: patch }));
    },
    {
      invalidate: [KEY, ['admin', 'coupons', 'template', existing?.id]],
      success: existing ? t('saved') : t('coupons.created'),
      onDone: (tpl) => navigate(existing ? `${BASE}/${tpl.id}` : BASE),
      onError: (err) => {
        const { field } = errorField(err);
        const map: Record<string, Field> = { name: 'name', amount: 'amount', minSpend: 'minSpend', percentBp: 'percent', maxDiscount: 'maxDiscount', scopeIds: 'scopeIds', validUntil: 'validUntil', validDaysAfterClaim: 'validDays', totalQuota: 'totalQuota', budget: 'budget' };
        if (field && map[field]) {
          // The server's rule that no coupon takes off more than its minimum spend, said plainly at the amount.
          const amount = yuanToFen(f.amount);
          const minSpend = yuanToFen(f.minSpend);
          const overMin = field === 'amount' && isApiError(err, 'COUPONS_TEMPLATE_INVALID') && amount !== null && minSpend !== null && minSpend > 0 && amount > minSpend;
          setErrors((x) => ({ ...x, [map[field]]: overMin ? t('coupons.v.amountOverMin') : errorText(err) }));
          focusFirstError(formRef.current);
        }
      },
    },
  );
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const { errors: e, body } = validate(f, t);
    setErrors(e);
    if (hasErrors(e)) return focusFirstError(formRef.current);
    save.mutate(body);
  };
  const dis = (k: Field) => locked && TERMS.includes(k);
  const showAmount = f.kind === 'fixed' || f.kind === 'threshold';
  return (
    <FormPage title={existing ? t('coupons.editTitle', { name: existing.name }) : t('coupons.new')} base={BASE} existingId={existing?.id} busy={save.isPending} formRef={formRef} onSubmit={submit} notice={locked && <Notice tone="warn">{t('coupons.lockedNotice')}</Notice>}>
      <div className="cc-grid">
        <TextField label={t('coupons.f.name')} value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.name} maxLength={60} required />
        <SelectField label={t('coupons.f.kind')} value={f.kind} onChange={(e) => set('kind', e.target.value as Kind)} disabled={dis('kind')} hint={t(`coupons.kindHint.${f.kind}`)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`coupons.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        {showAmount && <TextField label={t('coupons.f.amount')} inputMode="decimal" value={f.amount} onChange={(e) => set('amount', e.target.value)} error={errors.amount} disabled={dis('amount')} />}
        {f.kind === 'percent' && (
          <>
            <TextField label={t('coupons.f.percent')} inputMode="decimal" value={f.percent} onChange={(e) => set('percent', e.target.value)} error={errors.percent} disabled={dis('percent')} hint={t('coupons.percentHint')} />
            <TextField label={t('coupons.f.maxDiscount')} inputMode="decimal" value={f.maxDiscount} onChange={(e) => set('maxDiscount', e.target.value)} error={errors.maxDiscount} disabled={dis('maxDiscount')} hint={t('optional')} />
          </>
        )}
        <TextField label={t('coupons.f.minSpend')} inputMode="decimal" value={f.minSpend} onChange={(e) => set('minSpend', e.target.value)} error={errors.minSpend} disabled={dis('minSpend')} hint={t('coupons.minSpendHint')} />
        <TextField label={t('coupons.f.totalQuota')} inputMode="numeric" value={f.totalQuota} onChange={(e) => set('totalQuota', e.target.value)} error={errors.totalQuota} hint={t('blankUnlimited')} />
        <TextField label={t('coupons.f.perUserLimit')} inputMode="numeric" value={f.perUserLimit} onChange={(e) => set('perUserLimit', e.target.value)} error={errors.perUserLimit} />
        <TextField label={t('coupons.f.budget')} inputMode="decimal" value={f.budget} onChange={(e) => set('budget', e.target.value)} error={errors.budget} hint={t('blankUnlimited')} />
      </div>
      <fieldset className="cc-fieldset" disabled={dis('validity')}>
        <legend>{t('coupons.f.validity')}</legend>
        <div className="row">
          {(['window', 'days'] as const).map((v) => (
            <label key={v} className={`chip ${f.validity === v ? 'chip-active' : ''}`}>
              <input type="radio" name="validity" value={v} checked={f.validity === v} onChange={() => set('validity', v)} />
              {t(`coupons.validity.${v}`)}
            </label>
          ))}
        </div>
        <div className="cc-grid">
          {f.validity === 'window' ? (
            <>
              <TextField label={t('coupons.f.validFrom')} type="datetime-local" value={f.validFrom} onChange={(e) => set('validFrom', e.target.value)} error={errors.validFrom} />
              <TextField label={t('coupons.f.validUntil')} type="datetime-local" value={f.validUntil} onChange={(e) => set('validUntil', e.target.value)} error={errors.validUntil} />
            </>
          ) : (
            <TextField label={t('coupons.f.validDays')} inputMode="numeric" value={f.validDays} onChange={(e) => set('validDays', e.target.value)} error={errors.validDays} />
          )}
        </div>
      </fieldset>
      <ScopeField scope={f.scope} ids={f.scopeIds} disabled={dis('scope')} error={errors.scopeIds} onScope={(s) => setF((x) => ({ ...x, scope: s, scopeIds: [] }))} onIds={(ids) => set('scopeIds', ids)} />
      <TextArea label={t('coupons.f.description')} value={f.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} maxLength={500} hint={t('optional')} />
      <CheckField label={t('coupons.f.claimable')} hint={t('coupons.claimableHint')} checked={f.claimable} onChange={(v) => set('claimable', v)} />
    </FormPage>
  );
}

/** Store-wide, some categories (with their subcategories), or some products. */
function ScopeField({ scope, ids, onScope, onIds, disabled, error }: { scope: Scope; ids: string[]; onScope: (s: Scope) => void; onIds: (ids: string[]) => void; disabled: boolean; error?: string }) {
  const { t } = useTranslation('campaigns');
  const cats = useQuery({ queryKey: ['catalog', 'categories'], enabled: scope === 'categories', queryFn: () => call(api.GET('/api/v1/catalog/categories')) });
  const [q, setQ] = useState('');
  const products = useQuery({
    queryKey: ['admin', 'catalog', 'products', 'scope', q],
    enabled: scope === 'products' && !disabled,
    queryFn: () => call(api.GET('/api/v1/admin/catalog/products', { params: { query: { q: q.trim() || undefined, limit: 10 } } })),
  });
  const chosen = useQuery({
    queryKey: ['admin', 'catalog', 'products', 'chosen', ids],
    enabled: scope === 'products' && ids.length > 0,
    queryFn: () => Promise.all(ids.map((id) => call(api.GET('/api/v1/admin/catalog/products/{id}', { params: { path: { id } } })))),
  });
  const toggle = (id: string) => onIds(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);
  const flat: { id: string; name: string; depth: number }[] = [];
  for (const a of cats.data?.items ?? []) {
    flat.push({ id: a.id, name: a.name, depth: 0 });
    for (const b of a.children) {
      flat.push({ id: b.id, name: b.name, depth: 1 });
      for (const c of b.children) flat.push({ id: c.id, name: c.name, depth: 2 });
    }
  }
  return (
    <fieldset className={`cc-fieldset ${error ? 'cc-invalid' : ''}`} disabled={disabled}>
      <legend>{t('coupons.f.scope')}</legend>
      <div className="row">
        {(['store', 'categories', 'products'] as const).map((s) => (
          <label key={s} className={`chip ${scope === s ? 'chip-active' : ''}`}>
            <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => onScope(s)} />
            {t(`coupons.scope.${s}`)}
          </label>
        ))}
      </div>
      {scope === 'categories' &&
        (cats.isPending ? (
          <Loading />
        ) : cats.isError ? (
          <ErrorState error={cats.error} onRetry={() => void cats.refetch()} />
        ) : (
          <ul className="cc-checklist">
            {flat.map((c) => (
              <li key={c.id} style={{ paddingLeft: c.depth * 16 }}>
                <label>
                  <input type="checkbox" checked={ids.includes(c.id)} onChange={() => toggle(c.id)} /> {c.name}
                </label>
              </li>
            ))}
          </ul>
        ))}
      {scope === 'products' && (
        <div>
          {ids.length > 0 && (
            <ul className="cc-checklist">
              {(chosen.data ?? []).map((p) => (
                <li key={p.id}>
                  <label>
                    <input type="checkbox" checked onChange={() => toggle(p.id)} /> {p.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {!disabled && (
            <>
              <TextField label={t('coupons.productSearch')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
              {products.isPending ? (
                <Loading />
              ) : products.isError ? (
                <ErrorState error={products.error} onRetry={() => void products.refetch()} />
              ) : (
                <ul className="cc-checklist">
                  {products.data.items
                    .filter((p) => !ids.includes(p.id))
                    .map((p) => (
                      <li key={p.id}>
                        <label>
                          <input type="checkbox" checked={false} onChange={() => toggle(p.id)} /> {p.title} <span className="cc-muted">{money(p.price?.min)}</span>
                        </label>
                      </li>
                    ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

// ---- detail ---------------------------------------------------------------------------------

export function CouponDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'coupons', 'template', id], queryFn: () => fetchTemplate(id), refetchInterval: 15_000 });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(tpl) => (
        <div className="cc-page">
          <PageHead title={tpl.name} back={BASE} actions={<TemplateActions tpl={tpl} />} />
          <Section title={t('liveNumbers')}>
            <Stats
              items={[
                { label: t('coupons.stat.claimed'), value: tpl.totalQuota === null ? tpl.claimedCount : `${tpl.claimedCount} / ${tpl.totalQuota}` },
                { label: t('coupons.stat.remaining'), value: tpl.remainingQuota ?? t('unlimited') },
                { label: t('coupons.stat.available'), value: tpl.stats?.available ?? 0 },
                { label: t('coupons.stat.locked'), value: tpl.stats?.locked ?? 0 },
                { label: t('coupons.stat.used'), value: tpl.stats?.used ?? 0 },
                { label: t('coupons.stat.expired'), value: tpl.stats?.expired ?? 0 },
                { label: t('coupons.stat.usedDiscount'), value: money(tpl.stats?.usedDiscount) },
                { label: t('coupons.stat.budget'), value: tpl.budget ? `${money(tpl.budgetUsed)} / ${money(tpl.budget)}` : money(tpl.budgetUsed) },
              ]}
            />
          </Section>
          <CampaignResults kind="coupon" campaignId={tpl.id} />
          <Section title={t('rules')}>
            <Facts
              items={[
                { label: t('col.status'), value: <StatusBadge status={tpl.status} /> },
                { label: t('coupons.f.kind'), value: t(`coupons.kind.${tpl.kind}`, { defaultValue: tpl.kind }) },
                { label: t('coupons.col.terms'), value: termsText(tpl, t) },
                { label: t('col.validity'), value: validityText(tpl, t) },
                { label: t('coupons.f.scope'), value: tpl.scope === 'store' ? t('coupons.scope.store') : `${t(`coupons.scope.${tpl.scope}`)} (${tpl.scopeIds.length})` },
                { label: t('coupons.f.perUserLimit'), value: tpl.perUserLimit },
                { label: t('coupons.f.claimable'), value: tpl.claimable ? t('yes') : t('no') },
                { label: t('coupons.f.description'), value: tpl.description || '—' },
                { label: t('createdAt'), value: when(tpl.createdAt) },
              ]}
            />
            {tpl.status !== 'draft' && <Notice>{t('coupons.lockedNotice')}</Notice>}
          </Section>
          {tpl.status === 'active' && <IssueSection id={tpl.id} name={tpl.name} />}
          <HandedOut id={tpl.id} />
        </div>
      )}
    </Required>
  );
}

// antd arrives with the issue form only, so the coupon pages do not carry it in the console's entry chunk.
const CouponIssue = lazy(() => import('./coupon-issue'));

function IssueSection({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('campaigns');
  return (
    <Section title={t('coupons.issueTitle')}>
      <Suspense fallback={<Loading />}>
        <CouponIssue id={id} name={name} />
      </Suspense>
    </Section>
  );
}

function HandedOut({ id }: { id: string }) {
  const { t } = useTranslation('campaigns');
  const { query, items } = useCursorList(['admin', 'coupons', 'handed', id], (cursor) => call(api.GET('/api/v1/admin/coupons/templates/{id}/coupons', { params: { path: { id }, query: { cursor, limit: 20 } } })));
  return (
    <Section title={t('coupons.handedOut')}>
      <ListView
        query={query}
        items={items}
        more={query}
        empty={t('coupons.noneHanded')}
        caption={t('coupons.handedOut')}
        head={[t('coupons.col.customer'), t('col.status'), t('coupons.col.source'), t('col.validity'), t('coupons.col.discount'), t('coupons.col.claimedAt')]}
        row={(c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/customers/${c.holder.id}`}>{c.holder.displayName || t('coupons.erasedHolder')}</Link>
              {c.holder.phone && <span className="cc-muted cc-sub">{c.holder.phone}</span>}
            </td>
            <td>
              <StatusBadge status={c.status} />
            </td>
            <td>{t(`coupons.source.${c.source}`, { defaultValue: c.source })}</td>
            <td className="cc-nowrap">
              {when(c.validFrom)} – {when(c.validUntil)}
            </td>
            <td>{c.discountAmount ? formatMoney({ amount: c.discountAmount, currency: 'CNY' }) : '—'}</td>
            <td>{when(c.createdAt)}</td>
          </tr>
        )}
      />
    </Section>
  );
}
