// The operator audit trail with filters: action (a prefix when it ends in "."), actor, subject
// and a time range; newest first, paged by cursor.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, TextField } from '../../shared/ui';
import { CursorList, PageHead, Table, shortId, useCursorList } from '../kit';

interface Filter {
  action: string;
  actorId: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}
const EMPTY: Filter = { action: '', actorId: '', subjectType: '', subjectId: '', from: '', to: '' };
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditLogPage() {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const query = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.subjectType ? { subjectType: filter.subjectType } : {}),
    ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
    ...(filter.from ? { from: toIso(filter.from) } : {}),
    ...(filter.to ? { to: toIso(filter.to) } : {}),
  };
  const list = useCursorList(['admin', 'audit-log', filter], (cursor) => call(api.GET('/api/v1/admin/audit-log', { params: { query: { ...query, cursor, limit: 50 } } })));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ ...draft, action: draft.action.trim(), actorId: draft.actorId.trim(), subjectType: draft.subjectType.trim(), subjectId: draft.subjectId.trim() });
  };
  const field = (key: keyof Filter) => ({ value: draft[key], onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })) });
  return (
    <>
      <PageHead title={t('compliance.audit.title')}>
        <p className="muted small">{t('compliance.audit.hint')}</p>
      </PageHead>
      <form className="row card" onSubmit={apply} aria-label={t('compliance.audit.filter')}>
        <TextField label={t('compliance.audit.action')} hint={t('compliance.audit.actionHint')} name="action" {...field('action')} />
        <TextField label={t('compliance.audit.actor')} name="actorId" {...field('actorId')} />
        <TextField label={t('compliance.audit.subjectType')} name="subjectType" {...field('subjectType')} />
        <TextField label={t('compliance.audit.subjectId')} name="subjectId" {...field('subjectId')} />
        <TextField label={t('compliance.audit.from')} type="datetime-local" name="from" {...field('from')} />
        <TextField label={t('compliance.audit.to')} type="datetime-local" name="to" {...field('to')} />
        <Button type="submit">{t('compliance.audit.filter')}</Button>
      </form>
      <CursorList query={list} empty={t('compliance.audit.empty')}>
        {(items) => (
          <Table label={t('compliance.audit.title')}>
            <thead>
              <tr>
                <th>{t('compliance.audit.time')}</th>
                <th>{t('compliance.audit.actor')}</th>
                <th>{t('compliance.audit.action')}</th>
                <th>{t('compliance.audit.subjectType')}</th>
                <th>{t('compliance.audit.subjectId')}</th>
                <th>{t('compliance.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td className="mono small" title={e.actorId ?? ''}>{e.actorId ? shortId(e.actorId) : '–'}</td>
                  <td className="mono small">{e.action}</td>
                  <td className="small">{e.subjectType}</td>
                  <td className="mono small" title={e.subjectId}>{shortId(e.subjectId)}</td>
                  <td className="mono small">{JSON.stringify(e.details).slice(0, 300)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}
