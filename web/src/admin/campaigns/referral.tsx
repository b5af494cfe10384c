// Referral (邀请有礼): campaigns with inviter/invitee rewards and milestones, create and edit drafts,
// start (ends any other running one), stop with confirmation, detail with live numbers and the
// leaderboard, and the held-rewards review queue (release now / cancel as fraud).
import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../shared/api';
import { Button, Empty, SelectField, Sheet, TextArea, TextField } from '../../shared/ui';
import {
  Facts,
  FormPage,
  ItemCard,
  ItemsFieldset,
  ListTable,
  Notice,
  PageHead,
  Required,
  Section,
  SmallButton,
  Stats,
  StatusBadge,
  focusFirstError,
  hasErrors,
  isoToLocal,
  nameError,
  readDates,
  parseIntIn,
  TemplateOptions,
  useActiveTemplates,
  useAction,
  useTemplateNames,
  when,
  type JsonBody,
} from './common';
import { CampaignResults } from './results';
import { CampaignRunActions, LockedEdit } from './actions';
import { DatesCell } from './groupbuy';
import { ListPage, ListView, RowLink } from './list';

const BASE = '/campaigns/referral';
const KEY = ['admin', 'referral', 'campaigns'];
const fetchCampaign = (id: string) => call(api.GET('/api/v1/admin/referral/campaigns/{id}', { params: { path: { id } } }));
type Campaign = Awaited<ReturnType<typeof fetchCampaign>>['campaign'];
type Reward = { kind: 'points'; points: number } | { kind: 'coupon'; templateId: string } | null;
type Milestone = { count: number; reward: Reward };
/** The API documents stats loosely (any); this is the shape the referral service returns. */
type ReferralStats = { referrals: { pending: number; qualified: number; refused: number; reversed: number }; rewards: Record<string, number> };
type TFn = ReturnType<typeof useTranslation>['t'];

function rewardText(r: unknown, t: TFn, names?: Map<string, string>): string {
  const reward = r as Reward;
  if (!reward) return t('referral.noReward');
  if (reward.kind === 'points') return t('referral.points', { n: reward.points });
  return t('referral.coupon', { name: names?.get(reward.templateId) ?? reward.templateId.slice(0, 8) });
}

