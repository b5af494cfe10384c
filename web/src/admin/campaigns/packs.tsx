// Share coupon packs (分享券包): a sharer's link gives friends one coupon; the N-th friend unlocks a
// coupon for the sharer. List, create, edit (published rules lock), activate / pause / end, detail
// with the live numbers of both coupons.
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { ErrorState, Loading, SelectField, TextArea, TextField } from '../../shared/ui';
import {
  Facts,
  FormPage,
  Notice,
  PageHead,
  Required,
  Section,
  Stats,
  StatusBadge,
  TemplateOptions,
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
  useTemplateNames,
  when,
  type Errors,
} from './common';
import { CampaignResults } from './results';
import { StatusActions } from './actions';
import { ListPage, RowLink } from './list';

const BASE = '/campaigns/coupon-packs';
const KEY = ['admin', 'coupons', 'packs'];
const fetchPack = (id: string) => call(api.GET('/api/v1/admin/coupons/packs/{id}', { params: { path: { id } } }));
type Pack = Awaited<ReturnType<typeof fetchPack>>;

function useTemplates() {
  return useQuery({
    queryKey: ['admin', 'coupons', 'templates', 'for-packs'],
    queryFn: () => call(api.GET('/api/v1/admin/coupons/templates', { params: { query: { limit: 100 } } })),
    select: (d) => d.items.filter((x) => x.status !== 'ended'),
  });
}

