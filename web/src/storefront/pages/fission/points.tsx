// Points (积分): balance, daily check-in with streak, membership tiers and the points history.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../../shared/api';
import { formatDate, formatDateTime, formatDiscount, formatNumber, offFromRate } from '../../../shared/format';
import { Button, QueryView, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn } from '../../auth';
import { PageHeader } from '../../layout';
import { ProgressBar, type GetData } from './common';

export function PointsPage() {
  const { t } = useTranslation('fission');
  return (
    <>
      <PageHeader title={t('points.title')} />
      <RequireSignIn>
        <PointsView />
      </RequireSignIn>
    </>
  );
}

type Tier = GetData<'/api/v1/loyalty/tiers'>[number];

function PointsView() {
  const { t, i18n } = useTranslation('fission');
  const account = useQuery({ queryKey: ['points', 'account'], queryFn: () => call(api.GET('/api/v1/me/points', { params: { query: { limit: 1 } } })) });
  const tiers = useQuery({ queryKey: ['loyalty', 'tiers'], queryFn: () => call(api.GET('/api/v1/loyalty/tiers')), staleTime: 300_000 });
  const tierName = (tier: Pick<Tier, 'name' | 'nameEn'>) => (i18n.language === 'en' ? tier.nameEn : tier.name);
  return (
    <>
      <QueryView query={account}>
        {(a) => (
          <section className="fx-points-hero" aria-label={t('points.balance')}>
            <p className="fx-small">{t('points.balance')}</p>
            <p className="fx-points-balance">{formatNumber(a.balance)}</p>
            {a.expiring && <p className="fx-small">{t('points.expiring', { points: a.expiring.points, date: formatDate(a.expiring.at) })}</p>}
            <p className="fx-points-tier">{a.tier ? tierName(a.tier) : t('points.noTier')}</p>
            {a.nextTier ? (
              <ProgressBar
                value={a.growthValue}
                max={a.nextTier.minGrowth}
                label={t('points.growthLabel')}
                text={t('points.toNext', { growth: a.growthValue, needed: a.nextTier.growthNeeded, tier: tierName(a.nextTier) })}
              />
            ) : (
              <p className="fx-small">{t('points.topTier', { growth: a.growthValue })}</p>
            )}
          </section>
        )}
      </QueryView>
      <Checkin />
      <section className="card" aria-labelledby="tiers-title">
        <h2 id="tiers-title" className="fx-section-title">
          {t('points.tiers')}
        </h2>
        <QueryView query={tiers} isEmpty={(d) => d.length === 0}>
          {(list) => (
            <ul className="fx-list">
              {[...list]
                .sort((x, y) => x.minGrowth - y.minGrowth)
                .map((tier) => (
                  <li key={tier.code} className={`fx-line ${account.data?.tier?.code === tier.code ? 'fx-line-current' : ''}`}>
                    <span className="fx-line-main">
                      <strong>
                        {tierName(tier)}
                        {account.data?.tier?.code === tier.code && <span className="badge"> {t('points.current')}</span>}
                      </strong>
                      <span className="fx-small fx-muted">{t('points.growthFrom', { growth: tier.minGrowth })}</span>
                    </span>
                    <span className="fx-small fx-tier-perks">
                      {tier.discountBp < 10_000 && <span>{formatDiscount(offFromRate(tier.discountBp))}</span>}
                      {tier.freeShipping && <span>{t('points.freeShipping')}</span>}
                      {tier.discountBp >= 10_000 && !tier.freeShipping && <span className="fx-muted">{t('points.basic')}</span>}
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </QueryView>
      </section>
      <History />
    </>
  );
}

function Checkin() {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const toast = useToast();
  const fissionError = useErrorText();
  const checkins = useQuery({ queryKey: ['points', 'checkins'], queryFn: () => call(api.GET('/api/v1/me/checkins')) });
  const checkIn = useMutation({
    mutationFn: () => call(api.POST('/api/v1/me/checkins')),
    onSuccess: (r) => {
      toast(r.bonusPoints > 0 ? t('points.checkedInBonus', { points: r.points, bonus: r.bonusPoints }) : t('points.checkedIn', { points: r.points }));
      void client.invalidateQueries({ queryKey: ['points'] });
    },
    onError: (err) => {
      toast(fissionError(err), 'error');
      void client.invalidateQueries({ queryKey: ['points', 'checkins'] });
    },
  });
  return (
    <section className="card" aria-labelledby="checkin-title">
      <h2 id="checkin-title" className="fx-section-title">
        {t('points.checkinTitle')}
      </h2>
      <QueryView query={checkins}>
        {(c) => {
          const [year, month] = c.month.split('-').map(Number);
          const daysInMonth = new Date(year, month, 0).getDate();
          const done = new Set(c.days);
          return (
            <>
              <p>
                <strong className="fx-accent">{t('points.streak', { count: c.streak })}</strong> · <span className="fx-small fx-muted">{t('points.perCheckin', { points: c.pointsPerCheckin })}</span>
              </p>
              {c.bonusEvery > 0 && <p className="fx-small fx-muted">{t('points.nextBonus', { count: c.nextBonusIn, bonus: c.bonusPoints })}</p>}
              <ol className="fx-calendar" aria-label={t('points.calendar', { month: c.month })}>
                {Array.from({ length: daysInMonth }, (_, i) => {
                  const day = `${c.month}-${String(i + 1).padStart(2, '0')}`;
                  const checked = done.has(day);
                  return (
                    <li key={day} className={`fx-day ${checked ? 'fx-day-done' : ''} ${day === c.today ? 'fx-day-today' : ''}`} aria-label={checked ? t('points.dayDone', { day: i + 1 }) : String(i + 1)}>
                      {checked ? '✓' : i + 1}
                    </li>
                  );
                })}
              </ol>
              <Button className="btn-block" disabled={c.checkedInToday} busy={checkIn.isPending} onClick={() => checkIn.mutate()}>
                {c.checkedInToday ? t('points.checkedInToday') : t('points.checkIn')}
              </Button>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function History() {
  const { t } = useTranslation('fission');
  const ledger = useInfiniteQuery({
    queryKey: ['points', 'ledger'],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/me/points', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.ledger.nextCursor ?? undefined,
  });
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="fx-section-title">
        {t('points.history')}
      </h2>
      <QueryView query={ledger} isEmpty={(d) => d.pages[0].ledger.items.length === 0} empty={t('points.noHistory')}>
        {(d) => (
          <>
            <ul className="fx-list">
              {d.pages
                .flatMap((p) => p.ledger.items)
                .map((e) => (
                  <li key={e.id} className="fx-line">
                    <span className="fx-line-main">
                      <strong>{t(`points.reason.${e.reason}`, { defaultValue: e.note ?? e.reason })}</strong>
                      <span className="fx-small fx-muted">
                        {formatDateTime(e.createdAt)}
                        {e.expiresAt && ` · ${t('points.expires', { date: formatDate(e.expiresAt) })}`}
                      </span>
                    </span>
                    <span className={e.delta >= 0 ? 'price' : 'fx-muted'}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</span>
                  </li>
                ))}
            </ul>
            {ledger.hasNextPage && (
              <Button variant="secondary" className="btn-block" busy={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
                {t('common:more')}
              </Button>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
