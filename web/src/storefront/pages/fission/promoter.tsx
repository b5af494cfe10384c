// Promoter centre (推广中心): apply, then share links, see referees, commission, statement and withdrawals.
// Products to promote show their picture and what the promoter earns on each (赚 ¥x, by the rates
// a paid order would book); the centre says when the application was approved.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, idempotencyKey } from '../../../shared/api';
import { formatBp, formatDate, formatDateTime, formatMoney, type Money } from '../../../shared/format';
import { Button, QueryView, TextArea, TextField, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn } from '../../auth';
import { PageHeader } from '../../layout';
import { Tabs, type GetData } from './common';
import { ApprovedNotice, Overview } from './promoter.overview';

export function PromoterPage() {
  const { t } = useTranslation('fission');
  return (
    <>
      <PageHeader title={t('promoter.title')} />
      <RequireSignIn>
        <PromoterCentre />
      </RequireSignIn>
    </>
  );
}

type Centre = GetData<'/api/v1/affiliate/me'>;

function PromoterCentre() {
  const centre = useQuery({ queryKey: ['affiliate', 'me'], queryFn: () => call(api.GET('/api/v1/affiliate/me')) });
  return <QueryView query={centre}>{(c) => (c.status === 'approved' ? <Approved centre={c} /> : <Apply centre={c} />)}</QueryView>;
}

/**
 * The programme as a shopper sees it before applying (GET /affiliate/program): rates, settlement
 * and withdrawal terms. Read with a plain request: an older server without the route answers 404
 * and the page then shows the steps and rules without figures rather than failing.
 */
