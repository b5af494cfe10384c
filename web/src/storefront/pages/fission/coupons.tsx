// Coupon centre (领券中心), my coupons, and the share coupon pack page (分享领券包).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDate, formatDateTime, formatDiscount, formatMoney, localText, type Money } from '../../../shared/format';
import { Button, QueryView, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn, useMe } from '../../auth';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { ShareButton } from '../../share/ShareSheet';
import { ActionBar, ProgressBar, Tabs, type GetData } from './common';
import { useLoginRedirect } from '../../navigation';
import { usePendingAction } from '../../intent';
import { useTap } from './tap';

/** A coupon's name and description in the shopper's language (English where the store wrote it). */
const couponText = (c: { name: string; nameEn?: string | null; description: string; descriptionEn?: string | null }) => ({
  name: localText(c.name, c.nameEn),
  description: localText(c.description, c.descriptionEn),
});

type Terms = { kind: string; amount: Money | null; percentBp: number | null; maxDiscount: Money | null; minSpend: Money; scope: string };

/** The big number on a coupon ("¥10" or "15% off") and its threshold line. */
function couponFace(c: Terms, t: TFunction) {
  const value = c.kind === 'free_shipping' ? t('coupons.freeShipping') : c.amount ? formatMoney(c.amount) : c.percentBp ? formatDiscount({ bp: c.percentBp }) : '';
  const threshold = c.minSpend.amount > 0 ? t('coupons.minSpend', { amount: formatMoney(c.minSpend) }) : t('coupons.noMin');
  const cap = c.maxDiscount ? t('coupons.cap', { amount: formatMoney(c.maxDiscount) }) : '';
  return { value, threshold, cap, scope: t(`coupons.scope.${c.scope}`, { defaultValue: c.scope }) };
}

function CouponTicket({ terms, name, description, validity, status, action }: { terms: Terms; name: string; description?: string; validity?: string; status?: string; action?: React.ReactNode }) {
  const { t } = useTranslation('fission');
  const face = couponFace(terms, t);
  return (
    <article className={`fx-coupon ${status && status !== 'available' ? 'fx-coupon-dim' : ''}`} aria-label={name}>
      <div className="fx-coupon-value">
        <strong>{face.value}</strong>
        <span>{face.threshold}</span>
      </div>
      <div className="fx-coupon-body">
        <h3>{name}</h3>
        {description && <p className="fx-small fx-muted">{description}</p>}
        <p className="fx-small fx-muted">
          {face.scope}
          {face.cap && ` · ${face.cap}`}
        </p>
        {validity && <p className="fx-small fx-muted">{validity}</p>}
      </div>
      {action && <div className="fx-coupon-action">{action}</div>}
    </article>
  );
}

type Tab = 'centre' | 'mine';

export function CouponsPage() {
  const { t } = useTranslation('fission');
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'mine' ? 'mine' : 'centre';
  useEffect(() => (tab === 'centre' ? track('coupon_viewed', { props: { list: 'centre' } }) : undefined), [tab]);
  return (
    <>
      <PageHeader title={t('coupons.title')} />
      <Tabs<Tab>
        label={t('coupons.title')}
        value={tab}
        onChange={(k) => setParams(k === 'mine' ? { tab: 'mine' } : {}, { replace: true })}
        tabs={[
          { key: 'centre', label: t('coupons.centre') },
          { key: 'mine', label: t('coupons.mine') },
        ]}
      />
      {tab === 'centre' ? (
        <CouponCentre />
      ) : (
        <RequireSignIn>
          <MyCoupons />
        </RequireSignIn>
      )}
    </>
  );
}

