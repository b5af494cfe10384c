// Price-cut (砍一刀): running campaigns, my price-cuts, and the price-cut page friends help on.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, call, idempotencyKey } from '../../../shared/api';
import { formatDateTime, formatMoney, localText } from '../../../shared/format';
import { Button, ErrorState, Loading, QueryView, useErrorText, useToast } from '../../../shared/ui';
import { useAddressGate } from '../../address';
import { useMe } from '../../auth';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { ShareSheet } from '../../share/ShareSheet';
import { ActionBar, Avatar, CampaignHub, Countdown, DeliveredLine, type GetData, MyLines, ProgressBar, Thumb } from './common';
import { payUrl } from '../../navigation';
import { signInFor, usePendingAction } from '../../intent';
import { useTap } from './tap';
import { giftConditions, giftText, useNewCustomerOffer } from './invite';

type Campaign = GetData<'/api/v1/bargain/campaigns'>['items'][number];

export function BargainPage() {
  const campaigns = useQuery({ queryKey: ['bargain', 'campaigns'], queryFn: () => call(api.GET('/api/v1/bargain/campaigns')) });
  const navigate = useNavigate();
  const toast = useToast();
  const fissionError = useErrorText();
  const start = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/bargain/campaigns/{id}/cuts', { params: { path: { id } } })),
    onSuccess: (cut) => navigate(`/bargain/${cut.id}`),
    onError: (err) => {
      // Already running one in this campaign: open it rather than stop at the error.
      const live = err instanceof ApiError && err.code === 'BARGAIN_ALREADY_STARTED' ? (err.details?.cutId as string | null | undefined) : null;
      if (live) navigate(`/bargain/${live}`);
      else toast(fissionError(err), 'error');
    },
  });
  // 发起砍价 tapped while signed out: back from sign-in (or sign-up) the price-cut starts, no second tap.
  usePendingAction('start', (id) => id && start.mutate(id), campaigns.isSuccess);
  return <CampaignHub kind="bargain" query={campaigns} mine={<MyCuts />} card={(c) => <BargainCard campaign={c} start={start} />} />;
}

type StartCut = { mutate: (id: string) => void; isPending: boolean; variables?: string };

function BargainCard({ campaign: c, start }: { campaign: Campaign; start: StartCut }) {
  const { t } = useTranslation('fission');
  const tap = useTap();
  const soldOut = c.stockLeft <= 0;
  return (
    <article className="card fx-product-card" aria-labelledby={`bg-${c.id}`}>
      <Link to={`/product/${c.productId}`} className="fx-product-media">
        <Thumb src={c.image} alt={localText(c.title, c.titleEn)} />
      </Link>
      <div className="fx-product-body">
        <h3 id={`bg-${c.id}`} className="fx-product-title">
          {localText(c.title, c.titleEn)}
        </h3>
        <p className="fx-small fx-accent fx-campaign-name">{localText(c.name, c.nameEn)}</p>
        <p className="fx-price-line">
          <span className="fx-price-label">{t('bargain.lowest')}</span>
          <span className="price fx-price-big">{formatMoney(c.floorPrice)}</span>
          <span className="strike">{formatMoney(c.originalPrice)}</span>
        </p>
        <DeliveredLine offer={c} />
        <p className="fx-small fx-muted">
          {t('bargain.helpersNeeded', { count: c.helpersNeeded })} · {t('bargain.stockLeft', { count: c.stockLeft })}
        </p>
        {c.buyMode === 'floor_only' && <span className="fx-tag fx-tag-gold">{t('bargain.floorOnly')}</span>}
        {c.endsAt && <Countdown to={c.endsAt} />}
        <Button className="btn-block" disabled={soldOut} busy={start.isPending && start.variables === c.id} onClick={() => tap(() => start.mutate(c.id), 'start', c.id)}>
          {soldOut ? t('soldOut') : t('bargain.start')}
        </Button>
      </div>
    </article>
  );
}

function MyCuts() {
  const { t } = useTranslation('fission');
  const cuts = useQuery({ queryKey: ['bargain', 'my-cuts'], queryFn: () => call(api.GET('/api/v1/me/bargain/cuts')) });
  return (
    <MyLines
      id="bg-mine"
      title={t('bargain.myCuts')}
      empty={t('bargain.noCuts')}
      query={cuts}
      line={(cut) => ({
        key: cut.id,
        to: `/bargain/${cut.id}`,
        title: <strong className="price">{formatMoney(cut.currentPrice)}</strong>,
        detail: `${t('bargain.helpsOf', { helps: cut.helps, needed: cut.helpersNeeded })} · ${cut.progressPercent}%`,
        status: cut.status,
        statusLabel: t(`bargain.status.${cut.status}`, { defaultValue: cut.status }),
      })}
    />
  );
}

