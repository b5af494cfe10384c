// The live room: a video-less stage (cover, status, viewer count, likes), announcements, the pinned
// product with its live price and a buy button, the live coupon to claim, and chat. Updates arrive
// over Server-Sent Events (EventSource reconnects by itself and resumes with Last-Event-ID);
// actions are plain POSTs.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { Button, QueryView, useErrorText, useToast } from '../../shared/ui';
import { useMe } from '../auth';
import { PageHeader } from '../layout';
import { useLoginRedirect } from '../navigation';
import { ShareButton } from '../share/ShareSheet';
import './i18n';
import './live.css';

type Session = paths['/api/v1/live/sessions/{id}']['get']['responses']['200']['content']['application/json'];
type Coupon = Session['coupons'][number];
interface ChatLine {
  id: string;
  author: string;
  text: string;
}

/** The room's live state: the session as loaded, then changed by each event of the stream. */
function useRoom(id: string) {
  const client = useQueryClient();
  const me = useMe();
  const key = ['live', id, me.data?.id ?? null];
  const session = useQuery({ queryKey: key, queryFn: () => call(api.GET('/api/v1/live/sessions/{id}', { params: { path: { id } } })) });
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const source = new EventSource(`/api/v1/live/sessions/${id}/stream`);
    const patch = (change: (s: Session) => Session) => client.setQueryData<Session>(key, (s) => (s ? change(s) : s));
    const on = (event: string, handle: (data: any) => void) => source.addEventListener(event, (e) => handle(JSON.parse((e as MessageEvent).data)));
    on('state', (s: Session) => patch((old) => ({ ...s, coupons: s.coupons.map((c) => ({ ...c, claimed: c.claimed || !!old.coupons.find((o) => o.templateId === c.templateId)?.claimed })) })));
    on('chat', (m: ChatLine) => setChat((lines) => [...lines.filter((l) => l.id !== m.id), m].slice(-100)));
    on('likes', (d: { likes: number }) => patch((s) => ({ ...s, likes: Math.max(s.likes, d.likes) })));
    on('viewers', (d: { count: number }) => patch((s) => ({ ...s, viewers: d.count })));
    on('pinned', (card: Session['pinned']) => patch((s) => ({ ...s, pinned: card, pinnedProductId: card?.productId ?? null })));
    on('coupon', (c: Coupon) => patch((s) => {
      const old = s.coupons.find((x) => x.templateId === c.templateId);
      const next = { ...c, claimed: old?.claimed ?? false };
      return { ...s, coupons: old ? s.coupons.map((x) => (x.templateId === c.templateId ? next : x)) : [...s.coupons, next] };
    }));
    on('announcement', (a: Session['announcements'][number]) => patch((s) => ({ ...s, announcements: [a, ...s.announcements.filter((x) => x.id !== a.id)].slice(0, 5) })));
    on('status', (d: { status: Session['status'] }) => patch((s) => ({ ...s, status: d.status })));
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [id, me.data?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  return { session, chat, connected, key };
}

function Stage({ s, onLike }: { s: Session; onLike: () => void }) {
  const { t } = useTranslation('live');
  return (
    <section className="lv-stage" style={s.coverUrl ? { backgroundImage: `url("${s.coverUrl}")` } : undefined} aria-label={s.title}>
      <div className="lv-top">
        <span className={`lv-badge ${s.status === 'live' ? '' : 'lv-badge-off'}`}>{t(`status.${s.status}`)}</span>
        {s.status === 'live' && <span className="lv-meta" data-testid="viewers">{t('viewers', { count: s.viewers ?? 0 })}</span>}
        {s.status === 'scheduled' && <span className="lv-meta">{t('startsAt', { at: formatDateTime(s.scheduledAt) })}</span>}
      </div>
      <div className="lv-bottom">
        <h1 className="lv-title">{s.title}</h1>
        <Button variant="secondary" className="lv-like" disabled={s.status !== 'live'} onClick={onLike} aria-label={t('like')}>❤ {s.likes}</Button>
      </div>
    </section>
  );
}

function Pinned({ s, buy }: { s: Session; buy: () => void }) {
  const { t } = useTranslation('live');
  const card = s.pinned;
  if (!card) return null;
  return (
    <section className="card lv-card" aria-label={t('pinned')} data-pinned={card.productId}>
      {card.image ? <img src={card.image} alt="" /> : <span />}
      <div>
        <p className="lv-kind">{t('pinned')}</p>
        <h2 className="fx-small" style={{ margin: '2px 0' }}>{card.title}</h2>
        <span className="lv-kind">{t(`priceKind.${card.priceKind}`)} </span>
        <span className="lv-price" data-testid="live-price">{formatMoney(card.livePrice)}</span>
        {card.livePrice.amount < card.listPrice.amount && <span className="lv-was">{t('listPrice')} {formatMoney(card.listPrice)}</span>}
      </div>
      <Button disabled={s.status !== 'live'} onClick={buy}>{t('buy')}</Button>
    </section>
  );
}

function CouponCard({ c, live, claim, busy }: { c: Coupon; live: boolean; claim: () => void; busy: boolean }) {
  const { t } = useTranslation('live');
  const soldOut = c.remainingQuota === 0;
  return (
    <section className="card lv-coupon" aria-label={t('coupon')} data-coupon={c.templateId}>
      <div>
        <p className="lv-kind">{t('coupon')} · {c.name}</p>
        <strong>{c.amount ? formatMoney(c.amount) : ''}</strong>
        <p className="fx-small fx-muted">{c.minSpend.amount > 0 ? t('minSpend', { amount: formatMoney(c.minSpend) }) : t('noMin')}</p>
      </div>
      <Button busy={busy} disabled={!live || c.claimed || soldOut} onClick={claim}>{c.claimed ? t('claimed') : soldOut ? t('soldOut') : t('claim')}</Button>
    </section>
  );
}

function Chat({ id, lines, live }: { id: string; lines: ChatLine[]; live: boolean }) {
  const { t } = useTranslation('live');
  const toast = useToast();
  const errorText = useErrorText();
  const { withSignIn } = useLoginRedirect();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [lines.length]);
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    void withSignIn(async () => {
      setBusy(true);
      try {
        const res = await api.POST('/api/v1/live/sessions/{id}/chat', { params: { path: { id } }, body: { text: text.trim() } });
        if (res.response.status === 202) toast(t('held'));
        else await call(Promise.resolve(res));
        setText('');
      } catch (err) {
        toast(errorText(err));
      } finally {
        setBusy(false);
      }
    });
  };
  return (
    <section className="card" aria-label={t('chat')}>
      <h2 className="fx-small">{t('chat')}</h2>
      {lines.length === 0 ? <p className="fx-small fx-muted">{t('empty')}</p> : (
        <ul className="lv-chat" ref={list} aria-live="polite">
          {lines.map((l) => <li key={l.id}><span className="lv-author">{l.author}</span>{l.text}</li>)}
        </ul>
      )}
      {live && (
        <form className="lv-send" onSubmit={send}>
          <input aria-label={t('say')} placeholder={t('say')} maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" busy={busy}>{t('send')}</Button>
        </form>
      )}
    </section>
  );
}

