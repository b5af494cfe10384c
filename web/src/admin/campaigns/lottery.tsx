// Lucky draw (抽奖): list, create and edit while the rules are open (prize pool with weights,
// stock and market value, chances), publish, stop with confirmation, and a detail view with the
// odds, and its results (prize pool with products, draws by name, prize cost, chances) from ./results.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey, isApiError } from '../../shared/api';
import { SelectField, TextArea, TextField, useErrorText } from '../../shared/ui';
import {
  Facts,
  FormPage,
  ItemCard,
  ItemsFieldset,
  Notice,
  PageHead,
  Required,
  Section,
  SkuPicker,
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
  TemplateOptions,
  useActiveTemplates,
  useAction,
  useFormState,
  when,
  yuanToFen,
  type Errors,
  type JsonBody,
  type PickedSku,
} from './common';
import { LockedEdit, RunActions } from './actions';
import { CampaignResults } from './results';
import { ListPage, RowLink } from './list';

const BASE = '/campaigns/lottery';
const KEY = ['admin', 'lottery', 'draws'];
const fetchDraw = (id: string) => call(api.GET('/api/v1/admin/lottery/draws/{id}', { params: { path: { id } } }));
type Draw = Awaited<ReturnType<typeof fetchDraw>>;
type PrizeKind = 'coupon' | 'points' | 'product' | 'nothing';
const KINDS: PrizeKind[] = ['coupon', 'points', 'product', 'nothing'];

/** draft, scheduled (published: rules locked, not started), active, paused, ended — the campaign kernel's statuses. */
function phase(d: Pick<Draw, 'status' | 'startsAt'>): string {
  return d.status;
}
const editable = (d: Pick<Draw, 'status' | 'startsAt'>) => d.status === 'draft';
const pct = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 2 : 1)}%`;

export function LotteryList() {
  const { t } = useTranslation('campaigns');
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/lottery/draws')), refetchInterval: 15_000 });
  return (
    <ListPage
      title={t('lottery.title')}
      base={BASE}
      newLabel={t('lottery.new')}
      query={list}
      items={list.data?.items}
      empty={t('lottery.empty')}
      head={[t('col.name'), t('col.status'), t('col.dates'), t('lottery.col.prizes'), t('lottery.col.stockLeft'), t('col.actions')]}
      row={(d) => (
        <tr key={d.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${d.id}`}>{d.name}</RowLink>
          </th>
          <td>
            <StatusBadge status={phase(d)} startsAt={d.startsAt} />
          </td>
          <td className="cc-nowrap">
            {when(d.startsAt)}
            <span className="cc-sub cc-muted">→ {when(d.endsAt)}</span>
          </td>
          <td>{d.prizes.length}</td>
          <td>{d.prizes.filter((p) => p.stockTotal !== null).reduce((s, p) => s + (p.stockLeft ?? 0), 0)}</td>
          <td>
            <DrawActions d={d} />
          </td>
        </tr>
      )}
    />
  );
}

function DrawActions({ d }: { d: Pick<Draw, 'id' | 'name' | 'status' | 'startsAt'> }) {
  const { t } = useTranslation('campaigns');
  const path = { params: { path: { id: d.id } } };
  return (
    <RunActions
      item={d}
      base={BASE}
      invalidate={[KEY, ['admin', 'lottery', 'draw', d.id]]}
      start={() => call(api.POST('/api/v1/admin/lottery/draws/{id}/start', path))}
      stop={() => call(api.POST('/api/v1/admin/lottery/draws/{id}/stop', path))}
      startLabel={t('publish')}
      startedToast={t('lottery.publishedToast')}
      canEdit={editable(d)}
      stopMessage={t('stopConfirm', { name: d.name })}
    />
  );
}

// ---- form -----------------------------------------------------------------------------------

