// The community tab: trending topics, then the feed (people you follow first, then popular notes),
// and a topic's page.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { useMe } from '../auth';
import { PageHeader } from '../layout';
import { useCommunityT } from './i18n';
import { NoteGrid } from './parts';

function WriteButton() {
  const { t } = useCommunityT();
  const me = useMe();
  return (
    <Link to={me.data ? '/notes/new' : `/login?next=${encodeURIComponent('/notes/new')}`} className="btn btn-primary cm-write">
      ✎ {t('write')}
    </Link>
  );
}

export function FeedPage() {
  const { t } = useCommunityT();
  const me = useMe();
  const topics = useQuery({ queryKey: ['community', 'topics'], queryFn: () => call(api.GET('/api/v1/community/topics', { params: { query: { limit: 10 } } })) });
  return (
    <>
      <PageHeader title={t('feed')} back={false} actions={<WriteButton />} />
      {me.data && (
        <div className="cm-more">
          <Link to={`/people/${me.data.id}`} className="chip">
            {t('myNotes')}
          </Link>
        </div>
      )}
      {!!topics.data?.items.length && (
        <nav className="cm-topics" aria-label={t('topics')}>
          {topics.data.items.map((x) => (
            <Link key={x.topic} to={`/topics/${encodeURIComponent(x.topic)}`} className="chip">
              #{x.topic}
            </Link>
          ))}
        </nav>
      )}
      <NoteGrid
        queryKey={['community', 'feed', me.data?.id ?? null]}
        load={(cursor) => call(api.GET('/api/v1/community/feed', { params: { query: { cursor, limit: 20 } } }))}
      />
    </>
  );
}

export function TopicPage() {
  const { topic = '' } = useParams();
  const { t } = useCommunityT();
  return (
    <>
      <PageHeader title={t('topicTitle', { topic })} actions={<WriteButton />} />
      <NoteGrid
        queryKey={['community', 'topic', topic]}
        load={(cursor) => call(api.GET('/api/v1/community/topics/{topic}/notes', { params: { path: { topic }, query: { cursor, limit: 20 } } }))}
      />
    </>
  );
}
