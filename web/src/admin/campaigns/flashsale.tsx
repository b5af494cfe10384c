// Flash-sale slots (秒杀): list with live sold counts, create and edit drafts (items: SKU, flash
// price, stock, per-customer limit), publish, stop with confirmation, and a live detail view.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey, isApiError } from '../../shared/api';
import { TextField, useErrorText } from '../../shared/ui';
import {
  CheckField,
  FormPage,
  ItemCard,
  ItemsFieldset,
  ListTable,
  Notice,
  PageHead,
  Required,
  Section,
  SkuPicker,
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
  type PickedSku,
} from './common';
import { CampaignResults } from './results';
import { LockedEdit, RunActions } from './actions';
import { ListPage, RowLink } from './list';

const BASE = '/campaigns/flashsale';
const KEY = ['admin', 'flashsale', 'slots'];
const fetchSlot = (id: string) => call(api.GET('/api/v1/admin/flashsale/slots/{id}', { params: { path: { id } } }));
type Slot = Awaited<ReturnType<typeof fetchSlot>>;

export function FlashsaleList() {
  const { t } = useTranslation('campaigns');
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/flashsale/slots', { params: { query: { limit: 100 } } })), refetchInterval: 10_000 });
  return (
    <ListPage
      title={t('flashsale.title')}
      base={BASE}
      newLabel={t('flashsale.new')}
      query={list}
      items={list.data?.items}
      empty={t('flashsale.empty')}
      head={[t('col.name'), t('col.status'), t('col.dates'), t('flashsale.col.items'), t('flashsale.col.sold'), t('flashsale.col.buyers'), t('col.actions')]}
      row={(s) => (
        <tr key={s.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${s.id}`}>{s.name}</RowLink>
          </th>
          <td>
            <StatusBadge status={s.state} startsAt={s.startsAt} />
          </td>
          <td className="cc-nowrap">
            {when(s.startsAt)}
            <span className="cc-sub cc-muted">→ {when(s.endsAt)}</span>
          </td>
          <td>{s.items.length}</td>
          <td>
            <SoldBar sold={s.totals?.sold ?? 0} stock={s.totals?.stock ?? 0} />
          </td>
          <td>{s.totals?.buyers ?? 0}</td>
          <td>
            <SlotActions slot={s} />
          </td>
        </tr>
      )}
    />
  );
}

function SoldBar({ sold, stock }: { sold: number; stock: number }) {
  const pct = stock ? Math.round((sold / stock) * 100) : 0;
  return (
    <div>
      <span>
        {sold} / {stock}
      </span>
      <div className="cc-progress" role="presentation">
        <span style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function SlotActions({ slot }: { slot: Pick<Slot, 'id' | 'name' | 'state'> }) {
  const { t } = useTranslation('campaigns');
  const path = { params: { path: { id: slot.id } } };
  return (
    <RunActions
      item={{ id: slot.id, name: slot.name, status: slot.state }}
      base={BASE}
      invalidate={[KEY, ['admin', 'flashsale', 'slot', slot.id]]}
      start={() => call(api.POST('/api/v1/admin/flashsale/slots/{id}/publish', path))}
      stop={() => call(api.POST('/api/v1/admin/flashsale/slots/{id}/stop', path))}
      startLabel={t('publish')}
      startedToast={t('flashsale.publishedToast')}
      stopMessage={t('flashsale.stopMessage', { name: slot.name })}
      pausable={false}
    />
  );
}

// ---- form -----------------------------------------------------------------------------------

interface ItemForm {
  key: string;
  sku: PickedSku | null;
  flashPrice: string;
  stock: string;
  perUserLimit: string;
}
interface FormState {
  name: string;
  nameEn: string;
  startsAt: string;
  endsAt: string;
  publish: boolean;
  items: ItemForm[];
}
type ItemErrors = Errors<'sku' | 'flashPrice' | 'stock' | 'perUserLimit'>;

const newItem = (): ItemForm => ({ key: crypto.randomUUID(), sku: null, flashPrice: '', stock: '', perUserLimit: '1' });

export function FlashsaleNew() {
  return <SlotForm initial={{ name: '', nameEn: '', startsAt: inHours(24), endsAt: inHours(26), publish: false, items: [newItem()] }} />;
}

export function FlashsaleEdit() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'flashsale', 'slot', id], queryFn: () => fetchSlot(id) });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(slot) =>
        slot.state !== 'draft' ? (
          <LockedEdit title={slot.name} back={`${BASE}/${slot.id}`} message={t('flashsale.lockedNotice')} />
        ) : (
          <SlotForm
            existing={slot}
            initial={{
              name: slot.name,
              nameEn: slot.nameEn ?? '',
              startsAt: isoToLocal(slot.startsAt),
              endsAt: isoToLocal(slot.endsAt),
              publish: false,
              items: slot.items.map((i) => ({
                key: i.id,
                sku: { skuId: i.skuId, productId: i.productId ?? '', title: i.title, label: i.skuLabel, price: i.listPrice, listPrice: i.listPrice },
                flashPrice: fenToYuan(i.flashPrice.amount),
                stock: String(i.stock),
                perUserLimit: String(i.perUserLimit),
              })),
            }}
          />
        )
      }
    </Required>
  );
}

function SlotForm({ initial, existing }: { initial: FormState; existing?: Slot }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const { formRef, f, setF, errors, setErrors } = useFormState(initial);
  const [itemErrors, setItemErrors] = useState<Record<string, ItemErrors>>({});
  const errorText = useErrorText();
  const setItem = (key: string, patch: Partial<ItemForm>) => {
    setF((x) => ({ ...x, items: x.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) }));
    setErrors((x) => ({ ...x, items: undefined }));
    setItemErrors((x) => (x[key] ? { ...x, [key]: { ...x[key], ...Object.fromEntries(Object.keys(patch).map((k) => [k, undefined])) } } : x));
  };
  const setField = (patch: Partial<FormState>) => {
    setF((x) => ({ ...x, ...patch }));
    setErrors((x) => ({ ...x, ...Object.fromEntries(Object.keys(patch).map((k) => [k, undefined])) }));
  };

  const save = useAction(
    (body: { name: string; nameEn: string | null; startsAt: string; endsAt: string; items: { skuId: string; flashPrice: { amount: number }; stock: number; perUserLimit: number }[]; publish: boolean }) => {
      if (existing) {
        const { publish: _ignored, ...rest } = body;
        return call(api.PUT('/api/v1/admin/flashsale/slots/{id}', { params: { path: { id: existing.id } }, body: rest }));
      }
      return call(api.POST('/api/v1/admin/flashsale/slots', { body, headers: { 'Idempotency-Key': idempotencyKey() } }));
    },
    {
      invalidate: [KEY, ['admin', 'flashsale', 'slot', existing?.id]],
      success: existing ? t('saved') : t('flashsale.created'),
      onDone: (slot) => navigate(`${BASE}/${slot.id}`),
      onError: (err) => {
        const { skuId } = errorField(err);
        const item = skuId ? f.items.find((i) => i.sku?.skuId === skuId) : undefined;
        if (item) {
          setItemErrors((x) => ({ ...x, [item.key]: { ...x[item.key], [isApiError(err, 'FLASHSALE_PRICE_INVALID') ? 'flashPrice' : 'sku']: errorText(err) } }));
          focusFirstError(formRef.current);
        }
      },
    },
  );

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: typeof errors = {};
    const ie: Record<string, ItemErrors> = {};
    e.name = nameError(f.name, t);
    const [startsAt, endsAt] = readDates(f, 'startsAt', 'endsAt', e, t, true);
    if (f.items.length === 0) e.items = t('flashsale.v.noItems');
    const seen = new Set<string>();
    const items = f.items.map((i) => {
      const err: ItemErrors = {};
      if (!i.sku) err.sku = t('v.sku');
      else if (seen.has(i.sku.skuId)) err.sku = t('flashsale.v.duplicate');
      if (i.sku) seen.add(i.sku.skuId);
      const price = yuanToFen(i.flashPrice);
      if (price === null || price < 1) err.flashPrice = t('v.moneyPositive');
      else if (i.sku && price >= i.sku.price.amount) err.flashPrice = t('flashsale.v.belowList', { price: money(i.sku.price) });
      const stock = parseIntIn(i.stock, 1, 1_000_000);
      if (stock === null) err.stock = t('v.intRange', { min: 1, max: 1_000_000 });
      const limit = parseIntIn(i.perUserLimit, 1, 99);
      if (limit === null) err.perUserLimit = t('v.intRange', { min: 1, max: 99 });
      if (hasErrors(err)) ie[i.key] = err;
      return { skuId: i.sku?.skuId ?? '', flashPrice: { amount: price ?? 0 }, stock: stock ?? 0, perUserLimit: limit ?? 1 };
    });
    setErrors(e);
    setItemErrors(ie);
    if (hasErrors(e) || Object.keys(ie).length) return focusFirstError(formRef.current);
    save.mutate({ name: f.name.trim(), nameEn: f.nameEn.trim() || null, startsAt: startsAt!, endsAt: endsAt!, items, publish: f.publish });
  };

  return (
    <FormPage title={existing ? t('flashsale.editTitle', { name: existing.name }) : t('flashsale.new')} base={BASE} existingId={existing?.id} busy={save.isPending} formRef={formRef} onSubmit={submit}>
      <div className="cc-grid">
        <TextField label={t('flashsale.f.name')} value={f.name} onChange={(e) => setField({ name: e.target.value })} error={errors.name} maxLength={60} />
        <TextField label={t('nameEn')} value={f.nameEn} onChange={(e) => setField({ nameEn: e.target.value })} maxLength={120} hint={t('nameEnHint')} />
        <TextField label={t('startsAt')} type="datetime-local" value={f.startsAt} onChange={(e) => setField({ startsAt: e.target.value })} error={errors.startsAt} />
        <TextField label={t('endsAt')} type="datetime-local" value={f.endsAt} onChange={(e) => setField({ endsAt: e.target.value })} error={errors.endsAt} />
      </div>
      <ItemsFieldset legend={t('flashsale.f.items')} error={errors.items} addLabel={t('flashsale.addItem')} onAdd={f.items.length < 50 ? () => setF((x) => ({ ...x, items: [...x.items, newItem()] })) : undefined}>
        {f.items.map((i, n) => {
          const err = itemErrors[i.key] ?? {};
          return (
            <ItemCard
              key={i.key}
              title={t('flashsale.itemN', { n: n + 1 })}
              removeLabel={t('flashsale.removeItem', { n: n + 1 })}
              onRemove={f.items.length > 1 ? () => setF((x) => ({ ...x, items: x.items.filter((y) => y.key !== i.key) })) : undefined}
            >
              <SkuPicker label={t('sku.pick')} value={i.sku} onChange={(sku) => setItem(i.key, { sku })} error={err.sku} />
              <div className="cc-grid">
                <TextField label={t('flashsale.f.flashPrice')} inputMode="decimal" value={i.flashPrice} onChange={(e) => setItem(i.key, { flashPrice: e.target.value })} error={err.flashPrice} hint={i.sku ? t('flashsale.listPrice', { price: money(i.sku.price) }) : undefined} />
                <TextField label={t('flashsale.f.stock')} inputMode="numeric" value={i.stock} onChange={(e) => setItem(i.key, { stock: e.target.value })} error={err.stock} />
                <TextField label={t('flashsale.f.perUserLimit')} inputMode="numeric" value={i.perUserLimit} onChange={(e) => setItem(i.key, { perUserLimit: e.target.value })} error={err.perUserLimit} />
              </div>
            </ItemCard>
          );
        })}
      </ItemsFieldset>
      {!existing && <CheckField label={t('flashsale.f.publish')} hint={t('flashsale.publishHint')} checked={f.publish} onChange={(v) => setF({ ...f, publish: v })} />}
    </FormPage>
  );
}

// ---- detail ---------------------------------------------------------------------------------

export function FlashsaleDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'flashsale', 'slot', id], queryFn: () => fetchSlot(id), refetchInterval: (query) => (query.state.data?.state === 'live' ? 3_000 : 15_000) });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(slot) => (
        <div className="cc-page">
          <PageHead title={slot.name} back={BASE} actions={<SlotActions slot={slot} />} />
          {slot.state !== 'draft' && <Notice>{t('flashsale.lockedNotice')}</Notice>}
          <Section title={t('liveNumbers')}>
            <Stats
              items={[
                { label: t('col.status'), value: <StatusBadge status={slot.state} startsAt={slot.startsAt} /> },
                { label: t('flashsale.stat.sold'), value: slot.totals?.sold ?? 0 },
                { label: t('flashsale.stat.remaining'), value: slot.totals?.remaining ?? 0 },
                { label: t('flashsale.stat.stock'), value: slot.totals?.stock ?? 0 },
                { label: t('flashsale.stat.buyers'), value: slot.totals?.buyers ?? 0 },
              ]}
            />
            <p className="cc-muted">
              {when(slot.startsAt)} → {when(slot.endsAt)}
              {slot.stoppedAt && <> · {t('flashsale.stoppedAt', { at: when(slot.stoppedAt) })}</>}
            </p>
          </Section>
          <CampaignResults kind="flashsale" campaignId={slot.id} />
          <Section title={t('flashsale.f.items')}>
            <ListTable caption={t('flashsale.f.items')} head={[t('col.sku'), t('flashsale.col.listPrice'), t('flashsale.f.flashPrice'), t('flashsale.f.perUserLimit'), t('flashsale.col.sold'), t('flashsale.stat.remaining'), t('flashsale.col.buyers')]}>
              {slot.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.title}
                    <span className="cc-sub cc-muted">{i.skuLabel}</span>
                  </th>
                  <td>{money(i.listPrice)}</td>
                  <td className="price">{money(i.flashPrice)}</td>
                  <td>{i.perUserLimit}</td>
                  <td>
                    <SoldBar sold={i.sold ?? i.stock - i.remaining} stock={i.stock} />
                  </td>
                  <td>{i.soldOut ? <StatusBadge status="soldOut" /> : i.remaining}</td>
                  <td>{i.buyers ?? 0}</td>
                </tr>
              ))}
            </ListTable>
          </Section>
        </div>
      )}
    </Required>
  );
}
