// Campaign plans, newest first, with their status and a way to the plan and its report.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { QueryView } from '../../shared/ui';
import { PageHead, Table } from '../kit';
import { goalValue, PLANS } from './common';
import './i18n';

export function PlansListPage() {
  const { t } = useTranslation('planner');
  const list = useQuery({ queryKey: PLANS, queryFn: () => call(api.GET('/api/v1/admin/plans', { params: { query: { limit: 200 } } })) });
  return (
    <>
      <PageHead title={t('list.title')} actions={<Link className="btn btn-primary" to="/plans/new">{t('list.new')}</Link>}>
        <p className="muted small">{t('list.hint')}</p>
      </PageHead>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('list.empty')}>
        {(d) => (
          <Table label={t('list.title')}>
            <thead>
              <tr><th>{t('list.name')}</th><th>{t('list.mechanic')}</th><th>{t('list.goal')}</th><th>{t('list.status')}</th><th>{t('list.dates')}</th></tr>
            </thead>
            <tbody>
              {d.items.map((p) => (
                <tr key={p.id} data-plan={p.id}>
                  <td><Link to={`/plans/${p.id}`}>{p.name}</Link></td>
                  <td>{t(`mechanic.${p.mechanic.kind}`)}</td>
                  <td>{t(`goal.${p.goal.metric}`)} {goalValue(p.goal.metric, p.goal.target)}</td>
                  <td><span className={`status status-${p.status === 'launched' ? 'ok' : 'muted'}`}>{t(`status.${p.status}`)}</span></td>
                  <td className="nowrap">{formatDateTime(p.startsAt)} → {formatDateTime(p.endsAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
