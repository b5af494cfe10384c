// Settings as forms (Ant Design): one tab per group (交易, 配送, 分销, 积分…), each setting a labelled
// field generated from what the server says about it — money in yuan with ¥, rates in %, durations
// with their unit, switches for on/off, a list for choices — with its help text and default under
// it and its allowed range in every validation message. A group saves on its own after the
// operator confirms exactly what changes; a value the server refuses is shown on its field.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Select, Skeleton, Space, Switch, Table, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, call, isApiError } from '../../shared/api';
import { currentLocale, type Locale } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { useMe } from '../auth';
import { PageHead } from '../kit';
import { decimalsOf, formatSetting, fromField, GROUPS, inRange, isNumeric, rangeMessage, toField, unitWord, type Setting, type SettingGroup } from './units';

const QUERY_KEY = ['admin', 'settings'];
type Entry = [key: string, setting: Setting];

export function SettingsFormsPage() {
  const { t } = useTranslation('settingsForms');
  const me = useMe();
  const isAdmin = !!me.data?.roles.includes('admin');
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const settings = useQuery({ queryKey: QUERY_KEY, queryFn: () => call(api.GET('/api/v1/admin/settings')) });

  const byGroup = useMemo(() => {
    const groups = new Map<SettingGroup, Entry[]>();
    for (const entry of Object.entries(settings.data ?? {})) groups.set(entry[1].group, [...(groups.get(entry[1].group) ?? []), entry]);
    return groups;
  }, [settings.data]);
  const present = GROUPS.filter((g) => byGroup.has(g));
  const requested = params.get('group') as SettingGroup | null;
  const active = requested && present.includes(requested) ? requested : present[0];

  return (
    <>
      <PageHead title={t('title')}>{me.data && !isAdmin && <p className="muted">{t('adminOnly')}</p>}</PageHead>
      {settings.error && <Alert type="error" showIcon title={errorText(settings.error)} />}
      {settings.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {settings.data && (
        <Tabs
          activeKey={active}
          onChange={(group) => setParams({ group }, { replace: true })}
          items={present.map((group) => ({
            key: group,
            label: t(`groups.${group}`),
            children: <GroupForm group={group} entries={byGroup.get(group)!} editable={isAdmin} />,
          }))}
        />
      )}
    </>
  );
}

function GroupForm({ group, entries, editable }: { group: SettingGroup; entries: Entry[]; editable: boolean }) {
  const { t } = useTranslation('settingsForms');
  const lang: Locale = currentLocale();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const initial = useMemo(() => Object.fromEntries(entries.map(([key, s]) => [key, toField(s, s.value)])), [entries]);

  const save = async () => {
    setFailure(null);
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const changes = entries
      .map(([key, s]) => ({ key, setting: s, value: fromField(s, values[key]) }))
      .filter((c) => JSON.stringify(c.value) !== JSON.stringify(c.setting.value));
    if (changes.length === 0) {
      void message.info(t('nothingChanged'));
      return;
    }
    modal.confirm({
      title: t('confirmTitle', { count: changes.length }),
      width: 560,
      okText: t('confirmOk'),
      cancelText: t('cancel'),
      content: (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={changes}
          columns={[
            { key: 'label', title: '', dataIndex: 'key', render: (_: string, c) => c.setting.label[lang] },
            { key: 'from', title: t('from'), dataIndex: 'key', render: (_: string, c) => formatSetting(c.setting, c.setting.value, t, lang) },
            { key: 'to', title: t('to'), dataIndex: 'key', render: (_: string, c) => <strong>{formatSetting(c.setting, c.value, t, lang)}</strong> },
          ]}
        />
      ),
      onOk: async () => {
        setSaving(true);
        let saved = 0;
        try {
          // One request per setting, as the API takes them; the first refusal stops the rest and is
          // shown on its field with the range the server allows.
          for (const c of changes) {
            try {
              await call(api.PUT('/api/v1/admin/settings/{key}', { params: { path: { key: c.key } }, body: { value: c.value } }));
              saved++;
            } catch (err) {
              const details = isApiError(err, 'SETTINGS_INVALID_VALUE') ? err.details : undefined;
              if (details && details.key === c.key) {
                form.setFields([{ name: c.key, errors: [rangeMessage(c.setting, { min: details.min as number | undefined, max: details.max as number | undefined }, t, lang)] }]);
              }
              setFailure(saved > 0 ? `${t('partlySaved', { count: saved })} ${c.setting.label[lang]}: ${errorText(err)}` : `${c.setting.label[lang]}: ${errorText(err)}`);
              return;
            }
          }
          void message.success(t('saved', { count: saved }));
        } finally {
          setSaving(false);
          await queryClient.invalidateQueries({ queryKey: QUERY_KEY });
        }
      },
    });
  };

  return (
    <Form form={form} name={`settings-${group}`} layout="horizontal" labelCol={{ flex: '240px' }} labelWrap wrapperCol={{ flex: '1' }} initialValues={initial} disabled={!editable} style={{ maxWidth: 880 }}>
      {entries.map(([key, s]) => (
        <Form.Item
          key={key}
          name={key}
          label={s.label[lang]}
          valuePropName={s.unit === 'boolean' ? 'checked' : 'value'}
          extra={
            <>
              {s.help[lang]}
              <br />
              {t('defaultIs', { value: formatSetting(s, s.default, t, lang) })}
            </>
          }
          rules={[
            {
              validator: async (_, field: unknown) => {
                if (field === null || field === undefined || field === '') throw new Error(t('required', { label: s.label[lang] }));
                if (!inRange(s, fromField(s, field))) throw new Error(rangeMessage(s, s, t, lang));
              },
            },
          ]}
        >
          <SettingInput setting={s} lang={lang} />
        </Form.Item>
      ))}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {editable && (
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" loading={saving} onClick={() => void save()}>
              {t('save', { group: t(`groups.${group}`) })}
            </Button>
            <Button onClick={() => { form.resetFields(); setFailure(null); }}>{t('reset')}</Button>
          </Space>
        </Form.Item>
      )}
    </Form>
  );
}

/** The input for one setting's unit; Form.Item passes value/checked and onChange through. */
function SettingInput({ setting: s, lang, ...field }: { setting: Setting; lang: Locale; value?: unknown; checked?: boolean; onChange?: (v: unknown) => void; id?: string }) {
  const { t } = useTranslation('settingsForms');
  if (s.unit === 'boolean') return <Switch id={field.id} checked={!!field.checked} onChange={field.onChange} checkedChildren={t('on')} unCheckedChildren={t('off')} />;
  if (s.unit === 'enum') return <Select id={field.id} value={field.value as string} onChange={field.onChange} options={(s.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }))} style={{ maxWidth: 420 }} />;
  if (s.unit === 'text') return <Input id={field.id} value={field.value as string} onChange={(e) => field.onChange?.(e.target.value)} maxLength={s.max} style={{ maxWidth: 320 }} />;
  if (!isNumeric(s.unit)) return null;
  // No min/max on the input itself: it would silently clamp what was typed, and the operator
  // would never read the allowed range. The Form rule says it instead.
  const suffix = s.unit === 'bp' || s.unit === 'percent' ? '%' : unitWord(s.unit, t);
  return (
    <InputNumber
      id={field.id}
      value={field.value as number | null}
      onChange={(v) => field.onChange?.(v)}
      precision={decimalsOf(s.unit)}
      step={s.unit === 'fen' ? 1 : s.unit === 'bp' ? 0.5 : 1}
      prefix={s.unit === 'fen' ? '¥' : undefined}
      suffix={suffix || undefined}
      style={{ width: 220 }}
    />
  );
}
