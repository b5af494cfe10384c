// Invite friends (邀请有礼): my invite link and poster, milestones, invitees and rewards, the
// leaderboard; and the landing page a friend opens from an invite link.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDate, formatDateTime } from '../../../shared/format';
import { QueryView } from '../../../shared/ui';
import { RequireSignIn, useMe } from '../../auth';
import { PageHeader } from '../../layout';
import { ShareButton } from '../../share/ShareSheet';
import { ActionBar, Avatar, ProgressBar, type GetData } from './common';

/** A referral reward as the API stores it: points or a coupon template. */
function rewardText(reward: unknown, t: TFunction): string {
  if (reward && typeof reward === 'object' && 'kind' in reward) {
    const r = reward as { kind: string; points?: number };
    if (r.kind === 'points' && typeof r.points === 'number') return t('invite.rewardPoints', { count: r.points });
    if (r.kind === 'coupon') return t('invite.rewardCoupon');
  }
  return t('invite.rewardNone');
}

export function MyInvitePage() {
  const { t } = useTranslation('fission');
  return (
    <>
      <PageHeader title={t('invite.title')} />
      <RequireSignIn>
        <MyInvite />
      </RequireSignIn>
    </>
  );
}

type Invite = GetData<'/api/v1/me/invite'>;

function MyInvite() {
  const { t } = useTranslation('fission');
  const me = useMe();
  const invite = useQuery({ queryKey: ['referral', 'me'], queryFn: () => call(api.GET('/api/v1/me/invite')) });
  return (
    <QueryView query={invite}>
      {(data) => (
        <>
          <InviteHero invite={data} />
          {data.campaign && <Milestones invite={data} />}
          <Invitees invite={data} />
          <Rewards invite={data} />
          {data.campaign && <Leaderboard campaignId={data.campaign.id} />}
          {me.data && (
            <ActionBar>
              <ShareButton target={{ type: 'invite', id: me.data.id }} campaignId={data.campaign?.id} label={t('invite.share')} className="btn-block" />
            </ActionBar>
          )}
        </>
      )}
    </QueryView>
  );
}

function InviteHero({ invite }: { invite: Invite }) {
  const { t } = useTranslation('fission');
  const c = invite.campaign;
  const link = new URL(invite.inviteUrl, window.location.origin).toString();
  return (
    <section className="fx-pack-hero" aria-labelledby="invite-hero">
      <p className="fx-pack-kicker">{t('invite.kicker')}</p>
      <h2 id="invite-hero">{c ? c.name : t('invite.noCampaign')}</h2>
      {c?.description && <p>{c.description}</p>}
      {c && (
        <div className="fx-invite-rewards">
          <div>
            <span className="fx-small">{t('invite.youGet')}</span>
            <strong>{rewardText(c.inviterReward, t)}</strong>
          </div>
          <div>
            <span className="fx-small">{t('invite.friendGets')}</span>
            <strong>{rewardText(c.inviteeReward, t)}</strong>
          </div>
        </div>
      )}
      {c && <p className="fx-small">{c.qualifyOn === 'signup' ? t('invite.qualifySignup') : t('invite.qualifyOrder')}</p>}
      {c?.endsAt && <p className="fx-small">{t('invite.until', { date: formatDate(c.endsAt) })}</p>}
      <div className="fx-invite-code">
        <span className="fx-small">{t('invite.myCode')}</span>
        <strong>{invite.code}</strong>
      </div>
      <label className="fx-small fx-invite-link">
        {t('invite.myLink')}
        <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </label>
    </section>
  );
}