export function ReferralList() {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const names = useTemplateNames();
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/referral/campaigns')) });
  return (
    <ListPage
      title={t('referral.title')}
      base={BASE}
      newLabel={t('referral.new')}
      actions={
        <Button variant="secondary" onClick={() => navigate(`${BASE}/rewards`)}>
          {t('referral.review')}
        </Button>
      }
      query={list}
      items={list.data?.items}
      empty={t('referral.empty')}
      head={[t('col.name'), t('col.status'), t('referral.f.inviterReward'), t('referral.f.inviteeReward'), t('referral.f.milestones'), t('col.dates'), t('col.actions')]}
      row={(c) => (
        <tr key={c.id}>
          <th scope="row">
            <RowLink to={`${BASE}/${c.id}`}>{c.name}</RowLink>
            <span className="cc-sub cc-muted">{t(`referral.qualifyOn.${c.qualifyOn}`, { defaultValue: c.qualifyOn })}</span>
          </th>
          <td>
            <StatusBadge status={c.status} startsAt={c.startsAt} />
          </td>
          <td>{rewardText(c.inviterReward, t, names.data)}</td>
          <td>{rewardText(c.inviteeReward, t, names.data)}</td>
          <td>{c.milestones.length}</td>
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
  return <CampaignRunActions kind="referral" c={c} base={BASE} launchNote={t('referral.startMessage', { name: c.name })} stopMessage={t('stopConfirm', { name: c.name })} />;
}

// ---- form -----------------------------------------------------------------------------------

interface RewardForm {
  kind: 'none' | 'points' | 'coupon';
  points: string;
  templateId: string;
}
interface MilestoneForm {
  key: string;
  count: string;
  reward: RewardForm;
}
interface FormState {
  name: string;
  description: string;
  qualifyOn: 'first_paid_order' | 'signup';
  inviter: RewardForm;
  invitee: RewardForm;
  milestones: MilestoneForm[];
  holdHours: string;
  inviterDailyCap: string;
  countShareLinks: 'yes' | 'no';
  startsAt: string;
  endsAt: string;
}

const toRewardForm = (r: unknown): RewardForm => {
  const x = r as Reward;
  if (!x) return { kind: 'none', points: '', templateId: '' };
  return x.kind === 'points' ? { kind: 'points', points: String(x.points), templateId: '' } : { kind: 'coupon', points: '', templateId: x.templateId };
};

export function ReferralNew() {
  return (
    <CampaignForm
      initial={{
        name: '',
        description: '',
        qualifyOn: 'first_paid_order',
        inviter: { kind: 'points', points: '100', templateId: '' },
        invitee: { kind: 'points', points: '50', templateId: '' },
        milestones: [],
        holdHours: '72',
        inviterDailyCap: '20',
        countShareLinks: 'yes',
        startsAt: '',
        endsAt: '',
      }}
    />
  );
}

export function ReferralEdit() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const q = useQuery({ queryKey: ['admin', 'referral', 'campaign', id], queryFn: () => fetchCampaign(id) });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {({ campaign: c }) =>
        c.status !== 'draft' ? (
          <LockedEdit title={c.name} back={`${BASE}/${c.id}`} message={t('lockedAfterStart')} />
        ) : (
          <CampaignForm
            existing={c}
            initial={{
              name: c.name,
              description: c.description ?? '',
              qualifyOn: c.qualifyOn === 'signup' ? 'signup' : 'first_paid_order',
              inviter: toRewardForm(c.inviterReward),
              invitee: toRewardForm(c.inviteeReward),
              milestones: (c.milestones as Milestone[]).map((m) => ({ key: crypto.randomUUID(), count: String(m.count), reward: toRewardForm(m.reward) })),
              holdHours: String(c.holdHours),
              inviterDailyCap: String(c.inviterDailyCap),
              countShareLinks: c.countShareLinks ? 'yes' : 'no',
              startsAt: isoToLocal(c.startsAt),
              endsAt: isoToLocal(c.endsAt),
            }}
          />
        )
      }
    </Required>
  );
}

function RewardFields({ legend, value, onChange, error, allowNone = true }: { legend: string; value: RewardForm; onChange: (r: RewardForm) => void; error?: string; allowNone?: boolean }) {
  const { t } = useTranslation('campaigns');
  const templates = useActiveTemplates();
  return (
    <div className="cc-grid">
      <SelectField label={legend} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as RewardForm['kind'] })}>
        {allowNone && <option value="none">{t('referral.noReward')}</option>}
        <option value="points">{t('referral.kind.points')}</option>
        <option value="coupon">{t('referral.kind.coupon')}</option>
      </SelectField>
      {value.kind === 'points' && <TextField label={t('referral.f.pointsFor', { what: legend })} inputMode="numeric" value={value.points} onChange={(e) => onChange({ ...value, points: e.target.value })} error={error} />}
      {value.kind === 'coupon' && (
        <SelectField label={t('referral.f.couponFor', { what: legend })} value={value.templateId} onChange={(e) => onChange({ ...value, templateId: e.target.value })} error={error}>
          <TemplateOptions pending={templates.isPending} items={templates.data?.items} />
        </SelectField>
      )}
    </div>
  );
}

