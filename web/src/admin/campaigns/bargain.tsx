// Price-cut (砍价): list with live numbers, create and edit drafts (SKU, starting and floor price,
// helpers needed, time, stock, helper limits, buying mode), start, stop with confirmation, detail.
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { SelectField, TextField } from '../../shared/ui';
import {
  Facts,
  FormPage,
  Notice,
  PageHead,
  Required,
  Section,
  SkuPicker,
  SkuSummary,
  Stats,
  StatusBadge,
  fenToYuan,
  focusFirstError,
  hasErrors,
  isoToLocal,
  nameError,
  readDates,
  money,
  parseIntIn,
  useAction,
  useFormState,
  useSku,
  when,
  yuanToFen,
  type Errors,
  type JsonBody,
  type PickedSku,
} from './common';
import { CampaignResults } from './results';
import { CampaignRunActions, LockedEdit } from './actions';
import { DatesCell } from './groupbuy';
import { ListPage, RowLink } from './list';

const BASE = '/campaigns/bargain';
const KEY = ['admin', 'bargain', 'campaigns'];
const fetchCampaign = (id: string) => call(api.GET('/api/v1/admin/bargain/campaigns/{id}', { params: { path: { id } } }));
type Campaign = Awaited<ReturnType<typeof fetchCampaign>>['campaign'];
type BuyMode = 'any_time' | 'floor_only';

