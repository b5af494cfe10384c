// Every campaign of every mechanic in one list, as the campaign kernel keeps them: what shoppers
// see now (a scheduled campaign reads "upcoming", never "running"), the budget and what it has
// cost, a budget editor, the launch review (the pre-launch checks, then start), pause, resume, end.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Button, Sheet, SelectField, TextField } from '../../shared/ui';
import { ConfirmButton, fenToYuan, money, SmallButton, StatusBadge, useAction, yuanToFen } from './common';
import { ListPage, RowLink } from './list';
import { Link } from 'react-router-dom';
import { useMe } from '../auth';
import { FindingList } from '../compliance/findings';

type Campaign = Awaited<ReturnType<typeof fetchList>>['items'][number];
const KEY = ['admin', 'campaigns', 'all'];
const MECHANICS = ['groupbuy', 'bargain', 'flashsale', 'lottery', 'referral', 'coupon', 'coupon_pack'] as const;
const STATUSES = ['draft', 'scheduled', 'live', 'paused', 'ended'] as const;
/** Where each mechanic's own page lives in the console. */
const PAGE: Record<string, string> = { groupbuy: 'campaigns/groupbuy', bargain: 'campaigns/bargain', flashsale: 'campaigns/flashsale', lottery: 'campaigns/lottery', referral: 'campaigns/referral', coupon: 'campaigns/coupons', coupon_pack: 'campaigns/coupon-packs' };

function fetchList(mechanic: string, status: string) {
  const query = { ...(mechanic ? { mechanic: mechanic as (typeof MECHANICS)[number] } : {}), ...(status ? { status: status as (typeof STATUSES)[number] } : {}), limit: 100 };
  return call(api.GET('/api/v1/admin/campaigns', { params: { query } }));
}

