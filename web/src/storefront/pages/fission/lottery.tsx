// Lucky draw (幸运抽奖): the running draws, and a draw's prize grid with chances, animation and result.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, idempotencyKey } from '../../../shared/api';
import { formatDateTime, formatMoney, formatPercent, localText } from '../../../shared/format';
import { Button, QueryView, Sheet, useErrorText } from '../../../shared/ui';
import { useMe } from '../../auth';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { ShareButton } from '../../share/ShareSheet';
import { ActionBar, Countdown, type GetData } from './common';
import { usePendingAction } from '../../intent';
import { useTap } from './tap';

export function LotteryListPage() {
  const { t } = useTranslation('fission');
  const draws = useQuery({ queryKey: ['lottery', 'draws'], queryFn: () => call(api.GET('/api/v1/lottery/draws')) });
  return (
    <>
      <PageHeader title={t('lottery.title')} />
      <div className="fx-banner fx-banner-red">
        <strong>🎁 {t('lottery.bannerTitle')}</strong>
        <span>{t('lottery.bannerText')}</span>
      </div>
      <QueryView query={draws} isEmpty={(d) => d.items.length === 0} empty={t('lottery.none')}>
        {(d) => (
          <ul className="fx-list">
            {d.items.map((draw) => (
              <li key={draw.id}>
                <Link to={`/lottery/${draw.id}`} className="card fx-draw-card">
                  <span className="fx-line-main">
                    <strong>{localText(draw.name, draw.nameEn)}</strong>
                    <span className="fx-small fx-muted">{t('lottery.prizesCount', { count: draw.prizes.filter((p) => p.kind !== 'nothing').length })}</span>
                    <Countdown to={draw.endsAt} />
                  </span>
                  <span className="btn btn-primary">{t('lottery.go')}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </>
  );
}

type Draw = GetData<'/api/v1/lottery/draws/{id}'>;
type Entry = GetData<'/api/v1/lottery/draws/{id}/me'>['wins'][number];

export function LotteryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('fission');
  const draw = useQuery({ queryKey: ['lottery', 'draw', id], queryFn: () => call(api.GET('/api/v1/lottery/draws/{id}', { params: { path: { id } } })) });
  return (
    <>
      <PageHeader title={draw.data ? localText(draw.data.name, draw.data.nameEn) : t('lottery.title')} />
      <QueryView query={draw}>{(d) => <DrawView draw={d} />}</QueryView>
    </>
  );
}

const prefersReducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function DrawView({ draw }: { draw: Draw }) {
  const { t } = useTranslation('fission');
  useEffect(() => track('lottery_viewed', { campaignId: draw.id }), [draw.id]);
  const me = useMe();
  const client = useQueryClient();
  const fissionError = useErrorText();
  const tap = useTap();
  const mine = useQuery({ queryKey: ['lottery', 'me', draw.id], queryFn: () => call(api.GET('/api/v1/lottery/draws/{id}/me', { params: { path: { id: draw.id } } })), enabled: !!me.data });
  const [spinning, setSpinning] = useState(false);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [result, setResult] = useState<Entry | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);

  const cells = draw.prizes;
  const running = draw.status === 'active' && Date.now() >= new Date(draw.startsAt).getTime() && Date.now() < new Date(draw.endsAt).getTime();

  const play = useMutation({
    mutationFn: () => call(api.POST('/api/v1/lottery/draws/{id}/draw', { params: { path: { id: draw.id } }, headers: { 'Idempotency-Key': idempotencyKey() } })),
    onSuccess: (entry) => {
      const target = Math.max(0, cells.findIndex((p) => p.id === entry.prize.id));
      const finish = () => {
        setHighlight(target);
        setSpinning(false);
        setResult(entry);
        void client.invalidateQueries({ queryKey: ['lottery', 'me', draw.id] });
      };
      if (prefersReducedMotion() || cells.length < 2) return finish();
      // run the light round the grid a couple of times, then stop on the prize
      let step = 0;
      const total = cells.length * 2 + target;
      timer.current = setInterval(() => {
        setHighlight(step % cells.length);
        step += 1;
        if (step > total) {
          if (timer.current) clearInterval(timer.current);
          finish();
        }
      }, 90);
    },
    onError: () => setSpinning(false),
  });

  const chancesLeft = mine.data?.chancesLeft ?? 0;
  const drawNow = () => {
    setResult(null);
    setSpinning(true);
    play.mutate();
  };
  const onDraw = () => tap(drawNow, 'draw');
  // 抽奖 tapped while signed out: back from sign-in (or sign-up) the draw runs, no second tap. A
  // draw spends a free chance, never money, so there is nothing to confirm.
  usePendingAction('draw', () => running && drawNow(), mine.isSuccess);

  return (
    <>
      <section className="fx-draw-hero">
        <h2>{localText(draw.name, draw.nameEn)}</h2>
        {running ? <Countdown to={draw.endsAt} /> : <p className="fx-small">{new Date(draw.startsAt) > new Date() ? t('lottery.notStarted', { at: formatDateTime(draw.startsAt) }) : t('lottery.over')}</p>}
        <ul className="fx-prize-grid" aria-label={t('lottery.prizes')}>
          {cells.map((p, i) => (
            <li key={p.id} className={`fx-prize ${highlight === i ? 'fx-prize-lit' : ''} ${p.kind === 'nothing' ? 'fx-prize-nothing' : ''}`}>
              <span className="fx-prize-icon" aria-hidden="true">
                {p.kind === 'coupon' ? '🎫' : p.kind === 'points' ? '🪙' : p.kind === 'product' ? '🎁' : '🙂'}
              </span>
              <span className="fx-prize-name">{p.name}</span>
              <span className="fx-prize-odds">{t('lottery.odds', { pct: (p.probability * 100).toFixed(p.probability < 0.01 ? 2 : 1) })}</span>
            </li>
          ))}
        </ul>
        <p className="fx-chances" aria-live="polite">
          {me.data ? (mine.data ? t('lottery.chancesLeft', { count: chancesLeft }) : '') : t('lottery.signInForChances')}
        </p>
        {play.isError && (
          <p className="fx-draw-error" role="alert">
            {fissionError(play.error)}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="lottery-rules">
        <h2 id="lottery-rules" className="fx-section-title">
          {t('lottery.rules')}
        </h2>
        <p className="fx-pre">{draw.rulesText}</p>
        <ul className="fx-small fx-muted fx-rule-list">
          <li>{t('lottery.freeDaily', { count: draw.dailyFreeChances })}</li>
          {draw.shareChances > 0 && <li>{t('lottery.shareChances', { count: draw.shareChances, cap: draw.shareDailyCap })}</li>}
          {draw.inviteChances > 0 && <li>{t('lottery.inviteChances', { count: draw.inviteChances, cap: draw.inviteDailyCap })}</li>}
          <li>
            {t('lottery.window', { from: formatDateTime(draw.startsAt), to: formatDateTime(draw.endsAt) })}
          </li>
        </ul>
        <table className="fx-table">
          <caption className="visually-hidden">{t('lottery.prizes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lottery.prize')}</th>
              <th scope="col">{t('lottery.value')}</th>
              <th scope="col">{t('lottery.chance')}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.value.amount > 0 ? formatMoney(p.value) : '—'}</td>
                <td>{formatPercent(p.probability, undefined, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {me.data && (
        <section className="card" aria-labelledby="lottery-mine">
          <h2 id="lottery-mine" className="fx-section-title">
            {t('lottery.myEntries')}
          </h2>
          <QueryView query={mine} isEmpty={(d) => d.wins.length === 0} empty={t('lottery.noWins')}>
            {(d) => (
              <>
                <p className="fx-small fx-muted">{t('lottery.drawsSoFar', { count: d.draws })}</p>
                <ul className="fx-list">
                  {d.wins.map((w) => (
                    <li key={w.id} className="fx-line">
                      <span className="fx-line-main">
                        <strong>{w.prize.name}</strong>
                        <span className="fx-small fx-muted">{formatDateTime(w.createdAt)}</span>
                      </span>
                      <span className="fx-status">{t(`lottery.entryStatus.${w.status}`, { defaultValue: w.status })}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </QueryView>
        </section>
      )}

      <ActionBar>
        <div className="fx-actionbar-row">
          {me.data && draw.shareChances > 0 && <ShareButton target={{ type: 'lottery', id: draw.id }} label={t('lottery.shareForMore')} className="fx-grow" />}
          <Button className="fx-grow" busy={spinning} disabled={!running || (!!me.data && !!mine.data && chancesLeft <= 0)} onClick={onDraw}>
            {t('lottery.draw')}
          </Button>
        </div>
      </ActionBar>

      <Sheet open={result !== null} onClose={() => setResult(null)} title={t('lottery.resultTitle')}>
        {result && (
          <div className="fx-center">
            <div className="fx-hero-emoji" aria-hidden="true">
              {result.prize.kind === 'nothing' ? '🍀' : '🎉'}
            </div>
            <p className="fx-result">{result.prize.kind === 'nothing' ? t('lottery.nothing') : t('lottery.won', { name: result.prize.name })}</p>
            <p className="fx-small fx-muted">{t(`lottery.resultHint.${result.prize.kind}`, { defaultValue: '' })}</p>
            <Button className="btn-block" onClick={() => setResult(null)}>
              {t('lottery.ok')}
            </Button>
          </div>
        )}
      </Sheet>
    </>
  );
}