function CouponCentre() {
  const { t } = useTranslation('fission');
  const centre = useQuery({ queryKey: ['coupons', 'centre'], queryFn: () => call(api.GET('/api/v1/coupons/templates')) });
  // 领取 tapped while signed out: back from sign-in (or sign-up) that coupon is claimed, no second tap.
  const [pendingClaim, setPendingClaim] = useState<string | null>(null);
  usePendingAction('claim', (id) => setPendingClaim(id ?? null), centre.isSuccess);
  return (
    <section aria-label={t('coupons.centre')} className="fx-section">
      <QueryView query={centre} isEmpty={(d) => d.items.length === 0} empty={t('coupons.noneToClaim')}>
        {(d) => (
          <ul className="fx-list">
            {d.items.map((c) => (
              <li key={c.id}>
                <CentreCoupon coupon={c} claimNow={pendingClaim === c.id} />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

type CentreItem = GetData<'/api/v1/coupons/templates'>['items'][number];

function CentreCoupon({ coupon: c, claimNow }: { coupon: CentreItem; claimNow: boolean }) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const toast = useToast();
  const fissionError = useErrorText();
  const tap = useTap();
  const [claimed, setClaimed] = useState(false);
  const claim = useMutation({
    mutationFn: () => call(api.POST('/api/v1/coupons/templates/{id}/claim', { params: { path: { id: c.id } } })),
    onSuccess: () => {
      setClaimed(true);
      toast(t('coupons.claimedToast'));
      void client.invalidateQueries({ queryKey: ['coupons'] });
    },
    onError: (err) => toast(fissionError(err), 'error'),
  });
  const claimedOnReturn = useRef(false);
  useEffect(() => {
    if (!claimNow || claimedOnReturn.current) return;
    claimedOnReturn.current = true;
    claim.mutate();
  }, [claimNow, claim]);
  const held = claimed || c.held > 0;
  const { name, description } = couponText(c);
  const validity = c.validUntil ? t('coupons.validUntil', { date: formatDate(c.validUntil) }) : c.validDaysAfterClaim ? t('coupons.validDays', { count: c.validDaysAfterClaim }) : undefined;
  let action;
  if (c.canClaim && !claimed) {
    action = (
      <Button busy={claim.isPending} onClick={() => { track('coupon_claim_clicked', { campaignId: c.id }); tap(() => claim.mutate(), 'claim', c.id); }} aria-label={held ? t('coupons.claimAgainNamed', { name }) : undefined}>
        {t('coupons.claim')}
      </Button>
    );
  } else if (held) {
    action = (
      <div className="fx-stack-tight">
        <span className="fx-stamp">{t('coupons.claimed')}</span>
        <Link to="/" className="btn btn-secondary">
          {t('coupons.useNow')}
        </Link>
      </div>
    );
  } else {
    action = (
      <button type="button" className="btn btn-secondary" disabled>
        {c.remainingQuota === 0 ? t('coupons.allClaimed') : t('coupons.cannotClaim')}
      </button>
    );
  }
  return (
    <div>
      <CouponTicket terms={c} name={name} description={description} validity={validity} action={action} />
      {c.remainingQuota !== null && c.totalQuota ? (
        <div className="fx-coupon-quota">
          <ProgressBar value={c.claimedCount} max={c.totalQuota} label={t('coupons.quotaLabel', { name })} text={t('coupons.claimedPct', { pct: Math.round((c.claimedCount / c.totalQuota) * 100) })} />
        </div>
      ) : null}
    </div>
  );
}

type Status = 'available' | 'used' | 'expired';

function MyCoupons() {
  const { t } = useTranslation('fission');
  const [status, setStatus] = useState<Status>('available');
  const coupons = useQuery({ queryKey: ['coupons', 'mine', status], queryFn: () => call(api.GET('/api/v1/me/coupons', { params: { query: { status, limit: 50 } } })) });
  const packs = useQuery({ queryKey: ['coupons', 'my-packs'], queryFn: () => call(api.GET('/api/v1/me/coupon-packs')) });
  return (
    <section className="fx-section" aria-label={t('coupons.mine')}>
      <div className="row fx-chips" role="group" aria-label={t('coupons.filter')}>
        {(['available', 'used', 'expired'] as const).map((s) => (
          <button key={s} type="button" className={`chip ${status === s ? 'chip-active' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t(`coupons.status.${s}`)}
          </button>
        ))}
      </div>
      <QueryView query={coupons} isEmpty={(d) => d.items.length === 0} empty={t(`coupons.empty.${status}`)}>
        {(d) => (
          <ul className="fx-list">
            {d.items.map((c) => (
              <li key={c.id}>
                <CouponTicket
                  terms={c}
                  name={couponText(c).name}
                  description={couponText(c).description}
                  status={c.status}
                  validity={t('coupons.validRange', { from: formatDate(c.validFrom), to: formatDate(c.validUntil) })}
                  action={
                    c.status === 'available' ? (
                      <Link to="/" className="btn btn-primary">
                        {t('coupons.useNow')}
                      </Link>
                    ) : (
                      <span className="fx-stamp">{t(`coupons.status.${c.status}`, { defaultValue: c.status })}</span>
                    )
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {packs.data && packs.data.items.length > 0 && (
        <>
          <h2 className="fx-section-title">{t('packs.myShares')}</h2>
          <ul className="fx-list card">
            {packs.data.items.map((p) => (
              <li key={p.shareId} className="fx-line">
                <Link to={`/coupon-packs/${p.packId}`} className="fx-line-link">
                  <span className="fx-line-main">
                    <strong>{p.packName}</strong>
                    <span className="fx-small fx-muted">{t('packs.progress', { claimed: p.claimed, needed: p.needed })}</span>
                  </span>
                  <span className={`fx-status ${p.unlocked ? 'fx-status-completed' : ''}`}>{p.unlocked ? t('packs.unlocked') : t('packs.remaining', { count: p.remaining })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function CouponPackPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('fission');
  const pack = useQuery({ queryKey: ['coupons', 'pack', id], queryFn: () => call(api.GET('/api/v1/coupon-packs/{id}', { params: { path: { id } } })) });
  return (
    <>
      <PageHeader title={t('packs.title')} />
      <QueryView query={pack}>{(p) => <PackView pack={p} />}</QueryView>
    </>
  );
}

type Pack = GetData<'/api/v1/coupon-packs/{id}'>;

function PackView({ pack }: { pack: Pack }) {
  const { t } = useTranslation('fission');
  const me = useMe();
  const client = useQueryClient();
  const fissionError = useErrorText();
  const [params] = useSearchParams();
  const token = params.get('s');
  const { toLogin } = useLoginRedirect();
  const tap = useTap();
  const myShares = useQuery({ queryKey: ['coupons', 'my-packs'], queryFn: () => call(api.GET('/api/v1/me/coupon-packs')), enabled: !!me.data });
  const mine = myShares.data?.items.filter((s) => s.packId === pack.id) ?? [];
  const claim = useMutation({
    mutationFn: (shareToken: string) => call(api.POST('/api/v1/coupon-packs/{id}/claim', { params: { path: { id: pack.id } }, body: { shareToken } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['coupons'] }),
  });
  const friend = couponFace(pack.friendCoupon, t);
  const sharer = couponFace(pack.sharerCoupon, t);
  const validTokens = token && /^[0-9A-Za-z_-]{1,64}$/.test(token);
  // 领取 tapped on a friend's pack while signed out: claimed on return from sign-in or sign-up.
  usePendingAction('claim-pack', () => validTokens && pack.open && claim.mutate(token), true);
  useEffect(() => track('coupon_viewed', { props: { packId: pack.id } }), [pack.id]);

  return (
    <>
      <section className="fx-pack-hero">
        <p className="fx-pack-kicker">{validTokens ? t('packs.kicker') : t('packs.kickerOwner')}</p>
        <h2>{pack.name}</h2>
        {pack.description && <p>{pack.description}</p>}
        <div className="fx-pack-gift">
          <strong>{friend.value}</strong>
          <span>{friend.threshold}</span>
        </div>
        <p className="fx-small">{t('packs.valid', { from: formatDate(pack.validFrom), to: formatDate(pack.validUntil) })}</p>
        {!pack.open && <p className="fx-pack-closed">{t('packs.closed')}</p>}
      </section>

      <section className="card" aria-labelledby="pack-rules">
        <h2 id="pack-rules" className="fx-section-title">
          {t('packs.rulesTitle')}
        </h2>
        <ol className="fx-steps">
          <li>{t('packs.rule1', { value: friend.value, name: pack.friendCoupon.name })}</li>
          <li>{t('packs.rule2', { count: pack.friendsNeeded, value: sharer.value, name: pack.sharerCoupon.name })}</li>
          <li>{t('packs.rule3')}</li>
        </ol>
      </section>

      {claim.isSuccess && (
        <section className="card fx-center" role="status">
          <p className="fx-ok">{t('packs.claimedText', { name: claim.data.coupon.name })}</p>
          <p className="fx-small fx-muted">{t('packs.friendProgress', { claimed: claim.data.progress.claimed, needed: claim.data.progress.needed })}</p>
          <Link to="/coupons?tab=mine" className="btn btn-secondary">
            {t('packs.seeMine')}
          </Link>
        </section>
      )}
      {claim.isError && (
        <p className="card field-error" role="alert">
          {fissionError(claim.error)}
        </p>
      )}

      {mine.length > 0 && (
        <section className="card" aria-labelledby="pack-mine">
          <h2 id="pack-mine" className="fx-section-title">
            {t('packs.myProgress')}
          </h2>
          {mine.map((s) => (
            <div key={s.shareId} className="fx-pack-share">
              <ProgressBar value={s.claimed} max={s.needed} label={t('packs.progressLabel')} text={s.unlocked ? t('packs.unlockedText', { value: sharer.value }) : t('packs.remaining', { count: s.remaining })} />
              {s.friends.length > 0 ? (
                <ul className="fx-list">
                  {s.friends.map((f, i) => (
                    <li key={i} className="fx-line fx-small">
                      <span className="fx-line-main">{f.displayName}</span>
                      <span className="fx-muted">{formatDateTime(f.claimedAt)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="fx-small fx-muted">{t('packs.noFriends')}</p>
              )}
            </div>
          ))}
        </section>
      )}

      <ActionBar>
        <div className="fx-actionbar-row">
          {validTokens && pack.open && !claim.isSuccess && (
            <Button className="fx-grow" busy={claim.isPending} onClick={() => { track('coupon_claim_clicked', { props: { packId: pack.id } }); tap(() => claim.mutate(token), 'claim-pack'); }}>
              {t('packs.claim')}
            </Button>
          )}
          {pack.open &&
            (me.data ? (
              <ShareButton target={{ type: 'coupon_pack', id: pack.id }} label={t('packs.share')} className="fx-grow" />
            ) : (
              !validTokens && (
                <Button variant="secondary" className="fx-grow" onClick={toLogin}>
                  {t('packs.signInToShare')}
                </Button>
              )
            ))}
          {!pack.open && (
            <Link to="/coupons" className="btn btn-primary fx-grow">
              {t('packs.toCentre')}
            </Link>
          )}
        </div>
      </ActionBar>
    </>
  );
}
