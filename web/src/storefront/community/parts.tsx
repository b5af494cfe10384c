// Pieces the community pages share: the note card of the feed's two-column grid, avatars, text
// with #话题 links, and the paged note list.
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import type { paths } from '../../shared/api';
import { Button, Empty, ErrorState, Loading } from '../../shared/ui';
import { useCommunityT } from './i18n';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P] extends Record<M, { responses: infer R }> ? R extends { 200: { content: { 'application/json': infer D } } } ? D : R extends { 201: { content: { 'application/json': infer D } } } ? D : never : never;
export type NoteDetail = Json<'/api/v1/community/notes/{id}', 'get'>;
export type NoteItem = Json<'/api/v1/community/people/{id}/notes', 'get'>['items'][number];
export type FeedItem = Json<'/api/v1/community/feed', 'get'>['items'][number];
export type Person = NoteItem['author'];
export type Profile = Json<'/api/v1/community/people/{id}', 'get'>;
export type CommentItem = Json<'/api/v1/community/notes/{id}/comments', 'get'>['items'][number];
export type Page<T> = { items: T[]; nextCursor: string | null };

export function Avatar({ person, size = 28 }: { person: Pick<Person, 'initial' | 'kol'>; size?: number }) {
  return (
    <span className={`cm-avatar ${person.kol ? 'cm-avatar-kol' : ''}`} style={{ width: size, height: size, fontSize: size * 0.45 }} aria-hidden="true">
      {person.initial}
    </span>
  );
}

export function AuthorLine({ person }: { person: Person }) {
  const { t } = useCommunityT();
  return (
    <Link to={person.kol ? `/kol/${person.id}` : `/people/${person.id}`} className="cm-author">
      <Avatar person={person} />
      <span className="cm-author-name">{person.name}</span>
      {person.kol && <span className="cm-kol-badge" title={t('kolBadge')}>V</span>}
    </Link>
  );
}

/** The note's text as plain text (React escapes it), with #话题 turned into links to the topic page. */
export function NoteText({ text }: { text: string }) {
  const parts = text.split(/(#[\p{L}\p{N}_·]{1,40}#?)/u);
  return (
    <p className="cm-text">
      {parts.map((part, i) => {
        const m = /^#([\p{L}\p{N}_·]{1,40})#?$/u.exec(part);
        if (!m) return <Fragment key={i}>{part}</Fragment>;
        const topic = [...m[1]].slice(0, 20).join('').toLowerCase();
        return (
          <Link key={i} to={`/topics/${encodeURIComponent(topic)}`} className="cm-topic">
            {part}
          </Link>
        );
      })}
    </p>
  );
}

export function NoteCard({ note }: { note: NoteItem | FeedItem }) {
  const { t } = useCommunityT();
  const cover = note.images[0];
  return (
    <li className="cm-card" data-testid="note-card">
      <Link to={`/notes/${note.id}`} className="cm-card-link">
        {cover ? <img src={cover} alt="" loading="lazy" className="cm-card-img" /> : <div className="cm-card-img cm-card-noimg" aria-hidden="true">{note.title.slice(0, 12)}</div>}
        <span className="cm-card-title">
          {note.kind === 'order' && <span className="cm-tag">{t('order')}</span>}
          {note.title}
        </span>
      </Link>
      {note.status !== 'published' && <span className="cm-status">{t(note.status === 'held' ? 'held' : 'hidden')}</span>}
      <span className="cm-card-foot">
        <AuthorLine person={note.author} />
        <span className="cm-muted" aria-label={t('like')}>♡ {note.likes}</span>
      </span>
    </li>
  );
}

/** A cursor-paged list of notes in the two-column grid. */
export function NoteGrid<T extends NoteItem | FeedItem>({ queryKey, load, empty }: { queryKey: QueryKey; load: (cursor: string | undefined) => Promise<Page<T>>; empty?: string }) {
  const { t } = useCommunityT();
  const q = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (!items.length) return <Empty>{empty ?? t('empty')}</Empty>;
  return (
    <>
      <ul className="cm-grid">
        {items.map((n) => (
          <NoteCard key={n.id} note={n} />
        ))}
      </ul>
      <div className="cm-more">
        {q.hasNextPage ? (
          <Button variant="secondary" busy={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
            {t('more')}
          </Button>
        ) : (
          <span className="cm-muted">{t('end')}</span>
        )}
      </div>
    </>
  );
}
