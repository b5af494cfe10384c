// Console building blocks on top of shared/ui: cursor lists with "Load more", tables, badges,
// and confirmed actions that show the API's error in words.
import { useInfiniteQuery, useQueryClient, type QueryKey, type UseInfiniteQueryResult, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Empty, ErrorState, SelectField, Sheet, TextArea, useErrorText, useToast } from '../shared/ui';
import type { Change } from '../shared/format';
import './shell.i18n';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor-paginated list: each "Load more" fetches the page after the last one. */
export function useCursorList<P extends Page<unknown>>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<P>) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: P) => last.nextCursor ?? undefined,
  });
}

/**
 * A list's loading state: grey rows in the shape of a table (a header and `rows` lines of `columns`
 * cells), announced once as loading; it holds the list's place so the page does not jump.
 */
export function ListSkeleton({ rows = 6, columns = 5 }: { rows?: number; columns?: number }) {
  const { t } = useTranslation('shell');
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{t('skeleton')}</span>
      {Array.from({ length: rows + 1 }, (_, r) => (
        <div className="skeleton-row" key={r} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <span className="skeleton-bar" key={c} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Loading (skeleton rows), error (with retry), empty, then the rows and a "Load more" button while there are more. */
export function CursorList<P extends Page<unknown>>({ query, empty, children }: { query: UseInfiniteQueryResult<InfiniteData<P>>; empty?: ReactNode; children: (items: P['items']) => ReactNode }) {
  const { t } = useTranslation('admin');
  const error: unknown = query.error;
  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items) as P['items'];
  if (items.length === 0) return <Empty>{empty ?? t('list.empty')}</Empty>;
  return (
    <>
      {children(items)}
      <div className="list-foot">
        <span className="muted">{t('list.count', { count: items.length })}</span>
        {query.hasNextPage && (
          <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('common:more')}
          </Button>
        )}
        {query.isFetchNextPageError && <ErrorState error={error} />}
      </div>
    </>
  );
}

export function PageHead({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}

export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="table">{children}</table>
    </div>
  );
}

const TONES: Record<string, string> = {
  active: 'ok', approved: 'ok', paid: 'ok', completed: 'ok', refunded: 'muted', shipped: 'info', to_ship: 'warn', pending: 'warn', pending_payment: 'warn',
  draft: 'muted', archived: 'muted', inactive: 'muted', cancelled: 'muted', rejected: 'bad', refunding: 'warn', awaiting_team: 'info', failed: 'bad', succeeded: 'ok',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('admin');
  return <span className={`status status-${TONES[status] ?? 'info'}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

/** "19.9" → 1990 fen; null when it is not a positive amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const s = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const fen = Math.round(Number(s) * 100);
  return fen > 0 ? fen : null;
}

export const fenToYuanText = (fen: number) => (fen / 100).toFixed(2);

export function parseInteger(text: string): number | null {
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * A button that opens a dialog to confirm (and, with children, fill in) an action. `validate` runs
 * before anything is sent and returns false to keep the dialog open with its field errors shown.
 */
export function ActionButton({
  label,
  title,
  message,
  variant = 'secondary',
  confirmLabel,
  confirmVariant,
  run,
  validate,
  children,
  done,
  disabled,
  onOpen,
}: {
  label: string;
  title?: string;
  message?: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  confirmLabel?: string;
  confirmVariant?: 'primary' | 'danger';
  run: () => Promise<unknown>;
  validate?: () => boolean;
  children?: ReactNode;
  done?: string;
  disabled?: boolean;
  onOpen?: () => void;
}) {
  const { t } = useTranslation('admin');
  const errorText = useErrorText();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    if (validate && !validate()) return;
    setBusy(true);
    setError(null);
    try {
      await run();
      setOpen(false);
      toast(done ?? t('action.done'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant={variant}
        className="btn-small"
        disabled={disabled}
        onClick={() => {
          setError(null);
          onOpen?.();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Sheet open={open} onClose={() => !busy && setOpen(false)} title={title ?? label}>
        <form
          className="action-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {message && <div className="action-message">{message}</div>}
          {children}
          <FormError>{error != null && errorText(error)}</FormError>
          <div className="row row-end">
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" variant={confirmVariant ?? (variant === 'danger' ? 'danger' : 'primary')} busy={busy}>
              {confirmLabel ?? label}
            </Button>
          </div>
        </form>
      </Sheet>
    </>
  );
}

/**
 * A figure with its label; `change` adds how it moved against the period before (from
 * formatChange: ▲ 12.3% / ▼ 4.0%) and what it is compared with ("vs yesterday").
 */
export function Stat({ label, value, hint, change }: { label: string; value: ReactNode; hint?: ReactNode; change?: { text: string; direction: Change['direction']; against: string; title?: string } }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {change && (
        <div className="stat-delta" title={change.title}>
          <span className={`delta delta-${change.direction}`}>{change.text || '–'}</span>
          <span className="muted">{change.against}</span>
        </div>
      )}
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}

export const shortId = (id: string) => id.slice(0, 8);

/** A form-level error line (read out when it appears); nothing when there is no error. */
export function FormError({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p className="form-error" role="alert">
      {children}
    </p>
  );
}

/** The header cell over a column of row actions: named for screen readers only. */
export function ActionsHead() {
  const { t } = useTranslation('admin');
  return (
    <th>
      <span className="visually-hidden">{t('table.actions')}</span>
    </th>
  );
}

/** "Back" to a list page, in the page head's actions. */
export function BackLink({ to }: { to: string }) {
  const { t } = useTranslation('admin');
  return (
    <Link className="btn btn-ghost btn-small back-link" to={to}>
      {t('common:back')}
    </Link>
  );
}

/** A status filter: "All" (the empty value) and then each status by its translated name. */
export function StatusFilter<S extends string>({ label, statuses, value, onChange }: { label: string; statuses: readonly S[]; value: '' | S; onChange: (value: '' | S) => void }) {
  const { t } = useTranslation('admin');
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value as '' | S)}>
      <option value="">{t('filter.all')}</option>
      {statuses.map((s: string) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** One search parameter as state: setting it to '' removes it; the history entry is replaced. */
export function useSearchParam(key: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [params.get(key) ?? '', set];
}

/** Invalidates the given queries one after another (each key matches by prefix). */
export function useRefresh(...keys: QueryKey[]) {
  const client = useQueryClient();
  return async () => {
    for (const queryKey of keys) await client.invalidateQueries({ queryKey });
  };
}

/** The name of a category, tier, … in the current language (`nameEn` in English, `name` otherwise). */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (x: { name: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.name);
}

/**
 * A form's submit state: `submit(work)` marks it busy until `work` settles and keeps the error's
 * message (from `describe`, by default the API's error in words) for a FormError.
 */
export function useSubmit() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (work: () => Promise<unknown>, describe: (err: unknown) => string = errorText) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

/**
 * Approve (with an optional note) or reject (a note is required) one pending request: an after-sales
 * case, a promoter application or a withdrawal. `onDone` runs after either succeeds.
 */
export function NoteDecision({
  approveLabel,
  approveMessage,
  rejectLabel,
  rejectMessage,
  approve,
  reject,
  onDone,
}: {
  approveLabel: string;
  approveMessage?: string;
  rejectLabel: string;
  rejectMessage?: string;
  approve: (body: { note?: string }) => Promise<unknown>;
  reject: (body: { note: string }) => Promise<unknown>;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation('admin');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  return (
    <>
      <ActionButton
        label={approveLabel}
        variant="primary"
        message={approveMessage}
        onOpen={() => setNote('')}
        run={async () => {
          await approve(note.trim() ? { note: note.trim() } : {});
          await onDone();
        }}
      >
        <TextArea label={t('aftersales.noteOptional')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
      </ActionButton>
      <ActionButton
        label={rejectLabel}
        variant="danger"
        message={rejectMessage}
        onOpen={() => {
          setNote('');
          setNoteError(undefined);
        }}
        validate={() => {
          const err = note.trim() ? undefined : t('aftersales.noteRequired');
          setNoteError(err);
          return !err;
        }}
        run={async () => {
          await reject({ note: note.trim() });
          await onDone();
        }}
      >
        <TextArea label={t('aftersales.note')} value={note} onChange={(e) => setNote(e.target.value)} error={noteError} maxLength={500} rows={2} />
      </ActionButton>
    </>
  );
}
