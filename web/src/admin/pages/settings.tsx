// Platform settings: every key with its value, default and meaning; admins change values as JSON.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { QueryView, TextArea } from '../../shared/ui';
import { useMe } from '../auth';
import { ActionButton, ActionsHead, PageHead, Table, useRefresh } from '../kit';

const show = (v: unknown) => JSON.stringify(v);

export function SettingsPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const isAdmin = !!me.data?.roles.includes('admin');
  const settings = useQuery({ queryKey: ['admin', 'settings'], queryFn: () => call(api.GET('/api/v1/admin/settings')) });
  return (
    <>
      <PageHead title={t('settings.title')}>{!isAdmin && <p className="muted">{t('settings.adminOnly')}</p>}</PageHead>
      <QueryView query={settings} isEmpty={(s) => Object.keys(s).length === 0}>
        {(s) => (
          <Table label={t('settings.title')}>
            <thead>
              <tr>
                <th>{t('settings.key')}</th>
                <th>{t('settings.value')}</th>
                <th>{t('settings.default')}</th>
                <th>{t('settings.description')}</th>
                {isAdmin && <ActionsHead />}
              </tr>
            </thead>
            <tbody>
              {Object.entries(s)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([key, setting]) => (
                  <tr key={key}>
                    <td className="mono">{key}</td>
                    <td className={`mono ${show(setting.value) !== show(setting.default) ? 'strong' : ''}`}>{show(setting.value)}</td>
                    <td className="mono muted">{show(setting.default)}</td>
                    <td className="wrap">{setting.description}</td>
                    {isAdmin && (
                      <td>
                        <EditSetting settingKey={key} value={setting.value} />
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}

function EditSetting({ settingKey, value }: { settingKey: string; value: unknown }) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(['admin', 'settings']);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <ActionButton
      label={t('settings.edit')}
      title={settingKey}
      variant="ghost"
      onOpen={() => {
        setText(JSON.stringify(value, null, 2));
        setError(undefined);
      }}
      validate={() => {
        try {
          JSON.parse(text);
          setError(undefined);
          return true;
        } catch {
          setError(t('settings.badJson'));
          return false;
        }
      }}
      run={async () => {
        await call(api.PUT('/api/v1/admin/settings/{key}', { params: { path: { key: settingKey } }, body: { value: JSON.parse(text) as unknown } }));
        await refresh();
      }}
      done={t('settings.saved')}
    >
      <TextArea label={t('settings.valueJson')} className="mono" value={text} onChange={(e) => setText(e.target.value)} error={error} rows={6} />
    </ActionButton>
  );
}
