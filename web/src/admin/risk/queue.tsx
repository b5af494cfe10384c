// The review queue: held cases with their reasons and the money at stake; select some, give a
// reason and release (pay once) or cancel them in bulk. A row opens the case with its cluster.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime, formatMoney, localText } from '../../shared/format';
import { Button, QueryView, Sheet, TextField, useErrorText, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, shortId, useRefresh } from '../kit';
import { ClusterGraph } from './graph';

const KEY = ['admin', 'risk', 'queue'];

export function RiskQueuePage() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const errorText = useErrorText();
  const refresh = useRefresh(KEY);
  const cases = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/v1/admin/risk/cases', { params: { query: { status: 'held', limit: 200 } } })) });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);

  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const review = async (action: 'release' | 'cancel') => {
    if (selected.size === 0) return setError(t('risk.queue.needSelection'));
    if (!reason.trim()) return setError(t('risk.queue.needReason'));
    setError(null);
    setBusy(true);
    try {
      const r = await call(api.POST('/api/v1/admin/risk/cases/review', { body: { ids: [...selected], action, reason: reason.trim() } }));
      toast(t('risk.queue.bulkDone', { done: r.done.length, skipped: r.skipped.length }));
      setSelected(new Set());
      setReason('');
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const recompute = async () => {
    try {
      const r = await call(api.POST('/api/v1/admin/risk/graph/recompute', {}));
      toast(t('risk.queue.recomputed', { accounts: r.accounts, flagged: r.flaggedAccounts }));
      await refresh();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <>
      <PageHead title={t('risk.queue.title')} actions={<Button variant="secondary" onClick={recompute}>{t('risk.queue.recompute')}</Button>}>
        <p className="muted small">{t('risk.queue.hint')}</p>
      </PageHead>
      <div className="row card">
        <TextField label={t('risk.queue.reason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        <Button busy={busy} onClick={() => review('release')}>{t('risk.queue.release')}</Button>
        <Button busy={busy} variant="danger" onClick={() => review('cancel')}>{t('risk.queue.cancel')}</Button>
      </div>
      <FormError>{error}</FormError>
      <QueryView query={cases} isEmpty={(d) => d.items.length === 0} empty={t('risk.queue.empty')}>
        {(d) => (
          <Table label={t('risk.queue.title')}>
            <thead>
              <tr>
                <th>
                  <input type="checkbox" aria-label={t('risk.queue.selectAll')} checked={selected.size === d.items.length} onChange={(e) => setSelected(e.target.checked ? new Set(d.items.map((c) => c.id)) : new Set())} />
                </th>
                <th>{t('risk.queue.at')}</th>
                <th>{t('risk.queue.kind')}</th>
                <th>{t('risk.queue.user')}</th>
                <th>{t('risk.queue.campaign')}</th>
                <th>{t('risk.queue.score')}</th>
                <th>{t('risk.queue.atStake')}</th>
                <th>{t('risk.queue.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((c) => (
                <tr key={c.id}>
                  <td><input type="checkbox" aria-label={t('risk.queue.select')} checked={selected.has(c.id)} onChange={() => toggle(c.id)} /></td>
                  <td className="nowrap"><button type="button" className="btn btn-ghost" onClick={() => setOpen(c.id)}>{formatDateTime(c.createdAt)}</button></td>
                  <td className="mono small">{c.actionKind}</td>
                  <td className="mono small" title={c.userId}>{shortId(c.userId)}</td>
                  <td className="mono small" title={c.campaignId ?? ''}>{c.campaignId ? shortId(c.campaignId) : '–'}</td>
                  <td>{c.score}</td>
                  <td className="nowrap">{formatMoney(c.atStake)}</td>
                  <td className="small">{localText(c.explanation.zh, c.explanation.en)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
      {open && <CaseSheet id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function CaseSheet({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const detail = useQuery({ queryKey: ['admin', 'risk', 'case', id], queryFn: () => call(api.GET('/api/v1/admin/risk/cases/{id}', { params: { path: { id } } })) });
  return (
    <Sheet open onClose={onClose} title={t('risk.queue.detail')}>
      <QueryView query={detail}>
        {(d) => (
          <div className="stack">
            <p><strong>{t('risk.queue.explanation')}</strong> {localText(d.case.explanation.zh, d.case.explanation.en)}</p>
            <p className="small">{t(`risk.status.${d.case.status}`, { defaultValue: d.case.status })} · {formatMoney(d.case.atStake)}</p>
            <h3>{t('risk.queue.cluster')}</h3>
            <p className="muted small">{t('risk.queue.clusterHint')}</p>
            {d.cluster.why && <p className="small">{t('risk.queue.why', { why: d.cluster.why })}</p>}
            <ClusterGraph cluster={d.cluster} label={t('risk.queue.cluster')} />
            <h3>{t('risk.queue.signals')}</h3>
            <pre className="mono small">{JSON.stringify(d.case.signals, null, 2)}</pre>
          </div>
        )}
      </QueryView>
    </Sheet>
  );
}