export function BargainList() {
  const { t } = useTranslation('campaigns');
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/bargain/campaigns')), refetchInterval: 15_000 });
  return (
    <ListPage
      title={t('bargain.title')}
      base={BASE}
      newLabel={t('bargain.new')}
      query={list}
      items={list.data?.items}
      empty={t('bargain.empty')}
      head={[t('col.name'), t('col.status'), t('col.sku'), t('bargain.col.prices'), t('bargain.f.helpersNeeded'), t('col.stock'), t('col.dates'), t('col.actions')]}
      row={(c) => (
        <tr key={c.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${c.id}`}>{c.name}</RowLink>
          </th>
          <td>
            <StatusBadge status={c.status} startsAt={c.startsAt} />
          </td>
          <td>{c.title}</td>
          <td className="cc-nowrap">
            {money(c.originalPrice)} → <span className="price">{money(c.floorPrice)}</span>
          </td>
          <td>{c.helpersNeeded}</td>
          <td>
            {c.stockLeft} / {c.stockTotal}
          </td>
          <td>
            <DatesCell startsAt={c.startsAt} endsAt={c.endsAt} />
          </td>
          <td>
            <CampaignActions c={c} />
          </td>
        </tr>
      )}
    />
  );
}

function CampaignActions({ c }: { c: Pick<Campaign, 'id' | 'name' | 'status'> }) {
  const { t } = useTranslation('campaigns');
  return <CampaignRunActions kind="bargain" c={c} base={BASE} stopMessage={`${t('stopConfirm', { name: c.name })} ${t('bargain.stopNote')}`} />;
}

// ---- form -----------------------------------------------------------------------------------

interface FormState {
  name: string;
  nameEn: string;
  sku: PickedSku | null;
  originalPrice: string;
  floorPrice: string;
  helpersNeeded: string;
  expiryHours: string;
  stock: string;
  helperDailyLimit: string;
  buyMode: BuyMode;
  payWithinMinutes: string;
  startsAt: string;
  endsAt: string;
}
type Field = keyof FormState;

export function BargainNew() {
  return <CampaignForm initial={{ name: '', nameEn: '', sku: null, originalPrice: '', floorPrice: '', helpersNeeded: '5', expiryHours: '24', stock: '', helperDailyLimit: '3', buyMode: 'any_time', payWithinMinutes: '30', startsAt: '', endsAt: '' }} />;
}

export function BargainEdit() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['admin', 'bargain', 'campaign', id], queryFn: () => fetchCampaign(id) });
  const sku = useSku(q.data?.campaign.skuId, q.data?.campaign.productId);
  const { t } = useTranslation('campaigns');
  return (
    <Required data={q.data && !sku.isPending ? q.data : undefined} error={q.error ?? sku.error} refetch={() => void q.refetch()}>
      {({ campaign: c }) =>
        c.status !== 'draft' ? (
          <LockedEdit title={c.name} back={`${BASE}/${c.id}`} message={t('lockedAfterStart')} />
        ) : (
          <CampaignForm
            existing={c}
            initial={{
              name: c.name,
              nameEn: c.nameEn ?? '',
              sku: sku.data ?? null,
              originalPrice: sku.data && sku.data.price.amount === c.originalPrice.amount ? '' : fenToYuan(c.originalPrice.amount),
              floorPrice: fenToYuan(c.floorPrice.amount),
              helpersNeeded: String(c.helpersNeeded),
              expiryHours: String(c.expiryHours),
              stock: String(c.stockTotal),
              helperDailyLimit: String(c.helperDailyLimit),
              buyMode: c.buyMode as BuyMode,
              payWithinMinutes: String(c.payWithinMinutes),
              startsAt: isoToLocal(c.startsAt),
              endsAt: isoToLocal(c.endsAt),
            }}
          />
        )
      }
    </Required>
  );
}

function CampaignForm({ initial, existing }: { initial: FormState; existing?: Campaign }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const { formRef, f, errors, setErrors, set } = useFormState(initial);
  const save = useAction(
    (body: JsonBody<'/api/v1/admin/bargain/campaigns', 'post'>) =>
      existing
        ? call(api.PUT('/api/v1/admin/bargain/campaigns/{id}', { params: { path: { id: existing.id } }, body }))
        : call(api.POST('/api/v1/admin/bargain/campaigns', { body, headers: { 'Idempotency-Key': idempotencyKey() } })),
    { invalidate: [KEY, ['admin', 'bargain', 'campaign', existing?.id]], success: existing ? t('saved') : t('bargain.created'), onDone: (c) => navigate(`${BASE}/${c.id}`) },
  );

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Errors<Field> = {};
    e.name = nameError(f.name, t);
    if (!f.sku) e.sku = t('v.sku');
    let original: number | null = f.sku?.price.amount ?? null;
    if (f.originalPrice.trim()) {
      original = yuanToFen(f.originalPrice);
      if (original === null || original < 2) e.originalPrice = t('v.moneyPositive');
    }
    const floor = yuanToFen(f.floorPrice);
    const helpers = parseIntIn(f.helpersNeeded, 1, 100);
    if (helpers === null) e.helpersNeeded = t('v.intRange', { min: 1, max: 100 });
    if (floor === null || floor < 1) e.floorPrice = t('v.moneyPositive');
    else if (original !== null && !e.originalPrice && floor >= original) e.floorPrice = t('bargain.v.floorBelowOriginal', { price: money({ amount: original, currency: f.sku?.price.currency ?? 'CNY' }) });
    else if (original !== null && helpers !== null && original - floor < helpers) e.helpersNeeded = t('bargain.v.gap');
    const expiry = parseIntIn(f.expiryHours, 1, 168);
    if (expiry === null) e.expiryHours = t('v.intRange', { min: 1, max: 168 });
    const stock = parseIntIn(f.stock, 0, 1_000_000);
    if (stock === null) e.stock = t('v.intRange', { min: 0, max: 1_000_000 });
    const daily = parseIntIn(f.helperDailyLimit, 1, 100);
    if (daily === null) e.helperDailyLimit = t('v.intRange', { min: 1, max: 100 });
    const pay = parseIntIn(f.payWithinMinutes, 1, 1440);
    if (pay === null) e.payWithinMinutes = t('v.intRange', { min: 1, max: 1440 });
    const [startsAt, endsAt] = readDates(f, 'startsAt', 'endsAt', e, t);
    setErrors(e);
    if (hasErrors(e)) return focusFirstError(formRef.current);
    save.mutate({
      name: f.name.trim(),
      nameEn: f.nameEn.trim() || null,
      skuId: f.sku!.skuId,
      originalAmount: f.originalPrice.trim() ? original! : undefined,
      floorAmount: floor!,
      helpersNeeded: helpers!,
      expiryHours: expiry!,
      stock: stock!,
      helperDailyLimit: daily!,
      buyMode: f.buyMode,
      payWithinMinutes: pay!,
      startsAt,
      endsAt,
    });
  };

  return (
    <FormPage title={existing ? t('bargain.editTitle', { name: existing.name }) : t('bargain.new')} base={BASE} existingId={existing?.id} busy={save.isPending} formRef={formRef} onSubmit={submit}>
      <TextField label={t('bargain.f.name')} value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.name} maxLength={60} />
      <TextField label={t('nameEn')} value={f.nameEn} onChange={(e) => set('nameEn', e.target.value)} maxLength={120} hint={t('nameEnHint')} />
      <SkuPicker label={t('sku.pick')} value={f.sku} onChange={(sku) => set('sku', sku)} error={errors.sku} />
      <div className="cc-grid">
        <TextField label={t('bargain.f.originalPrice')} inputMode="decimal" value={f.originalPrice} onChange={(e) => set('originalPrice', e.target.value)} error={errors.originalPrice} hint={f.sku ? t('bargain.originalHint', { price: money(f.sku.price) }) : t('optional')} />
        <TextField label={t('bargain.f.floorPrice')} inputMode="decimal" value={f.floorPrice} onChange={(e) => set('floorPrice', e.target.value)} error={errors.floorPrice} />
        <TextField label={t('bargain.f.helpersNeeded')} inputMode="numeric" value={f.helpersNeeded} onChange={(e) => set('helpersNeeded', e.target.value)} error={errors.helpersNeeded} />
        <TextField label={t('bargain.f.expiryHours')} inputMode="numeric" value={f.expiryHours} onChange={(e) => set('expiryHours', e.target.value)} error={errors.expiryHours} />
        <TextField label={t('bargain.f.stock')} inputMode="numeric" value={f.stock} onChange={(e) => set('stock', e.target.value)} error={errors.stock} />
        <TextField label={t('bargain.f.helperDailyLimit')} inputMode="numeric" value={f.helperDailyLimit} onChange={(e) => set('helperDailyLimit', e.target.value)} error={errors.helperDailyLimit} />
        <SelectField label={t('bargain.f.buyMode')} value={f.buyMode} onChange={(e) => set('buyMode', e.target.value as BuyMode)}>
          {(['any_time', 'floor_only'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`bargain.buyMode.${m}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('bargain.f.payWithinMinutes')} inputMode="numeric" value={f.payWithinMinutes} onChange={(e) => set('payWithinMinutes', e.target.value)} error={errors.payWithinMinutes} />
        <TextField label={t('startsAt')} type="datetime-local" value={f.startsAt} onChange={(e) => set('startsAt', e.target.value)} error={errors.startsAt} hint={t('optional')} />
        <TextField label={t('endsAt')} type="datetime-local" value={f.endsAt} onChange={(e) => set('endsAt', e.target.value)} error={errors.endsAt} hint={t('optional')} />
      </div>
    </FormPage>
  );
}

// ---- detail ---------------------------------------------------------------------------------

export function BargainDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'bargain', 'campaign', id], queryFn: () => fetchCampaign(id), refetchInterval: 10_000 });
  const sku = useSku(q.data?.campaign.skuId, q.data?.campaign.productId);
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {({ campaign: c, stats }) => (
        <div className="cc-page">
          <PageHead title={c.name} back={BASE} actions={<CampaignActions c={c} />} />
          {c.status !== 'draft' && <Notice>{t('lockedAfterStart')}</Notice>}
          <Section title={t('liveNumbers')}>
            <Stats
              items={[
                { label: t('bargain.stat.open'), value: stats.cuts.open },
                { label: t('bargain.stat.succeeded'), value: stats.cuts.succeeded },
                { label: t('bargain.stat.ordered'), value: stats.cuts.ordered },
                { label: t('bargain.stat.bought'), value: stats.cuts.bought },
                { label: t('bargain.stat.expired'), value: stats.cuts.expired },
                { label: t('bargain.stat.helps'), value: stats.helps },
                { label: t('bargain.stat.helpers'), value: stats.helpers },
                { label: t('bargain.stat.newCustomerHelps'), value: stats.newCustomerHelps },
                { label: t('bargain.stat.unitsTaken'), value: stats.unitsTaken },
                { label: t('bargain.stat.stockLeft'), value: `${stats.stockLeft} / ${c.stockTotal}` },
              ]}
            />
          </Section>
          <CampaignResults kind="bargain" campaignId={c.id} />
          <Section title={t('rules')}>
            <Facts
              items={[
                { label: t('col.status'), value: <StatusBadge status={c.status} startsAt={c.startsAt} /> },
                { label: t('col.sku'), value: sku.data ? <SkuSummary sku={sku.data} /> : c.title },
                { label: t('bargain.f.originalPrice'), value: money(c.originalPrice) },
                { label: t('bargain.f.floorPrice'), value: money(c.floorPrice) },
                { label: t('bargain.f.helpersNeeded'), value: c.helpersNeeded },
                { label: t('bargain.f.expiryHours'), value: c.expiryHours },
                { label: t('bargain.f.helperDailyLimit'), value: c.helperDailyLimit },
                { label: t('bargain.f.buyMode'), value: t(`bargain.buyMode.${c.buyMode}`, { defaultValue: c.buyMode }) },
                { label: t('bargain.f.payWithinMinutes'), value: c.payWithinMinutes },
                { label: t('startsAt'), value: c.startsAt ? when(c.startsAt) : t('noDates') },
                { label: t('endsAt'), value: c.endsAt ? when(c.endsAt) : t('noDates') },
              ]}
            />
          </Section>
        </div>
      )}
    </Required>
  );
}
