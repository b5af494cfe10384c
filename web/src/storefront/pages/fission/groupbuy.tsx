// Group buying: running campaigns, my teams, and the team page a share link lands on.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../../shared/api';
import { formatDateTime, formatMoney, localText } from '../../../shared/format';
import { Button, QueryView, useErrorText, useToast } from '../../../shared/ui';
import { useAddressGate } from '../../address';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { ShareButton } from '../../share/ShareSheet';
import { ActionBar, Avatar, CampaignHub, Countdown, DeliveredLine, type GetData, MyLines, Thumb } from './common';
import { payUrl, useLoginRedirect } from '../../navigation';

type Campaign = GetData<'/api/v1/groupbuy/campaigns'>['items'][number];

export function GroupbuyPage() {
  const campaigns = useQuery({ queryKey: ['groupbuy', 'campaigns'], queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns')) });
  return <CampaignHub kind="groupbuy" query={campaigns} mine={<MyTeams />} card={(c) => <CampaignCard campaign={c} />} />;
}

function CampaignCard({ campaign: c }: { campaign: Campaign }) {
  const { t } = useTranslation('fission');
  const navigate = useNavigate();
  const toast = useToast();
  const fissionError = useErrorText();
  const { withSignIn } = useLoginRedirect();
  const { withAddress, sheet } = useAddressGate();
  const key = useRef(idempotencyKey());
  const start = useMutation({
    mutationFn: (addressId: string) => call(api.POST('/api/v1/groupbuy/campaigns/{id}/teams', { params: { path: { id: c.id } }, body: { addressId }, headers: { 'Idempotency-Key': key.current } })),
    onSuccess: (r) => navigate(payUrl(r.order.id, `/groupbuy/teams/${r.team.id}`)),
    onError: (err) => {
      key.current = idempotencyKey();
      toast(fissionError(err), 'error');
    },
  });
  const onStart = () => void withSignIn(() => withAddress((addressId) => start.mutate(addressId)));
  return (
    <article className="card fx-product-card" aria-labelledby={`gb-${c.id}`}>
      <Link to={`/product/${c.productId}`} className="fx-product-media">
        <Thumb src={c.image} alt={localText(c.title, c.titleEn)} />
      </Link>
      <div className="fx-product-body">
        <h3 id={`gb-${c.id}`} className="fx-product-title">
          {localText(c.title, c.titleEn)}
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
        {c.endsAt && <Countdown to={c.endsAt} />}
        <Button className="btn-block" disabled={c.soldOut} busy={start.isPending} onClick={onStart}>
          {c.soldOut ? t('soldOut') : t('groupbuy.start')}
        </Button>
      </div>
      {sheet}
    </article>
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

function TeamView({ team }: { team: Team }) {
  const { t } = useTranslation('fission');
  useEffect(() => track('team_viewed', { campaignId: team.campaignId, props: { teamId: team.id } }), [team.id]);
  const navigate = useNavigate();
  const client = useQueryClient();
  const fissionError = useErrorText();
  const { withSignIn } = useLoginRedirect();
  const { withAddress, sheet } = useAddressGate();
  const key = useRef(idempotencyKey());
  const join = useMutation({
    mutationFn: (addressId: string) => call(api.POST('/api/v1/groupbuy/teams/{id}/join', { params: { path: { id: team.id } }, body: { addressId }, headers: { 'Idempotency-Key': key.current } })),
    onSuccess: (r) => navigate(payUrl(r.order.id, `/groupbuy/teams/${team.id}`)),
    onError: () => {
      key.current = idempotencyKey();
      void client.invalidateQueries({ queryKey: ['groupbuy', 'team', team.id] });
    },
  });

  const isMember = team.members.some((m) => m.you);
  const myUnpaid = team.members.find((m) => m.you && !m.paid);
  const expired = team.expired || team.status === 'failed';
  const complete = team.status === 'completed';
  const open = team.status === 'open' && !team.expired;
  const seats = Array.from({ length: Math.max(0, team.seatsLeft) });

  const onJoin = () => void withSignIn(() => withAddress((addressId) => join.mutate(addressId)));

  return (
    <>
      <article className="card fx-product-row">
        <Thumb src={team.product.image} alt={localText(team.product.title, team.product.titleEn)} />
        <div>
          <h2 className="fx-product-title">{localText(team.product.title, team.product.titleEn)}</h2>
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
        {team.expiresAt && !open && <p className="fx-small fx-muted">{t('team.deadline', { at: formatDateTime(team.expiresAt) })}</p>}
        {join.isError && (
          <p className="field-error" role="alert">
            {fissionError(join.error)}
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
        {myUnpaid && team.status !== 'completed' && !expired && <MyUnpaidHint />}
        {isMember ? (
          <>
            {!expired && <ShareButton target={{ type: 'team', id: team.id }} campaignId={team.campaignId} label={t('team.invite')} className="btn-block" />}
            {expired && (
              <Link to="/groupbuy" className="btn btn-primary btn-block">
                {t('team.browse')}
              </Link>
            )}
          </>
        ) : open ? (
          <Button className="btn-block" busy={join.isPending} onClick={onJoin}>
            {t('team.join')}
            <span aria-hidden="true"> · {formatMoney(team.deliveredPrice)}</span>
          </Button>
        ) : (
          <Link to="/groupbuy" className="btn btn-primary btn-block">
            {t('team.browse')}
          </Link>
        )}
      </ActionBar>
      {sheet}
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