function Milestones({ invite }: { invite: Invite }) {
  const { t } = useTranslation('fission');
  const milestones = [...(invite.campaign?.milestones ?? [])].sort((a, b) => a.count - b.count);
  const top = milestones.at(-1)?.count ?? invite.nextMilestone ?? 0;
  return (
    <section className="card" aria-labelledby="invite-progress">
      <h2 id="invite-progress" className="fx-section-title">
        {t('invite.progress')}
      </h2>
      <p>
        <strong className="price">{t('invite.qualified', { count: invite.qualified })}</strong>
        {invite.nextMilestone !== null && <span className="fx-small fx-muted"> · {t('invite.toNext', { count: Math.max(0, invite.nextMilestone - invite.qualified) })}</span>}
      </p>
      {top > 0 && <ProgressBar value={Math.min(invite.qualified, top)} max={top} label={t('invite.progressLabel')} text={`${invite.qualified}/${top}`} />}
      {milestones.length > 0 ? (
        <ol className="fx-milestones">
          {milestones.map((m) => (
            <li key={m.count} className={invite.qualified >= m.count ? 'fx-milestone-done' : ''}>
              <span className="fx-milestone-dot" aria-hidden="true">
                {invite.qualified >= m.count ? '✓' : m.count}
              </span>
              <span>
                {t('invite.milestone', { count: m.count, reward: rewardText(m.reward, t) })}
                {invite.qualified >= m.count && <span className="visually-hidden"> ({t('invite.reached')})</span>}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="fx-small fx-muted">{t('invite.noMilestones')}</p>
      )}
    </section>
  );
}

function Invitees({ invite }: { invite: Invite }) {
  const { t } = useTranslation('fission');
  return (
    <section className="card" aria-labelledby="invite-friends">
      <h2 id="invite-friends" className="fx-section-title">
        {t('invite.friends')}
      </h2>
      {invite.invitees.length === 0 ? (
        <p className="fx-muted">{t('invite.noFriends')}</p>
      ) : (
        <ul className="fx-list">
          {invite.invitees.map((f, i) => (
            <li key={`${f.name}-${i}`} className="fx-line">
              <Avatar initial={f.name.slice(0, 1)} name={f.name} />
              <span className="fx-line-main">
                <strong>{f.name}</strong>
                <span className="fx-small fx-muted">{t('invite.invitedAt', { at: formatDateTime(f.invitedAt) })}</span>
              </span>
              <span className={`fx-status fx-status-${f.status === 'qualified' ? 'completed' : f.status}`}>{t(`invite.inviteeStatus.${f.status}`, { defaultValue: f.status })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Rewards({ invite }: { invite: Invite }) {
  const { t } = useTranslation('fission');
  return (
    <section className="card" aria-labelledby="invite-rewards">
      <h2 id="invite-rewards" className="fx-section-title">
        {t('invite.rewards')}
      </h2>
      {invite.rewards.length === 0 ? (
        <p className="fx-muted">{t('invite.noRewards')}</p>
      ) : (
        <ul className="fx-list">
          {invite.rewards.map((r) => (
            <li key={r.id} className="fx-line">
              <span className="fx-line-main">
                <strong>{rewardText(r.reward, t)}</strong>
                <span className="fx-small fx-muted">
                  {r.milestone ? t('invite.forMilestone', { count: r.milestone }) : t(`invite.role.${r.role}`, { defaultValue: r.role })}
                  {r.status === 'held' && r.releaseAt && ` · ${t('invite.releaseAt', { at: formatDateTime(r.releaseAt) })}`}
                </span>
              </span>
              <span className="fx-status">{t(`invite.rewardStatus.${r.status}`, { defaultValue: r.status })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Leaderboard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('fission');
  const board = useQuery({ queryKey: ['referral', 'leaderboard', campaignId], queryFn: () => call(api.GET('/api/v1/referral/campaigns/{id}/leaderboard', { params: { path: { id: campaignId }, query: { limit: 10 } } })) });
  return (
    <section className="card" aria-labelledby="invite-board">
      <h2 id="invite-board" className="fx-section-title">
        {t('invite.leaderboard')}
      </h2>
      <QueryView query={board} isEmpty={(d) => d.items.length === 0} empty={t('invite.noBoard')}>
        {(d) => (
          <ol className="fx-list">
            {d.items.map((row) => (
              <li key={row.rank} className="fx-line">
                <span className={`fx-rank fx-rank-${row.rank}`}>{row.rank}</span>
                <span className="fx-line-main">{row.name}</span>
                <span className="fx-small">{t('invite.invites', { count: row.invites })}</span>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}

const INVITE_CODE = /^[A-Za-z0-9]{4,16}$/;

/** What a friend sees after opening an invite link (/s/{token} → /invite/{code}?s=...). */
export function InviteLandingPage() {
  const { code: fromPath = '' } = useParams();
  const { t } = useTranslation('fission');
  const me = useMe();
  const [params] = useSearchParams();
  // Links made before codes moved into the path read /invite/{account}?code=….
  const code = INVITE_CODE.test(fromPath) ? fromPath : params.get('code');
  // The sign-up page reads the inviter's code from `invite` (its own `code` is the verification code).
  const signup = `/signup?next=${encodeURIComponent('/')}${code && INVITE_CODE.test(code) ? `&invite=${encodeURIComponent(code)}` : ''}`;
  const mine = useQuery({ queryKey: ['referral', 'me'], queryFn: () => call(api.GET('/api/v1/me/invite')), enabled: !!me.data && !!code });
  const isMe = !!code && mine.data?.code === code;
  return (
    <>
      <PageHeader title={t('invite.landingTitle')} back={false} />
      <section className="fx-pack-hero fx-landing">
        <div className="fx-hero-emoji" aria-hidden="true">
          🎁
        </div>
        <h2>{t('invite.landingHeadline')}</h2>
        <p>{t('invite.landingText')}</p>
        {code && (
          <div className="fx-invite-code">
            <span className="fx-small">{t('invite.theirCode')}</span>
            <strong>{code}</strong>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="landing-why">
        <h2 id="landing-why" className="fx-section-title">
          {t('invite.whyTitle')}
        </h2>
        <ul className="fx-why">
          <li>
            <Link to="/groupbuy">{t('invite.why1')}</Link>
          </li>
          <li>
            <Link to="/bargain">{t('invite.why2')}</Link>
          </li>
          <li>
            <Link to="/flashsale">{t('invite.why3')}</Link>
          </li>
          <li>
            <Link to="/coupons">{t('invite.why4')}</Link>
          </li>
        </ul>
      </section>
      <ActionBar>
        {me.data ? (
          <>
            <p className="fx-small fx-muted fx-actionbar-hint">{isMe ? t('invite.ownLink') : t('invite.alreadyMember')}</p>
            <Link to={isMe ? '/me/invite' : '/'} className="btn btn-primary btn-block">
              {isMe ? t('invite.title') : t('goShopping')}
            </Link>
          </>
        ) : (
          <div className="fx-actionbar-row">
            <Link to={`/login?next=${encodeURIComponent('/')}`} className="btn btn-secondary fx-grow">
              {t('common:signIn')}
            </Link>
            <Link to={signup} className="btn btn-primary fx-grow">
              {t('common:signUp')}
            </Link>
          </div>
        )}
      </ActionBar>
    </>
  );
}