function CampaignForm({ initial, existing }: { initial: FormState; existing?: Campaign }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const patch = (p: Partial<FormState>, clear: string[]) => {
    setF((x) => ({ ...x, ...p }));
    setErrors((x) => ({ ...x, ...Object.fromEntries(clear.map((k) => [k, undefined])) }));
  };
  const save = useAction(
    (body: JsonBody<'/api/v1/admin/referral/campaigns', 'post'>) =>
      existing
        ? call(api.PUT('/api/v1/admin/referral/campaigns/{id}', { params: { path: { id: existing.id } }, body }))
        : call(api.POST('/api/v1/admin/referral/campaigns', { body, headers: { 'Idempotency-Key': idempotencyKey() } })),
    { invalidate: [KEY, ['admin', 'referral', 'campaign', existing?.id]], success: existing ? t('saved') : t('referral.created'), onDone: (c) => navigate(`${BASE}/${c.id}`) },
  );

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string | undefined> = {};
    const req = t('common:required');
    const reward = (r: RewardForm, key: string): Reward => {
      if (r.kind === 'none') return null;
      if (r.kind === 'points') {
        const n = parseIntIn(r.points, 1, 1_000_000);
        if (n === null) e[key] = t('v.intRange', { min: 1, max: 1_000_000 });
        return { kind: 'points', points: n ?? 1 };
      }
      if (!r.templateId) e[key] = req;
      return { kind: 'coupon', templateId: r.templateId };
    };
    e.name = nameError(f.name, t);
    if (f.description.length > 500) e.description = t('v.tooLong', { max: 500 });
    const inviterReward = reward(f.inviter, 'inviter');
    const inviteeReward = reward(f.invitee, 'invitee');
    const seen = new Set<number>();
    const milestones = f.milestones.map((m) => {
      const count = parseIntIn(m.count, 1, 10_000);
      if (count === null) e[`m-${m.key}-count`] = t('v.intRange', { min: 1, max: 10_000 });
      else if (seen.has(count)) e[`m-${m.key}-count`] = t('referral.v.duplicateCount');
      if (count !== null) seen.add(count);
      return { count: count ?? 1, reward: reward(m.reward, `m-${m.key}-reward`) as Exclude<Reward, null> };
    });
    const hold = parseIntIn(f.holdHours, 0, 24 * 90);
    if (hold === null) e.holdHours = t('v.intRange', { min: 0, max: 24 * 90 });
    const cap = parseIntIn(f.inviterDailyCap, 1, 10_000);
    if (cap === null) e.inviterDailyCap = t('v.intRange', { min: 1, max: 10_000 });
    const [startsAt, endsAt] = readDates(f, 'startsAt', 'endsAt', e, t);
    setErrors(e);
    if (hasErrors(e)) return focusFirstError(formRef.current);
    save.mutate({
      name: f.name.trim(),
      description: f.description.trim() || undefined,
      qualifyOn: f.qualifyOn,
      inviterReward,
      inviteeReward,
      milestones,
      holdHours: hold!,
      inviterDailyCap: cap!,
      countShareLinks: f.countShareLinks === 'yes',
      startsAt,
      endsAt,
    });
  };

  return (
    <FormPage title={existing ? t('referral.editTitle', { name: existing.name }) : t('referral.new')} base={BASE} existingId={existing?.id} busy={save.isPending} formRef={formRef} onSubmit={submit}>
      <div className="cc-grid">
        <TextField label={t('referral.f.name')} value={f.name} onChange={(e) => patch({ name: e.target.value }, ['name'])} error={errors.name} maxLength={60} />
        <SelectField label={t('referral.f.qualifyOn')} value={f.qualifyOn} onChange={(e) => patch({ qualifyOn: e.target.value as FormState['qualifyOn'] }, [])}>
          <option value="first_paid_order">{t('referral.qualifyOn.first_paid_order')}</option>
          <option value="signup">{t('referral.qualifyOn.signup')}</option>
        </SelectField>
        <TextField label={t('referral.f.holdHours')} inputMode="numeric" value={f.holdHours} onChange={(e) => patch({ holdHours: e.target.value }, ['holdHours'])} error={errors.holdHours} hint={t('referral.holdHint')} />
        <TextField label={t('referral.f.inviterDailyCap')} inputMode="numeric" value={f.inviterDailyCap} onChange={(e) => patch({ inviterDailyCap: e.target.value }, ['inviterDailyCap'])} error={errors.inviterDailyCap} />
        <SelectField label={t('referral.f.countShareLinks')} value={f.countShareLinks} onChange={(e) => patch({ countShareLinks: e.target.value as FormState['countShareLinks'] }, [])} hint={t('referral.countShareLinksHint')}>
          <option value="yes">{t('referral.countShareLinks.yes')}</option>
          <option value="no">{t('referral.countShareLinks.no')}</option>
        </SelectField>
        <TextField label={t('startsAt')} type="datetime-local" value={f.startsAt} onChange={(e) => patch({ startsAt: e.target.value }, ['startsAt'])} hint={t('optional')} />
        <TextField label={t('endsAt')} type="datetime-local" value={f.endsAt} onChange={(e) => patch({ endsAt: e.target.value }, ['endsAt'])} error={errors.endsAt} hint={t('optional')} />
      </div>
      <fieldset className="cc-fieldset">
        <legend>{t('referral.rewards')}</legend>
        <RewardFields legend={t('referral.f.inviterReward')} value={f.inviter} onChange={(r) => patch({ inviter: r }, ['inviter'])} error={errors.inviter} />
        <RewardFields legend={t('referral.f.inviteeReward')} value={f.invitee} onChange={(r) => patch({ invitee: r }, ['invitee'])} error={errors.invitee} />
      </fieldset>
      <ItemsFieldset
        legend={t('referral.f.milestones')}
        intro={!existing && f.milestones.length === 0 && <p className="cc-muted">{t('referral.milestonesDefault')}</p>}
        addLabel={t('referral.addMilestone')}
        onAdd={f.milestones.length < 10 ? () => patch({ milestones: [...f.milestones, { key: crypto.randomUUID(), count: '', reward: { kind: 'points', points: '', templateId: '' } }] }, []) : undefined}
      >
        {f.milestones.map((m, n) => (
          <ItemCard key={m.key} title={t('referral.milestoneN', { n: n + 1 })} removeLabel={t('referral.removeMilestone', { n: n + 1 })} onRemove={() => patch({ milestones: f.milestones.filter((x) => x.key !== m.key) }, [])}>
            <TextField
              label={t('referral.f.count')}
              inputMode="numeric"
              value={m.count}
              onChange={(e) => patch({ milestones: f.milestones.map((x) => (x.key === m.key ? { ...x, count: e.target.value } : x)) }, [`m-${m.key}-count`])}
              error={errors[`m-${m.key}-count`]}
            />
            <RewardFields
              legend={t('referral.f.milestoneReward')}
              allowNone={false}
              value={m.reward}
              onChange={(r) => patch({ milestones: f.milestones.map((x) => (x.key === m.key ? { ...x, reward: r } : x)) }, [`m-${m.key}-reward`])}
              error={errors[`m-${m.key}-reward`]}
            />
          </ItemCard>
        ))}
      </ItemsFieldset>
      <TextArea label={t('referral.f.description')} value={f.description} onChange={(e) => patch({ description: e.target.value }, ['description'])} error={errors.description} rows={2} hint={t('optional')} />
    </FormPage>
  );
}

