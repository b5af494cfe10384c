// A new plan: goal, audience (a segment or everyone), budget, schedule, the mechanic with its
// rules, channels, and optionally an A/B test whose treatment changes the one rule the mechanic
// lets vary. The server checks the whole plan (a coded error names the field) and writes nothing
// when it refuses.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { Button, SelectField, TextField, useToast } from '../../shared/ui';
import { BackLink, FormError, PageHead, useRefresh, useSubmit } from '../kit';
import { CHANNELS, GOALS, MECHANICS, PLANS, type Goal, type PlanMechanic } from './common';
import './i18n';

type Body = paths['/api/v1/admin/plans']['post']['requestBody']['content']['application/json'];

/** The rule each mechanic's variants may change (the mechanics' declared variant keys). */
const VARIANT_KEY: Record<PlanMechanic, string> = { groupbuy: 'teamSize', referral: 'inviterPoints', coupon: 'couponAmount' };

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fen = (yuan: string) => Math.round(Number(yuan) * 100);
const int = (s: string) => Number.parseInt(s, 10);

export function NewPlanPage() {
  const { t } = useTranslation('planner');
  const toast = useToast();
  const navigate = useNavigate();
  const refresh = useRefresh(PLANS);
  const segments = useQuery({ queryKey: ['audience', 'segments'], queryFn: () => call(api.GET('/api/v1/admin/audience/segments')) });
  // By default the campaign starts when it is launched (a start still ahead schedules it instead).
  const start = new Date();
  start.setSeconds(0, 0);
  const [f, setF] = useState({
    name: '', goal: 'new_customers' as Goal, target: '100', segmentId: '', budget: '', startsAt: localInput(start), endsAt: localInput(new Date(start.getTime() + 7 * 86_400_000)),
    mechanic: 'groupbuy' as PlanMechanic, skuId: '', groupPrice: '', teamSize: '2', stock: '100', inviterPoints: '100', inviteePoints: '', couponKind: 'fixed' as 'fixed' | 'threshold', discount: '10', minSpend: '0', validDays: '7',
    channels: ['wechat', 'link'] as string[], ab: false, treatment: '',
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((s) => ({ ...s, [k]: v }));
  const { busy, error, submit } = useSubmit();

  function mechanic(): Body['mechanic'] {
    if (f.mechanic === 'groupbuy') return { kind: 'groupbuy', skuId: f.skuId.trim(), groupPrice: fen(f.groupPrice), teamSize: int(f.teamSize), stock: int(f.stock) };
    if (f.mechanic === 'referral') {
      const reward = (s: string) => (s.trim() ? { kind: 'points' as const, points: int(s) } : null);
      return { kind: 'referral', inviterReward: reward(f.inviterPoints), inviteeReward: reward(f.inviteePoints) };
    }
    return { kind: 'coupon', couponKind: f.couponKind, discountAmount: fen(f.discount), minSpendAmount: fen(f.minSpend), validDaysAfterClaim: int(f.validDays) };
  }

  const save = (e: FormEvent) => {
    e.preventDefault();
    const key = VARIANT_KEY[f.mechanic];
    const value = f.mechanic === 'coupon' ? fen(f.treatment) : int(f.treatment);
    const body: Body = {
      name: f.name,
      goal: { metric: f.goal, target: f.goal === 'gmv' ? fen(f.target) : Number(f.target) },
      segmentId: f.segmentId || null,
      budgetAmount: f.budget.trim() ? fen(f.budget) : null,
      startsAt: new Date(f.startsAt).toISOString(),
      endsAt: new Date(f.endsAt).toISOString(),
      mechanic: mechanic(),
      channels: f.channels as Body['channels'],
      variants: f.ab
        ? [
            { key: 'control', name: t('detail.control'), weight: 50, isControl: true, config: {} },
            { key: 'treatment', name: `${key} ${f.treatment}`, weight: 50, isControl: false, config: { [key]: value } },
          ]
        : [],
    };
    void submit(async () => {
      const made = await call(api.POST('/api/v1/admin/plans', { body }));
      toast(t('form.saved'));
      await refresh();
      navigate(`/plans/${made.id}`);
    });
  };

  return (
    <>
      <BackLink to="/plans" />
      <PageHead title={t('form.title')} />
      <form className="stack card" onSubmit={save} aria-label={t('form.title')}>
        <div className="row">
          <TextField label={t('form.name')} name="name" required maxLength={120} value={f.name} onChange={(e) => set('name', e.target.value)} />
          <SelectField label={t('form.goalMetric')} name="goal" value={f.goal} onChange={(e) => set('goal', e.target.value as Goal)}>
            {GOALS.map((g) => <option key={g} value={g}>{t(`goal.${g}`)}</option>)}
          </SelectField>
          <TextField label={t('form.goalTarget')} hint={t('form.goalHint')} name="target" inputMode="decimal" required value={f.target} onChange={(e) => set('target', e.target.value)} />
        </div>
        <div className="row">
          <SelectField label={t('form.segment')} name="segmentId" value={f.segmentId} onChange={(e) => set('segmentId', e.target.value)}>
            <option value="">{t('form.everyone')}</option>
            {(segments.data?.items ?? []).map((s) => <option key={s.id} value={s.id}>{s.name} ({s.count})</option>)}
          </SelectField>
          <TextField label={t('form.budget')} name="budget" inputMode="decimal" value={f.budget} onChange={(e) => set('budget', e.target.value)} />
          <TextField label={t('form.startsAt')} name="startsAt" type="datetime-local" required value={f.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
          <TextField label={t('form.endsAt')} name="endsAt" type="datetime-local" required value={f.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
        </div>
        <div className="row">
          <SelectField label={t('form.mechanic')} name="mechanic" value={f.mechanic} onChange={(e) => set('mechanic', e.target.value as PlanMechanic)}>
            {MECHANICS.map((m) => <option key={m} value={m}>{t(`mechanic.${m}`)}</option>)}
          </SelectField>
          {f.mechanic === 'groupbuy' && (
            <>
              <TextField label={t('form.skuId')} name="skuId" required value={f.skuId} onChange={(e) => set('skuId', e.target.value)} />
              <TextField label={t('form.groupPrice')} name="groupPrice" inputMode="decimal" required value={f.groupPrice} onChange={(e) => set('groupPrice', e.target.value)} />
              <TextField label={t('form.teamSize')} name="teamSize" type="number" min={2} max={10} required value={f.teamSize} onChange={(e) => set('teamSize', e.target.value)} />
              <TextField label={t('form.stock')} name="stock" type="number" min={1} required value={f.stock} onChange={(e) => set('stock', e.target.value)} />
            </>
          )}
          {f.mechanic === 'referral' && (
            <>
              <TextField label={t('form.inviterPoints')} name="inviterPoints" type="number" min={1} value={f.inviterPoints} onChange={(e) => set('inviterPoints', e.target.value)} />
              <TextField label={t('form.inviteePoints')} name="inviteePoints" type="number" min={1} value={f.inviteePoints} onChange={(e) => set('inviteePoints', e.target.value)} />
            </>
          )}
          {f.mechanic === 'coupon' && (
            <>
              <SelectField label={t('form.couponKind')} name="couponKind" value={f.couponKind} onChange={(e) => set('couponKind', e.target.value as 'fixed' | 'threshold')}>
                <option value="fixed">{t('form.fixed')}</option>
                <option value="threshold">{t('form.threshold')}</option>
              </SelectField>
              <TextField label={t('form.discount')} name="discount" inputMode="decimal" required value={f.discount} onChange={(e) => set('discount', e.target.value)} />
              <TextField label={t('form.minSpend')} name="minSpend" inputMode="decimal" value={f.minSpend} onChange={(e) => set('minSpend', e.target.value)} />
              <TextField label={t('form.validDays')} name="validDays" type="number" min={1} max={365} required value={f.validDays} onChange={(e) => set('validDays', e.target.value)} />
            </>
          )}
        </div>
        <fieldset className="row">
          <legend>{t('form.channels')}</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="row">
              <input type="checkbox" name={`channel-${c}`} checked={f.channels.includes(c)} onChange={(e) => set('channels', e.target.checked ? [...f.channels, c] : f.channels.filter((x) => x !== c))} />
              {t(`channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <label className="row">
          <input type="checkbox" name="ab" checked={f.ab} onChange={(e) => set('ab', e.target.checked)} />
          {t('form.abTest')}
        </label>
        {f.ab && <TextField label={t('form.treatment')} hint={t('form.treatmentHint', { key: VARIANT_KEY[f.mechanic] })} name="treatment" required value={f.treatment} onChange={(e) => set('treatment', e.target.value)} />}
        <div className="row"><Button type="submit" busy={busy}>{t('form.save')}</Button></div>
        <FormError>{error}</FormError>
      </form>
    </>
  );
}
