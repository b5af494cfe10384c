// The sensitive-word list: add (or change the action of) a word, remove one, and try a text.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, QueryView, SelectField, TextArea, TextField, useToast } from '../../shared/ui';
import { ActionButton, FormError, PageHead, Table, useRefresh, useSubmit } from '../kit';
import { Reasons, Sentiment, WORDS } from './common';
import './i18n';

type Action = 'hold' | 'refuse';
type Preview = { verdict: string; text: string; sentiment: number; reasons: { code: string; words?: string[] }[] };

function AddWord() {
  const { t } = useTranslation('moderation');
  const toast = useToast();
  const refresh = useRefresh(WORDS);
  const [word, setWord] = useState('');
  const [action, setAction] = useState<Action>('hold');
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await call(api.POST('/api/v1/admin/moderation/words', { body: { word: word.trim(), action, note: note.trim() || null } }));
      toast(t('words.added'));
      setWord('');
      setNote('');
      await refresh();
    });
  };
  return (
    <form className="row" onSubmit={save} aria-label={t('words.add')}>
      <TextField label={t('words.word')} name="word" required maxLength={40} value={word} onChange={(e) => setWord(e.target.value)} />
      <SelectField label={t('words.action')} name="action" value={action} onChange={(e) => setAction(e.target.value as Action)}>
        <option value="hold">{t('words.hold')}</option>
        <option value="refuse">{t('words.refuse')}</option>
      </SelectField>
      <TextField label={t('words.note')} name="note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
      <Button type="submit" busy={busy}>{t('words.add')}</Button>
      <FormError>{error}</FormError>
    </form>
  );
}

function TryIt() {
  const { t } = useTranslation('moderation');
  const [text, setText] = useState('');
  const [result, setResult] = useState<Preview | null>(null);
  const { busy, error, submit } = useSubmit();
  const check = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => setResult(await call(api.POST('/api/v1/admin/moderation/preview', { body: { text } }))));
  };
  return (
    <section className="card">
      <h2>{t('words.preview')}</h2>
      <form className="stack" onSubmit={check} aria-label={t('words.preview')}>
        <TextArea label={t('words.previewHint')} name="text" rows={3} required maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="row"><Button type="submit" variant="secondary" busy={busy}>{t('words.check')}</Button></div>
        <FormError>{error}</FormError>
      </form>
      {result && (
        <p className="row wrap" data-testid="preview-result">
          <strong>{t('words.verdict')}：{t(`words.verdicts.${result.verdict}`, { defaultValue: result.verdict })}</strong>
          <Sentiment value={result.sentiment} />
          <Reasons reasons={result.reasons} />
        </p>
      )}
    </section>
  );
}

export function WordsPage() {
  const { t } = useTranslation('moderation');
  const refresh = useRefresh(WORDS);
  const list = useQuery({ queryKey: WORDS, queryFn: () => call(api.GET('/api/v1/admin/moderation/words')) });
  return (
    <>
      <PageHead title={t('words.title')}>
        <p className="muted small">{t('words.hint')}</p>
      </PageHead>
      <section className="card"><AddWord /></section>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('words.empty')}>
        {(d) => (
          <Table label={t('words.title')}>
            <thead><tr><th>{t('words.word')}</th><th>{t('words.action')}</th><th>{t('words.note')}</th><th>{t('words.created')}</th><th /></tr></thead>
            <tbody>
              {d.items.map((w) => (
                <tr key={w.id} data-word={w.word}>
                  <td>{w.word}</td>
                  <td><span className={`status status-${w.action === 'refuse' ? 'bad' : 'warn'}`}>{t(`words.${w.action}`)}</span></td>
                  <td className="muted">{w.note}</td>
                  <td className="nowrap">{formatDateTime(w.createdAt)}</td>
                  <td>
                    <ActionButton label={t('words.remove')} variant="ghost" confirmVariant="danger" message={w.word} done={t('words.removed')}
                      run={() => call(api.DELETE('/api/v1/admin/moderation/words/{id}', { params: { path: { id: w.id } } })).then(refresh)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
      <TryIt />
    </>
  );
}