interface PrizeForm {
  key: string;
  name: string;
  kind: PrizeKind;
  templateId: string;
  points: string;
  sku: PickedSku | null;
  weight: string;
  stock: string;
  value: string;
}
interface FormState {
  name: string;
  nameEn: string;
  rulesText: string;
  startsAt: string;
  endsAt: string;
  dailyFreeChances: string;
  shareChances: string;
  shareDailyCap: string;
  inviteChances: string;
  inviteDailyCap: string;
  prizes: PrizeForm[];
}
type Field = Exclude<keyof FormState, 'prizes'> | 'prizes';
type PrizeErrors = Errors<'name' | 'templateId' | 'points' | 'sku' | 'weight' | 'stock' | 'value'>;

const newPrize = (kind: PrizeKind = 'points'): PrizeForm => ({ key: crypto.randomUUID(), name: '', kind, templateId: '', points: '', sku: null, weight: '', stock: '', value: '0' });

export function LotteryNew() {
  return (
    <DrawForm
      initial={{ name: '', nameEn: '', rulesText: '', startsAt: inHours(24), endsAt: inHours(24 * 8), dailyFreeChances: '1', shareChances: '1', shareDailyCap: '3', inviteChances: '1', inviteDailyCap: '5', prizes: [newPrize('points'), newPrize('nothing')] }}
    />
  );
}

export function LotteryEdit() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'lottery', 'draw', id], queryFn: () => fetchDraw(id) });
  // The product prizes' titles (the draw keeps only their SKU ids).
  const pool = useQuery({ queryKey: ['admin', 'lottery', 'prize-cost', id], queryFn: () => call(api.GET('/api/v1/admin/lottery/draws/{id}/prize-cost', { params: { path: { id } } })) });
  const both = q.data && pool.data ? { d: q.data, products: new Map(pool.data.prizes.flatMap((p) => (p.product ? [[p.id, p.product] as const] : []))) } : undefined;
  return (
    <Required data={both} error={q.error ?? pool.error} refetch={() => void Promise.all([q.refetch(), pool.refetch()])}>
      {({ d, products }) =>
        !editable(d) ? (
          <LockedEdit title={d.name} back={`${BASE}/${d.id}`} message={t('lottery.lockedNotice')} />
        ) : (
          <EditLoaded d={d} products={products} />
        )
      }
    </Required>
  );
}

type PrizeProduct = { productId: string; title: string; skuLabel: string };

/** A product prize shows as chosen, by its product's title, until changed. */
function EditLoaded({ d, products }: { d: Draw; products: Map<string, PrizeProduct> }) {
  return (
    <DrawForm
      existing={d}
      initial={{
        name: d.name,
        nameEn: d.nameEn ?? '',
        rulesText: d.rulesText,
        startsAt: isoToLocal(d.startsAt),
        endsAt: isoToLocal(d.endsAt),
        dailyFreeChances: String(d.dailyFreeChances),
        shareChances: String(d.shareChances),
        shareDailyCap: String(d.shareDailyCap),
        inviteChances: String(d.inviteChances),
        inviteDailyCap: String(d.inviteDailyCap),
        prizes: d.prizes.map((p) => ({
          key: p.id,
          name: p.name,
          kind: p.kind as PrizeKind,
          templateId: p.templateId ?? '',
          points: p.points === null ? '' : String(p.points),
          sku: p.skuId ? { skuId: p.skuId, productId: products.get(p.id)?.productId ?? '', title: products.get(p.id)?.title ?? p.name, label: products.get(p.id)?.skuLabel ?? '', price: p.value, listPrice: null } : null,
          weight: String(p.weight),
          stock: p.stockTotal === null ? '' : String(p.stockTotal),
          value: fenToYuan(p.value.amount),
        })),
      }}
    />
  );
}

