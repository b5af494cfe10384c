// 站内信: the shopper's messages from the store (targeted dispatches), newest first; opening one
// marks it read, and a message that came with a coupon links to the coupon wallet.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDateTime } from '../../../shared/format';
import { Button, Empty, QueryView } from '../../../shared/ui';
import { RequireSignIn, useMe } from '../../auth';
import { PageHeader } from '../../layout';
import { useInboxT } from './i18n';
import './inbox.css';

export const MESSAGES_KEY = ['me', 'messages'];

export function MessagesPage() {
  const { t } = useInboxT();
  return (
    <>
      <PageHeader title={t('title')} />
      <RequireSignIn>
        <MessageList />
      </RequireSignIn>
    </>
  );
}

function MessageList() {
  const { t } = useInboxT();
  const client = useQueryClient();
  const messages = useQuery({ queryKey: MESSAGES_KEY, queryFn: () => call(api.GET('/api/v1/me/messages', { params: { query: { limit: 50 } } })) });
  const read = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/me/messages/{id}/read', { params: { path: { id } }, body: {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
  return (
    <QueryView query={messages} isEmpty={(d) => d.items.length === 0} empty={<Empty>{t('empty')}</Empty>}>
      {(d) => (
        <ul className="inbox-list" aria-label={t('title')}>
          {d.items.map((m) => (
            <li key={m.id} className={`card inbox-item ${m.readAt ? '' : 'inbox-unread'}`}>
              <h2 className="inbox-title">
                {!m.readAt && <span className="inbox-dot">{t('new')}</span>}
                {m.title}
              </h2>
              <p className="inbox-time">{formatDateTime(m.createdAt)}</p>
              <p>{m.body}</p>
              {m.couponName && (
                <p className="inbox-coupon">
                  {t('coupon', { name: m.couponName })} <Link to="/coupons?tab=mine">{t('viewCoupons')}</Link>
                </p>
              )}
              {!m.readAt && (
                <Button variant="secondary" busy={read.isPending && read.variables === m.id} onClick={() => read.mutate(m.id)}>
                  {t('markRead')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </QueryView>
  );
}

/** The 我的 page's entry to the message centre, with the unread count as a badge. */
export function MessagesLink() {
  const { t } = useInboxT();
  const me = useMe();
  const messages = useQuery({ queryKey: MESSAGES_KEY, enabled: !!me.data, queryFn: () => call(api.GET('/api/v1/me/messages', { params: { query: { limit: 50 } } })) });
  const unread = messages.data?.unread ?? 0;
  return (
    <nav className="card shop-me-links" aria-label={t('title')}>
      <ul className="shop-plain-list">
        <li>
          <Link to="/me/messages" className="shop-me-link">
            <span aria-hidden="true">✉️</span>
            <span>{t('link')}</span>
            {unread > 0 && <span className="inbox-badge" aria-label={t('unread', { count: unread })}>{unread}</span>}
            <span aria-hidden="true" className="shop-chevron">›</span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}
