// Group buying: running campaigns (with who is teaming up and the teams waiting for a friend), my
// teams, and the team page a share link lands on. 发起拼团 and 立即参团 survive sign-in (seat.tsx).
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDateTime, formatMoney, localText } from '../../../shared/format';
import { Button, QueryView, useErrorText } from '../../../shared/ui';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { ShareButton } from '../../share/ShareSheet';
import { usePendingAction } from '../../intent';
import { ActionBar, Avatar, CampaignHub, Countdown, DeliveredLine, type GetData, MyLines, Thumb } from './common';
import { useCampaignPurchase, type OrderOffer } from './seat';

type Campaign = GetData<'/api/v1/groupbuy/campaigns'>['items'][number];

/** The leader's seat of a campaign (发起拼团 / 再开一团) as the confirm step shows and places it; `label` names the seat. */
export function startTeamOffer(c: Pick<Campaign, 'id' | 'title' | 'titleEn' | 'image' | 'leaderPrice' | 'leaderShipping' | 'leaderDeliveredPrice'>, label: string): OrderOffer {
  return {
    title: localText(c.title, c.titleEn),
    image: c.image,
    label,
    price: c.leaderPrice,
    shipping: c.leaderShipping,
    deliveredPrice: c.leaderDeliveredPrice,
    place: async (addressId, key) => {
      const r = await call(api.POST('/api/v1/groupbuy/campaigns/{id}/teams', { params: { path: { id: c.id } }, body: { addressId }, headers: { 'Idempotency-Key': key } }));
      return { orderId: r.order.id, next: `/groupbuy/teams/${r.team.id}` };
    },
  };
}