// ---- detail ---------------------------------------------------------------------------------

export function ReferralDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const names = useTemplateNames();
  const q = useQuery({ queryKey: ['admin', 'referral', 'campaign', id], queryFn: () => fetchCampaign(id), refetchInterval: 15_000 });
  return (
    <Required data={q.data} error={q.error} refetch={() => void q.refetch()}>
      {({ campaign: c, stats: raw, leaderboard }) => {
        const stats = raw as ReferralStats;
        return (
          <div className="cc-page">
            <PageHead title={c.name} back={BASE} actions={<CampaignActions c={c} />} />
            {c.status !== 'draft' && <Notice>{t('lockedAfterStart')}</Notice>}
            <Section title={t('liveNumbers')}>
              <Stats
                items={[
                  { label: t('referral.stat.pending'), value: stats.referrals.pending },
                  { label: t('referral.stat.qualified'), value: stats.referrals.qualified },
                  { label: t('referral.stat.refused'), value: stats.referrals.refused },
                  { label: t('referral.stat.reversed'), value: stats.referrals.reversed },
                  ...Object.entries(stats.rewards).map(([k, n]) => ({ label: t(`referral.rewardStatus.${k}`, { defaultValue: k }), value: n })),
                ]}
              />
            </Section>
            <CampaignResults kind="referral" campaignId={c.id} />
            <Section title={t('rules')}>
              <Facts
                items={[
                  { label: t('col.status'), value: <StatusBadge status={c.status} startsAt={c.startsAt} /> },
                  { label: t('referral.f.qualifyOn'), value: t(`referral.qualifyOn.${c.qualifyOn}`, { defaultValue: c.qualifyOn }) },
                  { label: t('referral.f.inviterReward'), value: rewardText(c.inviterReward, t, names.data) },
                  { label: t('referral.f.inviteeReward'), value: rewardText(c.inviteeReward, t, names.data) },
                  { label: t('referral.f.holdHours'), value: c.holdHours },
                  { label: t('referral.f.inviterDailyCap'), value: c.inviterDailyCap },
                  { label: t('referral.f.countShareLinks'), value: t(`referral.countShareLinks.${c.countShareLinks ? 'yes' : 'no'}`) },
                  { label: t('startsAt'), value: c.startsAt ? when(c.startsAt) : t('noDates') },
                  { label: t('endsAt'), value: c.endsAt ? when(c.endsAt) : t('noDates') },
                  { label: t('referral.f.description'), value: c.description || '—' },
                ]}
              />
              {c.milestones.length > 0 && (
                <ListTable caption={t('referral.f.milestones')} head={[t('referral.f.count'), t('referral.f.milestoneReward')]}>
                  {(c.milestones as Milestone[]).map((m) => (
                    <tr key={m.count}>
                      <td>{t('referral.invites', { count: m.count })}</td>
                      <td>{rewardText(m.reward, t, names.data)}</td>
                    </tr>
                  ))}
                </ListTable>
              )}
            </Section>
            <Section title={t('referral.leaderboard')}>
              {leaderboard.length === 0 ? (
                <Empty>{t('referral.noInvites')}</Empty>
              ) : (
                <ListTable caption={t('referral.leaderboard')} head={[t('referral.col.rank'), t('coupons.col.customer'), t('referral.col.invites')]}>
                  {leaderboard.map((r) => (
                    <tr key={r.userId}>
                      <td>{r.rank}</td>
                      <td>
                        {r.name} <span className="cc-muted cc-mono">{r.userId.slice(0, 8)}</span>
                      </td>
                      <td>{r.invites}</td>
                    </tr>
                  ))}
                </ListTable>
              )}
            </Section>
          </div>
        );
      }}
    </Required>
  );
}

