// The row and header actions of the campaign screens, parameterised by the calls they make.
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { ConfirmButton, Notice, PageHead, SmallButton, useAction } from './common';
import { LaunchReviewButton } from './launch-review';

interface Item {
  id: string;
  name: string;
  status: string;
}

/**
 * Start (or publish) a draft through its launch review, edit a draft, stop anything not ended (with confirmation): for campaigns
 * that run draft → running → ended. `canEdit` defaults to "is a draft".
 */
export function RunActions({
  item,
  base,
  invalidate,
  start,
  stop,
  stopMessage,
  startLabel,
  startedToast,
  launchNote,
  canEdit = item.status === 'draft',
  pausable = true,
}: {
  item: Item;
  base: string;
  invalidate: QueryKey[];
  start: () => Promise<unknown>;
  stop: () => Promise<unknown>;
  stopMessage: string;
  startLabel?: string;
  startedToast?: string;
  /** Something the launch review should say first (starting a referral ends the one running). */
  launchNote?: string;
  canEdit?: boolean;
  /** Pause and resume through the campaign kernel; a flash-sale slot is a fixed window and cannot. */
  pausable?: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const stopAction = useAction(stop, { invalidate, success: t('stoppedToast') });
  const kernelPath = { params: { path: { id: item.id } } };
  const pauseAction = useAction(() => call(api.POST('/api/v1/admin/campaigns/{id}/pause', kernelPath)), { invalidate, success: t('pausedToast') });
  const resumeAction = useAction(() => call(api.POST('/api/v1/admin/campaigns/{id}/resume', kernelPath)), { invalidate, success: t('resumedToast') });
  const label = startLabel ?? t('start');
  return (
    <div className="row cc-actions">
      {item.status === 'draft' && <LaunchReviewButton id={item.id} name={item.name} label={label} start={start} invalidate={invalidate} startedToast={startedToast ?? t('started')} note={launchNote} />}
      {canEdit && (
        <SmallButton variant="secondary" onClick={() => navigate(`${base}/${item.id}/edit`)}>
          {t('edit')}
        </SmallButton>
      )}
      {pausable && item.status === 'active' && (
        <SmallButton variant="secondary" busy={pauseAction.isPending} onClick={() => pauseAction.mutate(undefined)}>
          {t('pause')}
        </SmallButton>
      )}
      {pausable && item.status === 'paused' && (
        <SmallButton busy={resumeAction.isPending} onClick={() => resumeAction.mutate(undefined)}>
          {t('resume')}
        </SmallButton>
      )}
      {item.status !== 'ended' && (
        <ConfirmButton small label={t('stop')} title={t('stopTitle')} message={stopMessage} confirmLabel={t('stop')} busy={stopAction.isPending} onConfirm={() => stopAction.mutateAsync(undefined).catch(() => undefined)} />
      )}
    </div>
  );
}

/** RunActions for the modules whose campaigns live at /api/v1/admin/{kind}/campaigns. */
export function CampaignRunActions({ kind, c, base, ...rest }: { kind: 'bargain' | 'groupbuy' | 'referral'; c: Item; base: string; stopMessage: string; launchNote?: string }) {
  const path = { params: { path: { id: c.id } } };
  return (
    <RunActions
      item={c}
      base={base}
      invalidate={[['admin', kind, 'campaigns'], ['admin', kind, 'campaign', c.id]]}
      start={() => call(api.POST(`/api/v1/admin/${kind}/campaigns/{id}/start`, path))}
      stop={() => call(api.POST(`/api/v1/admin/${kind}/campaigns/{id}/stop`, path))}
      {...rest}
    />
  );
}

export type StatusAction = 'activate' | 'pause' | 'end';

/** Activate (a draft through its launch review) / edit / pause / end, as the status allows: for coupon templates and coupon packs. */
export function StatusActions({ item, base, invalidate, act, endMessage }: { item: Item; base: string; invalidate: QueryKey[]; act: (action: StatusAction) => Promise<unknown>; endMessage: string }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const action = useAction(act, { invalidate });
  const busy = action.isPending;
  return (
    <div className="row cc-actions">
      {item.status === 'draft' && <LaunchReviewButton id={item.id} name={item.name} label={t('coupons.activate')} start={() => act('activate')} invalidate={invalidate} startedToast={t('started')} />}
      {item.status === 'paused' && (
        <SmallButton busy={busy} onClick={() => action.mutate('activate')}>
          {t('coupons.activate')}
        </SmallButton>
      )}
      {item.status !== 'ended' && (
        <SmallButton variant="secondary" onClick={() => navigate(`${base}/${item.id}/edit`)}>
          {t('edit')}
        </SmallButton>
      )}
      {item.status === 'active' && (
        <SmallButton variant="secondary" busy={busy} onClick={() => action.mutate('pause')}>
          {t('coupons.pause')}
        </SmallButton>
      )}
      {item.status !== 'ended' && (
        <ConfirmButton small label={t('coupons.end')} title={t('coupons.endTitle', { name: item.name })} message={endMessage} confirmLabel={t('coupons.end')} busy={busy} onConfirm={() => action.mutateAsync('end').catch(() => undefined)} />
      )}
    </div>
  );
}

/** What the edit screen shows once the rules are locked. */
export function LockedEdit({ title, back, message }: { title: string; back: string; message: string }) {
  return (
    <div className="cc-page">
      <PageHead title={title} back={back} />
      <Notice tone="warn">{message}</Notice>
    </div>
  );
}
