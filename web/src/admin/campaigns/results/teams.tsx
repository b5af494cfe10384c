// The teams of a group buy (GET /admin/groupbuy/campaigns/{id}/teams): leader and members by name
// and masked phone, status, paid seats, and the time left of a team still filling or when it
// completed; filtered by status and paged on the server.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type paths } from '../../../shared/api';
import { formatCountdown, formatDateTime, useCountdown } from '../../../shared/format';
import { useErrorText } from '../../../shared/ui';
import { PersonName } from './person';
import './i18n';

type TeamsPage = paths['/api/v1/admin/groupbuy/campaigns/{id}/teams']['get']['responses'][200]['content']['application/json'];
type Team = TeamsPage['items'][number];
const STATUSES = ['forming', 'open', 'completed', 'failed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLOR: Record<string, string> = { forming: 'default', open: 'processing', completed: 'success', failed: 'error', cancelled: 'default' };

export function GroupbuyTeams({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('campaignResults');
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [status, setStatus] = useState<Status | undefined>();
  const q = useQuery({
    queryKey: ['admin', 'groupbuy', 'teams', campaignId, status, page, pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/groupbuy/campaigns/{id}/teams', { params: { path: { id: campaignId }, query: { status, page, pageSize } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const columns: ColumnsType<Team> = [
    { title: t('teams.leader'), key: 'leader', render: (_, x) => <PersonName person={x.leader} />, width: 200 },
    {
      title: t('teams.members'),
      key: 'members',
      render: (_, x) => (
        <Space size={[4, 4]} wrap>
          {x.members.map((m, i) => (
            <Tag key={i} color={m.status === 'paid' ? 'green' : m.status === 'reserved' ? 'gold' : 'default'} title={t(`teams.member_${m.status}`, { defaultValue: m.status })}>
              {m.person ? `${m.person.name}${m.person.phone ? ` ${m.person.phone}` : ''}` : t('person.virtual')}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('teams.status'),
      dataIndex: 'status',
      width: 110,
      filters: STATUSES.map((s) => ({ text: t(`teams.status_${s}`), value: s })),
      filterMultiple: false,
      filteredValue: status ? [status] : null,
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`teams.status_${s}`, { defaultValue: s })}</Tag>,
    },
    { title: t('teams.progress'), key: 'progress', width: 120, render: (_, x) => t('teams.paid', { paid: x.paidMembers, size: x.size }) },
    { title: t('teams.time'), key: 'time', width: 190, render: (_, x) => <TeamTime team={x} /> },
    { title: t('teams.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
  ];
  return (
    <Card title={t('teams.title')} size="small">
      {q.isError ? (
        <Alert type="error" showIcon message={t('loadFailed')} description={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('retry')}</Button>} />
      ) : (
        <Table<Team>
          rowKey="id"
          size="small"
          loading={q.isFetching && !q.data}
          columns={columns}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('teams.empty') }}
          pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
          onChange={(p, filters) => {
            const next = (filters.status?.[0] as Status | undefined) ?? undefined;
            if (next !== status) {
              setStatus(next);
              setPage(1);
            } else setPage(p.current ?? 1);
            setPageSize(p.pageSize ?? 10);
          }}
          scroll={{ x: 900 }}
        />
      )}
    </Card>
  );
}

function TeamTime({ team }: { team: Team }) {
  const { t } = useTranslation('campaignResults');
  const left = useCountdown(team.secondsLeft === null ? null : team.expiresAt);
  if (team.completedAt) return <>{t('teams.completedAt', { at: formatDateTime(team.completedAt) })}</>;
  if (team.failedAt) return <Typography.Text type="secondary">{t('teams.failedAt', { at: formatDateTime(team.failedAt) })}</Typography.Text>;
  if (team.secondsLeft === null) return null;
  return left > 0 ? <span style={{ whiteSpace: 'nowrap' }}>{t('teams.left', { time: formatCountdown(left) })}</span> : <Typography.Text type="warning">{t('teams.overdue')}</Typography.Text>;
}