export function AllCampaigns() {
  const { t } = useTranslation('campaigns');
  const [mechanic, setMechanic] = useState('');
  const [status, setStatus] = useState('');
  const list = useQuery({ queryKey: [...KEY, mechanic, status], queryFn: () => fetchList(mechanic, status), refetchInterval: 15_000 });
  return (
    <ListPage
      title={t('all.title')}
      base="campaigns/all"
      toolbar={
        <div className="row">
          <SelectField label={t('all.mechanic')} value={mechanic} onChange={(e) => setMechanic(e.target.value)}>
            <option value="">{t('all.any')}</option>
            {MECHANICS.map((m) => (
              <option key={m} value={m}>
                {t(`all.m.${m}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('col.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('all.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
      }
      query={list}
      items={list.data?.items}
      empty={t('all.empty')}
      head={[t('col.name'), t('all.mechanic'), t('col.status'), t('all.budget'), t('all.spent'), t('col.actions')]}
      row={(c) => (
        <tr key={c.id}>
          <th scope="row">
            <RowLink to={`${PAGE[c.mechanic]}/${c.id}`}>{c.name}</RowLink>
            {c.freeShipping && <span className="cc-sub cc-muted">{t('all.freeShipping')}</span>}
          </th>
          <td>{t(`all.m.${c.mechanic}`)}</td>
          <td>
            <StatusBadge status={c.phase === 'upcoming' ? 'scheduled' : c.status} />
          </td>
          <td className="price">{c.budget ? money(c.budget) : t('all.noCeiling')}</td>
          <td className="price">
            {money(c.spent)}
            {c.budgetLeft && <span className="cc-sub cc-muted">{t('all.left', { amount: money(c.budgetLeft) })}</span>}
          </td>
          <td>
            <KernelActions c={c} />
          </td>
        </tr>
      )}
    />
  );
}

function KernelActions({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const path = { params: { path: { id: c.id } } };
  const act = useAction((action: 'pause' | 'resume' | 'end') => call(api.POST(`/api/v1/admin/campaigns/{id}/${action}`, path)), { invalidate: [KEY] });
  return (
    <div className="row cc-actions">
      {c.status === 'draft' && <LaunchReview c={c} />}
      {c.status === 'live' && c.mechanic !== 'flashsale' && (
        <SmallButton variant="secondary" busy={act.isPending} onClick={() => act.mutate('pause')}>
          {t('pause')}
        </SmallButton>
      )}
      {c.status === 'paused' && (
        <SmallButton busy={act.isPending} onClick={() => act.mutate('resume')}>
          {t('resume')}
        </SmallButton>
      )}
      {c.status !== 'ended' && <BudgetEditor c={c} />}
      <ShippingToggle c={c} />
      {c.status !== 'ended' && (
        <ConfirmButton small label={t('stop')} title={t('stopTitle')} message={t('stopConfirm', { name: c.name })} confirmLabel={t('stop')} busy={act.isPending} onConfirm={() => act.mutateAsync('end').catch(() => undefined)} />
      )}
    </div>
  );
}

/** The mechanics that sell at a campaign price, so have shipping to waive (campaigns.rules SELLING_MECHANICS). */
const SELLING = ['groupbuy', 'bargain', 'flashsale'];

/** 包邮: on at any time (with a confirmation: a live campaign keeps it), off while still a draft. */
function ShippingToggle({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const save = useAction((freeShipping: boolean) => call(api.PUT('/api/v1/admin/campaigns/{id}/shipping', { params: { path: { id: c.id } }, body: { freeShipping } })), { invalidate: [KEY], success: t('all.shippingSaved') });
  if (c.freeShipping) {
    return c.status === 'draft' ? (
      <SmallButton variant="secondary" busy={save.isPending} onClick={() => save.mutate(false)}>
        {t('all.unsetFreeShipping')}
      </SmallButton>
    ) : null;
  }
  if (c.status === 'ended' || !SELLING.includes(c.mechanic)) return null;
  return <ConfirmButton small variant="secondary" label={t('all.setFreeShipping')} title={t('all.freeShippingTitle', { name: c.name })} message={t('all.freeShippingConfirm')} confirmLabel={t('all.setFreeShipping')} busy={save.isPending} onConfirm={() => save.mutateAsync(true).catch(() => undefined)} />;
}

/** The cost ceiling in yuan (empty: none); never below what was spent (the API says so if it is). */
function BudgetEditor({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(fenToYuan(c.budget?.amount ?? null));
  const [error, setError] = useState<string>();
  const save = useAction((budgetAmount: number | null) => call(api.PUT('/api/v1/admin/campaigns/{id}/budget', { params: { path: { id: c.id } }, body: { budgetAmount } })), { invalidate: [KEY], success: t('all.budgetSaved'), onDone: () => setOpen(false) });
  function submit() {
    if (!text.trim()) return save.mutate(null);
    const fen = yuanToFen(text);
    if (fen === null) return setError(t('v.money'));
    save.mutate(fen);
  }
  return (
    <>
      <SmallButton variant="secondary" onClick={() => setOpen(true)}>
        {t('all.setBudget')}
      </SmallButton>
      <Sheet open={open} onClose={() => setOpen(false)} title={t('all.budgetTitle', { name: c.name })}>
        <p>{t('all.budgetHelp', { spent: money(c.spent) })}</p>
        <TextField label={t('all.budgetYuan')} inputMode="decimal" value={text} error={error} onChange={(e) => (setText(e.target.value), setError(undefined))} />
        <div className="row cc-form-actions">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common:cancel')}
          </Button>
          <Button busy={save.isPending} onClick={submit}>
            {t('common:save')}
          </Button>
        </div>
      </Sheet>
    </>
  );
}

/**
 * Before a draft goes live: what the checks say now, each compliance rule with its source, a link
 * to the campaign's compliance declaration, then start. A blocking finding keeps the button off;
 * an admin may start anyway with a reason (audited).
 */
function LaunchReview({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const { t: ta } = useTranslation('admin');
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const review = useQuery({ queryKey: [...KEY, 'checks', c.id], queryFn: () => call(api.GET('/api/v1/admin/campaigns/{id}/checks', { params: { path: { id: c.id } } })), enabled: open });
  const start = useAction((overrideReason?: string) => call(api.POST('/api/v1/admin/campaigns/{id}/start', { params: { path: { id: c.id } }, body: overrideReason ? { overrideReason } : {} })), { invalidate: [KEY], success: t('started'), onDone: () => setOpen(false) });
  const blocked = review.data?.findings.some((f) => f.severity === 'block') ?? true;
  const isAdmin = !!me.data?.roles.includes('admin');
  return (
    <>
      <SmallButton onClick={() => setOpen(true)}>{t('all.review')}</SmallButton>
      <Sheet open={open} onClose={() => setOpen(false)} title={t('all.reviewTitle', { name: c.name })}>
        <p>{t('all.reviewLocks')}</p>
        <p>
          <Link to={`/compliance/campaigns/${c.id}`}>{ta('compliance.declaration.open')}</Link>
        </p>
        {review.data && <FindingList findings={review.data.findings} empty={t('all.allClear')} />}
        {review.data && blocked && isAdmin && (
          <div className="card">
            <strong>{ta('compliance.override.title')}</strong>
            <p className="muted small">{ta('compliance.override.hint')}</p>
            <TextField label={ta('compliance.override.reason')} name="overrideReason" value={reason} onChange={(e) => setReason(e.target.value)} />
            <Button variant="danger" busy={start.isPending} disabled={reason.trim().length < 10} onClick={() => start.mutate(reason.trim())}>
              {ta('compliance.override.submit')}
            </Button>
          </div>
        )}
        <div className="row cc-form-actions">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common:cancel')}
          </Button>
          <Button busy={start.isPending} disabled={blocked} onClick={() => start.mutate(undefined)}>
            {t('start')}
          </Button>
        </div>
      </Sheet>
    </>
  );
}