function DrawForm({ initial, existing }: { initial: FormState; existing?: Draw }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const { formRef, f, setF, errors, setErrors, set } = useFormState(initial);
  const [prizeErrors, setPrizeErrors] = useState<Record<string, PrizeErrors>>({});
  const errorText = useErrorText();
  const templates = useActiveTemplates();
  const setPrize = (key: string, patch: Partial<PrizeForm>) => {
    setF((x) => ({ ...x, prizes: x.prizes.map((p) => (p.key === key ? { ...p, ...patch } : p)) }));
    setErrors((x) => ({ ...x, prizes: undefined }));
    setPrizeErrors((x) => (x[key] ? { ...x, [key]: { ...x[key], ...Object.fromEntries(Object.keys(patch).map((k) => [k === 'kind' ? 'name' : k, undefined])) } } : x));
  };
  const totalWeight = f.prizes.reduce((s, p) => s + (parseIntIn(p.weight, 0, 1_000_000) ?? 0), 0);

  const save = useAction(
    (body: JsonBody<'/api/v1/admin/lottery/draws', 'post'>) =>
      existing
        ? call(api.PUT('/api/v1/admin/lottery/draws/{id}', { params: { path: { id: existing.id } }, body }))
        : call(api.POST('/api/v1/admin/lottery/draws', { body, headers: { 'Idempotency-Key': idempotencyKey() } })),
    {
      invalidate: [KEY, ['admin', 'lottery', 'draw', existing?.id]],
      success: existing ? t('saved') : t('lottery.created'),
      onDone: (d) => navigate(`${BASE}/${d.id}`),
      onError: (err) => {
        // The per-prize value cap is a server setting: show its refusal on the prize it names.
        const { index } = errorField(err);
        const prize = index === undefined ? undefined : f.prizes[index];
        if (prize) {
          setPrizeErrors((x) => ({ ...x, [prize.key]: { ...x[prize.key], [isApiError(err, 'LOTTERY_PRIZE_VALUE_CAP') ? 'value' : 'name']: errorText(err) } }));
          focusFirstError(formRef.current);
        }
      },
    },
  );

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Errors<Field> = {};
    const req = t('common:required');
    e.name = nameError(f.name, t);
    if (!f.rulesText.trim()) e.rulesText = req;
    else if (f.rulesText.length > 5000) e.rulesText = t('v.tooLong', { max: 5000 });
    const [startsAt, endsAt] = readDates(f, 'startsAt', 'endsAt', e, t, true);
    const counts = { dailyFreeChances: 100, shareChances: 100, shareDailyCap: 1000, inviteChances: 100, inviteDailyCap: 1000 } as const;
    const numbers: Record<string, number> = {};
    for (const [k, max] of Object.entries(counts) as [keyof typeof counts, number][]) {
      const n = parseIntIn(f[k], 0, max);
      if (n === null) e[k] = t('v.intRange', { min: 0, max });
      else numbers[k] = n;
    }
    const pe: Record<string, PrizeErrors> = {};
    if (f.prizes.length === 0) e.prizes = t('lottery.v.noPrizes');
    if (totalWeight <= 0) e.prizes = t('lottery.v.weights');
    const prizes = f.prizes.map((p) => {
      const err: PrizeErrors = {};
      err.name = nameError(p.name, t);
      if (p.kind === 'coupon' && !p.templateId) err.templateId = req;
      const points = p.kind === 'points' ? parseIntIn(p.points, 1, 1_000_000) : null;
      if (p.kind === 'points' && points === null) err.points = t('v.intRange', { min: 1, max: 1_000_000 });
      if (p.kind === 'product' && !p.sku) err.sku = t('v.sku');
      const weight = parseIntIn(p.weight, 0, 1_000_000);
      if (weight === null) err.weight = t('v.intRange', { min: 0, max: 1_000_000 });
      let stock: number | null = null;
      if (p.kind !== 'nothing' && p.stock.trim()) {
        stock = parseIntIn(p.stock, 0, 10_000_000);
        if (stock === null) err.stock = t('v.intRange', { min: 0, max: 10_000_000 });
      }
      const value = p.value.trim() ? yuanToFen(p.value) : 0;
      if (value === null) err.value = t('v.money');
      if (hasErrors(err)) pe[p.key] = err;
      return {
        name: p.name.trim(),
        kind: p.kind,
        templateId: p.kind === 'coupon' ? p.templateId : null,
        points: p.kind === 'points' ? points : null,
        skuId: p.kind === 'product' ? (p.sku?.skuId ?? null) : null,
        weight: weight ?? 0,
        stock: p.kind === 'nothing' ? null : stock,
        valueAmount: value ?? 0,
      };
    });
    setErrors(e);
    setPrizeErrors(pe);
    if (hasErrors(e) || Object.keys(pe).length) return focusFirstError(formRef.current);
    save.mutate({
      name: f.name.trim(),
      nameEn: f.nameEn.trim() || null,
      rulesText: f.rulesText.trim(),
      startsAt: startsAt!,
      endsAt: endsAt!,
      dailyFreeChances: numbers.dailyFreeChances,
      shareChances: numbers.shareChances,
      shareDailyCap: numbers.shareDailyCap,
      inviteChances: numbers.inviteChances,
      inviteDailyCap: numbers.inviteDailyCap,
      prizes,
    });
  };

  return (
    <FormPage title={existing ? t('lottery.editTitle', { name: existing.name }) : t('lottery.new')} base={BASE} existingId={existing?.id} busy={save.isPending} formRef={formRef} onSubmit={submit}>
      <div className="cc-grid">
        <TextField label={t('lottery.f.name')} value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.name} maxLength={60} />
        <TextField label={t('nameEn')} value={f.nameEn} onChange={(e) => set('nameEn', e.target.value)} maxLength={120} hint={t('nameEnHint')} />
        <TextField label={t('startsAt')} type="datetime-local" value={f.startsAt} onChange={(e) => set('startsAt', e.target.value)} error={errors.startsAt} hint={t('lottery.startsHint')} />
        <TextField label={t('endsAt')} type="datetime-local" value={f.endsAt} onChange={(e) => set('endsAt', e.target.value)} error={errors.endsAt} />
      </div>
      <TextArea label={t('lottery.f.rulesText')} value={f.rulesText} onChange={(e) => set('rulesText', e.target.value)} error={errors.rulesText} rows={4} hint={t('lottery.rulesHint')} />
      <fieldset className="cc-fieldset">
        <legend>{t('lottery.f.chances')}</legend>
        <div className="cc-grid">
          <TextField label={t('lottery.f.dailyFreeChances')} inputMode="numeric" value={f.dailyFreeChances} onChange={(e) => set('dailyFreeChances', e.target.value)} error={errors.dailyFreeChances} />
          <TextField label={t('lottery.f.shareChances')} inputMode="numeric" value={f.shareChances} onChange={(e) => set('shareChances', e.target.value)} error={errors.shareChances} />
          <TextField label={t('lottery.f.shareDailyCap')} inputMode="numeric" value={f.shareDailyCap} onChange={(e) => set('shareDailyCap', e.target.value)} error={errors.shareDailyCap} />
          <TextField label={t('lottery.f.inviteChances')} inputMode="numeric" value={f.inviteChances} onChange={(e) => set('inviteChances', e.target.value)} error={errors.inviteChances} />
          <TextField label={t('lottery.f.inviteDailyCap')} inputMode="numeric" value={f.inviteDailyCap} onChange={(e) => set('inviteDailyCap', e.target.value)} error={errors.inviteDailyCap} />
        </div>
      </fieldset>
      <ItemsFieldset legend={t('lottery.f.prizes')} error={errors.prizes} addLabel={t('lottery.addPrize')} onAdd={f.prizes.length < 20 ? () => setF((x) => ({ ...x, prizes: [...x.prizes, newPrize()] })) : undefined}>
        {f.prizes.map((p, n) => {
          const err = prizeErrors[p.key] ?? {};
          const w = parseIntIn(p.weight, 0, 1_000_000) ?? 0;
          return (
            <ItemCard
              key={p.key}
              title={
                <>
                  {t('lottery.prizeN', { n: n + 1 })} <span className="cc-muted">· {t('lottery.odds', { odds: totalWeight ? pct(w / totalWeight) : '—' })}</span>
                </>
              }
              removeLabel={t('lottery.removePrize', { n: n + 1 })}
              onRemove={f.prizes.length > 1 ? () => setF((x) => ({ ...x, prizes: x.prizes.filter((y) => y.key !== p.key) })) : undefined}
            >
              <div className="cc-grid">
                <TextField label={t('lottery.f.prizeName')} value={p.name} onChange={(e) => setPrize(p.key, { name: e.target.value })} error={err.name} maxLength={60} />
                <SelectField label={t('lottery.f.kind')} value={p.kind} onChange={(e) => setPrize(p.key, { kind: e.target.value as PrizeKind })}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`lottery.kind.${k}`)}
                    </option>
                  ))}
                </SelectField>
                {p.kind === 'coupon' && (
                  <SelectField label={t('lottery.f.template')} value={p.templateId} onChange={(e) => setPrize(p.key, { templateId: e.target.value })} error={err.templateId ?? (templates.isError ? t('lottery.templatesFailed') : undefined)}>
                    <TemplateOptions pending={templates.isPending} items={templates.data?.items} />
                  </SelectField>
                )}
                {p.kind === 'points' && <TextField label={t('lottery.f.points')} inputMode="numeric" value={p.points} onChange={(e) => setPrize(p.key, { points: e.target.value })} error={err.points} />}
                <TextField label={t('lottery.f.weight')} inputMode="numeric" value={p.weight} onChange={(e) => setPrize(p.key, { weight: e.target.value })} error={err.weight} />
                {p.kind !== 'nothing' && <TextField label={t('lottery.f.stock')} inputMode="numeric" value={p.stock} onChange={(e) => setPrize(p.key, { stock: e.target.value })} error={err.stock} hint={t('blankUnlimited')} />}
                <TextField label={t('lottery.f.value')} inputMode="decimal" value={p.value} onChange={(e) => setPrize(p.key, { value: e.target.value })} error={err.value} hint={t('lottery.valueHint')} />
              </div>
              {p.kind === 'product' && <SkuPicker label={t('sku.pick')} value={p.sku} onChange={(sku) => setPrize(p.key, { sku })} error={err.sku} />}
            </ItemCard>
          );
        })}
      </ItemsFieldset>
    </FormPage>
  );
}

