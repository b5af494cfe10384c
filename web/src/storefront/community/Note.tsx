// A note's page: images, text with topics, tagged products, the author, likes, favourites, the
// share sheet (share target `note`), and one level of comments with replies.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { Button, ErrorState, Loading, QueryView, useErrorText, useToast } from '../../shared/ui';
import { useMe } from '../auth';
import { useSignInFor } from '../intent';
import { PageHeader } from '../layout';
import { ShareButton } from '../share/ShareSheet';
import { FollowButton } from './Profile';
import { useCommunityT } from './i18n';
import { AuthorLine, NoteText, type CommentItem, type NoteDetail } from './parts';

export function NotePage() {
  const { id = '' } = useParams();
  const { t } = useCommunityT();
  const note = useQuery({ queryKey: ['community', 'note', id], queryFn: () => call(api.GET('/api/v1/community/notes/{id}', { params: { path: { id } } })) });
  return (
    <>
      <PageHeader title={note.data?.kind === 'order' ? t('order') : t('note')} />
      <QueryView query={note}>{(n) => <NoteView note={n} />}</QueryView>
    </>
  );
}

function NoteView({ note }: { note: NoteDetail }) {
  const { t } = useCommunityT();
  const me = useMe();
  const qc = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const signIn = useSignInFor();
  const mine = me.data?.id === note.author.id;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['community'] });
  const react = useMutation({
    mutationFn: ({ kind, on }: { kind: 'like' | 'favourite'; on: boolean }) => {
      const opts = { params: { path: { id: note.id } } };
      if (kind === 'like') return call(on ? api.PUT('/api/v1/community/notes/{id}/like', opts) : api.DELETE('/api/v1/community/notes/{id}/like', opts));
      return call(on ? api.PUT('/api/v1/community/notes/{id}/favourite', opts) : api.DELETE('/api/v1/community/notes/{id}/favourite', opts));
    },
    onSuccess: refresh,
    onError: (err) => toast(errorText(err), 'error'),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/community/notes/{id}', { params: { path: { id: note.id } } })),
    onSuccess: () => {
      toast(t('deleted'));
      refresh();
      navigate('/feed', { replace: true });
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const act = (kind: 'like' | 'favourite', on: boolean) => (me.data ? react.mutate({ kind, on }) : signIn(kind));

  return (
    <article className="cm-note">
      {note.status !== 'published' && <p className="cm-banner">{t(note.status === 'held' ? 'held' : 'hidden')}</p>}
      {note.images.length > 0 && (
        <div className="cm-images" role="list">
          {note.images.map((src, i) => (
            <img key={src} src={src} alt={`${note.title} ${i + 1}`} role="listitem" className="cm-image" />
          ))}
        </div>
      )}
      <div className="card">
        <div className="cm-note-head">
          <AuthorLine person={note.author} />
          {!mine && <FollowButton userId={note.author.id} />}
        </div>
        <h2 className="cm-note-title">
          {note.kind === 'order' && <span className="cm-tag">{t('order')}</span>}
          {note.title}
        </h2>
        <NoteText text={note.text} />
        <p className="cm-muted cm-small">{formatDateTime(note.createdAt)}</p>
        {note.sales && <p className="cm-sales">{t('sales', { orders: note.sales.orders, gmv: formatMoney(note.sales.gmv) })}</p>}
      </div>
      {note.products.length > 0 && (
        <section className="card" aria-label={t('taggedProducts')}>
          <h3 className="section-title">{t('taggedProducts')}</h3>
          <ul className="cm-products">
            {note.products.map((p) => (
              <li key={p.id}>
                <Link to={`/product/${p.id}`} className="cm-product">
                  {p.image ? <img src={p.image} alt="" className="cm-product-img" /> : <span className="cm-product-img cm-card-noimg" aria-hidden="true" />}
                  <span className="cm-product-title">{p.title}</span>
                  <span className="price">{formatMoney(p.price)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="cm-actions row">
        <Button variant={note.likedByMe ? 'primary' : 'secondary'} aria-pressed={note.likedByMe} busy={react.isPending && react.variables?.kind === 'like'} onClick={() => act('like', !note.likedByMe)}>
          ♡ {note.likedByMe ? t('liked') : t('like')} {note.likes}
        </Button>
        <Button variant={note.favouritedByMe ? 'primary' : 'secondary'} aria-pressed={note.favouritedByMe} busy={react.isPending && react.variables?.kind === 'favourite'} onClick={() => act('favourite', !note.favouritedByMe)}>
          ☆ {note.favouritedByMe ? t('favourited') : t('favourite')} {note.favourites}
        </Button>
        {note.status === 'published' && (me.data ? <ShareButton target={{ type: 'note', id: note.id }} label={t('share')} /> : <Button variant="secondary" onClick={() => signIn('share')}>{t('share')}</Button>)}
        {mine && (
          <Button variant="danger" busy={remove.isPending} onClick={() => window.confirm(t('confirmDelete')) && remove.mutate()}>
            {t('delete')}
          </Button>
        )}
      </div>
      {note.status === 'published' && <Comments noteId={note.id} count={note.comments} />}
    </article>
  );
}

function Comments({ noteId, count }: { noteId: string; count: number }) {
  const { t } = useCommunityT();
  const me = useMe();
  const qc = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const signIn = useSignInFor();
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<{ id: string; name: string } | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['community', 'comments', noteId],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/community/notes/{id}/comments', { params: { path: { id: noteId }, query: { cursor: pageParam, limit: 20 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const send = useMutation({
    mutationFn: () => call(api.POST('/api/v1/community/notes/{id}/comments', { params: { path: { id: noteId } }, body: { text, ...(replyTo ? { parentId: replyTo.id } : {}) } })),
    onSuccess: (c) => {
      setText('');
      setReplyTo(null);
      if (c.status === 'held') toast(t('commentHeld'));
      void qc.invalidateQueries({ queryKey: ['community'] });
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!me.data) return signIn('comment');
    if (text.trim()) send.mutate();
  };
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const line = (c: CommentItem | CommentItem['replies'][number], top: CommentItem) => (
    <div className="cm-comment">
      <span className="cm-comment-who">
        <Link to={`/people/${c.author.id}`}>{c.author.name}</Link>
        {c.replyTo && c.parentId && <> ▸ {c.replyTo.name}</>}
      </span>
      <span className="cm-comment-text">{c.text}</span>
      <span className="cm-small cm-muted">
        {formatDateTime(c.createdAt)}
        {c.status === 'held' && <> · {t('commentHeld')}</>}
        {c.status === 'published' && (
          <button type="button" className="btn btn-ghost cm-reply-btn" onClick={() => setReplyTo({ id: c.id, name: c.author.name })}>
            {t('reply')}
          </button>
        )}
      </span>
      {c === top && top.replyCount > top.replies.length && <span className="cm-small cm-muted">{t('moreReplies', { count: top.replyCount })}</span>}
    </div>
  );
  return (
    <section className="card" aria-label={t('comments', { count })}>
      <h3 className="section-title">{t('comments', { count })}</h3>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="cm-muted">{t('noComments')}</p>
      ) : (
        <ul className="cm-comments">
          {items.map((c) => (
            <li key={c.id}>
              {line(c, c)}
              {c.replies.length > 0 && (
                <ul className="cm-replies">
                  {c.replies.map((r) => (
                    <li key={r.id}>{line(r, c)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="ghost" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('more')}
        </Button>
      )}
      <form className="cm-comment-form" onSubmit={submit}>
        {replyTo && (
          <button type="button" className="chip chip-active" onClick={() => setReplyTo(null)} aria-label={t('cancelReply')}>
            {t('replyTo', { name: replyTo.name })} ✕
          </button>
        )}
        <label htmlFor="cm-comment" className="visually-hidden">
          {t('commentPlaceholder')}
        </label>
        <input id="cm-comment" className="cm-input" maxLength={500} value={text} placeholder={me.data ? t('commentPlaceholder') : t('signInToAct')} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" busy={send.isPending} disabled={!!me.data && !text.trim()}>
          {t('send')}
        </Button>
      </form>
    </section>
  );
}
