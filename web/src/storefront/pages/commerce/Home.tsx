// Home: search, banners built from what is live, entry icons, the live flash-sale slot, open
// teams to join, and recommended products. Kept to about two screens, as mall home pages are:
// three teams and six recommendations, each with its 查看全部, and grey skeletons (not spinners)
// where pictures and sections are still loading.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatMoney, localText } from '../../../shared/format';
import { ErrorState } from '../../../shared/ui';
import { PageHeader } from '../../layout';
import { Countdown, Price, ProductCard } from './components';
import { Recommended as YouMayLike } from '../recommend/Recommended';

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation('shop');
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  }
  return (
    <form role="search" className="shop-search" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="shop-search-q">
        {t('search.label')}
      </label>
      <input id="shop-search-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} enterKeyHint="search" />
      <button type="submit" className="btn btn-primary">
        {t('common:search')}
      </button>
    </form>
  );
}

const ENTRIES = [
  { to: '/flashsale', key: 'flashsale', icon: '⚡' },
  { to: '/groupbuy', key: 'groupbuy', icon: '👥' },
  { to: '/bargain', key: 'bargain', icon: '✂' },
  { to: '/coupons', key: 'coupons', icon: '🎫' },
  { to: '/lottery', key: 'lottery', icon: '🎁' },
  { to: '/me/invite', key: 'invite', icon: '✉' },
] as const;