// ---- detail ---------------------------------------------------------------------------------

export function LotteryDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'lottery', 'draw', id], queryFn: () => fetchDraw(id), refetchInterval: 15_000 });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(d) => (
        <div className="cc-page">
          <PageHead title={d.name} back={BASE} actions={<DrawActions d={d} />} />
          <Notice tone={editable(d) ? 'warn' : 'info'}>{editable(d) ? t('lottery.openNotice', { at: when(d.startsAt) }) : t('lottery.lockedNotice')}</Notice>
          <Section title={t('rules')}>
            <Facts
              items={[
                { label: t('col.status'), value: <StatusBadge status={phase(d)} startsAt={d.startsAt} /> },
                { label: t('startsAt'), value: when(d.startsAt) },
                { label: t('endsAt'), value: when(d.endsAt) },
                { label: t('lottery.f.dailyFreeChances'), value: d.dailyFreeChances },
                { label: t('lottery.f.shareChances'), value: t('lottery.perDayCap', { n: d.shareChances, cap: d.shareDailyCap }) },
                { label: t('lottery.f.inviteChances'), value: t('lottery.perDayCap', { n: d.inviteChances, cap: d.inviteDailyCap }) },
              ]}
            />
            <p className="cc-rules-text">{d.rulesText}</p>
          </Section>
          <CampaignResults kind="lottery" campaignId={d.id} canGrant={d.status !== 'ended'} />
        </div>
      )}
    </Required>
  );
}
