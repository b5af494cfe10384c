// Promoter applications (Ant Design, lazy route): each applicant by name and masked phone with a
// link to the customer page; status filter; approve with an optional note, reject with a reason.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { PageHead } from '../kit';
import { Decision, PersonLink } from './decision';
import './i18n';

type Application = paths['/api/v1/admin/affiliate/applications']['get']['responses'][200]['content']['application/json']['items'][number];
const STATUSES = ['pending', 'approved', 'rejected'] as const;
type Status = (typeof STATUSES)[number];
const COLOUR: Record<string, string> = { pending: 'orange', approved: 'green', rejected: 'default' };

function ApplicationsPage() {
  const { t } = useTranslation(['promoters', 'admin']);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | ''>('pending');
  const list = useInfiniteQuery({
    queryKey: ['admin', 'applications', status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/admin/affiliate/applications', { params: { query: { status: status || undefined, cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['admin', 'applications'] }), queryClient.invalidateQueries({ queryKey: ['admin', 'promoters'] })]);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<Application> = [
    { title: t('admin:affiliate.applicant'), key: 'applicant', render: (_, a) => <PersonLink person={a.applicant} /> },
    { title: t('admin:affiliate.source'), dataIndex: 'source', render: (s: string) => t(`admin:affiliateSource.${s}`, { defaultValue: s }) },
    {
      title: t('admin:affiliate.note'),
      key: 'note',
      render: (_, a) => (
        <>
          {a.note}
          {a.operatorNote && <div className="small muted">{t('admin:aftersales.operatorNote')}: {a.operatorNote}</div>}
        </>
      ),
    },
    { title: t('admin:orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={COLOUR[s]}>{t(`admin:status.${s}`, { defaultValue: s })}</Tag> },
    { title: t('admin:affiliate.applied'), dataIndex: 'appliedAt', render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
    {
      title: t('admin:table.actions'),
      key: 'actions',
      render: (_, a) =>
        a.status === 'pending' && (
          <Decision
            approveLabel={t('approve')}
            approveTitle={t('approveTitle', { name: a.applicant.name || t('unknown') })}
            rejectTitle={t('rejectTitle', { name: a.applicant.name || t('unknown') })}
            approve={(body) => call(api.POST('/api/v1/admin/affiliate/applications/{id}/approve', { params: { path: { id: a.id } }, body }))}
            reject={(body) => call(api.POST('/api/v1/admin/affiliate/applications/{id}/reject', { params: { path: { id: a.id } }, body }))}
            onDone={() => void refresh()}
          />
        ),
    },
  ];
  return (
    <>
      <PageHead title={t('admin:affiliate.applications')} />
      <Segmented<Status | ''>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[{ value: '', label: t('all') }, ...STATUSES.map((s) => ({ value: s, label: t(`admin:status.${s}`, { defaultValue: s }) }))]}
      />
      {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
      <Table<Application> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isLoading} pagination={false} locale={{ emptyText: t('admin:affiliate.noApplications') }} />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('more')}</Button>
        </div>
      )}
    </>
  );
}

export function Component() {
  return (
    <AntdProvider>
      <ApplicationsPage />
    </AntdProvider>
  );
}