export function PackList() {
  const { t } = useTranslation('campaigns');
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/coupons/packs')) });
  const templates = useTemplateNames();
  const name = (id: string) => templates.data?.get(id) ?? id.slice(0, 8);
  return (
    <ListPage
      title={t('packs.title')}
      base={BASE}
      newLabel={t('packs.new')}
      query={list}
      items={list.data?.items}
      empty={t('packs.empty')}
      head={[t('col.name'), t('col.status'), t('packs.f.friendTemplate'), t('packs.f.sharerTemplate'), t('packs.f.friendsNeeded'), t('col.validity'), t('col.actions')]}
      row={(p) => (
        <tr key={p.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${p.id}`}>{p.name}</RowLink>
          </th>
          <td>
            <StatusBadge status={p.status} />
          </td>
          <td>{name(p.friendTemplateId)}</td>
          <td>{name(p.sharerTemplateId)}</td>
          <td>{p.friendsNeeded}</td>
          <td className="cc-nowrap">
            {when(p.validFrom)}
            <span className="cc-sub cc-muted">→ {when(p.validUntil)}</span>
          </td>
          <td>
            <PackActions p={p} />
          </td>
        </tr>
      )}
    />
  );
}

/** The pack API takes the status to move to rather than an action. */
const STATUS_OF = { activate: 'active', pause: 'paused', end: 'ended' } as const;

function PackActions({ p }: { p: Pick<Pack, 'id' | 'name' | 'status'> }) {
  const { t } = useTranslation('campaigns');
  return (
    <StatusActions
      item={p}
      base={BASE}
      invalidate={[KEY, ['admin', 'coupons', 'pack', p.id]]}
      act={(action) => call(api.PATCH('/api/v1/admin/coupons/packs/{id}', { params: { path: { id: p.id } }, body: { status: STATUS_OF[action] } }))}
      endMessage={t('packs.endMessage')}
    />
  );
}

// ---- form -----------------------------------------------------------------------------------

interface FormState {
  name: string;
  description: string;
  friendTemplateId: string;
  sharerTemplateId: string;
  friendsNeeded: string;
  validFrom: string;
  validUntil: string;
}
type Field = keyof FormState;

export function PackNew() {
  return <PackForm initial={{ name: '', description: '', friendTemplateId: '', sharerTemplateId: '', friendsNeeded: '3', validFrom: inHours(0), validUntil: inHours(24 * 14) }} />;
}

export function PackEdit() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'coupons', 'pack', id], queryFn: () => fetchPack(id) });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(p) =>
        p.status === 'ended' ? (
          <Notice tone="warn">{t('packs.endedNoEdit')}</Notice>
        ) : (
          <PackForm
            existing={p}
            initial={{ name: p.name, description: p.description, friendTemplateId: p.friendTemplateId, sharerTemplateId: p.sharerTemplateId, friendsNeeded: String(p.friendsNeeded), validFrom: isoToLocal(p.validFrom), validUntil: isoToLocal(p.validUntil) }}
          />
        )
      }
    </Required>
  );
}

function PackForm({ initial, existing }: { initial: FormState; existing?: Pack }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const templates = useTemplates();
  const { formRef, f, errors, setErrors, set } = useFormState(initial);
  const locked = Boolean(existing && existing.status !== 'draft');
  type Body = { name: string; description: string; friendTemplateId: string; sharerTemplateId: string; friendsNeeded: number; validFrom: string; validUntil: string };
  const save = useAction(
    (body: Body) => {
      if (!existing) return call(api.POST('/api/v1/admin/coupons/packs', { body, headers: { 'Idempotency-Key': idempotencyKey() } }));
      const patch = locked ? { name: body.name, description: body.description, validFrom: body.validFrom, validUntil: body.validUntil } : body;
      return call(api.PATCH('/api/v1/admin/coupons/packs/{id}', { params: { path: { id: existing.id } }, body: patch }));
    },
    { invalidate: [KEY, ['admin', 'coupons', 'pack', existing?.id]], success: existing ? t('saved') : t('packs.created'), onDone: (p) => navigate(`${BASE}/${p.id}`) },
  );
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Errors<Field> = {};
    const req = t('common:required');
    e.name = nameError(f.name, t);
    if (f.description.length > 500) e.description = t('v.tooLong', { max: 500 });
    if (!f.friendTemplateId) e.friendTemplateId = req;
    if (!f.sharerTemplateId) e.sharerTemplateId = req;
    const n = parseIntIn(f.friendsNeeded, 1, 50);
    if (n === null) e.friendsNeeded = t('v.intRange', { min: 1, max: 50 });
    const [validFrom, validUntil] = readDates(f, 'validFrom', 'validUntil', e, t, true);
    setErrors(e);
    if (hasErrors(e)) return focusFirstError(formRef.current);
    save.mutate({ name: f.name.trim(), description: f.description.trim(), friendTemplateId: f.friendTemplateId, sharerTemplateId: f.sharerTemplateId, friendsNeeded: n!, validFrom: validFrom!, validUntil: validUntil! });
  };
  const options = <TemplateOptions pending={templates.isPending} items={templates.data} withStatus />;
  return (
    <FormPage
      title={existing ? t('packs.editTitle', { name: existing.name }) : t('packs.new')}
      base={BASE}
      existingId={existing?.id}
      busy={save.isPending}
      formRef={formRef}
      onSubmit={submit}
      notice={
        <>
          {locked && <Notice tone="warn">{t('packs.lockedNotice')}</Notice>}
          {templates.isError && <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />}
        </>
      }
    >
      <div className="cc-grid">
        <TextField label={t('packs.f.name')} value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.name} maxLength={60} />
        <SelectField label={t('packs.f.friendTemplate')} value={f.friendTemplateId} onChange={(e) => set('friendTemplateId', e.target.value)} error={errors.friendTemplateId} disabled={locked} hint={t('packs.friendHint')}>
          {options}
        </SelectField>
        <SelectField label={t('packs.f.sharerTemplate')} value={f.sharerTemplateId} onChange={(e) => set('sharerTemplateId', e.target.value)} error={errors.sharerTemplateId} disabled={locked} hint={t('packs.sharerHint')}>
          {options}
        </SelectField>
        <TextField label={t('packs.f.friendsNeeded')} inputMode="numeric" value={f.friendsNeeded} onChange={(e) => set('friendsNeeded', e.target.value)} error={errors.friendsNeeded} disabled={locked} />
        <TextField label={t('coupons.f.validFrom')} type="datetime-local" value={f.validFrom} onChange={(e) => set('validFrom', e.target.value)} error={errors.validFrom} />
        <TextField label={t('coupons.f.validUntil')} type="datetime-local" value={f.validUntil} onChange={(e) => set('validUntil', e.target.value)} error={errors.validUntil} />
      </div>
      <TextArea label={t('packs.f.description')} value={f.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} hint={t('optional')} />
    </FormPage>
  );
}

// ---- detail ---------------------------------------------------------------------------------

function TemplateNumbers({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'coupons', 'template', id], queryFn: () => call(api.GET('/api/v1/admin/coupons/templates/{id}', { params: { path: { id } } })), refetchInterval: 15_000 });
  return (
    <Section title={title}>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <p>
            <strong>{q.data.name}</strong> <StatusBadge status={q.data.status} />
          </p>
          <Stats
            items={[
              { label: t('coupons.stat.claimed'), value: q.data.totalQuota === null ? q.data.claimedCount : `${q.data.claimedCount} / ${q.data.totalQuota}` },
              { label: t('coupons.stat.used'), value: q.data.stats?.used ?? 0 },
              { label: t('coupons.stat.usedDiscount'), value: money(q.data.stats?.usedDiscount) },
            ]}
          />
          {q.data.status !== 'active' && <Notice tone="warn">{t('packs.templateInactive')}</Notice>}
        </>
      )}
    </Section>
  );
}

export function PackDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'coupons', 'pack', id], queryFn: () => fetchPack(id) });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {(p) => (
        <div className="cc-page">
          <PageHead title={p.name} back={BASE} actions={<PackActions p={p} />} />
          <CampaignResults kind="coupon_pack" campaignId={p.id} />
          <Section title={t('rules')}>
            <Facts
              items={[
                { label: t('col.status'), value: <StatusBadge status={p.status} /> },
                { label: t('packs.f.friendsNeeded'), value: p.friendsNeeded },
                { label: t('coupons.f.validFrom'), value: when(p.validFrom) },
                { label: t('coupons.f.validUntil'), value: when(p.validUntil) },
                { label: t('packs.f.description'), value: p.description || '—' },
                { label: t('createdAt'), value: when(p.createdAt) },
              ]}
            />
            {p.status !== 'draft' && <Notice>{t('packs.lockedNotice')}</Notice>}
          </Section>
          <TemplateNumbers id={p.friendTemplateId} title={t('packs.f.friendTemplate')} />
          <TemplateNumbers id={p.sharerTemplateId} title={t('packs.f.sharerTemplate')} />
        </div>
      )}
    </Required>
  );
}
