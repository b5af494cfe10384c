// The blacklist: devices, IPs and CIDR ranges, phones, card fingerprints and addresses that are
// blocked at every level; add with a note, remove (both audited on the server).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, SelectField, TextField, useToast } from '../../shared/ui';
import { ActionButton, FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';

const KEY = ['admin', 'risk', 'blacklist'];
const KINDS = ['device', 'ip', 'phone', 'card', 'address'] as const;
type Kind = (typeof KINDS)[number];

export function RiskBlacklistPage() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const refresh = useRefresh(KEY);
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/risk/blacklist', {})) });
  const [kind, setKind] = useState<Kind>('device');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await call(api.POST('/api/v1/admin/risk/blacklist', { body: { kind, value: value.trim(), note: note.trim() } }));
      setValue('');
      setNote('');
      toast(t('risk.blacklist.added'));
      await refresh();
    });
  };
  return (
    <>
      <PageHead title={t('risk.blacklist.title')}>
        <p className="muted small">{t('risk.blacklist.hint')}</p>
      </PageHead>
      <form className="row card" onSubmit={add} aria-label={t('risk.blacklist.add')}>
        <SelectField label={t('risk.blacklist.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`risk.blacklist.kinds.${k}`)}</option>)}
        </SelectField>
        <TextField label={t('risk.blacklist.value')} name="value" required maxLength={300} value={value} onChange={(e) => setValue(e.target.value)} />
        <TextField label={t('risk.blacklist.note')} name="note" required maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
        <Button type="submit" busy={busy}>{t('risk.blacklist.add')}</Button>
      </form>
      <FormError>{error}</FormError>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('risk.blacklist.empty')}>
        {(d) => (
          <Table label={t('risk.blacklist.title')}>
            <thead>
              <tr><th>{t('risk.blacklist.kind')}</th><th>{t('risk.blacklist.value')}</th><th>{t('risk.blacklist.note')}</th><th>{t('risk.blacklist.at')}</th><th /></tr>
            </thead>
            <tbody>
              {d.items.map((b) => (
                <tr key={b.id}>
                  <td>{t(`risk.blacklist.kinds.${b.kind}`, { defaultValue: b.kind })}</td>
                  <td className="mono small">{b.value}</td>
                  <td className="small">{b.note}</td>
                  <td className="nowrap">{formatDateTime(b.createdAt)}</td>
                  <td>
                    <ActionButton label={t('risk.blacklist.remove')} variant="ghost" confirmVariant="danger" done={t('risk.blacklist.removed')}
                      run={async () => { await call(api.DELETE('/api/v1/admin/risk/blacklist/{id}', { params: { path: { id: b.id } } })); await refresh(); }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}