// ---- held rewards review ----------------------------------------------------------------------

type RewardStatus = 'held' | 'granted' | 'reversed' | 'capped';

export function ReferralRewards() {
  const { t } = useTranslation('campaigns');
  const names = useTemplateNames();
  const [status, setStatus] = useState<RewardStatus>('held');
  const q = useQuery({ queryKey: ['admin', 'referral', 'rewards', status], queryFn: () => call(api.GET('/api/v1/admin/referral/rewards', { params: { query: { status, limit: 200 } } })) });
  const invalidate = [['admin', 'referral', 'rewards']];
  const release = useAction((id: string) => call(api.POST('/api/v1/admin/referral/rewards/{id}/release', { params: { path: { id } } })), { invalidate, success: t('referral.releasedToast') });
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const cancel = useAction((x: { id: string; note: string }) => call(api.POST('/api/v1/admin/referral/rewards/{id}/cancel', { params: { path: { id: x.id } }, body: { note: x.note } })), {
    invalidate,
    success: t('referral.cancelledToast'),
    onDone: () => {
      setCancelling(null);
      setNote('');
    },
  });
  const submitCancel = (ev: FormEvent) => {
    ev.preventDefault();
    if (!note.trim()) return setNoteError(t('common:required'));
    if (note.length > 500) return setNoteError(t('v.tooLong', { max: 500 }));
    setNoteError(null);
    cancel.mutate({ id: cancelling!, note: note.trim() });
  };
  return (
    <div className="cc-page">
      <PageHead title={t('referral.review')} back={BASE} />
      <div className="cc-toolbar">
        <SelectField label={t('filterStatus')} value={status} onChange={(e) => setStatus(e.target.value as RewardStatus)}>
          {(['held', 'granted', 'reversed', 'capped'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`referral.rewardStatus.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {status === 'held' && <Notice>{t('referral.reviewHint')}</Notice>}
      <ListView
        query={q}
        items={q.data?.items}
        empty={t('referral.noRewards')}
        caption={t('referral.review')}
        head={[t('coupons.col.customer'), t('referral.col.role'), t('referral.col.reward'), t('col.status'), t('referral.col.releaseAt'), t('createdAt'), t('col.actions')]}
        row={(r) => (
          <tr key={r.id}>
            <td className="cc-mono">{r.beneficiaryId.slice(0, 8)}</td>
            <td>
              {t(`referral.role.${r.role}`, { defaultValue: r.role })}
              {r.milestone !== null && <span className="cc-sub cc-muted">{t('referral.invites', { count: r.milestone })}</span>}
            </td>
            <td>{rewardText(r.reward, t, names.data)}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td className="cc-nowrap">{when(r.releaseAt)}</td>
            <td className="cc-nowrap">{when(r.createdAt)}</td>
            <td>
              {r.status === 'held' && (
                <div className="row cc-actions">
                  <SmallButton busy={release.isPending && release.variables === r.id} onClick={() => release.mutate(r.id)}>
                    {t('referral.release')}
                  </SmallButton>
                  <SmallButton variant="danger" onClick={() => setCancelling(r.id)}>
                    {t('referral.cancelReward')}
                  </SmallButton>
                </div>
              )}
            </td>
          </tr>
        )}
      />
      <Sheet open={cancelling !== null} onClose={() => setCancelling(null)} title={t('referral.cancelTitle')}>
        <form onSubmit={submitCancel} noValidate>
          <p>{t('referral.cancelMessage')}</p>
          <TextArea label={t('referral.f.note')} value={note} onChange={(e) => setNote(e.target.value)} error={noteError} rows={3} />
          <div className="row cc-form-actions">
            <Button type="submit" variant="danger" busy={cancel.isPending}>
              {t('referral.cancelReward')}
            </Button>
          </div>
        </form>
      </Sheet>
    </div>
  );
}