export function GroupbuyPage() {
  const { t } = useTranslation('fission');
  const campaigns = useQuery({ queryKey: ['groupbuy', 'campaigns'], queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns')) });
  const purchase = useCampaignPurchase();
  const items = campaigns.data?.items;
  // Back from sign-in with ?do=startTeam&arg=<campaign>: the confirm step of that campaign's team.
  const resume = useCallback(
    (id: string | undefined) => {
      const c = items?.find((x) => x.id === id);
      if (c && !c.soldOut) purchase.resume(startTeamOffer(c, t('teams.confirm.leaderSeat', { count: c.teamSize })));
    },
    [items, purchase, t],
  );
  usePendingAction('startTeam', resume, !!items);
  return (
    <>
      <CampaignHub kind="groupbuy" query={campaigns} mine={<MyTeams />} card={(c) => <CampaignCard campaign={c} onStart={() => void purchase.tap('startTeam', c.id, () => startTeamOffer(c, t('teams.confirm.leaderSeat', { count: c.teamSize })))} busy={purchase.busy} />} />
      {purchase.sheet}
    </>
  );
}

function CampaignCard({ campaign: c, onStart, busy }: { campaign: Campaign; onStart: () => void; busy: boolean }) {
  const { t } = useTranslation('fission');
  const product = `/product/${c.productId}`;
  return (
    <article className="card fx-product-card fx-gb-card" aria-labelledby={`gb-${c.id}`}>
      <Link to={product} className="fx-product-media" tabIndex={-1} aria-hidden="true">
        <Thumb src={c.image} alt={localText(c.title, c.titleEn)} />
      </Link>
      <div className="fx-product-body">
        <h3 id={`gb-${c.id}`} className="fx-product-title">
          <Link to={product} className="fx-gb-card-link">
            {localText(c.title, c.titleEn)}
          </Link>
        </h3>
        <p className="fx-small fx-accent fx-campaign-name">{localText(c.name, c.nameEn)}</p>
        {c.skuLabel && <p className="fx-muted fx-small">{localText(c.skuLabel, c.skuLabelEn)}</p>}
        <div className="row">
          <span className="fx-tag">{t('groupbuy.teamOf', { count: c.teamSize })}</span>
          {c.newCustomersOnly && <span className="fx-tag fx-tag-gold">{t('groupbuy.newOnly')}</span>}
        </div>
        <p className="fx-price-line">
          <span className="fx-price-label">{t('groupbuy.groupPrice')}</span>
          <span className="price fx-price-big">{formatMoney(c.groupPrice)}</span>
          {c.listPrice && <span className="strike">{formatMoney(c.listPrice)}</span>}
        </p>
        <DeliveredLine offer={c} />
        {c.leaderPrice.amount < c.groupPrice.amount && <p className="fx-small fx-accent">{t('groupbuy.leaderPrice', { price: formatMoney(c.leaderPrice) })}</p>}
        <SocialProof joined={c.joinedCount} sold={c.soldCount} />
        {c.endsAt && <Countdown to={c.endsAt} />}
        <Button className="btn-block fx-gb-start" disabled={c.soldOut} busy={busy} onClick={onStart}>
          {c.soldOut ? t('soldOut') : t('groupbuy.start')}
        </Button>
      </div>
      {c.openTeamCount > 0 && !c.soldOut && <OpenTeams campaignId={c.id} />}
    </article>
  );
}

/** N 人在拼 · 已拼 X 件: only real, non-zero numbers. */
function SocialProof({ joined, sold }: { joined: number; sold: number }) {
  const { t } = useTranslation('fission');
  const parts = [joined > 0 ? t('teams.proof.joined', { count: joined }) : null, sold > 0 ? t('teams.proof.sold', { count: sold }) : null].filter(Boolean);
  if (parts.length === 0) return null;
  return <p className="fx-small fx-gb-proof">{parts.join(' · ')}</p>;
}

/** The teams of a campaign waiting for a friend: leader (masked), seats left, time left, 去参团. */
function OpenTeams({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('fission');
  const teams = useQuery({
    queryKey: ['groupbuy', 'open-teams', campaignId],
    queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns/{id}/open-teams', { params: { path: { id: campaignId }, query: { limit: 3 } } })),
    refetchInterval: 30_000,
  });
  const items = teams.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="fx-gb-strip" aria-label={t('teams.strip.title')}>
      <p className="fx-small fx-muted">{t('teams.strip.title')}</p>
      <ul>
        {items.map((team) => (
          <li key={team.id} className="fx-gb-strip-team">
            <Avatar initial={team.leaderInitial} name={team.leaderName} />
            <span className="fx-gb-strip-text">
              <span className="fx-small">{t('teams.strip.teamOf', { name: team.leaderName })}</span>
              <span className="fx-small fx-accent">{t('teams.strip.needs', { count: team.seatsLeft })}</span>
              <Countdown to={team.expiresAt} label={t('team.closesIn')} />
            </span>
            <Link to={team.url} className="btn btn-secondary fx-gb-strip-join" aria-label={team.yours ? undefined : t('teams.strip.joinAria', { name: team.leaderName })}>
              {team.yours ? t('teams.strip.yours') : t('teams.strip.join')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MyTeams() {
  const { t } = useTranslation('fission');
  const teams = useQuery({ queryKey: ['groupbuy', 'my-teams'], queryFn: () => call(api.GET('/api/v1/me/groupbuy/teams')) });
  return (
    <MyLines
      id="gb-mine"
      title={t('groupbuy.myTeams')}
      empty={t('groupbuy.noTeams')}
      query={teams}
      line={(team) => ({
        key: team.teamId,
        to: `/groupbuy/teams/${team.teamId}`,
        title: <strong>{localText(team.campaignName, team.campaignNameEn)}</strong>,
        detail: `${t(`groupbuy.role.${team.role}`, { defaultValue: team.role })} · ${formatMoney(team.groupPrice)} · ${t('groupbuy.seatsLeft', { count: team.seatsLeft })}`,
        status: team.status,
        statusLabel: t(`groupbuy.status.${team.status}`, { defaultValue: team.status }),
      })}
    />
  );
}

export function TeamPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('fission');
  const team = useQuery({
    queryKey: ['groupbuy', 'team', id],
    queryFn: () => call(api.GET('/api/v1/groupbuy/teams/{id}', { params: { path: { id } } })),
    // seats fill while the page is open
    refetchInterval: 15_000,
  });
  return (
    <>
      <PageHeader title={t('team.title')} />
      <QueryView query={team}>{(data) => <TeamView team={data} />}</QueryView>
    </>
  );
}

type Team = GetData<'/api/v1/groupbuy/teams/{id}'>;

/** A seat in this team (立即参团) as the confirm step shows and places it. */
function joinTeamOffer(team: Team, label: string): OrderOffer {
  return {
    title: localText(team.product.title, team.product.titleEn),
    image: team.product.image,
    label,
    price: team.groupPrice,
    shipping: team.shipping,
    deliveredPrice: team.deliveredPrice,
    place: async (addressId, key) => {
      const r = await call(api.POST('/api/v1/groupbuy/teams/{id}/join', { params: { path: { id: team.id } }, body: { addressId }, headers: { 'Idempotency-Key': key } }));
      return { orderId: r.order.id, next: `/groupbuy/teams/${team.id}` };
    },
  };
}

function TeamView({ team }: { team: Team }) {
  const { t } = useTranslation('fission');
  useEffect(() => track('team_viewed', { campaignId: team.campaignId, props: { teamId: team.id } }), [team.id]);
  const fissionError = useErrorText();
  const purchase = useCampaignPurchase();

  const isMember = team.members.some((m) => m.you);
  const myUnpaid = team.members.find((m) => m.you && !m.paid);
  const expired = team.expired || team.status === 'failed';
  const complete = team.status === 'completed';
  const open = team.status === 'open' && !team.expired;
  const seats = Array.from({ length: Math.max(0, team.seatsLeft) });
  // 再开一团 / 我也开一团 once the team is done: the campaign's leader seat, if it still runs.
  const campaign = useQuery({
    queryKey: ['groupbuy', 'campaign', team.campaignId],
    queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns/{id}', { params: { path: { id: team.campaignId } } })),
    enabled: complete || expired,
  });
  const again = campaign.data?.live && !campaign.data.soldOut ? campaign.data : null;

  // Back from sign-in or sign-up with ?do=join: straight to the confirm step, no second tap.
  const resumeJoin = useCallback(() => {
    if (open && !isMember) purchase.resume(joinTeamOffer(team, t('teams.confirm.memberSeat', { count: team.size })));
  }, [open, isMember, purchase, team, t]);
  usePendingAction('join', resumeJoin);
  const resumeAgain = useCallback(() => {
    if (again) purchase.resume(startTeamOffer(again, t('teams.confirm.leaderSeat', { count: again.teamSize })));
  }, [again, purchase, t]);
  usePendingAction('again', resumeAgain, !!again);

  const onJoin = () => void purchase.tap('join', undefined, () => joinTeamOffer(team, t('teams.confirm.memberSeat', { count: team.size })));
  const onAgain = () => again && void purchase.tap('again', undefined, () => startTeamOffer(again, t('teams.confirm.leaderSeat', { count: again.teamSize })));

  return (
    <>
      <article className="card fx-product-row">
        <Thumb src={team.product.image} alt={localText(team.product.title, team.product.titleEn)} />
        <div>
          <h2 className="fx-product-title">
            <Link to={`/product/${team.product.productId}`}>{localText(team.product.title, team.product.titleEn)}</Link>
          </h2>
          <p className="fx-muted fx-small">{localText(team.product.skuLabel, team.product.skuLabelEn)}</p>
          <p className="fx-price-line">
            <span className="fx-price-label">{t('team.groupPriceOf', { count: team.size })}</span>
            <span className="price fx-price-big">{formatMoney(team.groupPrice)}</span>
            {team.product.listPrice && <span className="strike">{formatMoney(team.product.listPrice)}</span>}
          </p>
          <DeliveredLine offer={team} />
        </div>
      </article>

      <section className="card fx-team" aria-labelledby="team-status">
        <h2 id="team-status" className="fx-team-headline">
          {complete ? t('team.complete') : expired ? t('team.expiredTitle') : team.status === 'forming' ? t('team.forming') : t('team.seatsLeft', { count: team.seatsLeft })}
        </h2>
        {open && <Countdown to={team.expiresAt} label={t('team.closesIn')} />}
        <ul className="fx-avatars" aria-label={t('team.members')}>
          {team.members.map((m, i) => (
            <li key={`${m.name}-${i}`} className="fx-member">
              <Avatar initial={m.initial} name={m.name} badge={m.role === 'leader' ? t('team.leader') : undefined} muted={!m.paid} />
              <span className="fx-member-name">
                {m.name}
                {m.you && ` (${t('team.you')})`}
                {m.virtual && <span className="fx-small fx-muted"> · {t('team.virtual')}</span>}
              </span>
              {!m.paid && <span className="visually-hidden">{t('team.unpaid')}</span>}
            </li>
          ))}
          {!complete &&
            seats.map((_, i) => (
              <li key={`seat-${i}`} className="fx-member">
                <span className="fx-avatar fx-avatar-empty" aria-hidden="true">
                  ?
                </span>
                <span className="fx-member-name fx-muted">{t('team.emptySeat')}</span>
              </li>
            ))}
        </ul>
        <p className="fx-muted fx-small">{t('team.paidOf', { paid: team.paidMembers, size: team.size })}</p>
        {team.virtualMembers > 0 && <p className="fx-notice">{t('team.virtualDisclosed', { count: team.virtualMembers })}</p>}
        {team.notice && <p className="fx-notice">{team.notice}</p>}
        {complete && <p className="fx-ok">{t('team.completeText')}</p>}
        {expired && <p className="fx-notice">{t('team.expiredText')}</p>}
        {team.status === 'cancelled' && <p className="fx-notice">{t('team.cancelledText')}</p>}
        {team.status === 'forming' && <p className="fx-notice">{t('team.formingText')}</p>}
        {/* a completed team has no deadline left to show */}
        {team.expiresAt && !open && !complete && <p className="fx-small fx-muted">{t('team.deadline', { at: formatDateTime(team.expiresAt) })}</p>}
        {purchase.error != null && (
          <p className="field-error" role="alert">
            {fissionError(purchase.error)}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="team-rules">
        <h2 id="team-rules" className="fx-section-title">
          {t('team.howTitle')}
        </h2>
        <ol className="fx-steps">
          <li>{t('team.how1')}</li>
          <li>{t('team.how2', { count: team.size })}</li>
          <li>{t('team.how3')}</li>
        </ol>
      </section>

      <ActionBar>
        {myUnpaid && !complete && !expired && <MyUnpaidHint />}
        {complete && isMember ? (
          <div className="fx-gb-done">
            {team.myOrderId && (
              <Link to={`/orders/${team.myOrderId}`} className="btn btn-secondary">
                {t('teams.done.viewOrder')}
              </Link>
            )}
            {again && (
              <Button className="fx-gb-again" busy={purchase.busy} onClick={onAgain}>
                {t('teams.done.again')}
              </Button>
            )}
            <ShareButton target={{ type: 'product', id: team.product.productId }} campaignId={team.campaignId} label={t('teams.done.share')} />
          </div>
        ) : isMember && !expired ? (
          <ShareButton target={{ type: 'team', id: team.id }} campaignId={team.campaignId} label={t('team.invite')} className="btn-block" />
        ) : open ? (
          <Button className="btn-block" busy={purchase.busy} onClick={onJoin}>
            {t('team.join')}
            <span aria-hidden="true"> · {formatMoney(team.deliveredPrice)}</span>
          </Button>
        ) : again ? (
          <Button className="btn-block" busy={purchase.busy} onClick={onAgain}>
            {isMember ? t('teams.done.again') : t('teams.done.openOwn')}
          </Button>
        ) : (
          <Link to="/groupbuy" className="btn btn-primary btn-block">
            {t('team.browse')}
          </Link>
        )}
      </ActionBar>
      {purchase.sheet}
    </>
  );
}

function MyUnpaidHint() {
  const { t } = useTranslation('fission');
  return (
    <p className="fx-small fx-accent fx-actionbar-hint">
      {t('team.unpaidHint')}{' '}
      <Link to="/orders">{t('team.myOrders')}</Link>
    </p>
  );
}
