// Each sharing channel's policy as data: its rules, each "not allowed" or "warning only" (admins edit).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { QueryView, SelectField } from '../../shared/ui';
import { PageHead, Table } from '../kit';
import { useMe } from '../auth';
import { useAction } from '../campaigns/common';

type Policy = Awaited<ReturnType<typeof fetchPolicies>>['items'][number];
const KEY = ['admin', 'compliance', 'policies'];
const fetchPolicies = () => call(api.GET('/api/v1/admin/compliance/channel-policies'));

function PolicyCard({ policy, canEdit }: { policy: Policy; canEdit: boolean }) {
  const { t } = useTranslation('admin');
  const save = useAction(
    (rules: Policy['rules']) => call(api.PUT('/api/v1/admin/compliance/channel-policies/{channel}', { params: { path: { channel: policy.channel } }, body: { rules: rules as never } })),
    { invalidate: [KEY], success: t('compliance.channels.saved') },
  );
  const setSeverity = (code: string, severity: string) => save.mutate(policy.rules.map((r) => (r.code === code ? { ...r, severity } : r)));
  return (
    <section className="card">
      <h2>{policy.name}</h2>
      <Table label={policy.name}>
        <thead>
          <tr>
            <th>{t('compliance.channels.rule')}</th>
            <th>{t('compliance.channels.severity')}</th>
          </tr>
        </thead>
        <tbody>
          {policy.rules.map((r) => (
            <tr key={r.code}>
              <td>
                {t(`compliance.channels.code.${r.code}`, { defaultValue: r.code })}
                <div className="muted small">{t('compliance.source', r.source)}</div>
              </td>
              <td>
                <SelectField label={t('compliance.channels.severity')} value={r.severity} disabled={!canEdit || save.isPending} onChange={(e) => setSeverity(r.code, e.target.value)}>
                  <option value="fail">{t('compliance.channels.fail')}</option>
                  <option value="warn">{t('compliance.channels.warn')}</option>
                </SelectField>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

export function ChannelPoliciesPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const policies = useQuery({ queryKey: KEY, queryFn: fetchPolicies });
  const canEdit = !!me.data?.roles.includes('admin');
  return (
    <>
      <PageHead title={t('compliance.channels.title')}>
        <p className="muted small">{t('compliance.channels.hint')}</p>
      </PageHead>
      <QueryView query={policies}>{(data) => data.items.map((p) => <PolicyCard key={p.channel} policy={p} canEdit={canEdit} />)}</QueryView>
    </>
  );
}
