// The campaign list screens' common parts: a row's name link, the table with its loading, error and
// empty states (and "more" for cursor-paged lists), and the list page with its "new" button.
import type { ReactNode } from 'react';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Button, Empty, ErrorState, Loading } from '../../shared/ui';
import { ListTable, PageHead } from './common';

/** A link to a console path (relative to /admin) that navigates in the app and still opens in a new tab. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <a
      href={`/admin${to}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A cursor-paged list: the query, with every page's items flattened. */
export function useCursorList<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const query = useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { query, items: query.data?.pages.flatMap((p) => p.items) };
}

export interface ListViewProps<T> {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  items: T[] | undefined;
  caption: string;
  head: string[];
  /** One <tr> (with its key) per item. */
  row: (item: T) => ReactNode;
  empty: ReactNode;
  emptyAction?: ReactNode;
  /** A cursor-paged query: adds "more" under the table while there is a next page. */
  more?: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}

/** Spinner, retryable error, empty state, or the table of items. */
export function ListView<T>({ query, items, caption, head, row, empty, emptyAction, more }: ListViewProps<T>) {
  const { t } = useTranslation('campaigns');
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!items || items.length === 0) return <Empty action={emptyAction}>{empty}</Empty>;
  return (
    <>
      <ListTable caption={caption} head={head}>
        {items.map((x) => row(x))}
      </ListTable>
      {more?.hasNextPage && (
        <div className="cc-more">
          <Button variant="secondary" busy={more.isFetchingNextPage} onClick={() => void more.fetchNextPage()}>
            {t('common:more')}
          </Button>
        </div>
      )}
    </>
  );
}

/** A campaign list screen: the title with "new" (after any other actions; none without `newLabel`), an optional toolbar, then the list. */
export function ListPage<T>({ title, base, newLabel, actions, toolbar, ...list }: { title: string; base: string; newLabel?: string; actions?: ReactNode; toolbar?: ReactNode } & Omit<ListViewProps<T>, 'caption' | 'emptyAction'>) {
  const navigate = useNavigate();
  const create = newLabel ? <Button onClick={() => navigate(`${base}/new`)}>{newLabel}</Button> : undefined;
  return (
    <div className="cc-page">
      <PageHead
        title={title}
        actions={
          <>
            {actions}
            {create}
          </>
        }
      />
      {toolbar && <div className="cc-toolbar">{toolbar}</div>}
      <ListView caption={title} emptyAction={create} {...list} />
    </div>
  );
}