export function CutPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('fission');
  // On arrival, signed in or not: a friend opening a shared price-cut is the visit that counts.
  useEffect(() => track('bargain_viewed', { props: { cutId: id } }), [id]);
  const me = useMe();
  // The price-cut API needs a session; a signed-out friend sees the public landing first.
  const cut = useQuery({
    queryKey: ['bargain', 'cut', id],
    queryFn: () => call(api.GET('/api/v1/bargain/cuts/{id}', { params: { path: { id } } })),
    enabled: !!me.data,
    refetchInterval: 20_000,
  });
  return (
    <>
      <PageHeader title={t('bargain.cutTitle')} />
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : !me.data ? (
        <HelperLanding id={id} />
      ) : (
        <QueryView query={cut}>{(data) => <CutView cut={data} />}</QueryView>
      )}
    </>
  );
}

type Cut = GetData<'/api/v1/bargain/cuts/{id}'>;

function CutView({ cut }: { cut: Cut }) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const navigate = useNavigate();
  const fissionError = useErrorText();
  const { withAddress, sheet } = useAddressGate();
  const [myCut, setMyCut] = useState<{ amount: number; currency: string } | null>(null);
  const [sharing, setSharing] = useState(false);
  const key = useRef(idempotencyKey());
  const refresh = () => client.invalidateQueries({ queryKey: ['bargain'] });

  const help = useMutation({
    mutationFn: () => call(api.POST('/api/v1/bargain/cuts/{id}/help', { params: { path: { id: cut.id } } })),
    onSuccess: (r) => {
      setMyCut(r.help.amount);
      void refresh();
    },
  });
  // 帮TA砍一刀 tapped on the landing while signed out: back from sign-in or sign-up, the cut is made
  // at once (helping costs nothing, so there is nothing to confirm).
  usePendingAction('help', () => !cut.mine && !cut.helpedByMe && help.mutate());
  const buy = useMutation({
    mutationFn: (addressId: string) => call(api.POST('/api/v1/bargain/cuts/{id}/buy', { params: { path: { id: cut.id } }, body: { addressId }, headers: { 'Idempotency-Key': key.current } })),
    onSuccess: (order) => {
      const o = order as { id?: string } | undefined;
      if (o?.id) navigate(payUrl(o.id, `/bargain/${cut.id}`));
    },
    onError: (err) => {
      key.current = idempotencyKey();
      if (err instanceof ApiError && err.status === 409) void refresh();
    },
  });

  const cutSoFar = cut.originalPrice.amount - cut.currentPrice.amount;
  const cutMax = cut.originalPrice.amount - cut.floorPrice.amount;
  const atFloor = cut.currentPrice.amount <= cut.floorPrice.amount;
  const live = cut.status === 'open' || cut.status === 'succeeded';
  const floorNeeded = cut.buyMode === 'floor_only' && !atFloor;
  const money = (amount: number) => formatMoney({ amount, currency: cut.currentPrice.currency });

  return (
    <>
      <article className="card fx-product-row">
        <Thumb src={cut.image} alt={localText(cut.title, cut.titleEn)} />
        <div>
          <h2 className="fx-product-title">{localText(cut.title, cut.titleEn)}</h2>
          <p className="fx-small fx-muted">{cut.mine ? t('bargain.yours') : t('bargain.startedBy', { name: cut.starter.name })}</p>
        </div>
      </article>

      <section className="card fx-cut" aria-labelledby="cut-price">
        <p className="fx-small fx-muted">{t('bargain.currentPrice')}</p>
        <p id="cut-price" className="fx-cut-price price">
          {formatMoney(cut.currentPrice)}
        </p>
        <p className="fx-small">
          <span className="strike">{t('bargain.original', { price: formatMoney(cut.originalPrice) })}</span> · <span className="fx-accent">{t('bargain.floor', { price: formatMoney(cut.floorPrice) })}</span>
        </p>
        <ProgressBar value={cutSoFar} max={cutMax} label={t('bargain.progressLabel')} text={t('bargain.progressText', { cut: money(cutSoFar), left: money(Math.max(0, cutMax - cutSoFar)) })} />
        <p className="fx-small fx-muted">{t('bargain.helpsOf', { helps: cut.helps, needed: cut.helpersNeeded })}</p>
        {live && <Countdown to={cut.expiresAt} />}
        <p className={`fx-status fx-status-${cut.status}`}>{t(`bargain.statusText.${cut.status}`, { defaultValue: cut.status })}</p>
        {myCut && (
          <p className="fx-youcut" role="status">
            {t('bargain.youCut', { amount: formatMoney(myCut) })}
          </p>
        )}
        {!myCut && cut.helpedByMe && !cut.mine && <p className="fx-ok">{t('bargain.alreadyHelped')}</p>}
        {help.isError && (
          <p className="field-error" role="alert">
            {fissionError(help.error)}
          </p>
        )}
        {buy.isError && (
          <p className="field-error" role="alert">
            {fissionError(buy.error)}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="cut-helpers">
        <h2 id="cut-helpers" className="fx-section-title">
          {t('bargain.helpers')}
        </h2>
        {cut.starterCut && (
          <p className="fx-small fx-muted fx-starter-cut">{t('friend.cut.starterCut', { name: cut.mine ? t('friend.cut.you') : cut.starter.name, amount: formatMoney(cut.starterCut) })}</p>
        )}
        {cut.helpers.length === 0 ? (
          <p className="fx-muted">{t('bargain.noHelpers')}</p>
        ) : (
          <ul className="fx-list">
            {cut.helpers.map((h) => (
              <li key={h.seq} className="fx-line">
                <Avatar initial={h.name.slice(0, 1)} name={h.name} />
                <span className="fx-line-main">
                  <strong>{h.name}</strong>
                  <span className="fx-small fx-muted">
                    {formatDateTime(h.at)}
                    {h.newCustomer && ` · ${t('bargain.newCustomer')}`}
                  </span>
                </span>
                <span className="price">{t('bargain.cutAmount', { amount: formatMoney(h.amount) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ActionBar>
        {cut.mine ? (
          <>
            {floorNeeded && live && <p className="fx-small fx-accent fx-actionbar-hint">{t('bargain.floorFirst')}</p>}
            <div className="fx-actionbar-row">
              {cut.orderId ? (
                <Link to={cut.status === 'ordered' ? payUrl(cut.orderId, `/bargain/${cut.id}`) : `/orders/${cut.orderId}`} className="btn btn-primary fx-grow">
                  {cut.status === 'ordered' ? t('bargain.payNow') : t('bargain.viewOrder')}
                </Link>
              ) : (
                live && (
                  // While friends can still cut, inviting them is the main action (primary, on the
                  // right, as in Pinduoduo); buying now at today's price is the secondary one.
                  <Button
                    variant={cut.status === 'open' ? 'secondary' : 'primary'}
                    className="fx-grow fx-buy-now"
                    disabled={!cut.canBuy || floorNeeded}
                    busy={buy.isPending}
                    onClick={() => void withAddress((addressId) => buy.mutate(addressId))}
                  >
                    <span className="fx-buy-price">{formatMoney(cut.deliveredPrice)}</span>
                    <span className="fx-buy-label">{t('bargain.buyNow')}</span>
                  </Button>
                )
              )}
              {live && cut.status === 'open' && !cut.orderId && (
                <Button className="fx-grow fx-invite" onClick={() => setSharing(true)}>
                  {t('bargain.askFriends')}
                </Button>
              )}
              {!live && !cut.orderId && (
                <Link to="/bargain" className="btn btn-primary fx-grow">
                  {t('bargain.startAnother')}
                </Link>
              )}
            </div>
          </>
        ) : cut.helpedByMe || myCut ? (
          <Link to="/bargain" className="btn btn-primary btn-block">
            {t('bargain.startOwn')}
          </Link>
        ) : (
          <Button className="btn-block" disabled={cut.status !== 'open'} busy={help.isPending} onClick={() => help.mutate()}>
            {t('bargain.help')}
          </Button>
        )}
      </ActionBar>
      <ShareSheet open={sharing} onClose={() => setSharing(false)} target={{ type: 'bargain', id: cut.id }} campaignId={cut.campaignId} />
      {sheet}
    </>
  );
}

type Landing = GetData<'/api/v1/bargain/cuts/{id}/landing'>;

/**
 * The signed-out friend's landing from a share link: who asks, the product, how far the cut has
 * got, that helping costs nothing and what the friend gets, then one button that signs in (or up)
 * and comes back to make the cut.
 */
function HelperLanding({ id }: { id: string }) {
  const landing = useQuery({ queryKey: ['bargain', 'landing', id], queryFn: () => call(api.GET('/api/v1/bargain/cuts/{id}/landing', { params: { path: { id } } })) });
  return <QueryView query={landing}>{(data) => <HelperLandingView landing={data} />}</QueryView>;
}

function HelperLandingView({ landing: l }: { landing: Landing }) {
  const { t } = useTranslation('fission');
  const location = useLocation();
  const offer = useNewCustomerOffer();
  // The gift counts for a friend arriving through this link only when the campaign counts every share link.
  const o = offer.data?.offer?.countShareLinks ? offer.data.offer : null;
  const gift = giftText(o, t);
  const here = location.pathname + location.search;
  const title = localText(l.title, l.titleEn);
  const open = l.status === 'open';
  return (
    <>
      <section className="card fx-friend-ask" aria-labelledby="friend-ask">
        <Avatar initial={l.starter.initial} name={l.starter.name} />
        <div>
          <h2 id="friend-ask">{t('friend.cut.asks', { name: l.starter.name })}</h2>
          <p className="fx-small fx-muted">{t('friend.cut.askSub')}</p>
        </div>
      </section>
      <article className="card fx-product-row fx-friend-product">
        <Thumb src={l.image} alt={title} />
        <div>
          <h3 className="fx-product-title">{title}</h3>
          <p className="fx-price-line">
            <span className="fx-price-label">{t('friend.cut.nowAt')}</span>
            <span className="price fx-price-big">{formatMoney(l.currentPrice)}</span>
            <span className="strike">{formatMoney(l.originalPrice)}</span>
          </p>
          <p className="fx-small fx-accent">{t('friend.cut.lowest', { price: formatMoney(l.floorPrice) })}</p>
        </div>
      </article>
      <section className="card fx-cut" aria-labelledby="friend-progress">
        <h2 id="friend-progress" className="visually-hidden">
          {t('bargain.progressLabel')}
        </h2>
        <ProgressBar value={l.cutSoFar.amount} max={l.originalPrice.amount - l.floorPrice.amount} label={t('bargain.progressLabel')} text={`${t('friend.cut.cutSoFar', { amount: formatMoney(l.cutSoFar) })} · ${t('friend.cut.leftToFloor', { amount: formatMoney(l.leftToFloor) })}`} />
        <p className="fx-small fx-muted">
          {t('friend.cut.helps', { helps: l.helps, needed: l.helpersNeeded })}
          {l.starterCut && ` · ${t('friend.cut.starterCut', { name: l.starter.name, amount: formatMoney(l.starterCut) })}`}
        </p>
        {open && <Countdown to={l.expiresAt} />}
        {!open && <p className={`fx-status fx-status-${l.status}`}>{t(`bargain.statusText.${l.status}`, { defaultValue: l.status })}</p>}
      </section>
      <section className="card fx-friend-terms">
        <h2 className="fx-section-title">{t('friend.cut.costsTitle')}</h2>
        <p>{t('friend.cut.costsNothing')}</p>
        <h2 className="fx-section-title">{t('friend.cut.youGetTitle')}</h2>
        <p>{t('friend.cut.youGetOwn', { price: formatMoney(l.floorPrice) })}</p>
        {gift && o && (
          <p className="fx-friend-gift-line" data-testid="friend-gift">
            {t('friend.cut.youGetGift', { gift, conditions: giftConditions(o, t) })}
          </p>
        )}
      </section>
      <ActionBar>
        {open ? (
          <>
            <Link to={signInFor(here, 'help', undefined, 'signup')} className="btn btn-primary btn-block">
              {t('friend.cut.help')}
            </Link>
            <p className="fx-small fx-muted fx-actionbar-hint">
              <Link to={signInFor(here, 'help')}>{t('friend.cut.haveAccount')}</Link>
            </p>
          </>
        ) : (
          <Link to="/bargain" className="btn btn-primary btn-block">
            {t('friend.cut.startOwn')}
          </Link>
        )}
      </ActionBar>
    </>
  );
}
