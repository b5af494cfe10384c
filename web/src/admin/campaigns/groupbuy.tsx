// Group buying (拼团): list with live team numbers, create and edit drafts (SKU, group price, team
// size, duration, limits, auto-fill with its disclosure), start, stop with confirmation, detail.
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { TextArea, TextField } from '../../shared/ui';
import {
  CheckField,
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
import { ListPage, RowLink } from './list';

const BASE = '/campaigns/groupbuy';
const KEY = ['admin', 'groupbuy', 'campaigns'];
const fetchCampaign = (id: string) => call(api.GET('/api/v1/admin/groupbuy/campaigns/{id}', { params: { path: { id } } }));
type Campaign = Awaited<ReturnType<typeof fetchCampaign>>['campaign'];

export function SkuCell({ skuId, productId }: { skuId: string; productId: string }) {
  const sku = useSku(skuId, productId);
  if (sku.isPending) return <span className="cc-muted">…</span>;
  if (!sku.data) return <span className="cc-mono">{skuId.slice(0, 8)}</span>;
  return (
    <span>
      {sku.data.title}
      <span className="cc-sub cc-muted">
        {sku.data.label} · {money(sku.data.price)}
      </span>
    </span>
  );
}

export function DatesCell({ startsAt, endsAt }: { startsAt: string | null; endsAt: string | null }) {
  const { t } = useTranslation('campaigns');
  if (!startsAt && !endsAt) return <span className="cc-muted">{t('noDates')}</span>;
  return (
    <span className="cc-nowrap">
      {startsAt ? when(startsAt) : '—'}
      <span className="cc-sub cc-muted">→ {endsAt ? when(endsAt) : '—'}</span>
    </span>
  );
}

export function GroupbuyList() {
  const { t } = useTranslation('campaigns');
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/groupbuy/campaigns')), refetchInterval: 15_000 });
  return (
    <ListPage
      title={t('groupbuy.title')}
      base={BASE}
      newLabel={t('groupbuy.new')}
      query={list}
      items={list.data?.items}
      empty={t('groupbuy.empty')}
      head={[t('col.name'), t('col.status'), t('col.sku'), t('groupbuy.col.price'), t('groupbuy.f.teamSize'), t('col.stock'), t('col.dates'), t('col.actions')]}
      row={(c) => (
        <tr key={c.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${c.id}`}>{c.name}</RowLink>
            {c.autoFill.enabled && <span className="cc-sub cc-muted">{t('groupbuy.autoFillOn')}</span>}
          </th>
          <td>
            <StatusBadge status={c.status} startsAt={c.startsAt} />
          </td>
          <td>
            <SkuCell skuId={c.skuId} productId={c.productId} />
          </td>
          <td className="price">{money(c.groupPrice)}</td>
          <td>{c.teamSize}</td>
          <td>
            {c.stockLeft} / {c.stock}
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
  return <CampaignRunActions kind="groupbuy" c={c} base={BASE} stopMessage={`${t('stopConfirm', { name: c.name })} ${t('groupbuy.stopNote')}`} />;
}

// ---- form -----------------------------------------------------------------------------------

interface FormState {
  name: string;
  nameEn: string;
  description: string;
  sku: PickedSku | null;
  groupPrice: string;
  leaderDiscount: string;
  teamSize: string;
  expiryHours: string;
  perUserLimit: string;
  stock: string;
  seatTimeoutMinutes: string;
  newCustomersOnly: boolean;
  startsAt: string;
  endsAt: string;
  autoFill: boolean;
  minRealMembers: string;
}
type Field = keyof FormState;

export function GroupbuyNew() {
  return (
    <CampaignForm
      initial={{ name: '', nameEn: '', description: '', sku: null, groupPrice: '', leaderDiscount: '0', teamSize: '2', expiryHours: '24', perUserLimit: '1', stock: '', seatTimeoutMinutes: '15', newCustomersOnly: false, startsAt: '', endsAt: '', autoFill: false, minRealMembers: '1' }}
    />
  );
}

export function GroupbuyEdit() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['admin', 'groupbuy', 'campaign', id], queryFn: () => fetchCampaign(id) });
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
              description: c.description ?? '',
              sku: sku.data ?? null,
              groupPrice: fenToYuan(c.groupPrice.amount),
              leaderDiscount: fenToYuan(c.leaderDiscount.amount),
              teamSize: String(c.teamSize),
              expiryHours: String(c.expiryHours),
              perUserLimit: String(c.perUserLimit),
              stock: String(c.stock),
              seatTimeoutMinutes: String(c.seatTimeoutMinutes),
              newCustomersOnly: c.newCustomersOnly,
              startsAt: isoToLocal(c.startsAt),
              endsAt: isoToLocal(c.endsAt),
              autoFill: c.autoFill.enabled,
              minRealMembers: String(c.autoFill.minRealMembers),
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
    (body: JsonBody<'/api/v1/admin/groupbuy/campaigns', 'post'>) =>
      existing
        ? call(api.PUT('/api/v1/admin/groupbuy/campaigns/{id}', { params: { path: { id: existing.id } }, body }))
        : call(api.POST('/api/v1/admin/groupbuy/campaigns', { body, headers: { 'Idempotency-Key': idempotencyKey() } })),
    { invalidate: [KEY, ['admin', 'groupbuy', 'campaign', existing?.id]], success: existing ? t('saved') : t('groupbuy.created'), onDone: (c) => navigate(`${BASE}/${c.id}`) },
  );

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Errors<Field> = {};
    e.name = nameError(f.name, t);
    if (f.description.length > 500) e.description = t('v.tooLong', { max: 500 });
    if (!f.sku) e.sku = t('v.sku');
    const price = yuanToFen(f.groupPrice);
    if (price === null || price < 1) e.groupPrice = t('v.moneyPositive');
    else if (f.sku && price >= f.sku.price.amount) e.groupPrice = t('groupbuy.v.belowList', { price: money(f.sku.price) });
    const leader = f.leaderDiscount.trim() ? yuanToFen(f.leaderDiscount) : 0;
    if (leader === null) e.leaderDiscount = t('v.money');
    else if (price !== null && leader >= price) e.leaderDiscount = t('groupbuy.v.leaderTooLarge');
    const teamSize = parseIntIn(f.teamSize, 2, 10);
    if (teamSize === null) e.teamSize = t('v.intRange', { min: 2, max: 10 });
    const expiry = parseIntIn(f.expiryHours, 1, 168);
    if (expiry === null) e.expiryHours = t('v.intRange', { min: 1, max: 168 });
    const limit = parseIntIn(f.perUserLimit, 1, 100);
    if (limit === null) e.perUserLimit = t('v.intRange', { min: 1, max: 100 });
    const stock = parseIntIn(f.stock, 1, 1_000_000);
    if (stock === null) e.stock = t('v.intRange', { min: 1, max: 1_000_000 });
    const seat = parseIntIn(f.seatTimeoutMinutes, 1, 1440);
    if (seat === null) e.seatTimeoutMinutes = t('v.intRange', { min: 1, max: 1440 });
    else if (expiry !== null && seat >= expiry * 60) e.seatTimeoutMinutes = t('groupbuy.v.seatTimeout');
    const [startsAt, endsAt] = readDates(f, 'startsAt', 'endsAt', e, t);
    let minReal = 1;
    if (f.autoFill) {
      const m = parseIntIn(f.minRealMembers, 1, 9);
      if (m === null || (teamSize !== null && m >= teamSize)) e.minRealMembers = t('groupbuy.v.minReal', { max: (teamSize ?? 10) - 1 });
      else minReal = m;
    }
    setErrors(e);
    if (hasErrors(e)) return focusFirstError(formRef.current);
    save.mutate({
      name: f.name.trim(),
      nameEn: f.nameEn.trim() || null,
      description: f.description.trim() || undefined,
      skuId: f.sku!.skuId,
      groupPrice: price!,
      leaderDiscount: leader!,
      teamSize: teamSize!,
      expiryHours: expiry!,
      perUserLimit: limit!,
      stock: stock!,
      seatTimeoutMinutes: seat!,
      newCustomersOnly: f.newCustomersOnly,
      startsAt,
      endsAt,
      autoFill: f.autoFill ? { enabled: true, minRealMembers: minReal } : { enabled: false },
    });
  };

  return (
    <FormPage title={existing ? t('groupbuy.editTitle', { name: existing.name }) : t('groupbuy.new')} base={BASE} existingId={existing?.id} busy={save.isPending} formRef={formRef} onSubmit={submit}>
      <TextField label={t('groupbuy.f.name')} value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.name} maxLength={60} />
      <TextField label={t('nameEn')} value={f.nameEn} onChange={(e) => set('nameEn', e.target.value)} maxLength={120} hint={t('nameEnHint')} />
      <SkuPicker label={t('sku.pick')} value={f.sku} onChange={(sku) => set('sku', sku)} error={errors.sku} />
      <div className="cc-grid">
        <TextField label={t('groupbuy.f.groupPrice')} inputMode="decimal" value={f.groupPrice} onChange={(e) => set('groupPrice', e.target.value)} error={errors.groupPrice} hint={f.sku ? t('flashsale.listPrice', { price: money(f.sku.price) }) : undefined} />
        <TextField label={t('groupbuy.f.leaderDiscount')} inputMode="decimal" value={f.leaderDiscount} onChange={(e) => set('leaderDiscount', e.target.value)} error={errors.leaderDiscount} hint={t('groupbuy.leaderHint')} />
        <TextField label={t('groupbuy.f.teamSize')} inputMode="numeric" value={f.teamSize} onChange={(e) => set('teamSize', e.target.value)} error={errors.teamSize} />
        <TextField label={t('groupbuy.f.expiryHours')} inputMode="numeric" value={f.expiryHours} onChange={(e) => set('expiryHours', e.target.value)} error={errors.expiryHours} hint={t('groupbuy.expiryHint')} />
        <TextField label={t('groupbuy.f.stock')} inputMode="numeric" value={f.stock} onChange={(e) => set('stock', e.target.value)} error={errors.stock} />
        <TextField label={t('groupbuy.f.perUserLimit')} inputMode="numeric" value={f.perUserLimit} onChange={(e) => set('perUserLimit', e.target.value)} error={errors.perUserLimit} />
        <TextField label={t('groupbuy.f.seatTimeout')} inputMode="numeric" value={f.seatTimeoutMinutes} onChange={(e) => set('seatTimeoutMinutes', e.target.value)} error={errors.seatTimeoutMinutes} hint={t('groupbuy.seatHint')} />
        <TextField label={t('startsAt')} type="datetime-local" value={f.startsAt} onChange={(e) => set('startsAt', e.target.value)} error={errors.startsAt} hint={t('optional')} />
        <TextField label={t('endsAt')} type="datetime-local" value={f.endsAt} onChange={(e) => set('endsAt', e.target.value)} error={errors.endsAt} hint={t('optional')} />
      </div>
      <CheckField label={t('groupbuy.f.newCustomersOnly')} checked={f.newCustomersOnly} onChange={(v) => set('newCustomersOnly', v)} />
      <fieldset className="cc-fieldset">
        <legend>{t('groupbuy.f.autoFill')}</legend>
        <CheckField label={t('groupbuy.f.autoFillEnabled')} hint={t('groupbuy.autoFillDisclosure')} checked={f.autoFill} onChange={(v) => set('autoFill', v)} />
        {f.autoFill && <TextField label={t('groupbuy.f.minRealMembers')} inputMode="numeric" value={f.minRealMembers} onChange={(e) => set('minRealMembers', e.target.value)} error={errors.minRealMembers} hint={t('groupbuy.minRealHint')} />}
      </fieldset>
      <TextArea label={t('groupbuy.f.description')} value={f.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} hint={t('optional')} />
    </FormPage>
  );
}

// ---- detail ---------------------------------------------------------------------------------

export function GroupbuyDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'groupbuy', 'campaign', id], queryFn: () => fetchCampaign(id), refetchInterval: 10_000 });
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
                { label: t('groupbuy.stat.forming'), value: stats.teams.forming },
                { label: t('groupbuy.stat.open'), value: stats.teams.open },
                { label: t('groupbuy.stat.completed'), value: stats.teams.completed },
                { label: t('groupbuy.stat.failed'), value: stats.teams.failed + stats.teams.cancelled },
                { label: t('groupbuy.stat.members'), value: stats.members },
                { label: t('groupbuy.stat.virtual'), value: stats.virtualMembers },
                { label: t('groupbuy.stat.refunded'), value: stats.refundedMembers },
                { label: t('groupbuy.stat.gmv'), value: money(stats.gmv) },
                { label: t('groupbuy.stat.stockLeft'), value: `${c.stockLeft} / ${c.stock}` },
              ]}
            />
          </Section>
          <CampaignResults kind="groupbuy" campaignId={c.id} />
          <Section title={t('rules')}>
            <Facts
              items={[
                { label: t('col.status'), value: <StatusBadge status={c.status} startsAt={c.startsAt} /> },
                { label: t('col.sku'), value: sku.data ? <SkuSummary sku={sku.data} /> : '…' },
                { label: t('groupbuy.f.groupPrice'), value: money(c.groupPrice) },
                { label: t('groupbuy.leaderPrice'), value: money(c.leaderPrice) },
                { label: t('groupbuy.f.teamSize'), value: c.teamSize },
                { label: t('groupbuy.f.expiryHours'), value: c.expiryHours },
                { label: t('groupbuy.f.perUserLimit'), value: c.perUserLimit },
                { label: t('groupbuy.f.seatTimeout'), value: c.seatTimeoutMinutes },
                { label: t('groupbuy.f.newCustomersOnly'), value: c.newCustomersOnly ? t('yes') : t('no') },
                { label: t('groupbuy.f.autoFill'), value: c.autoFill.enabled ? t('groupbuy.autoFillSummary', { n: c.autoFill.minRealMembers }) : t('no') },
                { label: t('startsAt'), value: c.startsAt ? when(c.startsAt) : t('noDates') },
                { label: t('endsAt'), value: c.endsAt ? when(c.endsAt) : t('noDates') },
                { label: t('groupbuy.f.description'), value: c.description || '—' },
              ]}
            />
            {c.autoFill.enabled && <Notice>{t('groupbuy.autoFillDisclosure')}</Notice>}
          </Section>
        </div>
      )}
    </Required>
  );
}