interface Program {
  levels: number;
  level1Bp: number;
  level2Bp: number;
  settlementDays: number;
  withdrawMin: Money;
  withdrawFeeBp: number;
}
async function fetchProgram(): Promise<Program | null> {
  const res = await fetch('/api/v1/affiliate/program', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  return (await res.json()) as Program;
}

const percent = (bp: number) => formatBp(bp);
const EXAMPLE_PRICE = 10_000;

/** What a promoter earns and how, before the form: Youzan's and Pinduoduo's recruiting pages lead with this. */
function ProgramIntro() {
  const { t } = useTranslation('fission');
  const program = useQuery({ queryKey: ['affiliate', 'program'], queryFn: fetchProgram });
  const p = program.data;
  const money = (amount: number) => formatMoney({ amount, currency: 'CNY' });
  return (
    <>
      {p && (
        <section className="card" aria-labelledby="pi-rates">
          <h2 id="pi-rates" className="fx-section-title">
            {t('promoterIntro.ratesTitle')}
          </h2>
          <ul className="fx-rates">
            <li className="fx-rate">
              <span className="fx-rate-value">{percent(p.level1Bp)}</span>
              <strong>{t('promoterIntro.level1')}</strong>
              <span className="fx-small fx-muted">{t('promoterIntro.level1Text')}</span>
            </li>
            {p.levels >= 2 && (
              <li className="fx-rate">
                <span className="fx-rate-value">{percent(p.level2Bp)}</span>
                <strong>{t('promoterIntro.level2')}</strong>
                <span className="fx-small fx-muted">{t('promoterIntro.level2Text')}</span>
              </li>
            )}
          </ul>
          <h3 className="fx-sub-title">{t('promoterIntro.exampleTitle')}</h3>
          <p className="fx-example">
            {t('promoterIntro.example', { price: money(EXAMPLE_PRICE), l1: money(Math.floor((EXAMPLE_PRICE * p.level1Bp) / 10_000)), l2: money(Math.floor((EXAMPLE_PRICE * p.level2Bp) / 10_000)) })}
          </p>
          <p className="fx-small fx-muted">{t('promoterIntro.exampleSettle', { days: p.settlementDays, min: formatMoney(p.withdrawMin) })}</p>
        </section>
      )}
      <section className="card" aria-labelledby="pi-steps">
        <h2 id="pi-steps" className="fx-section-title">
          {t('promoterIntro.stepsTitle')}
        </h2>
        <ol className="fx-steps">
          {([1, 2, 3] as const).map((n) => (
            <li key={n} className="fx-step">
              <span className="fx-step-n" aria-hidden="true">
                {n}
              </span>
              <span>
                <strong>{t(`promoterIntro.step${n}`)}</strong>
                <span className="fx-small fx-muted">{t(`promoterIntro.step${n}Text`)}</span>
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="pi-rules">
        <h2 id="pi-rules" className="fx-section-title">
          {t('promoterIntro.rulesTitle')}
        </h2>
        <ul className="fx-rules">
          {([1, 2, 3, 4] as const).map((n) => (
            <li key={n}>{t(`promoterIntro.rule${n}`)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Apply({ centre }: { centre: Centre }) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const fissionError = useErrorText();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const apply = useMutation({
    mutationFn: () => call(api.POST('/api/v1/affiliate/applications', { body: note.trim() ? { note: note.trim() } : {} })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['affiliate'] }),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (note.length > 500) return setNoteError(t('promoter.noteTooLong'));
    setNoteError(null);
    apply.mutate();
  }
  return (
    <>
      <section className="fx-pack-hero">
        <p className="fx-pack-kicker">{t('promoter.kicker')}</p>
        <h2>{t('promoter.pitch')}</h2>
        <p className="fx-small">{t('promoter.pitchText')}</p>
      </section>
      {centre.status !== 'pending' && <ProgramIntro />}
      {centre.status === 'pending' ? (
        <section className="card fx-center" role="status">
          <div className="fx-hero-emoji" aria-hidden="true">
            ⏳
          </div>
          <h2>{t('promoter.pendingTitle')}</h2>
          <p className="fx-muted">{t('promoter.pendingText')}</p>
        </section>
      ) : (
        <section className="card" aria-labelledby="apply-title">
          {centre.status === 'rejected' && (
            <p className="fx-notice" role="status">
              {t('promoter.rejected')}
            </p>
          )}
          <h2 id="apply-title" className="fx-section-title">
            {centre.status === 'rejected' ? t('promoter.applyAgain') : t('promoter.applyTitle')}
          </h2>
          <form onSubmit={submit} noValidate>
            <TextArea label={t('promoter.note')} hint={t('promoter.noteHint')} value={note} error={noteError} maxLength={600} rows={3} onChange={(e) => setNote(e.target.value)} />
            {apply.isError && (
              <p className="field-error" role="alert">
                {fissionError(apply.error)}
              </p>
            )}
            <Button type="submit" className="btn-block" busy={apply.isPending}>
              {t('promoter.apply')}
            </Button>
          </form>
        </section>
      )}
    </>
  );
}

type Tab = 'overview' | 'commissions' | 'referees' | 'withdrawals' | 'statement';

function Approved({ centre }: { centre: Centre }) {
  const { t } = useTranslation('fission');
  const [tab, setTab] = useState<Tab>('overview');
  const tot = centre.totals;
  return (
    <>
      <ApprovedNotice centre={centre} />
      <section className="fx-points-hero" aria-label={t('promoter.balance')}>
        <p className="fx-small">{t('promoter.available')}</p>
        <p className="fx-points-balance">{formatMoney(tot.available)}</p>
        <dl className="fx-stats">
          <div>
            <dt>{t('promoter.frozen')}</dt>
            <dd>{formatMoney(tot.frozen)}</dd>
          </div>
          <div>
            <dt>{t('promoter.settled')}</dt>
            <dd>{formatMoney(tot.settled)}</dd>
          </div>
          <div>
            <dt>{t('promoter.withdrawn')}</dt>
            <dd>{formatMoney(tot.withdrawn)}</dd>
          </div>
        </dl>
      </section>
      <Tabs<Tab>
        label={t('promoter.title')}
        value={tab}
        onChange={setTab}
        tabs={[
          { key: 'overview', label: t('promoter.tabs.overview') },
          { key: 'commissions', label: t('promoter.tabs.commissions') },
          { key: 'referees', label: t('promoter.tabs.referees') },
          { key: 'withdrawals', label: t('promoter.tabs.withdrawals') },
          { key: 'statement', label: t('promoter.tabs.statement') },
        ]}
      />
      {tab === 'overview' && <Overview centre={centre} />}
      {tab === 'commissions' && <Commissions />}
      {tab === 'referees' && <Referees centre={centre} />}
      {tab === 'withdrawals' && <Withdrawals available={tot.available} pending={tot.pendingWithdrawals} />}
      {tab === 'statement' && <Statement />}
    </>
  );
}

type CommissionStatus = 'frozen' | 'settled' | 'reversed';

function Commissions() {
  const { t } = useTranslation('fission');
  const [status, setStatus] = useState<CommissionStatus | 'all'>('all');
  const list = useInfiniteQuery({
    queryKey: ['affiliate', 'commissions', status],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/affiliate/me/commissions', { params: { query: { limit: 20, ...(status !== 'all' ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <section className="fx-section" aria-label={t('promoter.tabs.commissions')}>
      <div className="row fx-chips" role="group" aria-label={t('promoter.filter')}>
        {(['all', 'frozen', 'settled', 'reversed'] as const).map((s) => (
          <button key={s} type="button" className={`chip ${status === s ? 'chip-active' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t(`promoter.commissionStatus.${s}`)}
          </button>
        ))}
      </div>
      <QueryView query={list} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('promoter.noCommissions')}>
        {(d) => (
          <div className="card">
            <ul className="fx-list">
              {d.pages
                .flatMap((p) => p.items)
                .map((c) => (
                  <li key={c.id} className="fx-line">
                    <span className="fx-line-main">
                      <strong>{t('promoter.level', { level: c.level })} · {formatBp(c.rateBp)}</strong>
                      <span className="fx-small fx-muted">
                        {t('promoter.base', { amount: formatMoney(c.base) })} · {formatDateTime(c.createdAt)}
                        {c.status === 'frozen' && c.settleAt && ` · ${t('promoter.settlesOn', { date: formatDate(c.settleAt) })}`}
                      </span>
                    </span>
                    <span className="fx-stack-tight">
                      <span className="price">{formatMoney(c.net)}</span>
                      <span className="fx-status">{t(`promoter.commissionStatus.${c.status}`, { defaultValue: c.status })}</span>
                    </span>
                  </li>
                ))}
            </ul>
            {list.hasNextPage && (
              <Button variant="secondary" className="btn-block" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('common:more')}
              </Button>
            )}
          </div>
        )}
      </QueryView>
    </section>
  );
}

function Referees({ centre }: { centre: Centre }) {
  const { t } = useTranslation('fission');
  const [level, setLevel] = useState<1 | 2>(1);
  const list = useQuery({ queryKey: ['affiliate', 'referees', level], queryFn: () => call(api.GET('/api/v1/affiliate/me/referees', { params: { query: { level, limit: 100 } } })) });
  return (
    <section className="fx-section" aria-label={t('promoter.tabs.referees')}>
      <div className="row fx-chips" role="group" aria-label={t('promoter.levelFilter')}>
        {([1, 2] as const).map((l) => (
          <button key={l} type="button" className={`chip ${level === l ? 'chip-active' : ''}`} aria-pressed={level === l} onClick={() => setLevel(l)}>
            {t('promoter.levelCount', { level: l, count: l === 1 ? centre.referees.level1 : centre.referees.level2 })}
          </button>
        ))}
      </div>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('promoter.noReferees')}>
        {(d) => (
          <ul className="fx-list card">
            {d.items.map((r, i) => (
              <li key={`${r.name}-${i}`} className="fx-line">
                <span className="fx-line-main">{r.name}</span>
                <span className="fx-small fx-muted">{t('promoter.boundAt', { date: formatDate(r.boundAt) })}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function Withdrawals({ available, pending }: { available: Money; pending: Money }) {
  const { t } = useTranslation('fission');
  const client = useQueryClient();
  const toast = useToast();
  const fissionError = useErrorText();
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [minimum, setMinimum] = useState<number | null>(null);
  const key = useRef(idempotencyKey());
  const list = useInfiniteQuery({
    queryKey: ['affiliate', 'withdrawals'],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/affiliate/me/withdrawals', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const withdraw = useMutation({
    mutationFn: (fen: number) => call(api.POST('/api/v1/affiliate/withdrawals', { body: { amount: fen }, headers: { 'Idempotency-Key': key.current } })),
    onSuccess: () => {
      key.current = idempotencyKey();
      setAmount('');
      toast(t('promoter.requested'));
      void client.invalidateQueries({ queryKey: ['affiliate'] });
    },
    onError: (err) => {
      key.current = idempotencyKey();
      if (err instanceof ApiError && err.code === 'AFFILIATE_WITHDRAW_BELOW_MINIMUM' && typeof err.details?.minimum === 'number') {
        setMinimum(err.details.minimum);
        setError(t('promoter.belowMin', { amount: formatMoney({ amount: err.details.minimum, currency: available.currency }) }));
      } else setError(fissionError(err));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = amount.trim();
    if (!/^\d+(\.\d{1,2})?$/.test(text)) return setError(t('promoter.amountInvalid'));
    const fen = Math.round(Number(text) * 100);
    if (fen <= 0) return setError(t('promoter.amountInvalid'));
    if (minimum !== null && fen < minimum) return setError(t('promoter.belowMin', { amount: formatMoney({ amount: minimum, currency: available.currency }) }));
    if (fen > available.amount) return setError(t('promoter.overBalance', { amount: formatMoney(available) }));
    setError(null);
    withdraw.mutate(fen);
  }

  return (
    <>
      <section className="card" aria-labelledby="withdraw-title">
        <h2 id="withdraw-title" className="fx-section-title">
          {t('promoter.withdrawTitle')}
        </h2>
        <form onSubmit={submit} noValidate>
          <TextField
            label={t('promoter.amount')}
            inputMode="decimal"
            value={amount}
            error={error}
            hint={t('promoter.amountHint', { amount: formatMoney(available) })}
            onChange={(e) => setAmount(e.target.value)}
          />
          {pending.amount > 0 && <p className="fx-small fx-muted">{t('promoter.pendingWithdrawals', { amount: formatMoney(pending) })}</p>}
          <div className="row">
            <Button variant="secondary" onClick={() => setAmount((available.amount / 100).toFixed(2))} disabled={available.amount <= 0}>
              {t('promoter.all')}
            </Button>
            <Button type="submit" className="fx-grow" busy={withdraw.isPending} disabled={available.amount <= 0}>
              {t('promoter.withdraw')}
            </Button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="withdraw-history">
        <h2 id="withdraw-history" className="fx-section-title">
          {t('promoter.history')}
        </h2>
        <QueryView query={list} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('promoter.noWithdrawals')}>
          {(d) => (
            <>
              <ul className="fx-list">
                {d.pages
                  .flatMap((p) => p.items)
                  .map((w) => (
                    <li key={w.id} className="fx-line">
                      <span className="fx-line-main">
                        <strong>{formatMoney(w.amount)}</strong>
                        <span className="fx-small fx-muted">
                          {t('promoter.feeNet', { fee: formatMoney(w.fee), net: formatMoney(w.net) })} · {formatDateTime(w.requestedAt)}
                        </span>
                        {w.operatorNote && <span className="fx-small fx-muted">{w.operatorNote}</span>}
                      </span>
                      <span className={`fx-status fx-status-${w.status === 'paid' ? 'completed' : w.status}`}>{t(`promoter.withdrawalStatus.${w.status}`, { defaultValue: w.status })}</span>
                    </li>
                  ))}
              </ul>
              {list.hasNextPage && (
                <Button variant="secondary" className="btn-block" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('common:more')}
                </Button>
              )}
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

const monthStart = (offset: number) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth() + offset, 1);
};

function Statement() {
  const { t } = useTranslation('fission');
  const [offset, setOffset] = useState(0);
  const from = monthStart(offset);
  const to = monthStart(offset + 1);
  const statement = useQuery({
    queryKey: ['affiliate', 'statement', from.toISOString()],
    queryFn: () => call(api.GET('/api/v1/affiliate/me/statement', { params: { query: { from: from.toISOString(), to: to.toISOString() } } })),
  });
  const month = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long' }).format(from);
  const rows: [string, keyof NonNullable<typeof statement.data>][] = [
    ['opening', 'openingBalance'],
    ['commissionsSettled', 'commissionsSettled'],
    ['reversals', 'reversals'],
    ['withdrawals', 'withdrawals'],
    ['fees', 'fees'],
    ['returned', 'withdrawalsReturned'],
    ['closing', 'closingBalance'],
  ];
  return (
    <section className="card" aria-labelledby="statement-title">
      <div className="fx-month-nav">
        <Button variant="ghost" onClick={() => setOffset((o) => o - 1)} aria-label={t('promoter.prevMonth')}>
          ‹
        </Button>
        <h2 id="statement-title" className="fx-section-title">
          {t('promoter.statementFor', { month })}
        </h2>
        <Button variant="ghost" onClick={() => setOffset((o) => Math.min(0, o + 1))} disabled={offset >= 0} aria-label={t('promoter.nextMonth')}>
          ›
        </Button>
      </div>
      <QueryView query={statement}>
        {(s) => (
          <table className="fx-table">
            <tbody>
              {rows.map(([label, field]) => {
                const value = s[field] as Money;
                return (
                  <tr key={label} className={label === 'closing' ? 'fx-table-total' : undefined}>
                    <th scope="row">{t(`promoter.statement.${label}`)}</th>
                    <td>{formatMoney(value)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}