function useLiveSlots() {
  return useQuery({ queryKey: ['flashsale', 'slots', 'live'], queryFn: () => call(api.GET('/api/v1/flashsale/slots', { params: { query: { state: 'live' } } })) });
}
function useGroupbuys() {
  return useQuery({ queryKey: ['groupbuy', 'campaigns'], queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns')) });
}
function useBargains() {
  return useQuery({ queryKey: ['bargain', 'campaigns'], queryFn: () => call(api.GET('/api/v1/bargain/campaigns')) });
}

function Banners() {
  const { t } = useTranslation('shop');
  const slots = useLiveSlots();
  const groups = useGroupbuys();
  const bargains = useBargains();
  if (slots.isPending && groups.isPending && bargains.isPending)
    return (
      <div className="shop-banners" aria-hidden="true">
        <span className="shop-banner shop-skel" />
      </div>
    );
  const banners: { key: string; to: string; kicker: string; title: string; price?: string; image?: string | null; tone: string }[] = [];
  const slot = slots.data?.items[0];
  if (slot) banners.push({ key: `fs-${slot.id}`, to: '/flashsale', kicker: t('home.bannerFlash'), title: localText(slot.name, slot.nameEn), price: slot.items[0] ? formatMoney(slot.items[0].flashPrice) : undefined, image: slot.items[0]?.image, tone: 'flash' });
  for (const g of (groups.data?.items ?? []).slice(0, 3)) banners.push({ key: `gb-${g.id}`, to: `/product/${g.productId}`, kicker: t('home.bannerGroup', { size: g.teamSize }), title: localText(g.title, g.titleEn), price: formatMoney(g.groupPrice), image: g.image, tone: 'group' });
  for (const b of (bargains.data?.items ?? []).slice(0, 2)) banners.push({ key: `bg-${b.id}`, to: `/product/${b.productId}`, kicker: t('home.bannerBargain'), title: localText(b.title, b.titleEn), price: formatMoney(b.floorPrice), image: b.image, tone: 'bargain' });
  if (banners.length === 0) return null;
  return (
    <section aria-label={t('home.banners')} className="shop-banners">
      {banners.map((b) => (
        <Link key={b.key} to={b.to} className={`shop-banner shop-banner-${b.tone}`}>
          <span className="shop-banner-text">
            <span className="shop-banner-kicker">{b.kicker}</span>
            <span className="shop-banner-title">{b.title}</span>
            {b.price && <span className="shop-banner-price">{b.price}</span>}
          </span>
          {b.image && <img src={b.image} alt="" />}
        </Link>
      ))}
    </section>
  );
}

function Entries() {
  const { t } = useTranslation('shop');
  return (
    <nav aria-label={t('home.entries')} className="shop-entries">
      {ENTRIES.map((e) => (
        <Link key={e.to} to={e.to} className="shop-entry">
          <span className={`shop-entry-icon shop-entry-${e.key}`} aria-hidden="true">
            {e.icon}
          </span>
          <span>{t(`home.entry.${e.key}`)}</span>
        </Link>
      ))}
    </nav>
  );
}

function FlashSale() {
  const { t } = useTranslation('shop');
  const slots = useLiveSlots();
  const slot = slots.data?.items[0];
  return (
    <section className="card shop-section" aria-labelledby="home-flash">
      <h2 id="home-flash" className="section-title">
        <span>
          <span className="shop-flash-mark" aria-hidden="true">⚡</span> {t('home.flash')}
        </span>
        <Link to="/flashsale" className="shop-more-link">
          {t('home.seeAll')}
        </Link>
      </h2>
      {slots.isPending ? (
        <SkeletonRow />
      ) : slots.isError ? (
        <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />
      ) : !slot ? (
        <p className="shop-muted">{t('home.noFlash')}</p>
      ) : (
        <>
          <p className="shop-slot-head">
            <strong>{localText(slot.name, slot.nameEn)}</strong> <Countdown iso={slot.endsAt} label={t('home.endsIn')} />
          </p>
          <ul className="shop-hscroll">
            {slot.items.map((it) => (
              <li key={it.id}>
                <Link to="/flashsale" className="shop-mini">
                  {it.image ? <img src={it.image} alt={localText(it.title, it.titleEn)} loading="lazy" /> : <div className="shop-noimg" aria-hidden="true" />}
                  <span className="shop-mini-title">{localText(it.title, it.titleEn)}</span>
                  <Price money={it.flashPrice} />
                  <span className="strike">{formatMoney(it.listPrice)}</span>
                  {it.soldOut ? <span className="badge">{t('home.soldOut')}</span> : <span className="shop-left">{t('home.left', { n: it.remaining })}</span>}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function OpenTeams() {
  const { t } = useTranslation('shop');
  const groups = useGroupbuys();
  const campaigns = (groups.data?.items ?? []).filter((c) => !c.soldOut).slice(0, 4);
  const details = useQueries({
    queries: campaigns.map((c) => ({ queryKey: ['groupbuy', 'campaign', c.id], queryFn: () => call(api.GET('/api/v1/groupbuy/campaigns/{id}', { params: { path: { id: c.id } } })) })),
  });
  const all = details.flatMap((d) => (d.data ? d.data.openTeams.map((team) => ({ team, campaign: d.data })) : []));
  const teams = all.slice(0, TEAMS_ON_HOME);
  // Show the teams that have arrived; a campaign whose detail is still retrying does not hold the rest back.
  const loading = groups.isPending || (all.length === 0 && details.some((d) => d.isPending));
  return (
    <section className="card shop-section" aria-labelledby="home-teams">
      <h2 id="home-teams" className="section-title">
        <span>{t('home.teams')}</span>
        <Link to="/groupbuy" className="shop-more-link">
          {t('home.seeAll')}
        </Link>
      </h2>
      {groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : loading ? (
        <SkeletonLines n={TEAMS_ON_HOME} />
      ) : teams.length === 0 ? (
        <p className="shop-muted">{t('home.noTeams')}</p>
      ) : (
        <ul className="shop-teams">
          {teams.map(({ team, campaign }) => (
            <li key={team.id} className="shop-team">
              <span className="shop-avatar" aria-hidden="true">
                {team.leaderInitial}
              </span>
              <span className="shop-team-text">
                <span className="shop-team-title">{localText(campaign.title, campaign.titleEn)}</span>
                <span className="shop-muted">
                  {t('home.teamOf', { name: team.leaderName })} · {t('home.seatsLeft', { n: team.seatsLeft })}
                </span>
                <Countdown iso={team.expiresAt} label={t('home.endsIn')} />
              </span>
              <span className="shop-team-side">
                <Price money={campaign.groupPrice} />
                <Link to={`/groupbuy/teams/${team.id}`} className="btn btn-primary shop-btn-small" aria-label={t('home.joinTeamOf', { name: team.leaderName, title: localText(campaign.title, campaign.titleEn) })}>
                  {t('home.join')}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      {all.length > TEAMS_ON_HOME && (
        <Link to="/groupbuy" className="shop-more-row">
          {t('homex.teamsMore', { n: all.length })} ›
        </Link>
      )}
    </section>
  );
}

const TEAMS_ON_HOME = 3;
const RECO_ON_HOME = 6;

function SkeletonRow() {
  return (
    <ul className="shop-hscroll" aria-hidden="true">
      {[0, 1, 2].map((i) => (
        <li key={i}>
          <span className="shop-mini">
            <span className="shop-skel shop-skel-img" />
            <span className="shop-skel shop-skel-line" />
          </span>
        </li>
      ))}
    </ul>
  );
}

function SkeletonLines({ n }: { n: number }) {
  return (
    <ul className="shop-teams" aria-hidden="true">
      {Array.from({ length: n }, (_, i) => (
        <li key={i} className="shop-team">
          <span className="shop-avatar shop-skel" />
          <span className="shop-team-text">
            <span className="shop-skel shop-skel-line" />
            <span className="shop-skel shop-skel-line shop-skel-short" />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Six picks, then 查看更多 to the catalogue: the home page is not the whole catalogue. */
function Recommended() {
  const { t } = useTranslation('shop');
  const products = useQuery({ queryKey: ['catalog', 'products', 'home'], queryFn: () => call(api.GET('/api/v1/catalog/products', { params: { query: { limit: RECO_ON_HOME } } })) });
  return (
    <section aria-labelledby="home-reco" className="shop-section-plain">
      <h2 id="home-reco" className="shop-reco-title">
        {t('home.recommended')}
      </h2>
      <p className="shop-reco-hint">{t('homex.recoHint')}</p>
      {products.isError ? (
        <ErrorState error={products.error} onRetry={() => void products.refetch()} />
      ) : (
        <ul className="shop-grid" aria-busy={products.isPending || undefined}>
          {products.isPending
            ? Array.from({ length: 4 }, (_, i) => (
                <li key={i} className="shop-card" aria-hidden="true">
                  <span className="shop-card-img shop-skel" />
                  <span className="shop-skel shop-skel-line" />
                  <span className="shop-skel shop-skel-line shop-skel-short" />
                </li>
              ))
            : products.data.items.map((p) => <ProductCard key={p.id} product={p} />)}
        </ul>
      )}
      <div className="shop-more">
        <Link to="/categories" className="btn btn-secondary">
          {t('home.seeAll')}
        </Link>
      </div>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation('shop');
  return (
    <>
      <PageHeader title={t('common:appName')} back={false} />
      <div className="shop-home-top">
        <SearchBox />
      </div>
      <Banners />
      <Entries />
      <FlashSale />
      <OpenTeams />
      <YouMayLike context="home" />
      <Recommended />
    </>
  );
}