export function LiveRoomPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('live');
  const toast = useToast();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { withSignIn } = useLoginRedirect();
  const { session, chat, connected, key } = useRoom(id);
  const [claiming, setClaiming] = useState(false);
  // Taps are sent in batches: one request for a burst of hearts.
  const pendingLikes = useRef(0);
  const likeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const like = () =>
    void withSignIn(() => {
      pendingLikes.current++;
      client.setQueryData<Session>(key, (s) => (s ? { ...s, likes: s.likes + 1 } : s));
      likeTimer.current ??= setTimeout(() => {
        const count = Math.min(50, pendingLikes.current);
        pendingLikes.current = 0;
        likeTimer.current = null;
        void api.POST('/api/v1/live/sessions/{id}/likes', { params: { path: { id } }, body: { count } });
      }, 600);
    });
  const claim = (c: Coupon) =>
    void withSignIn(async () => {
      setClaiming(true);
      try {
        await call(api.POST('/api/v1/live/sessions/{id}/coupons/{templateId}/claim', { params: { path: { id, templateId: c.templateId } } }));
        client.setQueryData<Session>(key, (s) => (s ? { ...s, coupons: s.coupons.map((x) => (x.templateId === c.templateId ? { ...x, claimed: true } : x)) } : s));
        void client.invalidateQueries({ queryKey: ['me', 'coupons'] });
        toast(t('claimedToast'));
      } catch (err) {
        toast(errorText(err));
      } finally {
        setClaiming(false);
      }
    });
  const buy = (s: Session) =>
    void withSignIn(async () => {
      const card = s.pinned!;
      try {
        // The room's buy button: an order of this product soon after is the session's.
        await call(api.POST('/api/v1/live/sessions/{id}/buy', { params: { path: { id } }, body: { productId: card.productId } }));
        navigate(card.flash ? '/flashsale' : `/checkout?sku=${card.skuId}&qty=1`);
      } catch (err) {
        toast(errorText(err));
      }
    });
  return (
    <>
      <PageHeader title={t('title')} actions={<ShareButton target={{ type: 'live', id }} />} />
      <QueryView query={session}>
        {(s) => {
          const released = s.coupons.filter((c) => c.released);
          return (
            <>
              <Stage s={s} onLike={like} />
              {!connected && s.status === 'live' && <p className="lv-announce" role="status">{t('reconnecting')}</p>}
              {s.status === 'ended' && <p className="lv-announce" role="status">{t('ended')}</p>}
              {s.status === 'scheduled' && <p className="lv-announce" role="status">{t('notStarted')}</p>}
              {s.announcements[0] && <p className="lv-announce" data-testid="announcement"><strong>{t('announcement')}：</strong>{s.announcements[0].text}</p>}
              <Pinned s={s} buy={() => buy(s)} />
              {released.map((c) => <CouponCard key={c.templateId} c={c} live={s.status === 'live'} busy={claiming} claim={() => claim(c)} />)}
              <Chat id={id} lines={chat} live={s.status === 'live'} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
