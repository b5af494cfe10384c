// Notes for operators: every status, with engagement and the sales their shares brought; hide a
// note (its author still sees it) or show it again.
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { SelectField, TextField } from '../../shared/ui';
import { ActionButton, ActionsHead, CursorList, PageHead, Table, useCursorList, useRefresh, useSearchParam } from '../kit';
import './i18n';

const STATUSES = ['published', 'held', 'hidden', 'deleted'] as const;
type Status = (typeof STATUSES)[number];
const KEY = ['admin', 'community', 'notes'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function NotesPage() {
  const { t } = useTranslation('communityAdmin');
  const [status, setStatus] = useSearchParam('status');
  const [author, setAuthor] = useSearchParam('author');
  const filter = (STATUSES as readonly string[]).includes(status) ? (status as Status) : undefined;
  const authorId = UUID.test(author.trim()) ? author.trim() : undefined;
  const list = useCursorList([...KEY, filter ?? 'all', authorId ?? 'anyone'], (cursor) => call(api.GET('/api/v1/admin/community/notes', { params: { query: { status: filter, authorId, cursor, limit: 50 } } })));
  const refresh = useRefresh(KEY);
  const setHidden = (id: string, hidden: boolean) => {
    const opts = { params: { path: { id } } };
    return call(hidden ? api.POST('/api/v1/admin/community/notes/{id}/hide', opts) : api.POST('/api/v1/admin/community/notes/{id}/show', opts)).then(refresh);
  };
  return (
    <>
      <PageHead title={t('notes.title')}>
        <p className="muted small">{t('notes.hint')}</p>
      </PageHead>
      <div className="row">
        <SelectField label={t('notes.status')} value={filter ?? ''} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('admin:filter.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`noteStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('notes.authorId')} value={author} onChange={(e) => setAuthor(e.target.value)} />
      </div>
      <CursorList query={list} empty={t('notes.empty')}>
        {(items) => (
          <Table label={t('notes.title')}>
            <thead>
              <tr>
                <th>{t('notes.titleCol')}</th>
                <th>{t('notes.author')}</th>
                <th>{t('notes.kind')}</th>
                <th>{t('notes.status')}</th>
                <th>{t('notes.engagement')}</th>
                <th>{t('notes.sales')}</th>
                <th>{t('notes.created')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <td>
                    <strong>{n.title}</strong>
                    <div className="muted small">{n.text.slice(0, 60)}</div>
                    {n.topics.length > 0 && <div className="muted small">{n.topics.map((x) => `#${x}`).join(' ')}</div>}
                  </td>
                  <td>
                    {n.author.name}
                    <div className="muted small">{n.author.id.slice(0, 8)}</div>
                  </td>
                  <td>{n.kind === 'order' ? t('notes.order') : t('notes.note')}</td>
                  <td><span className={`status status-${n.status === 'published' ? 'ok' : n.status === 'held' ? 'warn' : 'muted'}`}>{t(`noteStatus.${n.status}`)}</span></td>
                  <td>{n.likes} / {n.favourites} / {n.comments}</td>
                  <td>{n.sales.orders} · {formatMoney(n.sales.gmv)}</td>
                  <td>{formatDateTime(n.createdAt)}</td>
                  <td>
                    <div className="row">
                      {n.status === 'published' && <a className="btn btn-ghost btn-small" href={`/notes/${n.id}`} target="_blank" rel="noreferrer">{t('notes.open')}</a>}
                      {(n.status === 'published' || n.status === 'held') && <ActionButton label={t('notes.hide')} variant="danger" message={t('notes.confirmHide', { title: n.title })} run={() => setHidden(n.id, true)} done={t('notes.hidden')} />}
                      {n.status === 'hidden' && <ActionButton label={t('notes.show')} run={() => setHidden(n.id, false)} done={t('notes.shown')} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}
