// Live sessions: the list, latest first, and the form to schedule one (title, cover, products).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, TextField, useToast } from '../../shared/ui';
import { FormError, PageHead, Table, useDebounced, useRefresh, useSubmit } from '../kit';
import './i18n';

export const LIVE = ['admin', 'live'] as const;

/** Now plus an hour, as a datetime-local value in the browser's time. */
const inAnHour = () => {
  const d = new Date(Date.now() + 3_600_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

function ScheduleForm() {
  const { t } = useTranslation('live');
  const toast = useToast();
  const navigate = useNavigate();
  const refresh = useRefresh(LIVE);
  const [title, setTitle] = useState('');
  const [cover, setCover] = useState('');
  const [at, setAt] = useState(inAnHour);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ id: string; title: string }[]>([]);
  const q = useDebounced(search);
  const products = useQuery({ queryKey: ['admin', 'products', 'live-pick', q], queryFn: () => call(api.GET('/api/v1/admin/catalog/products', { params: { query: { q: q || undefined, status: 'active', limit: 10 } } })) });
  const { busy, error, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const made = await call(api.POST('/api/v1/admin/live/sessions', { body: { title, coverUrl: cover.trim() || null, scheduledAt: new Date(at).toISOString(), productIds: picked.map((p) => p.id) } }));
      toast(t('list.done'));
      await refresh();
      navigate(`/live/${made.id}`);
    });
  };
  return (
    <section className="card">
      <h2>{t('list.create')}</h2>
      <form className="stack" onSubmit={save} aria-label={t('list.create')}>
        <div className="row">
          <TextField label={t('list.titleField')} name="title" required maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
          <TextField label={t('list.cover')} hint={t('list.coverHint')} name="cover" value={cover} onChange={(e) => setCover(e.target.value)} />
          <TextField label={t('list.at')} name="scheduledAt" type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
        </div>
        <fieldset className="stack">
          <legend>{t('list.pick')}</legend>
          <TextField label={t('list.search')} name="productSearch" value={search} onChange={(e) => setSearch(e.target.value)} />
          <div className="row" role="group" aria-label={t('list.pick')}>
            {products.data?.items.map((p) => (
              <label key={p.id} className="row">
                <input type="checkbox" checked={picked.some((x) => x.id === p.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, { id: p.id, title: p.title }] : picked.filter((x) => x.id !== p.id))} />
                {p.title}
              </label>
            ))}
          </div>
          {picked.length > 0 && <p className="small muted">{picked.map((p) => p.title).join(' · ')}</p>}
        </fieldset>
        <div className="row"><Button type="submit" busy={busy}>{t('list.create')}</Button></div>
        <FormError>{error}</FormError>
      </form>
    </section>
  );
}

export function LiveSessionsPage() {
  const { t } = useTranslation('live');
  const list = useQuery({ queryKey: LIVE, queryFn: () => call(api.GET('/api/v1/admin/live/sessions', { params: { query: { limit: 100 } } })) });
  return (
    <>
      <PageHead title={t('list.title')}>
        <p className="muted small">{t('list.hint')}</p>
      </PageHead>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('list.empty')}>
        {(d) => (
          <Table label={t('list.title')}>
            <thead>
              <tr><th>{t('list.name')}</th><th>{t('list.status')}</th><th>{t('list.scheduled')}</th><th>{t('list.products')}</th><th>{t('list.peak')}</th></tr>
            </thead>
            <tbody>
              {d.items.map((s) => (
                <tr key={s.id} data-session={s.id}>
                  <td><Link to={`/live/${s.id}`}>{s.title}</Link></td>
                  <td><span className={`status status-${s.status === 'live' ? 'ok' : 'muted'}`}>{t(`status.${s.status}`)}</span></td>
                  <td className="nowrap">{formatDateTime(s.scheduledAt)}</td>
                  <td>{s.productIds.length}</td>
                  <td>{s.peakViewers}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
      <ScheduleForm />
    </>
  );
}
