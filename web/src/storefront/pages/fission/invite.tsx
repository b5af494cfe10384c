// Invite friends (邀请有礼): my invite link and poster, milestones, invitees and rewards, the
// leaderboard; and the landing page a friend opens from an invite link.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDate, formatDateTime, formatDiscount, formatMoney } from '../../../shared/format';
import { QueryView } from '../../../shared/ui';
import { RequireSignIn, useMe } from '../../auth';
import { signInFor, usePendingAction } from '../../intent';
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

type Offer = NonNullable<GetData<'/api/v1/referral/offer'>['offer']>;

/** The running campaign's gift to a new customer with its amount ("¥15.00 优惠券", "100 积分"), or null when it gives none. */
export function giftText(offer: Offer | null | undefined, t: TFunction): string | null {
  const r = offer?.reward;
  if (!r) return null;
  if (r.kind === 'points') return t('friend.gift.points', { count: r.points ?? 0 });
  const c = r.coupon;
  if (!c) return null;
  const value = c.kind === 'free_shipping' ? t('coupons.freeShipping') : c.amount ? formatMoney(c.amount) : c.percentBp ? formatDiscount({ bp: c.percentBp }) : '';
  return t('friend.gift.coupon', { value });
}

/** When the gift arrives: on sign-up, or after the first paid order (the campaign's qualifying rule). */
export const giftWhen = (offer: Offer, t: TFunction) => (offer.qualifyOn === 'signup' ? t('friend.gift.onSignup') : t('friend.gift.onOrder'));

/** The gift's conditions: threshold, cap, validity and when it arrives (满¥99.00可用 · 领取后 7 天内有效 · 注册即到账). */
export function giftConditions(offer: Offer, t: TFunction): string {
  const c = offer.reward?.coupon;
  const parts: string[] = [];
  if (c) {
    parts.push(c.minSpend.amount > 0 ? t('coupons.minSpend', { amount: formatMoney(c.minSpend) }) : t('coupons.noMin'));
    if (c.maxDiscount) parts.push(t('coupons.cap', { amount: formatMoney(c.maxDiscount) }));
    if (c.validUntil) parts.push(t('friend.gift.validUntil', { date: formatDate(c.validUntil) }));
    else if (c.validDaysAfterClaim) parts.push(t('friend.gift.validDays', { count: c.validDaysAfterClaim }));
  }
  parts.push(giftWhen(offer, t));
  return parts.join(' · ');
}

/** The running campaign's new-customer gift (public). */
export const useNewCustomerOffer = () => useQuery({ queryKey: ['referral', 'offer'], queryFn: () => call(api.GET('/api/v1/referral/offer')), staleTime: 60_000 });

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
  // The friend's gift with its amount (a coupon's value and threshold come from its template).
  const offer = useNewCustomerOffer();
  const friendGift = offer.data?.offer && offer.data.offer.campaignId === c?.id ? giftText(offer.data.offer, t) : null;
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
            <strong>{friendGift ?? rewardText(c.inviteeReward, t)}</strong>
            {friendGift && offer.data?.offer?.reward?.coupon && <span className="fx-small">{giftConditions(offer.data.offer, t)}</span>}
          </div>
        </div>
      )}
      {c && (
        <p className="fx-small fx-invite-rule" data-testid="invite-rule">
          {c.countShareLinks ? t('friend.rule.anyLink') : t('friend.rule.inviteOnly')}
        </p>
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
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a friend sees after opening an invite link (/s/{token} → /invite/{code}?s=...): who invited, the gift, one button. */
export function InviteLandingPage() {
  const { code: fromPath = '' } = useParams();
  const { t } = useTranslation('fission');
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  // Links made before codes moved into the path read /invite/{account}?code=…; older ones carry only the account id.
  const asked = INVITE_CODE.test(fromPath) ? fromPath : params.get('code') && INVITE_CODE.test(params.get('code')!) ? params.get('code')! : ACCOUNT_ID.test(fromPath) ? fromPath : '';
  const landing = useQuery({
    queryKey: ['referral', 'invite', asked],
    queryFn: () => call(api.GET('/api/v1/referral/invites/{code}', { params: { path: { code: asked } } })),
    enabled: !!asked,
  });
  // An old link (account id) moves to its code, so what the friend may copy on carries no account id.
  const code = landing.data?.code;
  useEffect(() => {
    if (code && fromPath !== code) {
      const rest = new URLSearchParams(location.search);
      rest.delete('code');
      const search = rest.toString();
      navigate({ pathname: `/invite/${code}`, search: search ? `?${search}` : '' }, { replace: true });
    }
  }, [code, fromPath, location.search, navigate]);
  const [accepted, setAccepted] = useState(false);
  // Back from sign-up with the invite applied (the sign-up carried ?invite=): say so, no second tap.
  usePendingAction('accept', () => setAccepted(true), landing.isSuccess);
  const mine = useQuery({ queryKey: ['referral', 'me'], queryFn: () => call(api.GET('/api/v1/me/invite')), enabled: !!me.data && !!code });
  const isMe = !!code && mine.data?.code === code;
  return (
    <>
      <PageHeader title={t('friend.invite.title')} back={false} />
      {!asked ? (
        <p className="card field-error" role="alert">
          {t('friend.invite.invalid')}
        </p>
      ) : (
        <QueryView query={landing}>
          {(data) => {
            const gift = giftText(data.offer, t);
            const signup = `${signInFor(`/invite/${data.code}`, 'accept', undefined, 'signup')}&invite=${encodeURIComponent(data.code)}`;
            return (
              <>
                <section className="fx-pack-hero fx-landing fx-friend-hero" aria-labelledby="invite-who">
                  <Avatar initial={data.inviter.initial} name={data.inviter.name} />
                  <h2 id="invite-who">{t('friend.invite.invitedBy', { name: data.inviter.name })}</h2>
                  {gift ? (
                    <p className="fx-friend-gift" data-testid="invite-gift">
                      {t('friend.invite.gift', { gift })}
                    </p>
                  ) : (
                    <p>{t('friend.invite.giftNone')}</p>
                  )}
                  {gift && data.offer && <p className="fx-small">{giftConditions(data.offer, t)}</p>}
                </section>
                {accepted && me.data && (
                  <section className="card fx-center" role="status">
                    <h2>{t('friend.invite.welcome')}</h2>
                    <p className="fx-ok">{t('friend.invite.accepted', { name: data.inviter.name })}</p>
                    {gift && data.offer && <p className="fx-small fx-muted">{t('friend.invite.giftComing', { gift, when: giftWhen(data.offer, t) })}</p>}
                  </section>
                )}
                <ActionBar>
                  {me.data ? (
                    <>
                      {!accepted && <p className="fx-small fx-muted fx-actionbar-hint">{isMe ? t('friend.invite.own') : t('friend.invite.member')}</p>}
                      <Link to={isMe ? '/me/invite' : '/'} className="btn btn-primary btn-block">
                        {isMe ? t('friend.invite.myInvite') : t('friend.invite.shop')}
                      </Link>
                    </>
                  ) : (
                    <>
                      <Link to={signup} className="btn btn-primary btn-block">
                        {gift ? `${t('friend.invite.join')} · ${gift}` : t('friend.invite.joinNoGift')}
                      </Link>
                      <p className="fx-small fx-muted fx-actionbar-hint">
                        <Link to={signInFor(`/invite/${data.code}`, 'accept')}>{t('friend.invite.haveAccount')}</Link> · {t('friend.invite.signInNote')}
                      </p>
                    </>
                  )}
                </ActionBar>
              </>
            );
          }}
        </QueryView>
      )}
    </>
  );
}
